import { operationOption } from '../operationOption';
import type { IDataObject } from 'n8n-workflow';
import { groupProperty } from '../../fields/bodyFields';
import { personaCoreFields } from '../../fields/persona';
import { buildForItem } from '../common';
import { updateOperation } from '../upsert';
import { buildPersonaBody } from './buildPersonaBody';
import { readPersonaParameters } from './fields';
import { attachAfterWrite, readToolIds, writtenAs } from './palTools';
import { updatePersonaTo } from './personaApi';
import { personaIdParameter } from './personaId';
import { maskPatch, removableFieldOptions } from './personaPatch';
import { getParameter } from '../../parameters';

/**
 * PATCH /v2/personas/{id}. In Fields mode the persona is read first and only what differs is
 * sent (replace where a value exists, add where it does not, remove what was asked); Tavus's
 * 304 and an empty diff are reported as action "unchanged". Then the Tools (if any) are attached.
 */
export const update = updateOperation({
	option: operationOption(
		'update',
		'persona',
		'Change fields of a persona by persona_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
	),
	id: personaIdParameter,
	idKey: 'persona_id',
	path: (personaId) => `/v2/personas/${personaId}`,
	mask: maskPatch,
	fieldsMode: {
		description:
			'Set fields as in Create; the node reads the persona and sends a JSON Patch of what differs',
	},
	fieldsProperties: [
		groupProperty({
			api: '',
			property: {
				displayName: 'Update Fields',
				name: 'updateFields',
				description: "The persona's own fields to change",
			},
			fields: personaCoreFields,
		}),
		{
			displayName: 'Fields to Remove',
			name: 'fieldsToRemove',
			type: 'multiOptions',
			options: removableFieldOptions(),
			default: [],
			description: 'Fields (or whole layers) to remove from the persona',
		},
	],
	patchOperations: {
		placeholder: '[{"op": "replace", "path": "/persona_name", "value": "New name"}]',
		description:
			'RFC 6902 operations: op (add, remove, replace, copy, move, test), path (a JSON Pointer into the persona as Get returns it) and value',
	},
	update: async (context, itemIndex, personaId) => {
		const updateFields = getParameter(context, 'updateFields', itemIndex, {}) as IDataObject;
		const remove = getParameter(context, 'fieldsToRemove', itemIndex, []) as string[];
		const parameters = await readPersonaParameters(context, itemIndex, updateFields);
		const desired = buildForItem(context, itemIndex, () =>
			buildPersonaBody(parameters, { requireSystemPrompt: false }),
		);
		return await updatePersonaTo(context, personaId, desired, remove, itemIndex);
	},
	// The Tools (read before anything is sent) are attached after the patch.
	after: (context, itemIndex) => {
		const toolIds = readToolIds(context, itemIndex);
		return async (output) =>
			await attachAfterWrite(
				context,
				itemIndex,
				toolIds,
				output,
				writtenAs(output.action),
				'Update',
			);
	},
});
