import type { IDataObject } from 'n8n-workflow';
import { INTERNET_SEARCH, MAGIC_CANVAS, PRESENTATION, toSkillId } from '../skill/fields';
import {
	describeType,
	isPlainObject,
	parseJsonObject,
	parseJsonValue,
	ParameterError,
	toEnum,
	toStringList,
	toTavusId,
	toText,
} from '../../validation';

/*
 * Skills on a persona (PAL): Tavus's /v2/pals/{pal_id}/skills (tavus-api-2026-11.md §6.2; the
 * persona_id is the pal_id). The pure builders here turn parameter values into the request
 * bodies and throw ParameterError (naming the field) for what cannot be sent.
 */

export const palSkillsPath = (personaId: string) => `/v2/pals/${personaId}/skills`;
export const palSkillPath = (personaId: string, skillId: string) =>
	`${palSkillsPath(personaId)}/${skillId}`;

export const SLIDES_TRIGGERS = ['on_demand', 'walk_the_deck'] as const;

/** The Skill dropdown's "Other" choice: a skill picker (or skill_id) and a Config JSON. */
export const OTHER_SKILL = 'other';

/** Labels of the parameters, as the errors name them (their display names). */
export const LABELS = {
	skillType: 'Skill',
	otherSkill: 'Other Skill',
	documentIds: 'Document Names or IDs',
	slidesTrigger: 'Slides Trigger',
	prompt: 'Prompt',
	components: 'Components',
	config: 'Config',
	updateFields: 'Update Fields',
	removeKeys: 'Remove Keys',
	skills: 'Skills',
} as const;

const CONFIG_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A presentation's document_ids: a non-empty list of Tavus IDs (array, or comma-separated). */
function toDocumentIds(field: string, value: unknown): string[] {
	const list = value === undefined || value === null ? [] : toStringList(field, value, true);
	const ids = list.map((id, index) => toTavusId(`${field} (entry ${index + 1})`, id));
	if (ids.length === 0) {
		throw new ParameterError(
			field,
			'needs at least one document: a presentation shows the slides of its documents',
			'Pick a document of the knowledge base, or give its document_id.',
		);
	}
	return [...new Set(ids)];
}

/** A component overlay of Magic Canvas: component name → its settings (objects). */
function toComponents(field: string, value: unknown): IDataObject {
	if (!isPlainObject(value)) {
		throw new ParameterError(field, `must be a JSON object, got ${describeType(value)}`);
	}
	for (const [name, settings] of Object.entries(value)) {
		if (!isPlainObject(settings)) {
			throw new ParameterError(
				field,
				`component "${name}" must be an object like {"enabled": false}, got ${describeType(settings)}`,
			);
		}
	}
	return value;
}

/**
 * Checks what the node knows of a documented skill's configuration (§6.1): presentation needs
 * document_ids (a non-empty list of IDs) and a known slides_trigger; magic_canvas's components
 * is an object of objects. Other keys are left to Tavus, which validates every config. In a
 * `partial` config (Update), keys may be missing, and null removes a key.
 */
export function checkSkillConfig(
	field: string,
	skillId: string,
	config: IDataObject,
	options: { partial?: boolean } = {},
): IDataObject {
	const checked: IDataObject = { ...config };
	const given = (key: string) => config[key] !== undefined && config[key] !== null;
	if (skillId === PRESENTATION) {
		if (!options.partial || config.document_ids !== undefined) {
			if (config.document_ids === null && options.partial) {
				throw new ParameterError(
					field,
					'cannot remove document_ids: a presentation needs its documents',
					'Give other document IDs instead.',
				);
			}
			checked.document_ids = toDocumentIds(`${field} › document_ids`, config.document_ids);
		}
		if (given('slides_trigger')) {
			checked.slides_trigger = toEnum(
				`${field} › slides_trigger`,
				config.slides_trigger,
				SLIDES_TRIGGERS,
			);
		}
		if (given('prompt')) checked.prompt = toText(`${field} › prompt`, config.prompt);
	}
	if (skillId === MAGIC_CANVAS && given('components')) {
		checked.components = toComponents(`${field} › components`, config.components);
	}
	return checked;
}

/** A Config JSON (an object; empty → {}). */
function toConfig(field: string, value: unknown): IDataObject {
	return parseJsonObject(field, value) ?? {};
}

/** The skill_id of the Skill dropdown (Other: the skill picker's ID). */
export function toChosenSkillId(skillType: unknown, otherSkill: unknown): string {
	if (skillType === OTHER_SKILL) return toSkillId(LABELS.otherSkill, otherSkill);
	return toSkillId(LABELS.skillType, skillType);
}

/** The parameter values of Attach Skill. */
export interface AttachSkillValues {
	skillType: unknown;
	otherSkill?: unknown;
	documentIds?: unknown;
	slidesTrigger?: unknown;
	prompt?: unknown;
	components?: unknown;
	config?: unknown;
}

/**
 * Attach Skill: the skill_id and the PUT body `{"config": {...}}` (Tavus overwrites a skill
 * already attached). Internet Search has no configuration: `{"config": {}}`.
 */
