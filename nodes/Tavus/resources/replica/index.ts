import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { replicaLocatorOptions, tavusLocator } from '../../fields/locators';
import type { TavusResource } from '../../types';
import { getOperation, type IdParameter, listOperation } from '../crud';

export const replicaIdParameter: IdParameter = {
	property: tavusLocator({ ...replicaLocatorOptions, name: 'replica', displayName: 'Replica', required: true }),
};

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['replica'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a replica',
			description: 'Get one replica (Face) by replica_id, with its training status',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many replicas',
			description: 'List replicas (Faces): your own and Tavus stock replicas',
		},
	],
	default: 'get',
};

const verboseProperty: INodeProperties = {
	displayName: 'Verbose',
	name: 'verbose',
	type: 'boolean',
	default: false,
	description: 'Whether to include extra fields such as replica_type',
};

const replicaFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Model Name',
			name: 'modelName',
			type: 'string',
			default: '',
			placeholder: 'e.g. phoenix-4',
			description: 'Only replicas trained with this model',
		},
		{
			displayName: 'Replica Type',
			name: 'replicaType',
			type: 'options',
			options: [
				{ name: 'User', value: 'user', description: 'Replicas this account trained' },
				{ name: 'System', value: 'system', description: 'Tavus stock replicas' },
			],
			default: 'user',
			description: 'Whether to list your own replicas or Tavus stock replicas',
		},
		{
			displayName: 'Verbose',
			name: 'verbose',
			type: 'boolean',
			default: false,
			description: 'Whether to include extra fields such as replica_type',
		},
	],
};

export const replica: TavusResource = {
	operationProperty,
	operations: {
		get: getOperation({
			resource: 'replica',
			operation: 'get',
			id: replicaIdParameter,
			path: (id) => `/v2/replicas/${id}`,
			extraProperties: [verboseProperty],
			query: (context, itemIndex) =>
				context.getNodeParameter('verbose', itemIndex, false) ? { verbose: true } : {},
		}),
		getAll: listOperation({
			resource: 'replica',
			operation: 'getAll',
			path: '/v2/replicas',
			firstPage: 1,
			filterProperties: [replicaFilters],
			query: (context, itemIndex) => {
				const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
				const query: IDataObject = {};
				if (filters.replicaType) query.replica_type = filters.replicaType;
				if (filters.modelName) query.model_name = filters.modelName;
				if (filters.verbose) query.verbose = true;
				return query;
			},
		}),
	},
};
