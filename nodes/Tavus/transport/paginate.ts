import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from '../validation';
import { tavusApiRequest, type TavusContext } from './request';

interface PageRequest {
	path: string;
	qs?: IDataObject;
	itemIndex?: number;
	/** First page number: 1 for most lists, 0 for documents and individual guardrails. */
	firstPage: 0 | 1;
	/** Items to return at most; undefined = all. */
	limit?: number;
	/** Page size to ask for (Tavus caps it at 100). */
	pageSize?: number;
	/** Stop early once this returns true for an item (the item is included). */
	until?: (item: IDataObject) => boolean;
}

interface Page {
	items: IDataObject[];
	totalCount?: number;
}

export function readPage(body: unknown): Page {
	if (Array.isArray(body)) return { items: body as IDataObject[] };
	if (isPlainObject(body)) {
		const data = body.data;
		const items = Array.isArray(data) ? (data as IDataObject[]) : [];
		const total = body.total_count;
		return { items, totalCount: typeof total === 'number' ? total : undefined };
	}
	return { items: [] };
}

/**
 * Follows `page` until `total_count` rows have arrived (counting the rows actually received, so
 * a server that caps or ignores `limit` is still read to the end), a page comes back empty, or
 * `limit` is met. Without `total_count`, a page shorter than asked for is the last one.
 */
export async function paginate(this: TavusContext, request: PageRequest): Promise<IDataObject[]> {
	const pageSize = Math.min(100, Math.max(1, request.pageSize ?? 100));
	// One size for every page, or page numbers would not line up.
	const size =
		request.limit === undefined ? pageSize : Math.min(pageSize, Math.max(1, request.limit));
	const results: IDataObject[] = [];
	let received = 0;
	let previousFirst: string | undefined;
	let page = request.firstPage;
	// A hard stop against an API that never reports the end.
	for (let pages = 0; pages < 10_000; pages++) {
		const response = await tavusApiRequest.call(this, {
			method: 'GET',
			path: request.path,
			qs: { ...request.qs, limit: size, page },
			itemIndex: request.itemIndex,
		});
		const { items, totalCount } = readPage(response.body);
		if (items.length === 0) break;
		// A server that ignores `page` sends the same page again: stop rather than loop.
		const first = JSON.stringify(items[0]);
		if (first === previousFirst) break;
		previousFirst = first;
		received += items.length;
		for (const item of items) {
			results.push(item);
			if (request.until?.(item)) return results;
			if (request.limit !== undefined && results.length >= request.limit) return results;
		}
		if (totalCount !== undefined ? received >= totalCount : items.length < size) break;
		page++;
	}
	return results;
}
