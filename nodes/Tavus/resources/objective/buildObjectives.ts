import type { IDataObject } from 'n8n-workflow';
import { buildGroupBody } from '../../fields/bodyFields';
import type { PatchOperation } from '../../jsonPatch';
import {
	describeType,
	isEmptyValue,
	isPlainObject,
	ParameterError,
	parseJsonValue,
	toEnum,
	toHttpUrl,
	toStringList,
	toText,
} from '../../validation';
import { buildItemListPatch } from '../upsert';
import { CONFIRMATION_MODES, MODALITIES, NEXT_MODES, objectiveFields } from './fields';

/** The objectives parameters of one item, as n8n hands them over. */
export interface ObjectivesParameters {
	input: 'fields' | 'json';
	/** The fixedCollection value: `{ objective: [ {...}, ... ] }`. */
	objectives?: IDataObject;
	/** The JSON parameter: a JSON text, an array, or `{ "data": [...] }`. */
	json?: unknown;
}

const FIELDS_LABEL = 'Objectives';
const JSON_LABEL = 'Objectives (JSON)';

/** Keys an objective may leave out, and what Tavus then fills in. */
export const OBJECTIVE_DIFF = {
	optional: ['next_conditional_objectives', 'next_required_objective', 'callback_url'],
	defaults: { confirmation_mode: 'auto', modality: 'verbal', output_variables: [] },
};

function entryLabel(base: string, index: number, name?: unknown): string {
	return `${base} › Objective ${index + 1}${typeof name === 'string' && name.trim() !== '' ? ` (${name.trim()})` : ''}`;
}

/** One entry of the Objectives list → one objective as Tavus takes it. */
function objectiveFromEntry(entry: IDataObject, index: number): IDataObject {
	const label = entryLabel(FIELDS_LABEL, index, entry.objectiveName);
	const objective = buildGroupBody(objectiveFields, entry, label);
	const mode =
		entry.nextMode === undefined || entry.nextMode === ''
			? 'none'
			: toEnum(`${label} › Next Objective`, entry.nextMode, NEXT_MODES);
	if (mode === 'required') {
		const next = isEmptyValue(entry.nextRequiredObjective)
			? ''
			: toText(`${label} › Next Required Objective`, entry.nextRequiredObjective).trim();
		if (next === '') {
			throw new ParameterError(
				`${label} › Next Required Objective`,
				'is required when Next Objective is One Next Required Objective',
			);
		}
		objective.next_required_objective = next;
	} else if (mode === 'conditional') {
		const where = `${label} › Next Objectives by Condition`;
		const raw = entry.nextConditionalObjectives;
		const list = isPlainObject(raw) && Array.isArray(raw.next) ? (raw.next as IDataObject[]) : [];
		if (list.length === 0) {
			throw new ParameterError(
				where,
				'needs at least one next objective when Next Objective is Next Objectives by Condition',
			);
		}
		const conditions: IDataObject = {};
		list.forEach((next, position) => {
			const at = `${where} (entry ${position + 1})`;
			const name = isEmptyValue(next.objectiveName)
				? ''
				: toText(`${at} › Objective Name`, next.objectiveName).trim();
			if (name === '') throw new ParameterError(`${at} › Objective Name`, 'is required');
			const condition = isEmptyValue(next.condition)
				? ''
				: toText(`${at} › Condition`, next.condition).trim();
			if (condition === '')
				throw new ParameterError(`${at} › Condition`, `is required (when does "${name}" follow?)`);
			if (name in conditions)
				throw new ParameterError(`${at} › Objective Name`, `"${name}" is listed twice`);
			conditions[name] = condition;
		});
		objective.next_conditional_objectives = conditions;
	}
	return objective;
}

