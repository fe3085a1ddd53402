import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { hiddenInPatchMode } from '../../fields/updateMode';
import { filtersProperty, sortProperty } from '../../fields/common';
import type { TavusResource } from '../../types';
import { isPlainObject, requireChanges } from '../../validation';
import { buildForItem } from '../common';
import { createObject, createOperation, objectOperations } from '../crud';
import {
	type NamedList,
	type PatchOutcome,
	patchToDesired,
	updateOperation,
	upsertOperation,
} from '../upsert';
import {
	buildDictionaryBody,
	buildDictionaryName,
	buildDictionaryPatch,
	buildRules,
	type RulesParameters,
} from './buildDictionary';
import {
	dictionaryIdParameter,
	dictionaryNameProperty,
	newNameProperty,
	rulesProperties,
} from './fields';
import { getParameter } from '../../parameters';

const PATH = '/v2/pronunciation-dictionaries';

const dictionaryList: NamedList = {
	path: PATH,
	firstPage: 0,
	idKey: 'pronunciation_dictionary_id',
	nameKey: 'name',
};

function readRules(context: IExecuteFunctions, itemIndex: number): RulesParameters {
	const input = getParameter(context, 'rulesInput', itemIndex, 'fields') as string;
	return input === 'json'
		? { input: 'json', json: getParameter(context, 'rulesJson', itemIndex, '') }
		: { input: 'fields', rules: getParameter(context, 'rules', itemIndex, {}) as IDataObject };
}

function readDictionary(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const name = getParameter(context, 'dictionaryName', itemIndex, '');
	const rules = readRules(context, itemIndex);
	return buildForItem(context, itemIndex, () => buildDictionaryBody(name, rules));
}

async function updateDictionaryTo(
	context: IExecuteFunctions,
	dictionaryId: string,
	desired: IDataObject,
	itemIndex: number,
): Promise<PatchOutcome> {
	return await patchToDesired(context, itemIndex, {
		path: `${PATH}/${dictionaryId}`,
		unwrap: (body) => (isPlainObject(body) ? body : {}),
		diff: (current) => buildDictionaryPatch(current, desired),
	});
}

// Its Name is shared with Create or Update, its rules also with Update: see `shared` below.
const create = createOperation({
	option: operationOption(
		'create',
		'pronunciation dictionary',
		'Create a pronunciation dictionary: rules for how the voice says brand names and terms (alias text or IPA). Returns pronunciation_dictionary_id, which a persona takes in its TTS layer.',
	),
	creates: 'pronunciation dictionary',
	path: PATH,
	read: readDictionary,
});

const createOrUpdate = upsertOperation({
	option: operationOption(
		'createOrUpdate',
		'pronunciation dictionary',
		'Find a pronunciation dictionary by its exact name and replace its rules with these, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
	),
	read: readDictionary,
	upsert: (context, itemIndex, body) => ({
		name: String(body.name),
		list: dictionaryList,
		update: async (dictionaryId) =>
			await updateDictionaryTo(context, dictionaryId, body, itemIndex),
		create: async () =>
			await createObject(context, PATH, 'pronunciation dictionary', body, itemIndex),
	}),
});

const update = updateOperation({
	option: operationOption(
		'update',
		'pronunciation dictionary',
		'Rename a dictionary or replace its rules by pronunciation_dictionary_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
	),
	id: dictionaryIdParameter,
	idKey: 'pronunciation_dictionary_id',
	path: (dictionaryId) => `${PATH}/${dictionaryId}`,
	fieldsMode: {
		description:
			'Set a new name and/or the rules; the node reads the dictionary and sends a JSON Patch of what differs',
	},
	fieldsProperties: [newNameProperty],
	patchOperations: {
		placeholder:
			'[{"op": "replace", "path": "/rules", "value": [{"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}]}]',
		description: 'RFC 6902 operations on /name and /rules (rules are replaced whole)',
	},
	update: async (context, itemIndex, dictionaryId) => {
		const name = getParameter(context, 'dictionaryName', itemIndex, '');
		const rules = readRules(context, itemIndex);
		const desired = buildForItem(context, itemIndex, () => {
			const wanted: IDataObject = {};
			const newName = buildDictionaryName(name, false, 'New Name');
			if (newName !== undefined) wanted.name = newName;
			const built = buildRules(rules);
			if (built) wanted.rules = built;
			return requireChanges(wanted, {
				field: 'New Name',
				reason: 'and Rules are both empty: nothing to change',
				hint: 'Set a new name or add rules, or use JSON Patch mode.',
			});
		});
		return await updateDictionaryTo(context, dictionaryId, desired, itemIndex);
	},
});

const dictionaryFilters = filtersProperty([
	sortProperty(
		[
			['Newest First', 'desc'],
			['Oldest First', 'asc'],
		],
		'Order of the results by creation date',
	),
]);

export const pronunciationDictionary: TavusResource = {
	option: {
		name: 'Pronunciation Dictionary',
		value: 'pronunciationDictionary',
		description: 'Rules for how a persona’s voice says brand names and terms',
	},
	defaultOperation: 'create',
	operations: [
		create,
		createOrUpdate,
		...objectOperations({
			noun: 'pronunciation dictionary',
			path: PATH,
			id: dictionaryIdParameter,
			idKey: 'pronunciation_dictionary_id',
			delete: {
				description:
					'Delete a pronunciation dictionary by pronunciation_dictionary_id; personas using it lose it',
			},
			get: {
				description:
					'Get one pronunciation dictionary with all its rules by pronunciation_dictionary_id',
			},
			getAll: {
				description:
					'List the account’s pronunciation dictionaries (names and rule counts, without the rules)',
				firstPage: 0,
				filterProperties: [dictionaryFilters],
				filterKeys: { sort: 'sort' },
			},
		}),
		update,
	],
	shared: [
		{ first: true, operations: ['create', 'createOrUpdate'], properties: [dictionaryNameProperty] },
		{
			operations: ['create', 'createOrUpdate', 'update'],
			properties: hiddenInPatchMode(rulesProperties()),
		},
	],
};
