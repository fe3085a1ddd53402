import { operationOption } from '../operationOption';
import { hiddenInPatchMode } from '../../fields/updateMode';
import type { TavusResource } from '../../types';
import { deleteOperation, getOperation, listOperation } from '../crud';
import { unwrapData } from './buildObjectives';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import { objectivesIdParameter, objectivesSetProperties } from './fields';
import * as update from './update.operation';

export const objective: TavusResource = {
	option: {
		name: 'Objective',
		value: 'objective',
		description:
			'A set of objectives a conversation works through, each with a prompt and what follows',
	},
	defaultOperation: 'create',
	operations: [
		create,
		createOrUpdate,
		deleteOperation({
			option: operationOption(
				'delete',
				'objectives set',
				'Delete an objectives set by objectives_id',
			),
			id: objectivesIdParameter,
			path: (id) => `/v2/objectives/${id}`,
			idKey: 'objectives_id',
		}),
		getOperation({
			option: operationOption(
				'get',
				'objectives set',
				'Get one objectives set with all its objectives by objectives_id',
			),
			id: objectivesIdParameter,
			path: (id) => `/v2/objectives/${id}`,
			output: unwrapData,
		}),
		listOperation({
			option: operationOption(
				'getAll',
				'objectives set',
				'List the account’s objectives sets, one item per set',
			),
			path: '/v2/objectives',
			firstPage: 1,
		}),
		update,
	],
	shared: [
		{
			operations: ['create', 'createOrUpdate', 'update'],
			properties: hiddenInPatchMode(objectivesSetProperties()),
		},
	],
};
