import { operationOption } from '../operationOption';
import type { IDataObject } from 'n8n-workflow';
import {
	filtersProperty,
	stockTypeFilter,
	verboseProperty,
	verboseQuery,
} from '../../fields/common';
import { replicaLocatorOptions, tavusLocator } from '../../fields/locators';
import type { TavusResource } from '../../types';
import { toStringList, toTavusId } from '../../validation';
import { buildForItem } from '../common';
import { createOperation, type IdParameter, objectOperations, renameOperation } from '../crud';
import { buildReplicaBody } from './buildReplicaBody';
import { withReplicaNames } from './faceNames';
import { replicaNameProperty, replicaTables } from './fields';

/**
 * Faces are what Tavus now calls replicas: the documented paths (tavus-api-2026-11.md §8) serve
 * the same objects as /v2/replicas. Outputs carry both names (withReplicaNames).
 */
const FACES = '/v2/faces';

const replicaIdParameter: IdParameter = {
	property: tavusLocator({
		...replicaLocatorOptions,
		name: 'replica',
		displayName: 'Replica',
		required: true,
	}),
};

const replicaVerboseProperty = verboseProperty(
	'Verbose',
	'Whether to include extra fields such as replica_type',
);

const replicaFilters = filtersProperty([
	{
		displayName: 'Model Name',
		name: 'modelName',
		type: 'string',
		default: '',
		placeholder: 'e.g. phoenix-4',
		description: 'Only replicas trained with this model',
	},
	{
		displayName: 'Replica IDs',
		name: 'replicaIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. r90bbd427f71, r79e1c033f',
		description: 'Only these replicas (comma-separated replica_ids)',
	},
	stockTypeFilter('Replica', 'replicas', 'Replicas this account trained'),
	replicaVerboseProperty,
]);

export const replica: TavusResource = {
	option: {
		name: 'Replica (Face)',
		value: 'replica',
		description: 'A replica (Face in the Tavus app): the face and voice a persona speaks through',
	},
	defaultOperation: 'get',
	operations: [
		createOperation({
			option: operationOption(
				'create',
				'replica',
				'Train a new replica (Face in the Tavus app) from a training video URL, or from an image URL plus a stock voice (POST /v2/faces). Returns face_id (also as replica_id) with status started; training takes hours (use a Callback URL or Get later).',
			),
			creates: 'replica',
			path: FACES,
			tables: replicaTables,
			build: buildReplicaBody,
			output: withReplicaNames,
		}),
		...objectOperations({
			noun: 'replica',
			path: FACES,
			id: replicaIdParameter,
			idKey: ['face_id', 'replica_id'],
			delete: {
				description:
					'Delete one of your replicas (Faces) by replica_id, optionally with its training footage (hard delete, irreversible)',
				hardDelete: true,
			},
			get: {
				description: 'Get one replica (Face) by replica_id, with its training status',
				extraProperties: [replicaVerboseProperty],
				query: verboseQuery,
				output: (body) => withReplicaNames(body as IDataObject),
			},
			getAll: {
				description: 'List replicas (Faces): your own and Tavus stock replicas',
				filterProperties: [replicaFilters],
				filterKeys: { replicaType: 'face_type', modelName: 'model_name' },
				output: withReplicaNames,
				query: (context, itemIndex, filters) => {
					const query: IDataObject = {};
					if (filters.verbose) query.verbose = true;
					if (filters.replicaIds !== undefined) {
						const ids = buildForItem(context, itemIndex, () =>
							toStringList('Filters › Replica IDs', filters.replicaIds, true).map((id, index) =>
								toTavusId(`Filters › Replica IDs (entry ${index + 1})`, id),
							),
						);
						if (ids.length) query.face_ids = ids.join(',');
					}
					return query;
				},
			},
		}),
		renameOperation({
			option: operationOption(
				'rename',
				'replica',
				'Change the name (face_name) of one of your replicas (Faces) by its ID',
			),
			id: replicaIdParameter,
			path: (id) => `${FACES}/${id}/name`,
			idKey: 'face_id',
			nameKey: 'face_name',
			nameProperty: replicaNameProperty,
			output: withReplicaNames,
		}),
	],
};
