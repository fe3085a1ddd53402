import { operationOption } from '../operationOption';
import type { IDataObject } from 'n8n-workflow';
import { filtersProperty, sortProperty } from '../../fields/common';
import type { TavusResource } from '../../types';
import { toEnum, toText } from '../../validation';
import { buildForItem } from '../common';
import { listOperation } from '../crud';
import { getParameter } from '../../parameters';

const voiceFilters = filtersProperty([
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. ann',
		description: 'Only voices whose voice_name contains this text (any case)',
	},
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		default: '',
		placeholder: 'e.g. female',
		description: 'Only voices whose replica has this tag (any case)',
	},
]);

const voiceSort = sortProperty(
	[
		['A to Z', 'asc'],
		['Z to A', 'desc'],
	],
	'Order by voice_name',
);

export const voice: TavusResource = {
	option: {
		name: 'Voice',
		value: 'voice',
		description: 'A Tavus stock voice, used to train a replica (Face) from an image',
	},
	defaultOperation: 'getAll',
	operations: [
		listOperation({
			option: operationOption(
				'getAll',
				'voice',
				'List the Tavus stock voices (voice_name, preview audio_url, tags). A voice_name is what Replica → Create needs to train a replica (Face) from an image.',
			),
			path: '/v2/voices',
			firstPage: 1,
			filterProperties: [voiceFilters, voiceSort],
			query: (context, itemIndex, filters) => {
				const sort = getParameter(context, 'sort', itemIndex, 'asc');
				return buildForItem(context, itemIndex, () => {
					const query: IDataObject = {};
					const search =
						filters.search === undefined ? '' : toText('Filters › Search', filters.search).trim();
					const tag = filters.tag === undefined ? '' : toText('Filters › Tag', filters.tag).trim();
					if (search) query.search = search;
					if (tag) query.tag = tag;
					query.sort = toEnum('Sort', sort, ['asc', 'desc']);
					return query;
				});
			},
		}),
	],
};
