import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../types';
import { buildUpdateSkill } from './palSkills';
import { personaIdParameter } from './personaId';
import { sendSkillChange } from './skillRequest';
import { updateSkillProperties } from './skillFields';

export const option: OperationOption = {
	name: 'Update Skill',
	value: 'updateSkill',
	action: 'Update a skill of a persona',
	description:
		'Change the configuration of a skill attached to a persona (PAL): the keys given replace, the others are kept, Remove Keys removes keys. Sent as {"config": {...}} (the Tavus docs leave open whether the partial config is wrapped). The skill must be attached.',
};

export const properties: INodeProperties[] = [
	personaIdParameter.property,
	...updateSkillProperties(),
];

/** PATCH /v2/pals/{id}/skills/{skill_id} {"config": {<partial>}} (a merge); outputs the attachment. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await sendSkillChange(
		this,
		itemIndex,
		'PATCH',
		['otherSkill', 'updateFields', 'components', 'config', 'removeKeys'],
		buildUpdateSkill,
	);
}
