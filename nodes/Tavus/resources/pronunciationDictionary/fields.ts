import type { INodeProperties } from 'n8n-workflow';
import { type BodyField, textField } from '../../fields/bodyFields';
import { tavusLocator } from '../../fields/locators';
import { pronunciationDictionaryLocatorOptions } from '../../methods/listSearchKnowledge';
import type { IdParameter } from '../crud';

export const RULE_TYPES = ['alias', 'ipa'] as const;

/** Documented limits (pronunciation dictionaries guide). */
export const DICTIONARY_LIMITS = { name: 255, text: 200, pronunciation: 500 };

/** The dictionary an operation works on (Get, Update, Delete). */
export const dictionaryIdParameter: IdParameter = {
	property: tavusLocator({
		...pronunciationDictionaryLocatorOptions,
		name: 'pronunciationDictionary',
		displayName: 'Pronunciation Dictionary',
		required: true,
		description:
			'The pronunciation dictionary. Pick it from the list, or give its pronunciation_dictionary_id, e.g. {{ $json.pronunciation_dictionary_id }}.',
	}),
};

/** One rule: one entry of the Rules list. Drives the UI and the builder. */
export const ruleFields: BodyField[] = [
	textField('text', {
		displayName: 'Text',
		name: 'text',
		required: true,
		placeholder: 'e.g. Tavus',
		description: 'The word or phrase to match, up to 200 characters (unique within the dictionary)',
	}),
	textField('pronunciation', {
		displayName: 'Pronunciation',
		name: 'pronunciation',
		required: true,
		placeholder: 'e.g. TAH-vus',
		description:
			'How to say it, up to 500 characters: replacement text for Alias, an IPA string (raw or pipe-delimited) for IPA',
	}),
	{
		api: 'type',
		property: {
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Alias', value: 'alias', description: 'Say the replacement text instead' },
				{
					name: 'IPA',
					value: 'ipa',
					description: 'Say it as this International Phonetic Alphabet string',
				},
			],
			default: 'alias',
		},
	},
	{
		api: 'case_sensitive',
		property: {
			displayName: 'Case Sensitive',
			name: 'caseSensitive',
			type: 'boolean',
			default: false,
			description: 'Whether the text only matches with the same upper and lower case',
		},
	},
	{
		api: 'word_boundaries',
		property: {
			displayName: 'Word Boundaries',
			name: 'wordBoundaries',
			type: 'boolean',
			default: true,
			description: 'Whether the text only matches whole words',
		},
	},
];

export const dictionaryNameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'dictionaryName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Brand Terms',
	description:
		'A name for the dictionary, up to 255 characters. Create or Update finds the dictionary by it.',
};

export const newNameProperty: INodeProperties = {
	displayName: 'New Name',
	name: 'dictionaryName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Brand Terms',
	description: 'A new name for the dictionary (leave empty to keep the name)',
};

const RULES_JSON_EXAMPLE = `[
  {"text": "Tavus", "pronunciation": "TAH-vus", "type": "alias"},
  {"text": "CVI", "pronunciation": "conversational video interface", "type": "alias"}
]`;

/** How the rules are given (Create, Create or Update, Update) and the rules themselves. */
export function rulesProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Rules Input',
			name: 'rulesInput',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Fields', value: 'fields', description: 'One entry per rule' },
				{
					name: 'JSON',
					value: 'json',
					description: 'The rules as Tavus takes them (e.g. from an expression)',
				},
			],
			default: 'fields',
		},
		{
			displayName: 'Rules',
			name: 'rules',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Rule',
			default: {},
			description:
				'How the voice says words and phrases. The rules replace all current rules; with no rules, Update leaves them as they are.',
			displayOptions: { show: { rulesInput: ['fields'] } },
			options: [
				{ displayName: 'Rule', name: 'rule', values: ruleFields.map((field) => field.property) },
			],
		},
		{
			displayName: 'Rules (JSON)',
			name: 'rulesJson',
			type: 'json',
			default: '[]',
			placeholder: RULES_JSON_EXAMPLE,
			description:
				'A JSON array of rules: text, pronunciation, type (alias or ipa), and optionally case_sensitive (default false) and word_boundaries (default true). Replaces all current rules.',
			displayOptions: { show: { rulesInput: ['json'] } },
		},
	];
}
