import { nextPageToken, readPageToken, searchMethod } from './listSearch';
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
export const searchVideos = searchMethod({
	path: '/v2/videos',
	firstPage: 0,
	idKey: 'video_id',
	nameKey: 'video_name',
	untitled: 'Untitled video',
	describe: (video) =>
		video.status && video.status !== 'ready' ? String(video.status) : undefined,
	url: (_id, video) => text(video.hosted_url) || undefined,
});
