import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	hiddenInPatchMode,
	patchOperationsProperty,
	readPatchOperations,
	shownInFieldsMode,
	updateModeProperty,
} from '../../fields/updateMode';
import { tavusApiRequest } from '../../transport/request';
import type { TavusOperation, TavusResource } from '../../types';
import { isPlainObject, ParameterError } from '../../validation';
import { buildForItem } from '../common';
import { deleteOperation, getOperation, listOperation, readId } from '../crud';
import {
	createOrUpdateByName,
	type NamedList,
	type PatchOutcome,
	patchToDesired,
	sendJsonPatch,
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

async function createDictionary(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await tavusApiRequest.call(context, {
		method: 'POST',
		path: PATH,
		body,
		itemIndex,
		creates: 'pronunciation dictionary',
	});
	return response.body as IDataObject;
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

const create: TavusOperation = {
	option: operationOption(
		'create',
		'pronunciation dictionary',
		'Create a pronunciation dictionary: rules for how the voice says brand names and terms (alias text or IPA). Returns pronunciation_dictionary_id, which a persona takes in its TTS layer.',
	),
	// Its Name is shared with Create or Update, its rules also with Update: see `shared` below.
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await createDictionary(this, readDictionary(this, itemIndex), itemIndex);
	},
};

const createOrUpdate: TavusOperation = {
	option: operationOption(
		'createOrUpdate',
		'pronunciation dictionary',
		'Find a pronunciation dictionary by its exact name and replace its rules with these, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
	),
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body = readDictionary(this, itemIndex);
		return await createOrUpdateByName(this, itemIndex, {
			name: String(body.name),
			list: dictionaryList,
			update: async (dictionaryId) => await updateDictionaryTo(this, dictionaryId, body, itemIndex),
			create: async () => await createDictionary(this, body, itemIndex),
		});
	},
};

const update: TavusOperation = {
	option: operationOption(
		'update',
		'pronunciation dictionary',
		'Rename a dictionary or replace its rules by pronunciation_dictionary_id (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
	),
	properties: [
		dictionaryIdParameter.property,
		updateModeProperty(
			'Set a new name and/or the rules; the node reads the dictionary and sends a JSON Patch of what differs',
		),
		...shownInFieldsMode([newNameProperty]),
		patchOperationsProperty({
			placeholder:
				'[{"op": "replace", "path": "/rules", "value": [{"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"}]}]',
			description: 'RFC 6902 operations on /name and /rules (rules are replaced whole)',
		}),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const dictionaryId = readId(this, itemIndex, dictionaryIdParameter);
		const patch = readPatchOperations(this, itemIndex);
		if (patch) {
			const outcome = await sendJsonPatch(this, `${PATH}/${dictionaryId}`, patch, itemIndex);
			return { pronunciation_dictionary_id: dictionaryId, ...outcome };
		}
		const name = getParameter(this, 'dictionaryName', itemIndex, '');
		const rules = readRules(this, itemIndex);
		const desired = buildForItem(this, itemIndex, () => {
			const wanted: IDataObject = {};
			const newName = buildDictionaryName(name, false, 'New Name');
			if (newName !== undefined) wanted.name = newName;
			const built = buildRules(rules);
			if (built) wanted.rules = built;
			if (Object.keys(wanted).length === 0) {
				throw new ParameterError(
					'New Name',
					'and Rules are both empty: nothing to change',
					'Set a new name or add rules, or use JSON Patch mode.',
				);
			}
			return wanted;
		});
		const outcome = await updateDictionaryTo(this, dictionaryId, desired, itemIndex);
		return { pronunciation_dictionary_id: dictionaryId, ...outcome };
	},
};

const dictionaryFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'desc' },
				{ name: 'Oldest First', value: 'asc' },
			],
			default: 'desc',
			description: 'Order of the results by creation date',
		},
	],
};

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
		deleteOperation({
			option: operationOption(
				'delete',
				'pronunciation dictionary',
				'Delete a pronunciation dictionary by pronunciation_dictionary_id; personas using it lose it',
			),
			id: dictionaryIdParameter,
			path: (id) => `${PATH}/${id}`,
			idKey: 'pronunciation_dictionary_id',
		}),
		getOperation({
			option: operationOption(
				'get',
				'pronunciation dictionary',
				'Get one pronunciation dictionary with all its rules by pronunciation_dictionary_id',
			),
			id: dictionaryIdParameter,
			path: (id) => `${PATH}/${id}`,
		}),
		listOperation({
			option: operationOption(
				'getAll',
				'pronunciation dictionarie',
				'List the account’s pronunciation dictionaries (names and rule counts, without the rules)',
			),
			path: PATH,
			firstPage: 0,
			filterProperties: [dictionaryFilters],
			query: (context, itemIndex) => {
				const filters = getParameter(context, 'filters', itemIndex, {}) as IDataObject;
				return filters.sort ? { sort: filters.sort } : {};
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
