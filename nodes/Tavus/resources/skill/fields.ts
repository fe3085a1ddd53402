import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusLocator } from '../../fields/locators';
import { getParameter } from '../../parameters';
import { isPlainObject, toIdLike } from '../../validation';
import { buildForItem } from '../common';

/*
 * Skills: Tavus-authored capabilities attached to a persona (PAL), tavus-api-2026-11.md §6. The
 * registry is GET /v2/skills; its item fields are not documented (a third-party connector uses
 * skill_id, display_name, description), so it is read tolerantly (registrySkills).
 */

export const SKILLS_PATH = '/v2/skills';

/** The documented skills (§6.1, §12). */
export const INTERNET_SEARCH = 'internet_search';
export const PRESENTATION = 'presentation';
export const MAGIC_CANVAS = 'magic_canvas';

/** How a skill_id is written: `internet_search`, `magic_canvas`. */
export const SKILL_ID_PATTERN = /^[a-z][a-z0-9_]*$/;

export const skillLocatorOptions = {
	noun: 'skill',
	searchListMethod: 'searchSkills',
	example: 'internet_search',
	typedMode: {
		displayName: 'By ID',
		name: 'id',
		regex: SKILL_ID_PATTERN.source,
		errorMessage:
			'A skill ID is lowercase letters, digits and "_", starting with a letter (e.g. internet_search)',
	},
};

/** A skill picker: the registry's list, or a skill_id. */
export function skillLocator(options: {
	name: string;
	displayName: string;
	description: string;
}): INodeProperties {
	return tavusLocator({ ...skillLocatorOptions, ...options, required: true });
}

/** A skill_id: lowercase letters, digits and "_", starting with a letter. Pure. */
export function toSkillId(field: string, value: unknown): string {
	return toIdLike(field, value, {
		pattern: SKILL_ID_PATTERN,
		maxLength: 64,
		noun: 'skill ID',
		example: 'internet_search',
		rule: 'lowercase letters, digits and "_", starting with a letter, like internet_search',
	});
}

/** Reads and checks a skill picker's skill_id (nothing is sent when it throws). */
export function readSkillId(
	context: IExecuteFunctions,
	itemIndex: number,
	property: INodeProperties,
): string {
	const raw = getParameter(context, property.name, itemIndex, '', { extractValue: true });
	return buildForItem(context, itemIndex, () => toSkillId(property.displayName, raw));
}

/** The ID a registry entry carries: skill_id, id, or the key it was listed under. */
function registryEntry(entry: unknown, key?: string): IDataObject | undefined {
	if (isPlainObject(entry)) {
		const id = entry.skill_id ?? entry.id ?? key;
		if (typeof id !== 'string' || id === '') return undefined;
		return { ...entry, skill_id: id };
	}
	if (key !== undefined) return { skill_id: key, value: entry as IDataObject[string] };
	return typeof entry === 'string' && entry !== '' ? { skill_id: entry } : undefined;
}

/**
 * The skills of a GET /v2/skills answer, each with its `skill_id`. The item shape is not
 * documented, so this takes `{data: [...]}`, `{skills: [...]}`, either of them keyed by skill_id,
 * an object keyed by skill_id, or an array; an entry's ID may be `skill_id`, `id` or its key.
 */
export function registrySkills(body: unknown): IDataObject[] {
	let list: unknown = body;
	for (const wrapper of ['data', 'skills']) {
		if (isPlainObject(list) && list[wrapper] !== undefined && list.skill_id === undefined) {
			list = list[wrapper];
			break;
		}
	}
	if (Array.isArray(list)) {
		return list.map((entry) => registryEntry(entry)).filter((entry) => entry !== undefined);
	}
	if (!isPlainObject(list)) return [];
	// One skill on its own.
	if (typeof list.skill_id === 'string') return [list];
	return Object.entries(list)
		.map(([key, entry]) => registryEntry(entry, key))
		.filter((entry) => entry !== undefined);
}
