import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { paginate } from '../transport/paginate';
import { searchList, type SearchSource } from './listSearch';

/*
 * Pickers for what a persona is provisioned with: objectives, guardrails (individual and legacy
 * sets), knowledge-base documents and pronunciation dictionaries.
 *
 * Single IDs are resource locators (searchable list by name + ID mode for expressions). Lists
 * of IDs and tags are multi-selects (loadOptions): n8n's resource locator holds one value,
 * while a multiOptions parameter holds many, still accepts an expression (an array, or a
 * comma-separated text) and is what n8n's own nodes use for tags.
 */

/** Locator settings (see fields/locators.ts `tavusLocator`). */
export const objectivesLocatorOptions = {
	noun: 'objectives set',
	searchListMethod: 'searchObjectives',
	example: 'o12345',
};

export const guardrailLocatorOptions = {
	noun: 'guardrail',
	searchListMethod: 'searchGuardrails',
	example: 'g1234567890ab',
};

export const guardrailSetLocatorOptions = {
	noun: 'legacy guardrail set',
	searchListMethod: 'searchGuardrailSets',
	example: 'g12345',
};

export const documentLocatorOptions = {
	noun: 'knowledge base document',
	searchListMethod: 'searchDocuments',
	example: 'd8-5c71baca86fc',
};

export const pronunciationDictionaryLocatorOptions = {
	noun: 'pronunciation dictionary',
	searchListMethod: 'searchPronunciationDictionaries',
	example: 'pd_abc123def456',
};

/** Sources of the lists, shared by the pickers and the multi-selects. */
const OBJECTIVES: SearchSource = {
	path: '/v2/objectives',
	firstPage: 1,
	idKey: 'objectives_id',
	nameKey: 'objective_name',
	describe: (item) =>
		Array.isArray(item.data)
			? `${item.data.length} objective${item.data.length === 1 ? '' : 's'}`
			: undefined,
};

const GUARDRAILS: SearchSource = {
	path: '/v2/guardrails',
	qs: { legacy: false },
	firstPage: 0,
	idKey: 'uuid',
	nameKey: 'guardrail_name',
	describe: (item) => tagsOf(item).join(', ') || undefined,
};

const GUARDRAIL_SETS: SearchSource = {
	path: '/v2/guardrails',
	qs: { legacy: true },
	firstPage: 1,
	idKey: 'guardrails_id',
	nameKey: 'guardrails_name',
};

const DOCUMENTS: SearchSource = {
	path: '/v2/documents',
	firstPage: 0,
	idKey: 'document_id',
	nameKey: 'document_name',
	describe: (item) => (item.status && item.status !== 'ready' ? String(item.status) : undefined),
};

const DICTIONARIES: SearchSource = {
	path: '/v2/pronunciation-dictionaries',
	firstPage: 0,
	idKey: 'pronunciation_dictionary_id',
	nameKey: 'name',
	describe: (item) =>
		typeof item.rules_count === 'number'
			? `${item.rules_count} rule${item.rules_count === 1 ? '' : 's'}`
			: undefined,
};

function tagsOf(item: IDataObject): string[] {
	return Array.isArray(item.tags)
		? item.tags.filter((tag): tag is string => typeof tag === 'string')
		: [];
}

/** Documents and individual guardrails have a server-side name search (`name_or_uuid`). */
function withNameSearch(source: SearchSource, filter?: string): SearchSource {
	const text = (filter ?? '').trim();
	return text ? { ...source, qs: { ...source.qs, name_or_uuid: text } } : source;
}

export async function searchObjectives(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, OBJECTIVES, filter, paginationToken);
}

export async function searchGuardrails(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, withNameSearch(GUARDRAILS, filter), filter, paginationToken);
}

export async function searchGuardrailSets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, GUARDRAIL_SETS, filter, paginationToken);
}

export async function searchDocuments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, withNameSearch(DOCUMENTS, filter), filter, paginationToken);
}

export async function searchPronunciationDictionaries(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, DICTIONARIES, filter, paginationToken);
}

/** The most objects a multi-select loads (10 pages of 100). */
const MULTI_SELECT_CAP = 1000;

async function loadAll(
	context: ILoadOptionsFunctions,
	source: SearchSource,
): Promise<IDataObject[]> {
	return await paginate.call(context, {
		path: source.path,
		qs: source.qs,
		firstPage: source.firstPage,
		limit: MULTI_SELECT_CAP,
	});
}

function objectOptions(items: IDataObject[], source: SearchSource): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [];
	for (const item of items) {
		const id = String(item[source.idKey] ?? '');
		if (!id) continue;
		const name = String(item[source.nameKey] ?? '') || id;
		options.push({ name: `${name} (${id})`, value: id, description: source.describe?.(item) });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

function tagOptions(items: IDataObject[], noun: string): INodePropertyOptions[] {
	const counts = new Map<string, number>();
	for (const item of items)
		for (const tag of tagsOf(item)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
	return [...counts.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([tag, count]) => ({
			name: tag,
			value: tag,
			description: `${count} ${noun}${count === 1 ? '' : 's'}`,
		}));
}

/** Multi-select: the account's knowledge base documents. */
export async function getDocuments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return objectOptions(await loadAll(this, DOCUMENTS), DOCUMENTS);
}

/** Multi-select: every tag used by the account's documents. */
export async function getDocumentTags(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return tagOptions(await loadAll(this, DOCUMENTS), 'document');
}

/** Multi-select: the account's individual guardrails. */
export async function getGuardrails(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return objectOptions(await loadAll(this, GUARDRAILS), GUARDRAILS);
}

/** Multi-select: every tag used by the account's individual guardrails. */
export async function getGuardrailTags(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return tagOptions(await loadAll(this, GUARDRAILS), 'guardrail');
}
