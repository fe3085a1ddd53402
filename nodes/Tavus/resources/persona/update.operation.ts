import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { groupProperty } from '../../fields/bodyFields';
import { personaCoreFields } from '../../fields/persona';
import { parsePatchOperations } from '../../jsonPatch';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { buildPersonaBody } from './buildPersonaBody';
import { readPersonaParameters } from './fields';
import { sendPersonaPatch, updatePersonaTo } from './personaApi';
import { personaIdParameter } from './personaId';
import { removableFieldOptions } from './personaPatch';
import { getParameter } from '../../parameters';
import type { OperationOption } from '../../types';

const updateFieldsProperty: INodeProperties = {
	...groupProperty({
		api: '',
		property: {
			displayName: 'Update Fields',
			name: 'updateFields',
			description: "The persona's own fields to change",
		},
		fields: personaCoreFields,
	}),
	displayOptions: { show: { updateMode: ['fields'] } },
};

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a persona',
	description:
		'Change fields of a persona by persona_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
};

export const properties: INodeProperties[] = [
	personaIdParameter.property,
	{
		displayName: 'Update Mode',
		name: 'updateMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Fields',
				value: 'fields',
				description:
					'Set fields as in Create; the node reads the persona and sends a JSON Patch of what differs',
			},
			{
				name: 'JSON Patch',
				value: 'jsonPatch',
				description: 'Send RFC 6902 JSON Patch operations exactly as given',
			},
		],
		default: 'fields',
	},
	updateFieldsProperty,
	{
		displayName: 'Fields to Remove',
		name: 'fieldsToRemove',
		type: 'multiOptions',
		options: removableFieldOptions(),
		default: [],
		description: 'Fields (or whole layers) to remove from the persona',
		displayOptions: { show: { updateMode: ['fields'] } },
	},
	{
		displayName: 'Patch Operations (JSON)',
		name: 'patchOperations',
		type: 'json',
		default: '[]',
		placeholder: '[{"op": "replace", "path": "/persona_name", "value": "New name"}]',
		description:
			'RFC 6902 operations: op (add, remove, replace, copy, move, test), path (a JSON Pointer into the persona as Get returns it) and value',
		displayOptions: { show: { updateMode: ['jsonPatch'] } },
	},
];

/**
 * PATCH /v2/personas/{id}. In Fields mode the persona is read first and only what differs is
 * sent (replace where a value exists, add where it does not, remove what was asked); Tavus's
 * 304 and an empty diff are reported as action "unchanged".
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const personaId = readId(this, itemIndex, personaIdParameter);
	const mode = getParameter(this, 'updateMode', itemIndex, 'fields') as string;
	if (mode === 'jsonPatch') {
		const raw = getParameter(this, 'patchOperations', itemIndex);
		const patch = buildForItem(this, itemIndex, () =>
			parsePatchOperations('Patch Operations (JSON)', raw),
		);
		const outcome = await sendPersonaPatch(this, personaId, patch, itemIndex);
		return { persona_id: personaId, ...outcome };
	}
	const updateFields = getParameter(this, 'updateFields', itemIndex, {}) as IDataObject;
	const remove = getParameter(this, 'fieldsToRemove', itemIndex, []) as string[];
	const parameters = await readPersonaParameters(this, itemIndex, updateFields);
	const desired = buildForItem(this, itemIndex, () =>
		buildPersonaBody(parameters, { requireSystemPrompt: false }),
	);
	const outcome = await updatePersonaTo(this, personaId, desired, remove, itemIndex);
	return { persona_id: personaId, ...outcome };
}
