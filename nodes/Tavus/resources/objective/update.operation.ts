import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parsePatchOperations } from '../../jsonPatch';
import type { OperationOption } from '../../types';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { sendJsonPatch } from '../upsert';
import { objectivesIdParameter } from './fields';
import { readObjectives, updateObjectivesTo } from './objectivesApi';
import { getParameter } from '../../parameters';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update an objectives set',
	description:
		'Change the objectives of a set by objectives_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
};

export const properties: INodeProperties[] = [
	objectivesIdParameter.property,
	{
		displayName: 'Update Mode',
		name: 'updateMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Objectives',
				value: 'fields',
				description:
					'Give the whole set as in Create; the node reads the set and sends a JSON Patch of what differs',
			},
			{
				name: 'JSON Patch',
				value: 'jsonPatch',
				description: 'Send RFC 6902 JSON Patch operations exactly as given',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Patch Operations (JSON)',
		name: 'patchOperations',
		type: 'json',
		default: '[]',
		placeholder: '[{"op": "replace", "path": "/data/0/objective_prompt", "value": "New prompt"}]',
		description:
			'RFC 6902 operations on the set as Get returns it: paths like /data/0/objective_prompt (the first objective) or /data/1/callback_url',
		displayOptions: { show: { updateMode: ['jsonPatch'] } },
	},
];

/**
 * PATCH /v2/objectives/{id}. In Objectives mode the set is read first and only what differs is
 * sent; an empty diff and Tavus's 304 are reported as action "unchanged".
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const objectivesId = readId(this, itemIndex, objectivesIdParameter);
	const mode = getParameter(this, 'updateMode', itemIndex, 'fields') as string;
	if (mode === 'jsonPatch') {
		const raw = getParameter(this, 'patchOperations', itemIndex);
		const patch = buildForItem(this, itemIndex, () =>
			parsePatchOperations('Patch Operations (JSON)', raw),
		);
		const outcome = await sendJsonPatch(this, `/v2/objectives/${objectivesId}`, patch, itemIndex);
		return { objectives_id: objectivesId, ...outcome };
	}
	const objectives = readObjectives(this, itemIndex);
	const outcome = await updateObjectivesTo(this, objectivesId, objectives, itemIndex);
	return { objectives_id: objectivesId, ...outcome };
}
