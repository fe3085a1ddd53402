import { hiddenInPatchMode } from '../../fields/updateMode';
import type { TavusResource } from '../../types';
import { objectOperations } from '../crud';
import { unwrapData } from './buildObjectives';
import * as create from './create.operation';
import { createOrUpdate } from './createOrUpdate.operation';
import { objectivesIdParameter, objectivesSetProperties } from './fields';
import { update } from './update.operation';

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
		...objectOperations({
			noun: 'objectives set',
			path: '/v2/objectives',
			id: objectivesIdParameter,
			idKey: 'objectives_id',
			delete: { description: 'Delete an objectives set by objectives_id' },
			get: {
				description: 'Get one objectives set with all its objectives by objectives_id',
				output: unwrapData,
			},
			getAll: { description: 'List the account’s objectives sets, one item per set' },
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
