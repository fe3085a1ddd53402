import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { readId } from '../crud';
import { palSkillsPath, skillAttachmentsOf, skillOutput } from './palSkills';
import { personaIdParameter } from './personaId';

export const option: OperationOption = {
	name: 'Get Skills',
	value: 'getSkills',
	action: 'Get the skills of a persona',
	description:
		'List the skills attached to a persona (PAL) by persona_id, one item per skill: skill_id, config, attached_at, updated_at',
};

export const properties: INodeProperties[] = [personaIdParameter.property];

/** GET /v2/pals/{id}/skills ({"data": {<skill_id>: attachment}}); one output item per skill. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const response = await tavusApiRequest.call(this, {
		method: 'GET',
		path: palSkillsPath(personaId),
		itemIndex,
	});
	return skillAttachmentsOf(response.body).map((attachment) => skillOutput(personaId, attachment));
}
