import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { readId } from '../crud';
import { readSkillId, skillLocator } from '../skill/fields';
import { palSkillPath } from './palSkills';
import { personaIdParameter } from './personaId';

export const option: OperationOption = {
	name: 'Detach Skill',
	value: 'detachSkill',
	action: 'Detach a skill from a persona',
	description:
		'Detach one skill from a persona (PAL) by persona_id and skill_id; takes effect from the next conversation',
};

const skillProperty = skillLocator({
	name: 'skill',
	displayName: 'Skill',
	description:
		'The skill to detach. Pick it from the list, or give its skill_id (e.g. {{ $json.skill_id }}).',
});

export const properties: INodeProperties[] = [personaIdParameter.property, skillProperty];

/**
 * DELETE /v2/pals/{id}/skills/{skill_id} (204, or 200). What Tavus answers for a skill that is
 * not attached is not documented: an error, except on a retry of an attempt that may have
 * detached it already.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const skillId = readSkillId(this, itemIndex, skillProperty);
	await tavusApiRequest.call(this, {
		method: 'DELETE',
		path: palSkillPath(personaId, skillId),
		itemIndex,
		alreadyDoneStatuses: [400, 404],
	});
	return { detached: true, persona_id: personaId, skill_id: skillId };
}
