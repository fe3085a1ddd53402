import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { isPlainObject } from '../../validation';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { buildUpdateSkill, palSkillPath, skillOutput } from './palSkills';
import { personaIdParameter } from './personaId';
import { readSkillValues, updateSkillProperties } from './skillFields';

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
	const personaId = readId(this, itemIndex, personaIdParameter);
	const values = readSkillValues(this, itemIndex, [
		'otherSkill',
		'updateFields',
		'components',
		'config',
		'removeKeys',
	]);
	const { skillId, body } = buildForItem(this, itemIndex, () => buildUpdateSkill(values));
	// A merge of given values: applying it twice has the effect of once.
	const response = await tavusApiRequest.call(this, {
		method: 'PATCH',
		path: palSkillPath(personaId, skillId),
		body,
		itemIndex,
		idempotent: true,
	});
	const attachment = isPlainObject(response.body) ? response.body : {};
	return skillOutput(personaId, attachment, skillId);
}
