import { operationOption } from '../operationOption';
import { updateOperation } from '../upsert';
import { objectivesIdParameter } from './fields';
import { readObjectives, updateObjectivesTo } from './objectivesApi';

/**
 * PATCH /v2/objectives/{id}. In Objectives mode the set is read first and only what differs is
 * sent; an empty diff and Tavus's 304 are reported as action "unchanged".
 */
export const update = updateOperation({
	option: operationOption(
		'update',
		'objectives set',
		'Change the objectives of a set by objectives_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
	),
	id: objectivesIdParameter,
	idKey: 'objectives_id',
	path: (objectivesId) => `/v2/objectives/${objectivesId}`,
	fieldsMode: {
		name: 'Objectives',
		description:
			'Give the whole set as in Create; the node reads the set and sends a JSON Patch of what differs',
	},
	patchOperations: {
		placeholder: '[{"op": "replace", "path": "/data/0/objective_prompt", "value": "New prompt"}]',
		description:
			'RFC 6902 operations on the set as Get returns it: paths like /data/0/objective_prompt (the first objective) or /data/1/callback_url',
	},
	update: async (context, itemIndex, objectivesId) =>
		await updateObjectivesTo(context, objectivesId, readObjectives(context, itemIndex), itemIndex),
});
