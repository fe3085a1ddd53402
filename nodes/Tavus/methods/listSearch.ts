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
	/** The name shown for an item without one (default: its ID). */
	untitled?: string;
	/** The query key of the list's server-side name search, if it has one (e.g. name_or_uuid). */
	searchKey?: string;
	/** Extra words shown after the name (e.g. "stock"). */
	describe?: (item: IDataObject) => string | undefined;
	url?: (id: string, item: IDataObject) => string | undefined;
}

const PAGE_SIZE = 100;

/** A picker's pagination token: the next page, and the page length the server uses. */
export interface PageToken {
	page: number;
	/** Rows per full page as the server sent them (it may cap `limit` below what was asked). */
	pageLength?: number;
}

export function readPageToken(token: string | number | undefined, firstPage: 0 | 1): PageToken {
	const [pageText, lengthText] = String(token ?? '').split(':');
	const page = pageText !== '' ? Number(pageText) : firstPage;
	const pageLength = lengthText ? Number(lengthText) : undefined;
	return {
		page: Number.isInteger(page) && page >= firstPage ? page : firstPage,
		pageLength:
			pageLength && Number.isInteger(pageLength) && pageLength > 0 ? pageLength : undefined,
	};
}

/**
 * The token of the page after this one, or undefined when this was the last. A page shorter
 * than the server's page length is the last; with `total_count`, so is the page that reaches it.
 */
export function nextPageToken(
	current: PageToken,
	firstPage: 0 | 1,
	received: number,
	asked: number,
	totalCount: number | undefined,
): string | undefined {
	if (received === 0) return undefined;
	const pageLength = current.pageLength ?? (current.page === firstPage ? received : asked);
	if (received < pageLength) return undefined;
	const fetched = (current.page - firstPage) * pageLength + received;
	if (totalCount !== undefined ? fetched >= totalCount : received < asked) return undefined;
	return `${current.page + 1}:${pageLength}`;
}

/**
 * One page of a Tavus list, filtered by the search text (name or ID, case-insensitive). A list
 * with a server-side name search (`searchKey`) gets the text sent along; the filter applies to
 * each fetched page in any case, as most Tavus lists have none. The pagination token is the
 * next page number. Failures are thrown, so the editor shows why (bad key, unreachable base
 * URL) instead of an empty list.
 */
export async function searchList(
	context: ILoadOptionsFunctions,
	source: SearchSource,
	filter?: string,
	paginationToken?: string | number,
): Promise<INodeListSearchResult> {
	const token = readPageToken(paginationToken, source.firstPage);
	const page = token.page;
	const text = (filter ?? '').trim();
	const search = source.searchKey && text ? { [source.searchKey]: text } : {};
	const response = await tavusApiRequest.call(context, {
		method: 'GET',
		path: source.path,
		qs: { ...source.qs, ...search, limit: PAGE_SIZE, page },
	});
	const { items, totalCount } = readPage(response.body);
	const needle = text.toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const item of items) {
		const id = String(item[source.idKey] ?? '');
		if (!id) continue;
		const name = String(item[source.nameKey] ?? '') || source.untitled || id;
		if (needle && !name.toLowerCase().includes(needle) && !id.toLowerCase().includes(needle))
			continue;
		const extra = source.describe?.(item);
		results.push({
			name: `${name}${extra ? ` · ${extra}` : ''} (${id})`,
			value: id,
			url: source.url?.(id, item),
		});
	}
	return {
		results,
		paginationToken: nextPageToken(token, source.firstPage, items.length, PAGE_SIZE, totalCount),
	};
}

/** A listSearch method over one source. */
export function searchMethod(source: SearchSource) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchList(this, source, filter, paginationToken);
	};
}

/** The words shown after a name: the notes that apply, comma-separated (none: undefined). */
function notesOf(...notes: Array<string | undefined>): string | undefined {
	return notes.filter((note): note is string => note !== undefined).join(', ') || undefined;
}

export const searchReplicas = searchMethod({
	path: '/v2/replicas',
	qs: { verbose: true },
	firstPage: 1,
	idKey: 'replica_id',
	nameKey: 'replica_name',
	describe: (item) =>
		notesOf(
			item.replica_type === 'system' ? 'stock' : undefined,
			item.status && item.status !== 'completed' ? String(item.status) : undefined,
		),
});

export const searchPersonas = searchMethod({
	path: '/v2/personas',
	firstPage: 1,
	idKey: 'persona_id',
	nameKey: 'persona_name',
	describe: (item) => (item.persona_type === 'system' ? 'stock' : undefined),
});

/** Tools of the tool registry, the account's and Tavus's system tools (marked "system"). */
export const searchTools = searchMethod({
	path: '/v2/tools',
	qs: { type: 'all' },
	firstPage: 1,
	idKey: 'tool_id',
	nameKey: 'name',
	describe: (item) =>
		notesOf(
			item.is_system_tool === true ? 'system' : undefined,
			item.trigger_type === 'post_call' ? 'post call' : undefined,
		),
});

/** Deployments (hosted channels of a PAL), with their channel and a status other than active. */
export const searchDeployments = searchMethod({
	path: '/v2/deployments',
	firstPage: 1,
	idKey: 'deployment_id',
	nameKey: 'name',
	untitled: 'Unnamed deployment',
	describe: (item) =>
		notesOf(
			typeof item.channel === 'string' ? item.channel : undefined,
			typeof item.status === 'string' && item.status !== 'active' ? item.status : undefined,
		),
});
