import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { isPlainObject } from '../../validation';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { buildAttachSkill, palSkillPath, skillOutput } from './palSkills';
import { personaIdParameter } from './personaId';
import { attachSkillProperties, readSkillValues } from './skillFields';

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
	const personaId = readId(this, itemIndex, personaIdParameter);
	const values = readSkillValues(this, itemIndex, [
		'otherSkill',
		'documentIds',
		'slidesTrigger',
		'prompt',
		'components',
		'config',
	]);
	const { skillId, body } = buildForItem(this, itemIndex, () => buildAttachSkill(values));
	// Attaching overwrites: sending it twice has the effect of once.
	const response = await tavusApiRequest.call(this, {
		method: 'PUT',
		path: palSkillPath(personaId, skillId),
		body,
		itemIndex,
		idempotent: true,
	});
	const attachment = isPlainObject(response.body) ? response.body : {};
	return skillOutput(personaId, attachment, skillId);
}
