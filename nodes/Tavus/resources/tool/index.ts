import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { returnAllAndLimit } from '../../fields/common';
import { getParameter } from '../../parameters';
import { paginate } from '../../transport/paginate';
import { tavusApiRequest } from '../../transport/request';
import type { TavusOperation, TavusResource } from '../../types';
import { isPlainObject, toNumber } from '../../validation';
import { buildForItem } from '../common';
import {
	createObject,
	createOperation,
	deleteOperation,
	getOperation,
	objectPath,
	readId,
} from '../crud';
import { operationOption } from '../operationOption';
import { type NamedList, upsertOperation } from '../upsert';
import { buildToolBody, buildToolUpdate, toolChanges } from './buildToolBody';
import {
	deliveryParameterNames,
	deliveryProperties,
	deliveryPropertiesWhen,
	toolChangeDeliveryProperty,
	toolCoreProperties,
	toolFilters,
	toolIdParameter,
	toolUpdateFieldsProperty,
} from './fields';

const TOOLS = '/v2/tools';
const at = objectPath(TOOLS);

/** The account's own tools, by their exact name (1-based pages, every page: matched here). */
const toolList: NamedList = {
	path: TOOLS,
	qs: { type: 'user' },
	firstPage: 1,
	idKey: 'tool_id',
	nameKey: 'name',
};

const CORE_NAMES = toolCoreProperties.map((property) => property.name);

function readValues(context: IExecuteFunctions, itemIndex: number, names: string[]): IDataObject {
	const all = [...toolCoreProperties, ...deliveryProperties];
	const values: IDataObject = {};
	for (const name of names) {
		const fallback = all.find((property) => property.name === name)?.default;
		values[name] = getParameter(context, name, itemIndex, fallback) as IDataObject[string];
	}
	return values;
}

/** Reads and checks one item's tool (Create, Create or Update). Nothing is sent when it throws. */
function readTool(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const values = readValues(context, itemIndex, [...CORE_NAMES, ...deliveryParameterNames]);
	return buildForItem(context, itemIndex, () => buildToolBody(values));
}

/** Tavus's merge PATCH (not JSON Patch): only the keys sent change. */
async function patchTool(
	context: IExecuteFunctions,
	toolId: string,
	changes: IDataObject,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const response = await tavusApiRequest.call(context, {
		method: 'PATCH',
		path: at(toolId),
		body: changes,
		itemIndex,
		// The same values merged twice have the effect of once.
		idempotent: true,
	});
	return isPlainObject(response.body) ? response.body : undefined;
}

const create = createOperation({
	option: operationOption(
		'create',
		'tool',
		'Add a tool to the account’s tool registry: a function the PAL can call in a conversation (or a post-call action), delivered as an app message or to your API. Returns tool_id.',
	),
	creates: 'tool',
	path: TOOLS,
	read: readTool,
});

const createOrUpdate = upsertOperation({
	option: operationOption(
		'createOrUpdate',
		'tool',
		'Find a tool by its exact name and update what differs (merge PATCH), or create it if none exists. Safe to run repeatedly: never creates duplicates.',
	),
	read: readTool,
	// Found: the tool itself (as Create outputs it), with the action and what changed.
	found: 'tool',
	upsert: (context, itemIndex, body) => ({
		name: String(body.name),
		list: toolList,
		update: async (toolId, existing) => {
			const changes = toolChanges(existing, body);
			if (Object.keys(changes).length === 0)
				return { action: 'unchanged', changes, tool: existing };
			const updated = await patchTool(context, toolId, changes, itemIndex);
			return { action: 'updated', changes, tool: updated ?? { ...existing, ...changes } };
		},
		create: async () => await createObject(context, TOOLS, 'tool', body, itemIndex),
	}),
});

const update: TavusOperation = {
	option: operationOption(
		'update',
		'tool',
		'Change fields of a tool by tool_id (merge PATCH: only the fields given change; a new delivery replaces the old one whole)',
	),
	properties: [
		toolIdParameter.property,
		toolUpdateFieldsProperty,
		toolChangeDeliveryProperty,
		...deliveryPropertiesWhen({ toolChangeDelivery: [true] }),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const toolId = readId(this, itemIndex, toolIdParameter);
		const updateFields = getParameter(this, 'updateFields', itemIndex, {}) as IDataObject;
		const delivery = getParameter(this, 'toolChangeDelivery', itemIndex, false)
			? readValues(this, itemIndex, deliveryParameterNames)
			: undefined;
		const body = buildForItem(this, itemIndex, () => buildToolUpdate(updateFields, delivery));
		return (await patchTool(this, toolId, body, itemIndex)) ?? { tool_id: toolId, ...body };
	},
};

/** Does a listed tool match the Name or ID filter (name contains, any case; or exactly the ID)? */
function matchesNameOrId(tool: IDataObject, text: string): boolean {
	const needle = text.toLowerCase();
	return (
		String(tool.name ?? '')
			.toLowerCase()
			.includes(needle) || String(tool.tool_id ?? '').toLowerCase() === needle
	);
}

const getAll: TavusOperation = {
	option: operationOption(
		'getAll',
		'tool',
		'List the tools of the tool registry (yours, Tavus’s system tools, or both), optionally filtered by name or ID',
	),
	properties: [...returnAllAndLimit, toolFilters],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const returnAll = getParameter(this, 'returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: buildForItem(this, itemIndex, () =>
					toNumber('Limit', getParameter(this, 'limit', itemIndex, 50), { integer: true, min: 1 }),
				);
		const filters = getParameter(this, 'filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		for (const key of ['type', 'sort']) if (filters[key]) qs[key] = filters[key];
		const text = typeof filters.nameOrUuid === 'string' ? filters.nameOrUuid.trim() : '';
		if (!text) {
			return await paginate.call(this, { path: TOOLS, qs, firstPage: 1, limit, itemIndex });
		}
		// The filter's query name is not documented: sent as name_or_uuid (as other Tavus lists
		// name it) and applied here too, so a server that ignores it never returns other tools.
		qs.name_or_uuid = text;
		let found = 0;
		const seen = await paginate.call(this, {
			path: TOOLS,
			qs,
			firstPage: 1,
			itemIndex,
			until: (tool) => limit !== undefined && matchesNameOrId(tool, text) && ++found >= limit,
		});
		const matching = seen.filter((tool) => matchesNameOrId(tool, text));
		return limit === undefined ? matching : matching.slice(0, limit);
	},
};

export const tool: TavusResource = {
	option: {
		name: 'Tool',
		value: 'tool',
		description:
			'A function in the account’s tool registry that PALs can call in a conversation or after it (app message or API delivery)',
	},
	defaultOperation: 'create',
	operations: [
		create,
		createOrUpdate,
		deleteOperation({
			option: operationOption(
				'delete',
				'tool',
				'Delete a tool by tool_id (it is detached from every PAL and its name becomes free). System tools cannot be deleted.',
			),
			id: toolIdParameter,
			path: (id) => `${TOOLS}/${id}`,
			idKey: 'tool_id',
		}),
		getOperation({
			option: operationOption(
				'get',
				'tool',
				'Get one tool by tool_id (a system tool by its name, like end_call); auth secrets come back as ********',
			),
			id: toolIdParameter,
			path: (id) => `${TOOLS}/${id}`,
		}),
		getAll,
		update,
	],
	shared: [
		{
			first: true,
			operations: ['create', 'createOrUpdate'],
			properties: [...toolCoreProperties, ...deliveryProperties],
		},
	],
};
