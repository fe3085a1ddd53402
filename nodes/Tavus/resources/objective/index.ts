import type { INodeProperties } from 'n8n-workflow';
import { showFor } from '../../fields/display';
import type { TavusResource } from '../../types';
import { deleteOperation, getOperation, listOperation } from '../crud';
import { unwrapData } from './buildObjectives';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import { objectivesIdParameter, objectivesSetProperties } from './fields';
import * as update from './update.operation';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['objective'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create an objectives set',
			description:
				'Create a set of objectives (goals a conversation works through, each with a prompt and the objective that follows). Returns objectives_id, which a persona takes as objectives_id.',
		},
		{
			name: 'Create or Update',
			value: 'createOrUpdate',
			action: 'Create or update an objectives set by name',
			description:
				'Find the objectives set whose first objective has this name and update it to these objectives, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete an objectives set',
			description: 'Delete an objectives set by objectives_id',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an objectives set',
			description: 'Get one objectives set with all its objectives by objectives_id',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many objectives sets',
			description: 'List the account’s objectives sets, one item per set',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update an objectives set',
			description:
				'Change the objectives of a set by objectives_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
		},
	],
	default: 'create',
};

export const objective: TavusResource = {
	operationProperty,
	operations: {
		create,
		createOrUpdate,
		delete: deleteOperation({
			resource: 'objective',
			operation: 'delete',
			id: objectivesIdParameter,
			path: (id) => `/v2/objectives/${id}`,
			idKey: 'objectives_id',
		}),
		get: getOperation({
			resource: 'objective',
			operation: 'get',
			id: objectivesIdParameter,
			path: (id) => `/v2/objectives/${id}`,
			output: unwrapData,
		}),
		getAll: listOperation({
			resource: 'objective',
			operation: 'getAll',
			path: '/v2/objectives',
			firstPage: 1,
		}),
		update,
	},
	sharedProperties: showFor(
		'objective',
		['create', 'createOrUpdate', 'update'],
		objectivesSetProperties(),
	).map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, hide: { updateMode: ['jsonPatch'] } },
	})),
};
