import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../types';
import { ParameterError } from '../../validation';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { attachTools, readToolIds, toolIdsProperty } from './palTools';
import { personaIdParameter } from './personaId';

export const option: OperationOption = {
	name: 'Attach Tools',
	value: 'attachTools',
	action: 'Attach tools to a persona',
	description:
		'Attach tools of the tool registry to a persona (PAL) by persona_id; tools already attached stay attached. Up to 50 tools per persona.',
};

export const properties: INodeProperties[] = [
	personaIdParameter.property,
	toolIdsProperty(
		'The tools to attach (sent as tool_ids). Create them with the Tool resource. The output lists them under tools.',
	),
];

/** POST /v2/pals/{id}/tools; outputs { persona_id, tools: [tool, ...] } as Tavus reports them. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const toolIds = readToolIds(this, itemIndex);
	if (toolIds.length === 0) {
		buildForItem(this, itemIndex, () => {
			throw new ParameterError('Tools', 'needs at least one tool', 'Add a tool, or give its ID.');
		});
	}
	const tools = await attachTools(this, personaId, toolIds, itemIndex);
	return { persona_id: personaId, tools };
}
