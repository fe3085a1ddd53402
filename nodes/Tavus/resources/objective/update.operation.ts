import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	patchOperationsProperty,
	readPatchOperations,
	updateModeProperty,
} from '../../fields/updateMode';
import { readId } from '../crud';
import { sendJsonPatch } from '../upsert';
import { objectivesIdParameter } from './fields';
import { readObjectives, updateObjectivesTo } from './objectivesApi';

export const option = operationOption(
	'update',
	'objectives set',
	'Change the objectives of a set by objectives_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
);

export const properties: INodeProperties[] = [
	objectivesIdParameter.property,
	updateModeProperty(
		'Give the whole set as in Create; the node reads the set and sends a JSON Patch of what differs',
		'Objectives',
	),
	patchOperationsProperty({
		placeholder: '[{"op": "replace", "path": "/data/0/objective_prompt", "value": "New prompt"}]',
		description:
			'RFC 6902 operations on the set as Get returns it: paths like /data/0/objective_prompt (the first objective) or /data/1/callback_url',
	}),
];

/**
 * PATCH /v2/objectives/{id}. In Objectives mode the set is read first and only what differs is
 * sent; an empty diff and Tavus's 304 are reported as action "unchanged".
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const objectivesId = readId(this, itemIndex, objectivesIdParameter);
	const patch = readPatchOperations(this, itemIndex);
	if (patch) {
		const outcome = await sendJsonPatch(this, `/v2/objectives/${objectivesId}`, patch, itemIndex);
		return { objectives_id: objectivesId, ...outcome };
	}
	const objectives = readObjectives(this, itemIndex);
	const outcome = await updateObjectivesTo(this, objectivesId, objectives, itemIndex);
	return { objectives_id: objectivesId, ...outcome };
}
