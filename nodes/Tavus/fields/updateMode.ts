import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parsePatchOperations, type PatchOperation } from '../jsonPatch';
import { getParameter } from '../parameters';
import { buildForItem } from '../resources/common';

const jsonPatchMode = {
	name: 'JSON Patch',
	value: 'jsonPatch',
	description: 'Send RFC 6902 JSON Patch operations exactly as given',
};

/** Update's mode switch: set fields (the node sends a JSON Patch of what differs) or raw JSON Patch. */
export function updateModeProperty(
	fieldsDescription: string,
	fieldsName = 'Fields',
): INodeProperties {
	const fieldsMode = { name: fieldsName, value: 'fields', description: fieldsDescription };
	return {
		displayName: 'Update Mode',
		name: 'updateMode',
		type: 'options',
		noDataExpression: true,
		options: [fieldsMode, jsonPatchMode],
		default: 'fields',
	};
}

/** The raw operations of JSON Patch mode. */
export function patchOperationsProperty(options: {
	placeholder: string;
	description: string;
}): INodeProperties {
	return {
		displayName: 'Patch Operations (JSON)',
		name: 'patchOperations',
		type: 'json',
		default: '[]',
		placeholder: options.placeholder,
		description: options.description,
		displayOptions: { show: { updateMode: ['jsonPatch'] } },
	};
}

/** Hides properties in JSON Patch mode (keeping their other conditions). */
export const hiddenInPatchMode = (properties: INodeProperties[]): INodeProperties[] =>
	properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, hide: { updateMode: ['jsonPatch'] } },
	}));

/** Shows properties in Fields mode only (keeping their other conditions). */
export const shownInFieldsMode = (properties: INodeProperties[]): INodeProperties[] =>
	properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, updateMode: ['fields'] },
		},
	}));

/** The operations to send as given in JSON Patch mode (validated per item); undefined in Fields mode. */
export function readPatchOperations(
	context: IExecuteFunctions,
	itemIndex: number,
): PatchOperation[] | undefined {
	if (getParameter(context, 'updateMode', itemIndex, 'fields') !== 'jsonPatch') return undefined;
	const raw = getParameter(context, 'patchOperations', itemIndex);
	return buildForItem(context, itemIndex, () =>
		parsePatchOperations('Patch Operations (JSON)', raw),
	);
}