export function buildAttachSkill(values: AttachSkillValues): {
	skillId: string;
	body: IDataObject;
} {
	const skillId = toChosenSkillId(values.skillType, values.otherSkill);
	if (values.skillType === OTHER_SKILL) {
		const config = checkSkillConfig(LABELS.config, skillId, toConfig(LABELS.config, values.config));
		return { skillId, body: { config } };
	}
	if (skillId === INTERNET_SEARCH) return { skillId, body: { config: {} } };
	if (skillId === PRESENTATION) {
		const config: IDataObject = {
			document_ids: toDocumentIds(LABELS.documentIds, values.documentIds),
			slides_trigger: toEnum(
				LABELS.slidesTrigger,
				values.slidesTrigger ?? 'on_demand',
				SLIDES_TRIGGERS,
			),
		};
		const prompt = values.prompt === undefined ? '' : toText(LABELS.prompt, values.prompt);
		if (prompt.trim() !== '') config.prompt = prompt;
		return { skillId, body: { config } };
	}
	if (skillId === MAGIC_CANVAS) {
		const components = parseJsonObject(LABELS.components, values.components);
		const config: IDataObject =
			components && Object.keys(components).length > 0
				? { components: toComponents(LABELS.components, components) }
				: {};
		return { skillId, body: { config } };
	}
	throw new ParameterError(LABELS.skillType, `"${skillId}" is not a choice of the list`);
}

/** Remove Keys: comma-separated config keys (or an array), each sent as null. */
export function toRemoveKeys(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const keys = toStringList(LABELS.removeKeys, value, true).map((key) => key.trim());
	for (const key of keys) {
		if (!CONFIG_KEY.test(key)) {
			throw new ParameterError(
				LABELS.removeKeys,
				`"${key.length > 40 ? key.slice(0, 40) + '…' : key}" is not a config key (letters, digits and "_", like prompt)`,
			);
		}
	}
	return [...new Set(keys)];
}

/** The parameter values of Update Skill. */
export interface UpdateSkillValues {
	skillType: unknown;
	otherSkill?: unknown;
	/** Presentation: the Update Fields collection (documentIds, slidesTrigger, prompt). */
	updateFields?: unknown;
	components?: unknown;
	config?: unknown;
	removeKeys?: unknown;
}

/**
 * Update Skill: the skill_id and the PATCH body `{"config": {<partial>}}`. Tavus merges: the
 * keys given replace, the others are kept, null removes a key (Remove Keys adds them as null).
 * At least one key must change.
 */
export function buildUpdateSkill(values: UpdateSkillValues): {
	skillId: string;
	body: IDataObject;
} {
	const skillId = toChosenSkillId(values.skillType, values.otherSkill);
	let partial: IDataObject = {};
	let field: string = LABELS.config;
	if (values.skillType === OTHER_SKILL) {
		partial = toConfig(LABELS.config, values.config);
	} else if (skillId === PRESENTATION) {
		field = LABELS.updateFields;
		const fields = values.updateFields ?? {};
		if (!isPlainObject(fields)) {
			throw new ParameterError(field, `must be a collection, got ${describeType(fields)}`);
		}
		if (fields.documentIds !== undefined && !isEmptyList(fields.documentIds)) {
			partial.document_ids = toDocumentIds(`${field} › ${LABELS.documentIds}`, fields.documentIds);
		}
		if (fields.slidesTrigger !== undefined && fields.slidesTrigger !== '') {
			partial.slides_trigger = toEnum(
				`${field} › ${LABELS.slidesTrigger}`,
				fields.slidesTrigger,
				SLIDES_TRIGGERS,
			);
		}
		if (fields.prompt !== undefined) {
			const prompt = toText(`${field} › ${LABELS.prompt}`, fields.prompt);
			if (prompt.trim() !== '') partial.prompt = prompt;
		}
	} else if (skillId === MAGIC_CANVAS) {
		field = LABELS.components;
		const components = parseJsonObject(field, values.components);
		if (components && Object.keys(components).length > 0) {
			partial.components = toComponents(field, components);
		}
	} else {
		throw new ParameterError(
			LABELS.skillType,
			`"${skillId}" has no configuration to update`,
			'Choose Presentation, Magic Canvas or Other.',
		);
	}
	for (const key of toRemoveKeys(values.removeKeys)) {
		if (partial[key] !== undefined && partial[key] !== null) {
			throw new ParameterError(
				LABELS.removeKeys,
				`"${key}" is also given a value; a key is either changed or removed`,
			);
		}
		partial[key] = null;
	}
	if (Object.keys(partial).length === 0) {
		throw new ParameterError(
			field,
			'needs at least one key to change (or one in Remove Keys)',
			'Tavus keeps every key the update does not give.',
		);
	}
	const config = checkSkillConfig(field, skillId, partial, { partial: true });
	return { skillId, body: { config } };
}

function isEmptyList(value: unknown): boolean {
	return (Array.isArray(value) && value.length === 0) || value === '';
}

