import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getParameter } from '../../parameters';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { toBoolean } from '../../validation';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { buildReplaceSkills, LABELS, palSkillsPath, skillAttachmentsOf } from './palSkills';
import { personaIdParameter } from './personaId';

export const option: OperationOption = {
	name: 'Replace Skills',
	value: 'replaceSkills',
	action: 'Replace the skills of a persona',
	description:
		'Set the whole list of skills of a persona (PAL): the skills given are attached with their configuration, every other skill is detached',
};

export const properties: INodeProperties[] = [
	personaIdParameter.property,
	{
		displayName: LABELS.skills,
		name: 'skills',
		type: 'json',
		required: true,
		default: '{\n  "internet_search": {}\n}',
		placeholder:
			'{"internet_search": {}, "presentation": {"config": {"document_ids": ["d8-5c71baca86fc"]}}}',
		description:
			'Every skill the persona keeps: skill_id → {} or {"config": {...}} (sent as skills). Skills not listed are detached. Also takes a list of attachments, e.g. the skills of Get Skills.',
	},
	{
		displayName: 'Detach All',
		name: 'detachAll',
		type: 'boolean',
		default: false,
		description:
			'Whether an empty Skills map may be sent, detaching every skill of the persona. Off, an empty map is refused, so a broken input never removes the skills.',
	},
];

/** PUT /v2/pals/{id}/skills {"skills": {...}}; outputs { persona_id, skills: [attachment, ...] }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const skills = getParameter(this, 'skills', itemIndex, '');
	const detachAll = getParameter(this, 'detachAll', itemIndex, false);
	const body = buildForItem(this, itemIndex, () =>
		buildReplaceSkills(skills, toBoolean('Detach All', detachAll)),
	);
	// The same whole list twice has the effect of once.
	const response = await tavusApiRequest.call(this, {
		method: 'PUT',
		path: palSkillsPath(personaId),
		body,
		itemIndex,
		idempotent: true,
	});
	return { persona_id: personaId, skills: skillAttachmentsOf(response.body) };
}
