import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../fields/display';
import { maskPersonaSecrets } from '../../transport/secrets';
import type { TavusResource } from '../../types';
import { deleteOperation, getOperation, listOperation } from '../crud';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import { personaCoreProperties, personaGroupProperties } from './fields';
import { personaIdParameter } from './personaId';
import { unwrapPersona } from './personaPatch';
import * as update from './update.operation';
import { getParameter } from '../../parameters';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['persona'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a persona',
			description:
				'Create a persona (PAL): system prompt, default replica and the LLM, TTS, STT, perception and conversational-flow layers. Returns persona_id.',
		},
		{
			name: 'Create or Update',
			value: 'createOrUpdate',
			action: 'Create or update a persona by name',
			description:
				'Find a persona by its exact name and update it to these fields, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a persona',
			description: 'Delete a persona by its persona_id',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a persona',
			description: 'Get one persona with its layers by persona_id',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many personas',
			description: 'List the account’s personas (or Tavus stock personas), one item per persona',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a persona',
			description:
				'Change fields of a persona by persona_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
		},
	],
	default: 'create',
};

const personaFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Persona Type',
			name: 'personaType',
			type: 'options',
			options: [
				{ name: 'User', value: 'user', description: 'Personas this account created' },
				{ name: 'System', value: 'system', description: 'Tavus stock personas' },
			],
			default: 'user',
			description: 'Whether to list your own personas or Tavus stock personas',
		},
	],
};

const maskedPersona = (body: unknown) => maskPersonaSecrets(unwrapPersona(body));

export const persona: TavusResource = {
	operationProperty,
	operations: {
		create,
		createOrUpdate,
		delete: deleteOperation({
			resource: 'persona',
			operation: 'delete',
			id: personaIdParameter,
			path: (id) => `/v2/personas/${id}`,
			idKey: 'persona_id',
		}),
		get: getOperation({
			resource: 'persona',
			operation: 'get',
			id: personaIdParameter,
			path: (id) => `/v2/personas/${id}`,
			output: maskedPersona,
		}),
		getAll: listOperation({
			resource: 'persona',
			operation: 'getAll',
			path: '/v2/personas',
			firstPage: 1,
			filterProperties: [personaFilters],
			query: (context, itemIndex) => {
				const filters = getParameter(context, 'filters', itemIndex, {}) as IDataObject;
				return filters.personaType ? { persona_type: filters.personaType } : {};
			},
			output: (item) => maskPersonaSecrets(item),
		}),
		update,
	},
	sharedProperties: [
		...showFor('persona', ['create', 'createOrUpdate'], personaCoreProperties()),
		...showFor('persona', ['create', 'createOrUpdate', 'update'], personaGroupProperties()).map(
			(property) => ({
				...property,
				displayOptions: { ...property.displayOptions, hide: { updateMode: ['jsonPatch'] } },
			}),
		),
	],
};
