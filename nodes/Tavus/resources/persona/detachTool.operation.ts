import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { readId } from '../crud';
import { toolIdParameter } from '../tool/fields';
import { palToolsPath } from './palTools';
import { personaIdParameter } from './personaId';

export const option: OperationOption = {
	name: 'Detach Tool',
	value: 'detachTool',
	action: 'Detach a tool from a persona',
	description:
		'Detach one tool from a persona (PAL) by persona_id and tool_id. The tool stays in the tool registry.',
};

export const properties: INodeProperties[] = [
	personaIdParameter.property,
	{
		...toolIdParameter.property,
		description:
			'The tool to detach. Pick it from the list, or give its tool_id (e.g. {{ $json.tool_id }}).',
	},
];

/**
 * DELETE /v2/pals/{id}/tools/{tool_id} (204). Tavus answers 400 "Tool not attached to this PAL"
 * when it is not (also for an unknown persona or tool): an error, except on a retry of an
 * attempt that may have detached it already.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const toolId = readId(this, itemIndex, toolIdParameter);
	await tavusApiRequest.call(this, {
		method: 'DELETE',
		path: `${palToolsPath(personaId)}/${toolId}`,
		itemIndex,
		alreadyDoneStatuses: [400],
	});
	return { detached: true, persona_id: personaId, tool_id: toolId };
}
