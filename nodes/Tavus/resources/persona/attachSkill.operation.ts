import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../types';
import { buildAttachSkill } from './palSkills';
import { personaIdParameter } from './personaId';
import { sendSkillChange } from './skillRequest';
import { attachSkillProperties } from './skillFields';

export const option: OperationOption = {
	name: 'Attach Skill',
	value: 'attachSkill',
	action: 'Attach a skill to a persona',
	description:
		'Attach a Tavus skill (internet search, presentation, Magic Canvas, ...) to a persona (PAL) with its configuration; a skill already attached gets the new configuration. Takes effect from the next conversation.',
};

export const properties: INodeProperties[] = [
	personaIdParameter.property,
	...attachSkillProperties(),
];

/** PUT /v2/pals/{id}/skills/{skill_id} {"config": {...}}; outputs the attachment. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await sendSkillChange(
		this,
		itemIndex,
		'PUT',
		['otherSkill', 'documentIds', 'slidesTrigger', 'prompt', 'components', 'config'],
		buildAttachSkill,
	);
}
