import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { paginate } from '../transport/paginate';
import { locatorOptions } from '../fields/locators';
import { searchMethod, type SearchSource } from './listSearch';

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
export const objectivesLocatorOptions = locatorOptions(
	'objectives set',
	'searchObjectives',
	'o12345',
);

export const guardrailLocatorOptions = locatorOptions(
	'guardrail',
	'searchGuardrails',
	'g1234567890ab',
);

export const guardrailSetLocatorOptions = locatorOptions(
	'legacy guardrail set',
	'searchGuardrailSets',
	'g12345',
);

export const documentLocatorOptions = locatorOptions(
	'knowledge base document',
	'searchDocuments',
	'd8-5c71baca86fc',
);

export const pronunciationDictionaryLocatorOptions = locatorOptions(
	'pronunciation dictionary',
	'searchPronunciationDictionaries',
	'pd_abc123def456',
);

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

export const GUARDRAILS: SearchSource = {
	path: '/v2/guardrails',
	qs: { legacy: false },
	firstPage: 0,
	idKey: 'uuid',
	nameKey: 'guardrail_name',
	searchKey: 'name_or_uuid',
	describe: (item) => tagsOf(item).join(', ') || undefined,
};

export const GUARDRAIL_SETS: SearchSource = {
	path: '/v2/guardrails',
	qs: { legacy: true },
	firstPage: 1,
	idKey: 'guardrails_id',
	nameKey: 'guardrails_name',
};

export const DOCUMENTS: SearchSource = {
	path: '/v2/documents',
	firstPage: 0,
	idKey: 'document_id',
	nameKey: 'document_name',
	searchKey: 'name_or_uuid',
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

export const searchObjectives = searchMethod(OBJECTIVES);
export const searchGuardrails = searchMethod(GUARDRAILS);
export const searchGuardrailSets = searchMethod(GUARDRAIL_SETS);
export const searchDocuments = searchMethod(DOCUMENTS);
export const searchPronunciationDictionaries = searchMethod(DICTIONARIES);

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

/** A multi-select of the objects of `source` (loaded up to the cap), sorted by name. */
function objectsMethod(source: SearchSource) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const options: INodePropertyOptions[] = [];
		for (const item of await loadAll(this, source)) {
			const id = String(item[source.idKey] ?? '');
			if (!id) continue;
			const name = String(item[source.nameKey] ?? '') || id;
			options.push({ name: `${name} (${id})`, value: id, description: source.describe?.(item) });
		}
		return options.sort((a, b) => a.name.localeCompare(b.name));
	};
}

/** A multi-select of every tag the objects of `source` carry, with how many `noun`s do. */
function tagsMethod(source: SearchSource, noun: string) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const counts = new Map<string, number>();
		for (const item of await loadAll(this, source))
			for (const tag of tagsOf(item)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
		return [...counts.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([tag, count]) => ({
				name: tag,
				value: tag,
				description: `${count} ${noun}${count === 1 ? '' : 's'}`,
			}));
	};
}

/** Multi-selects: the account's documents and individual guardrails, and the tags they use. */
export const getDocuments = objectsMethod(DOCUMENTS);
export const getDocumentTags = tagsMethod(DOCUMENTS, 'document');
export const getGuardrails = objectsMethod(GUARDRAILS);
export const getGuardrailTags = tagsMethod(GUARDRAILS, 'guardrail');
