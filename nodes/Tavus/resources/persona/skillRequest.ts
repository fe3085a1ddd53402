import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import { isPlainObject } from '../../validation';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { palSkillPath, skillOutput } from './palSkills';
import { personaIdParameter } from './personaId';
import { readSkillValues } from './skillFields';

/**
 * Attach Skill (PUT, overwrites) and Update Skill (PATCH, a merge): reads the persona and the
 * skill fields named, builds the body with the pure `build`, sends it and outputs the attachment.
 * Both have the effect of once when sent twice, so they are retried like reads.
 */
export async function sendSkillChange(
	context: IExecuteFunctions,
	itemIndex: number,
	method: 'PUT' | 'PATCH',
	names: string[],
	build: (values: ReturnType<typeof readSkillValues>) => { skillId: string; body: IDataObject },
): Promise<IDataObject> {
	const personaId = readId(context, itemIndex, personaIdParameter);
	const values = readSkillValues(context, itemIndex, names);
	const { skillId, body } = buildForItem(context, itemIndex, () => build(values));
	const response = await tavusApiRequest.call(context, {
		method,
		path: palSkillPath(personaId, skillId),
		body,
		itemIndex,
		idempotent: true,
	});
	const attachment = isPlainObject(response.body) ? response.body : {};
	return skillOutput(personaId, attachment, skillId);
}
