import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { groupProperty } from '../../fields/bodyFields';
import { personaCoreFields } from '../../fields/persona';
import {
	patchOperationsProperty,
	readPatchOperations,
	shownInFieldsMode,
	updateModeProperty,
} from '../../fields/updateMode';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { buildPersonaBody } from './buildPersonaBody';
import { readPersonaParameters } from './fields';
import { attachAfterWrite, readToolIds, writtenAs } from './palTools';
import { sendPersonaPatch, updatePersonaTo } from './personaApi';
import { personaIdParameter } from './personaId';
import { removableFieldOptions } from './personaPatch';
import { getParameter } from '../../parameters';

export const option = operationOption(
	'update',
	'persona',
	'Change fields of a persona by persona_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
);

export const properties: INodeProperties[] = [
	personaIdParameter.property,
	updateModeProperty(
		'Set fields as in Create; the node reads the persona and sends a JSON Patch of what differs',
	),
	...shownInFieldsMode([
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
	]),
	patchOperationsProperty({
		placeholder: '[{"op": "replace", "path": "/persona_name", "value": "New name"}]',
		description:
			'RFC 6902 operations: op (add, remove, replace, copy, move, test), path (a JSON Pointer into the persona as Get returns it) and value',
	}),
];

/**
 * PATCH /v2/personas/{id}. In Fields mode the persona is read first and only what differs is
 * sent (replace where a value exists, add where it does not, remove what was asked); Tavus's
 * 304 and an empty diff are reported as action "unchanged". Then the Tools (if any) are attached.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const toolIds = readToolIds(this, itemIndex);
	const attach = async (output: IDataObject) =>
		await attachAfterWrite(this, itemIndex, toolIds, output, writtenAs(output.action));
	const patch = readPatchOperations(this, itemIndex);
	if (patch) {
		const outcome = await sendPersonaPatch(this, personaId, patch, itemIndex);
		return await attach({ persona_id: personaId, ...outcome });
	}
	const updateFields = getParameter(this, 'updateFields', itemIndex, {}) as IDataObject;
	const remove = getParameter(this, 'fieldsToRemove', itemIndex, []) as string[];
	const parameters = await readPersonaParameters(this, itemIndex, updateFields);
	const desired = buildForItem(this, itemIndex, () =>
		buildPersonaBody(parameters, { requireSystemPrompt: false }),
	);
	const outcome = await updatePersonaTo(this, personaId, desired, remove, itemIndex);
	return await attach({ persona_id: personaId, ...outcome });
}