/** One objective given as JSON: types checked, the shape Tavus documents. */
function objectiveFromJson(value: unknown, index: number): IDataObject {
	const base = entryLabel(
		JSON_LABEL,
		index,
		isPlainObject(value) ? value.objective_name : undefined,
	);
	if (!isPlainObject(value)) {
		throw new ParameterError(
			base,
			`must be an object like {"objective_name": ..., "objective_prompt": ...}, got ${describeType(value)}`,
		);
	}
	const objective: IDataObject = { ...value };
	const at = (key: string) => `${base} › ${key}`;
	if ('next_required_objectives' in objective) {
		throw new ParameterError(
			at('next_required_objectives'),
			'is the older, plural name of this field',
			'Tavus now takes next_required_objective: the name of one objective (or next_conditional_objectives for several).',
		);
	}
	for (const key of ['objective_name', 'objective_prompt', 'next_required_objective']) {
		if (objective[key] !== undefined && objective[key] !== null)
			objective[key] = toText(at(key), objective[key]);
	}
	if (objective.confirmation_mode !== undefined)
		objective.confirmation_mode = toEnum(
			at('confirmation_mode'),
			objective.confirmation_mode,
			CONFIRMATION_MODES,
		);
	if (objective.modality !== undefined)
		objective.modality = toEnum(at('modality'), objective.modality, MODALITIES);
	if (objective.output_variables !== undefined) {
		if (!Array.isArray(objective.output_variables)) {
			throw new ParameterError(
				at('output_variables'),
				`must be a list of names, got ${describeType(objective.output_variables)}`,
			);
		}
		objective.output_variables = toStringList(
			at('output_variables'),
			objective.output_variables,
			false,
		);
	}
	if (
		objective.next_conditional_objectives !== undefined &&
		objective.next_conditional_objectives !== null
	) {
		const conditions = objective.next_conditional_objectives;
		if (!isPlainObject(conditions)) {
			throw new ParameterError(
				at('next_conditional_objectives'),
				`must be an object of objective name → condition, got ${describeType(conditions)}`,
			);
		}
		for (const [name, condition] of Object.entries(conditions)) {
			if (typeof condition !== 'string' || condition.trim() === '') {
				throw new ParameterError(
					at(`next_conditional_objectives › ${name}`),
					'must be the condition text',
				);
			}
		}
	}
	if (objective.callback_url !== undefined && objective.callback_url !== null)
		objective.callback_url = toHttpUrl(at('callback_url'), objective.callback_url);
	return objective;
}

/**
 * Checks a whole set the way Tavus does, before anything is sent: at least one objective;
 * name and prompt present; names unique and without spaces; a required next objective and next
 * objectives by condition never together; every next objective is an objective of the set
 * (and not the objective itself).
 */
