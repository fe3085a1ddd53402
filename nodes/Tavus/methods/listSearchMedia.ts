import { nextPageToken, readPageToken } from './listSearch';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { readPage } from '../transport/paginate';
import { tavusApiRequest } from '../transport/request';

const PAGE_SIZE = 100;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Voices for the voice picker (Replica → Create from an image). Tavus searches voice_name
 * itself (`search`), so the filter is sent along; pages are 1-based.
 */
export async function searchVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const token = readPageToken(paginationToken, 1);
	const page = token.page;
	const qs: IDataObject = { limit: PAGE_SIZE, page, sort: 'asc' };
	const needle = (filter ?? '').trim();
	if (needle) qs.search = needle;
	const response = await tavusApiRequest.call(this, { method: 'GET', path: '/v2/voices', qs });
	const { items, totalCount } = readPage(response.body);
	const results: INodeListSearchItems[] = [];
	for (const voice of items) {
		const name = text(voice.voice_name);
		if (!name) continue;
		const tags = Array.isArray(voice.tags)
			? (voice.tags as IDataObject[]).map((tag) => text(tag?.tag_name)).filter(Boolean)
			: [];
		results.push({
			name: tags.length ? `${name} · ${tags.join(', ')}` : name,
			value: name,
			url: text(voice.audio_url) || undefined,
		});
	}
	return { results, paginationToken: nextPageToken(token, 1, items.length, PAGE_SIZE, totalCount) };
}

/**
 * Videos for the video picker (Get, Rename, Delete). GET /v2/videos has no name search, so the
 * filter (name or ID, any case) applies to each fetched page; pages are 0-based.
 */
export async function searchVideos(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const token = readPageToken(paginationToken, 0);
	const page = token.page;
	const response = await tavusApiRequest.call(this, {
		method: 'GET',
		path: '/v2/videos',
		qs: { limit: PAGE_SIZE, page },
	});
	const { items, totalCount } = readPage(response.body);
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const video of items) {
		const id = text(video.video_id);
		if (!id) continue;
		const name = text(video.video_name) || 'Untitled video';
		if (needle && !name.toLowerCase().includes(needle) && !id.toLowerCase().includes(needle)) {
			continue;
		}
		const status = text(video.status);
		results.push({
			name: `${name}${status && status !== 'ready' ? ` · ${status}` : ''} (${id})`,
			value: id,
			url: text(video.hosted_url) || undefined,
		});
	}
	return { results, paginationToken: nextPageToken(token, 0, items.length, PAGE_SIZE, totalCount) };
}
