import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import type { SearchSource } from '../methods/listSearch';
import { getParameter } from '../parameters';
import { filtersProperty, sortProperty } from './common';
import type { NamedList } from '../resources/upsert';

/**
 * The Filters of a Get Many with Tavus's server-side list filters (documents, individual
 * guardrails): Name or ID (`name_or_uuid`), Sort, `extra` filters, and Tags (a multi-select
 * loaded by `tagsMethod`). `plural` names the listed objects ("documents").
 */
export function listFilters(options: {
	plural: string;
	nameOrId: Pick<INodeProperties, 'displayName' | 'placeholder' | 'description'>;
	sortDescription: string;
	extra?: INodeProperties[];
	tagsMethod: string;
	displayOptions?: IDisplayOptions;
}): INodeProperties {
	const { plural, nameOrId, displayOptions } = options;
	const filters = filtersProperty([
		{
			displayName: nameOrId.displayName,
			name: 'nameOrUuid',
			type: 'string',
			default: '',
			placeholder: nameOrId.placeholder,
			description: nameOrId.description,
		},
		sortProperty(
			[
				['Ascending', 'ascending'],
				['Descending', 'descending'],
			],
			options.sortDescription,
		),
		...(options.extra ?? []),
		{
			displayName: 'Tag Names or IDs',
			name: 'tags',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: options.tagsMethod },
			default: [],
			description: `Only ${plural} carrying any of these tags. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
	]);
	return displayOptions ? { ...filters, displayOptions } : filters;
}

/**
 * The query of one item's `listFilters`, added to `query`: name_or_uuid, the filters named in
 * `also` (e.g. status), sort, and tags comma-separated.
 */
export function readListFilters(
	context: IExecuteFunctions,
	itemIndex: number,
	query: IDataObject = {},
	also: string[] = [],
): IDataObject {
	const filters = getParameter(context, 'filters', itemIndex, {}) as IDataObject;
	if (typeof filters.nameOrUuid === 'string' && filters.nameOrUuid.trim())
		query.name_or_uuid = filters.nameOrUuid.trim();
	for (const key of [...also, 'sort']) if (filters[key]) query[key] = filters[key];
	const tags = Array.isArray(filters.tags)
		? filters.tags
		: typeof filters.tags === 'string'
			? filters.tags.split(',')
			: [];
	const list = tags.map((tag) => String(tag).trim()).filter((tag) => tag !== '');
	if (list.length) query.tags = list.join(',');
	return query;
}

/** The list of `source` narrowed by its server-side name search, for Create or Update by name. */
export function nameSearchList(source: SearchSource, name: string): NamedList {
	const { path, qs, firstPage, idKey, nameKey, searchKey } = source;
	const search = searchKey && name ? { [searchKey]: name } : {};
	return { path, qs: { ...qs, ...search }, firstPage, idKey, nameKey };
}