export function checkObjectivesSet(objectives: IDataObject[], base: string): void {
	if (objectives.length === 0) {
		throw new ParameterError(
			base,
			'needs at least one objective',
			'Add an objective (name and prompt).',
		);
	}
	const names = new Map<string, number>();
	objectives.forEach((objective, index) => {
		const label = entryLabel(base, index, objective.objective_name);
		const field = (key: string, ui: string) => `${label} › ${base === FIELDS_LABEL ? ui : key}`;
		const name =
			typeof objective.objective_name === 'string' ? objective.objective_name.trim() : '';
		if (name === '') throw new ParameterError(field('objective_name', 'Name'), 'is required');
		if (/\s/.test(name)) {
			throw new ParameterError(
				field('objective_name', 'Name'),
				`"${name}" contains spaces`,
				'Tavus objective names have no spaces, e.g. ask_if_new_patient.',
			);
		}
		if (names.has(name)) {
			throw new ParameterError(
				field('objective_name', 'Name'),
				`"${name}" is already the name of objective ${(names.get(name) as number) + 1}`,
				'Names must be unique within the set.',
			);
		}
		names.set(name, index);
		objective.objective_name = name;
		if (
			typeof objective.objective_prompt !== 'string' ||
			objective.objective_prompt.trim() === ''
		) {
			throw new ParameterError(field('objective_prompt', 'Prompt'), 'is required');
		}
	});
	const known = [...names.keys()];
	objectives.forEach((objective, index) => {
		const label = entryLabel(base, index, objective.objective_name);
		const field = (key: string, ui: string) => `${label} › ${base === FIELDS_LABEL ? ui : key}`;
		const hasRequired =
			objective.next_required_objective !== undefined && objective.next_required_objective !== null;
		const hasConditional =
			objective.next_conditional_objectives !== undefined &&
			objective.next_conditional_objectives !== null;
		if (hasRequired && hasConditional) {
			throw new ParameterError(
				label,
				'has both next_required_objective and next_conditional_objectives',
				'Tavus takes one of the two: one required next objective, or next objectives by condition.',
			);
		}
		const references = [
			...(hasRequired
				? [
						[
							String(objective.next_required_objective),
							field('next_required_objective', 'Next Required Objective'),
						],
					]
				: []),
			...(hasConditional
				? Object.keys(objective.next_conditional_objectives as IDataObject).map((name) => [
						name,
						field('next_conditional_objectives', 'Next Objectives by Condition'),
					])
				: []),
		];
		for (const [reference, where] of references) {
			if (reference === objective.objective_name) {
				throw new ParameterError(where, `names the objective itself ("${reference}")`);
			}
			if (!names.has(reference)) {
				throw new ParameterError(
					where,
					`names "${reference}", which is not an objective of this set`,
					`The set has: ${known.join(', ')}. Add the objective or correct the name.`,
				);
			}
		}
	});
}

/**
 * The `data` array of POST /v2/objectives (and the desired state of an update). Pure: no n8n
 * context, no HTTP; a ParameterError names the field.
 */
export function buildObjectives(parameters: ObjectivesParameters): IDataObject[] {
	if (parameters.input === 'json') {
		let parsed = parseJsonValue(JSON_LABEL, parameters.json);
		if (isPlainObject(parsed) && Array.isArray(parsed.data)) parsed = parsed.data;
		if (parsed === undefined || parsed === null) parsed = [];
		if (!Array.isArray(parsed)) {
			throw new ParameterError(
				JSON_LABEL,
				`must be a JSON array of objectives, got ${describeType(parsed)}`,
			);
		}
		const objectives = parsed.map(objectiveFromJson);
		checkObjectivesSet(objectives, JSON_LABEL);
		return objectives;
	}
	const raw = parameters.objectives;
	const entries =
		isPlainObject(raw) && Array.isArray(raw.objective) ? (raw.objective as IDataObject[]) : [];
	const objectives = entries.map(objectiveFromEntry);
	checkObjectivesSet(objectives, FIELDS_LABEL);
	return objectives;
}

/** The objectives of a set as GET returns them (`{data: {..., data: [...]}}` or one objective). */
export function objectivesOf(body: unknown): IDataObject[] {
	const set = unwrapData(body);
	if (Array.isArray(set.data)) return set.data as IDataObject[];
	const single: IDataObject = { ...set };
	for (const key of ['objectives_id', 'created_at', 'updated_at', 'status']) delete single[key];
	return Object.keys(single).length ? [single] : [];
}

/** Unwraps `{ "data": {...} }` (GET objectives, GET legacy guardrail set). */
export function unwrapData(body: unknown): IDataObject {
	if (!isPlainObject(body)) return {};
	return isPlainObject(body.data) ? body.data : body;
}

/** The JSON Patch (paths like /data/0/objective_prompt) that makes a set carry `desired`. */
export function buildObjectivesPatch(
	current: IDataObject[],
	desired: IDataObject[],
): PatchOperation[] {
	return buildItemListPatch(current, desired, OBJECTIVE_DIFF);
}

/** The name of a set in lists: the name of its first objective. */
export function objectivesSetName(item: IDataObject): unknown {
	if (typeof item.objective_name === 'string') return item.objective_name;
	const first = Array.isArray(item.data) ? (item.data[0] as IDataObject | undefined) : undefined;
	return first?.objective_name;
}
