import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { readId } from '../crud';
import { palToolsPath, toolsOf } from './palTools';
import { personaIdParameter } from './personaId';

export const option: OperationOption = {
	name: 'Get Tools',
	value: 'getTools',
	action: 'Get the tools of a persona',
	description:
		'List the registry tools attached to a persona (PAL) by persona_id, one item per tool. Legacy inline tools (in the layers) and system tools are not listed.',
};

export const properties: INodeProperties[] = [personaIdParameter.property];

/** GET /v2/pals/{id}/tools (not paginated: at most 50); one output item per tool. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const response = await tavusApiRequest.call(this, {
		method: 'GET',
		path: palToolsPath(personaId),
		itemIndex,
	});
	return toolsOf(response.body);
}
