import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getParameter } from '../../parameters';
import { tavusApiRequest } from '../../transport/request';
import { readSyncSettings, syncItem, type SyncDescriptor } from '../sync';
import { createPersona, readNewPersona } from './create.operation';
import { personaList, sendPersonaPatch } from './personaApi';
import { buildPersonaPatch, maskPatch, unwrapPersona } from './personaPatch';

/** Persona as a Sync descriptor: the account's own personas, matched by persona_name. */
export const personaSync: SyncDescriptor = {
	noun: 'persona',
	list: personaList,
	nameField: 'Persona Name',
	// Stock personas: the list's `persona_type=user` query should leave them out; never trusted alone.
	stock: (item) => item.persona_type === 'system' || item.pal_type === 'system',
	createdAtKey: 'created_at',
	diff: (current, desired) => buildPersonaPatch(current, desired),
	maskPatch,
	read: async (context, id, itemIndex) => {
		const response = await tavusApiRequest.call(context, {
			method: 'GET',
			path: `/v2/personas/${id}`,
			itemIndex,
		});
		return unwrapPersona(response.body);
	},
	create: async (context, desired, itemIndex) => await createPersona(context, desired, itemIndex),
	patch: async (context, id, patch, itemIndex) =>
		(await sendPersonaPatch(context, id, patch, itemIndex)).action,
	remove: async (context, id, itemIndex) => {
		await tavusApiRequest.call(context, {
			method: 'DELETE',
			path: `/v2/personas/${id}`,
			itemIndex,
			// A retry answered 400 "Invalid persona_id" / 404: the first attempt deleted it.
			alreadyDoneStatuses: [400, 404],
		});
	},
};

export const option = {
	name: 'Sync',
	value: 'sync',
	action: 'Sync a set of personas',
	description:
		'Bring the account’s personas to a desired set (one item per persona, the fields of Create): plan, apply, optionally prune. Reads the persona list once per execution.',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'syncMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Plan',
				value: 'plan',
				description:
					'Output what would change (create, update with the diff, unchanged, delete), sending nothing',
			},
			{
				name: 'Apply',
				value: 'apply',
				description: 'Make the changes and output each persona with its ID and outcome',
			},
		],
		default: 'plan',
		description: 'Whether to only plan the changes or to make them',
	},
	{
		displayName: 'Scope (Name Prefix)',
		name: 'scopePrefix',
		type: 'string',
		default: '',
		placeholder: 'e.g. fleet-',
		description:
			'Only personas whose names start with this are managed: matched, and with Prune deleted when not desired. Every desired Persona Name must start with it. Empty: all of the account’s own personas (Tavus stock personas are never touched).',
	},
	{
		displayName: 'Prune',
		name: 'prune',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the personas in scope that no input item names (and extra copies of a name). Refused when the desired set is empty, an item has no Persona Name or a name repeats. Runs only after every item succeeded.',
	},
];

/**
 * Sync: one execution brings the account's personas (within the Scope) to the input items. The
 * persona list is read once per execution; each item then plans or applies its own persona, the
 * last item the prune (resources/sync.ts).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await syncItem(this, itemIndex, {
		descriptor: personaSync,
		settings: () => readSyncSettings(this),
		name: (index) => String(getParameter(this, 'personaName', index, '') ?? ''),
		desired: async (index) => await readNewPersona(this, index),
	});
}
