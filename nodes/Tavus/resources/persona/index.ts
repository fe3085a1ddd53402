import { operationOption } from '../operationOption';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { maskPersonaSecrets } from '../../transport/secrets';
import { hiddenInPatchMode } from '../../fields/updateMode';
import type { TavusResource } from '../../types';
import { deleteOperation, getOperation, listOperation } from '../crud';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import { personaCoreProperties, personaGroupProperties } from './fields';
import { personaIdParameter } from './personaId';
import { unwrapPersona } from './personaPatch';
import * as update from './update.operation';
import { getParameter } from '../../parameters';

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
	option: {
		name: 'Persona',
		value: 'persona',
		description:
			'A persona (PAL in the Tavus app): how the replica thinks, speaks, sees and listens',
	},
	defaultOperation: 'create',
	operations: [
		create,
		createOrUpdate,
		deleteOperation({
			option: operationOption('delete', 'persona', 'Delete a persona by its persona_id'),
			id: personaIdParameter,
			path: (id) => `/v2/personas/${id}`,
			idKey: 'persona_id',
		}),
		getOperation({
			option: operationOption('get', 'persona', 'Get one persona with its layers by persona_id'),
			id: personaIdParameter,
			path: (id) => `/v2/personas/${id}`,
			output: maskedPersona,
		}),
		listOperation({
			option: operationOption(
				'getAll',
				'persona',
				'List the account’s personas (or Tavus stock personas), one item per persona',
			),
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
	],
	shared: [
		{ operations: ['create', 'createOrUpdate'], properties: personaCoreProperties() },
		{
			operations: ['create', 'createOrUpdate', 'update'],
			properties: hiddenInPatchMode(personaGroupProperties()),
		},
	],
};
