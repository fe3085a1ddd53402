import { filtersProperty, verboseProperty, verboseQuery } from '../../fields/common';
import type { TavusResource } from '../../types';
import { objectOperations } from '../crud';
import { conversationIdParameter } from './conversationId';
import * as create from './create.operation';
import * as end from './end.operation';
import * as sendAppMessage from './sendAppMessage.operation';

const includeEventsProperty = verboseProperty(
	'Include Events',
	'Whether to include the conversation events (replica joined, transcript, perception analysis, shutdown)',
);

const conversationFilters = filtersProperty([
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
]);

export const conversation: TavusResource = {
	option: {
		name: 'Conversation',
		value: 'conversation',
		description: 'A live video call between people and a replica driven by a persona',
	},
	defaultOperation: 'create',
	operations: [
		create,
		...objectOperations({
			noun: 'conversation',
			path: '/v2/conversations',
			id: conversationIdParameter,
			idKey: 'conversation_id',
			delete: {
				description: 'Delete a conversation by conversation_id (optionally with all its assets)',
				hardDelete: true,
			},
			get: {
				description:
					'Get one conversation by conversation_id, optionally with its events (transcript, shutdown reason)',
				extraProperties: [includeEventsProperty],
				query: verboseQuery,
			},
			getAll: {
				description: 'List conversations, optionally only active or ended ones',
				filterProperties: [conversationFilters],
				filterKeys: { status: 'status' },
			},
		}),
		end,
		sendAppMessage,
	],
};