/** One entry of Replace Skills' map: `{}` or `{"config": {...}}`, sent as `{"config": {...}}`. */
function toSkillEntry(skillId: string, entry: unknown): IDataObject {
	const field = `${LABELS.skills} › ${skillId}`;
	if (!isPlainObject(entry)) {
		throw new ParameterError(field, `must be {} or {"config": {...}}, got ${describeType(entry)}`);
	}
	const stray = Object.keys(entry).filter((key) => key !== 'config');
	if (stray.length > 0) {
		throw new ParameterError(
			field,
			`has ${stray.map((key) => `"${key}"`).join(', ')} next to config`,
			`Put the skill's configuration under "config", e.g. {"${skillId}": {"config": {...}}}.`,
		);
	}
	const config = entry.config ?? {};
	if (!isPlainObject(config)) {
		throw new ParameterError(
			`${field} › config`,
			`must be a JSON object, got ${describeType(config)}`,
		);
	}
	return { config: checkSkillConfig(`${field} › config`, skillId, config) };
}

/**
 * The skills map of Replace Skills: `{<skill_id>: {} | {"config": {...}}}`, also given wrapped
 * as `{"skills": {...}}`, or as a list of attachments `[{skill_id, config}, ...]` (Get Skills'
 * items, Replace Skills' `skills`). Every entry is sent as `{"config": {...}}`.
 */
export function toSkillsMap(value: unknown): IDataObject {
	let parsed: unknown =
		typeof value === 'string' ? (parseJsonValue(LABELS.skills, value) ?? {}) : (value ?? {});
	if (isPlainObject(parsed) && Object.keys(parsed).length === 1 && isPlainObject(parsed.skills)) {
		parsed = parsed.skills;
	}
	if (Array.isArray(parsed)) {
		const map: IDataObject = {};
		parsed.forEach((attachment, index) => {
			if (!isPlainObject(attachment)) {
				throw new ParameterError(
					`${LABELS.skills} (entry ${index + 1})`,
					`must be an object like {"skill_id": "internet_search", "config": {}}, got ${describeType(attachment)}`,
				);
			}
			const skillId = toSkillId(
				`${LABELS.skills} (entry ${index + 1}) › skill_id`,
				attachment.skill_id,
			);
			if (map[skillId] !== undefined) {
				throw new ParameterError(LABELS.skills, `lists ${skillId} twice`);
			}
			map[skillId] = attachment.config === undefined ? {} : { config: attachment.config };
		});
		parsed = map;
	}
	if (!isPlainObject(parsed)) {
		throw new ParameterError(
			LABELS.skills,
			`must be a JSON object of skills, like {"internet_search": {}}, got ${describeType(parsed)}`,
		);
	}
	const skills: IDataObject = {};
	for (const [key, entry] of Object.entries(parsed)) {
		const skillId = toSkillId(`${LABELS.skills} › key "${key}"`, key);
		skills[skillId] = toSkillEntry(skillId, entry);
	}
	return skills;
}

/**
 * Replace Skills: the PUT body `{"skills": {...}}`. Skills missing from the map are detached,
 * so an empty map (every skill detached) is sent only with `detachAll`.
 */
export function buildReplaceSkills(skills: unknown, detachAll: boolean): IDataObject {
	const map = toSkillsMap(skills);
	if (Object.keys(map).length === 0 && !detachAll) {
		throw new ParameterError(
			LABELS.skills,
			'is empty, which would detach every skill of the persona',
			'Give the skills the persona keeps, e.g. {"internet_search": {}}, or turn on Detach All to remove every skill.',
		);
	}
	return { skills: map };
}

/** A skill attachment with its skill_id (taken from its key when missing). */
function attachmentOf(entry: unknown, key?: string): IDataObject | undefined {
	if (!isPlainObject(entry)) return undefined;
	const id = entry.skill_id ?? key;
	return typeof id === 'string' && id !== '' ? { ...entry, skill_id: id } : undefined;
}

/**
 * The attachments of a `{"data": {<skill_id>: attachment, ...}}` answer (List, Replace), in
 * Tavus's order. Also taken: `data` as an array, or the map or the array without `data`.
 */
export function skillAttachmentsOf(body: unknown): IDataObject[] {
	const data = isPlainObject(body) && body.data !== undefined ? body.data : body;
	if (Array.isArray(data)) {
		return data.map((entry) => attachmentOf(entry)).filter((entry) => entry !== undefined);
	}
	if (!isPlainObject(data)) return [];
	if (typeof data.skill_id === 'string' && isPlainObject(data.config)) return [data];
	return Object.entries(data)
		.map(([key, entry]) => attachmentOf(entry, key))
		.filter((entry) => entry !== undefined);
}

/** An attachment as output: `{persona_id, skill_id, config, attached_at, updated_at, ...}`. */
export function skillOutput(
	personaId: string,
	attachment: IDataObject,
	skillId?: string,
): IDataObject {
	const output: IDataObject = { persona_id: personaId, ...attachment };
	if (output.skill_id === undefined && skillId !== undefined) output.skill_id = skillId;
	return output;
}
