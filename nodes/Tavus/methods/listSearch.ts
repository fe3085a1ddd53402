import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { readPage } from '../transport/paginate';
import { tavusApiRequest } from '../transport/request';

export interface SearchSource {
	path: string;
	qs?: IDataObject;
	firstPage: 0 | 1;
	idKey: string;
	nameKey: string;
	/** Extra words shown after the name (e.g. "stock"). */
	describe?: (item: IDataObject) => string | undefined;
	url?: (id: string) => string;
}

const PAGE_SIZE = 100;

/**
 * One page of a Tavus list, filtered by the search text (name or ID, case-insensitive).
 * Tavus lists have no name search, so the filter applies to each fetched page; the
 * pagination token is the next page number. Failures are thrown, so the editor shows why
 * (bad key, unreachable base URL) instead of an empty list.
 */
export async function searchList(
	context: ILoadOptionsFunctions,
	source: SearchSource,
	filter?: string,
	paginationToken?: string | number,
): Promise<INodeListSearchResult> {
	const page = paginationToken !== undefined && paginationToken !== '' ? Number(paginationToken) : source.firstPage;
	const response = await tavusApiRequest.call(context, {
		method: 'GET',
		path: source.path,
		qs: { ...source.qs, limit: PAGE_SIZE, page },
	});
	const { items, totalCount } = readPage(response.body);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const item of items) {
		const id = String(item[source.idKey] ?? '');
		if (!id) continue;
		const name = String(item[source.nameKey] ?? '') || id;
		if (needle && !name.toLowerCase().includes(needle) && !id.toLowerCase().includes(needle)) continue;
		const extra = source.describe?.(item);
		results.push({
			name: `${name}${extra ? ` · ${extra}` : ''} (${id})`,
			value: id,
			url: source.url?.(id),
		});
	}
	const fetched = (page - source.firstPage + 1) * PAGE_SIZE;
	const more = items.length === PAGE_SIZE && (totalCount === undefined || fetched < totalCount);
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

export async function searchReplicas(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			path: '/v2/replicas',
			qs: { verbose: true },
			firstPage: 1,
			idKey: 'replica_id',
			nameKey: 'replica_name',
			describe: (item) => {
				const notes: string[] = [];
				if (item.replica_type === 'system') notes.push('stock');
				if (item.status && item.status !== 'completed') notes.push(String(item.status));
				return notes.join(', ') || undefined;
			},
		},
		filter,
		paginationToken,
	);
}

export async function searchPersonas(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			path: '/v2/personas',
			firstPage: 1,
			idKey: 'persona_id',
			nameKey: 'persona_name',
			describe: (item) => (item.persona_type === 'system' ? 'stock' : undefined),
		},
		filter,
		paginationToken,
	);
}
