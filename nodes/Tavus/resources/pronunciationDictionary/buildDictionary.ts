import type { IDataObject } from 'n8n-workflow';
import { buildGroupBody } from '../../fields/bodyFields';
import { buildJsonPatch, type PatchOperation } from '../../jsonPatch';
import {
	describeType,
	isEmptyValue,
	isPlainObject,
	ParameterError,
	parseJsonValue,
	toBoolean,
	toEnum,
	toText,
} from '../../validation';
import { DICTIONARY_LIMITS, RULE_TYPES, ruleFields } from './fields';

export interface RulesParameters {
	input: 'fields' | 'json';
	/** The fixedCollection value: `{ rule: [ {...}, ... ] }`. */
	rules?: IDataObject;
	/** The JSON parameter: a JSON text or an array. */
	json?: unknown;
}

/** One rule, checked; the defaults Tavus applies are written out so that diffs stay stable. */
function checkRule(rule: IDataObject, label: (key: string, ui: string) => string): IDataObject {
	const text = isEmptyValue(rule.text) ? '' : toText(label('text', 'Text'), rule.text);
	if (text.trim() === '') throw new ParameterError(label('text', 'Text'), 'is required');
	if (text.length > DICTIONARY_LIMITS.text) {
		throw new ParameterError(
			label('text', 'Text'),
			`must be at most ${DICTIONARY_LIMITS.text} characters, got ${text.length}`,
		);
	}
	const pronunciation = isEmptyValue(rule.pronunciation)
		? ''
		: toText(label('pronunciation', 'Pronunciation'), rule.pronunciation);
	if (pronunciation.trim() === '')
		throw new ParameterError(label('pronunciation', 'Pronunciation'), 'is required');
	if (pronunciation.length > DICTIONARY_LIMITS.pronunciation) {
		throw new ParameterError(
			label('pronunciation', 'Pronunciation'),
			`must be at most ${DICTIONARY_LIMITS.pronunciation} characters, got ${pronunciation.length}`,
		);
	}
	return {
		...rule,
		text,
		pronunciation,
		type: toEnum(label('type', 'Type'), rule.type, RULE_TYPES),
		case_sensitive:
			rule.case_sensitive === undefined
				? false
				: toBoolean(label('case_sensitive', 'Case Sensitive'), rule.case_sensitive),
		word_boundaries:
			rule.word_boundaries === undefined
				? true
				: toBoolean(label('word_boundaries', 'Word Boundaries'), rule.word_boundaries),
	};
}

function checkUnique(rules: IDataObject[], label: (index: number) => string): void {
	const seen = new Map<string, number>();
	rules.forEach((rule, index) => {
		const text = String(rule.text);
		if (seen.has(text)) {
			throw new ParameterError(
				label(index),
				`"${text}" already has a rule (rule ${(seen.get(text) as number) + 1})`,
				'Tavus allows one rule per text; merge the two.',
			);
		}
		seen.set(text, index);
	});
}

/**
 * The rules of a dictionary, checked against the documented limits; undefined when none were
 * given (Fields without entries). Pure.
 */
export function buildRules(parameters: RulesParameters): IDataObject[] | undefined {
	if (parameters.input === 'json') {
		const parsed = parseJsonValue('Rules (JSON)', parameters.json);
		if (parsed === undefined || parsed === null) return undefined;
		if (!Array.isArray(parsed))
			throw new ParameterError(
				'Rules (JSON)',
				`must be a JSON array of rules, got ${describeType(parsed)}`,
			);
		const rules = parsed.map((rule, index) => {
			const where = `Rules (JSON) › rule ${index + 1}`;
			if (!isPlainObject(rule)) {
				throw new ParameterError(
					where,
					`must be an object like {"text": ..., "pronunciation": ..., "type": "alias"}, got ${describeType(rule)}`,
				);
			}
			return checkRule(rule, (key) => `${where} › ${key}`);
		});
		checkUnique(rules, (index) => `Rules (JSON) › rule ${index + 1} › text`);
		return rules;
	}
	const raw = parameters.rules;
	const entries = isPlainObject(raw) && Array.isArray(raw.rule) ? (raw.rule as IDataObject[]) : [];
	if (entries.length === 0) return undefined;
	const rules = entries.map((entry, index) => {
		const where = `Rules › Rule ${index + 1}`;
		return checkRule(buildGroupBody(ruleFields, entry, where), (_key, ui) => `${where} › ${ui}`);
	});
	checkUnique(rules, (index) => `Rules › Rule ${index + 1} › Text`);
	return rules;
}

/** Checks a dictionary name; undefined when empty and not required. */
export function buildDictionaryName(
	value: unknown,
	required: boolean,
	label = 'Name',
): string | undefined {
	if (isEmptyValue(value)) {
		if (required) throw new ParameterError(label, 'is required');
		return undefined;
	}
	const name = toText(label, value).trim();
	if (name.length > DICTIONARY_LIMITS.name) {
		throw new ParameterError(
			label,
			`must be at most ${DICTIONARY_LIMITS.name} characters, got ${name.length}`,
		);
	}
	return name;
}

/** The body of POST /v2/pronunciation-dictionaries. Pure. */
export function buildDictionaryBody(name: unknown, rules: RulesParameters): IDataObject {
	const body: IDataObject = { name: buildDictionaryName(name, true) };
	const built = buildRules(rules);
	if (built) body.rules = built;
	return body;
}

/** The JSON Patch (/name, /rules — rules are replaced whole, as Tavus documents) to the desired state. */
export function buildDictionaryPatch(current: IDataObject, desired: IDataObject): PatchOperation[] {
	return buildJsonPatch(current, desired, [], () => false);
}
