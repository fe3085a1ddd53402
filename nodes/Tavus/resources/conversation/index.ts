import { operationOption } from '../operationOption';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { verboseProperty, verboseQuery } from '../../fields/common';
import type { TavusResource } from '../../types';
import { deleteOperation, getOperation, listOperation } from '../crud';
import { conversationIdParameter } from './conversationId';
import * as create from './create.operation';
import * as end from './end.operation';
import { getParameter } from '../../parameters';

const includeEventsProperty = verboseProperty(
	'Include Events',
	'Whether to include the conversation events (replica joined, transcript, perception analysis, shutdown)',
);

const conversationFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Active', value: 'active' },
				{ name: 'Ended', value: 'ended' },
			],
			default: 'active',
			description: 'Only conversations with this status',
		},
	],
};

export const conversation: TavusResource = {
	option: {
		name: 'Conversation',
		value: 'conversation',
		description: 'A live video call between people and a replica driven by a persona',
	},
	defaultOperation: 'create',
	operations: [
		create,
		deleteOperation({
			option: operationOption(
				'delete',
				'conversation',
				'Delete a conversation by conversation_id (optionally with all its assets)',
			),
			id: conversationIdParameter,
			path: (id) => `/v2/conversations/${id}`,
			idKey: 'conversation_id',
			hardDelete: true,
		}),
		end,
		getOperation({
			option: operationOption(
				'get',
				'conversation',
				'Get one conversation by conversation_id, optionally with its events (transcript, shutdown reason)',
			),
			id: conversationIdParameter,
			path: (id) => `/v2/conversations/${id}`,
			extraProperties: [includeEventsProperty],
			query: verboseQuery,
		}),
		listOperation({
			option: operationOption(
				'getAll',
				'conversation',
				'List conversations, optionally only active or ended ones',
			),
			path: '/v2/conversations',
			firstPage: 1,
			filterProperties: [conversationFilters],
			query: (context, itemIndex) => {
				const filters = getParameter(context, 'filters', itemIndex, {}) as IDataObject;
				return filters.status ? { status: filters.status } : {};
			},
		}),
	],
};
