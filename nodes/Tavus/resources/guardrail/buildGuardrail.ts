import type { IDataObject } from 'n8n-workflow';
import { buildGroupBody } from '../../fields/bodyFields';
import type { PatchOperation } from '../../jsonPatch';
import { buildJsonPatch } from '../../jsonPatch';
import { isEmptyValue, isPlainObject, ParameterError } from '../../validation';
import { buildItemListPatch } from '../upsert';
import {
	guardrailAdditionalFields,
	guardrailNameField,
	guardrailPromptField,
	guardrailUpdateFields,
	setGuardrailFields,
} from './fields';

/** Documented limits (Tavus guardrails guide). */
export const GUARDRAIL_LIMITS = {
	name: 100,
	prompt: 1000,
	callbackUrl: 2048,
	tags: 32,
	tagLength: 64,
};

const NAME = /^[A-Za-z0-9_]+$/;

/**
 * Checks one guardrail against the documented rules. `label(key)` names the field the user
 * sees. `partial` (Update): only the fields present are checked.
 */
export function checkGuardrail(
	guardrail: IDataObject,
	label: (key: string) => string,
	partial = false,
): void {
	const name = guardrail.guardrail_name;
	if (name === undefined) {
		if (!partial) throw new ParameterError(label('guardrail_name'), 'is required');
	} else {
		const text = String(name);
		if (!NAME.test(text)) {
			throw new ParameterError(
				label('guardrail_name'),
				`"${text}" may only contain letters, digits and underscores`,
				'e.g. no_medical_advice',
			);
		}
		if (text.length > GUARDRAIL_LIMITS.name) {
			throw new ParameterError(
				label('guardrail_name'),
				`must be at most ${GUARDRAIL_LIMITS.name} characters, got ${text.length}`,
			);
		}
	}
	const prompt = guardrail.guardrail_prompt;
	if (prompt === undefined) {
		if (!partial) throw new ParameterError(label('guardrail_prompt'), 'is required');
	} else if (String(prompt).length > GUARDRAIL_LIMITS.prompt) {
		throw new ParameterError(
			label('guardrail_prompt'),
			`must be at most ${GUARDRAIL_LIMITS.prompt} characters, got ${String(prompt).length}`,
		);
	}
	if (
		typeof guardrail.callback_url === 'string' &&
		guardrail.callback_url.length > GUARDRAIL_LIMITS.callbackUrl
	) {
		throw new ParameterError(
			label('callback_url'),
			`must be at most ${GUARDRAIL_LIMITS.callbackUrl} characters`,
		);
	}
	if (Array.isArray(guardrail.tags)) {
		if (guardrail.tags.length > GUARDRAIL_LIMITS.tags) {
			throw new ParameterError(
				label('tags'),
				`can hold at most ${GUARDRAIL_LIMITS.tags} tags, got ${guardrail.tags.length}`,
			);
		}
		const long = (guardrail.tags as string[]).find(
			(tag) => tag.length > GUARDRAIL_LIMITS.tagLength,
		);
		if (long !== undefined) {
			throw new ParameterError(
				label('tags'),
				`"${long.slice(0, 30)}…" is longer than ${GUARDRAIL_LIMITS.tagLength} characters`,
			);
		}
	}
}

const LABELS: Record<string, string> = {
	guardrail_name: 'Guardrail Name',
	guardrail_prompt: 'Guardrail Prompt',
	callback_url: 'Callback URL',
	tags: 'Tags',
	modality: 'Modality',
	app_message: 'App Message',
};

/** The body of POST /v2/guardrails for one individual guardrail. Pure. */
export function buildGuardrailBody(
	core: IDataObject,
	additionalFields: IDataObject | undefined,
): IDataObject {
	const body = buildGroupBody([guardrailNameField, guardrailPromptField], core, '');
	Object.assign(
		body,
		buildGroupBody(guardrailAdditionalFields.fields, additionalFields, 'Additional Fields'),
	);
	checkGuardrail(body, (key) =>
		key === 'guardrail_name' || key === 'guardrail_prompt'
			? LABELS[key]
			: `Additional Fields › ${LABELS[key]}`,
	);
	return body;
}

/** The desired values of an individual guardrail (Update → Update Fields). Pure. */
export function buildGuardrailUpdate(updateFields: IDataObject | undefined): IDataObject {
	const desired = buildGroupBody(guardrailUpdateFields.fields, updateFields, 'Update Fields');
	if (Object.keys(desired).length === 0) {
		throw new ParameterError(
			'Update Fields',
			'has no field to change',
			'Add at least one field, or use JSON Patch mode.',
		);
	}
	checkGuardrail(desired, (key) => `Update Fields › ${LABELS[key]}`, true);
	return desired;
}

/** The JSON Patch that makes an individual guardrail carry the desired values. */
export function buildGuardrailPatch(current: IDataObject, desired: IDataObject): PatchOperation[] {
	return buildJsonPatch(current, desired, [], () => false);
}

/** The `data` of a legacy set from the Guardrails list. Pure. */
export function buildSetGuardrails(guardrails: IDataObject | undefined): IDataObject[] {
	const entries =
		isPlainObject(guardrails) && Array.isArray(guardrails.guardrail)
			? (guardrails.guardrail as IDataObject[])
			: [];
	if (entries.length === 0) {
		throw new ParameterError(
			'Guardrails',
			'needs at least one guardrail',
			'Add a guardrail (name and prompt).',
		);
	}
	return entries.map((entry, index) => {
		const label = `Guardrails › Guardrail ${index + 1}`;
		const guardrail = buildGroupBody(setGuardrailFields, entry, label);
		checkGuardrail(guardrail, (key) => `${label} › ${LABELS[key]}`);
		return guardrail;
	});
}

/** The body of POST /v2/guardrails for a legacy set. Pure. */
export function buildGuardrailSetBody(
	name: unknown,
	guardrails: IDataObject | undefined,
): IDataObject {
	const body: IDataObject = {};
	if (!isEmptyValue(name)) {
		if (typeof name !== 'string') throw new ParameterError('Set Name', 'must be text');
		body.name = name.trim();
	}
	body.data = buildSetGuardrails(guardrails);
	return body;
}

/** Keys a guardrail of a legacy set may leave out, and what Tavus fills in. */
export const SET_GUARDRAIL_DIFF = { optional: ['callback_url'], defaults: { modality: 'verbal' } };

/** A legacy set as GET returns it, unwrapped from `{ "data": {...} }`. */
export function unwrapSet(body: unknown): IDataObject {
	if (!isPlainObject(body)) return {};
	return isPlainObject(body.data) ? body.data : body;
}

/** The guardrails of a legacy set as GET returns it (`{data: {..., data: [...]}}` or one guardrail). */
export function setGuardrailsOf(body: unknown): IDataObject[] {
	const set = unwrapSet(body);
	if (Array.isArray(set.data)) return set.data as IDataObject[];
	const single: IDataObject = {};
	for (const key of ['guardrail_name', 'guardrail_prompt', 'modality', 'callback_url']) {
		if (set[key] !== undefined) single[key] = set[key];
	}
	return Object.keys(single).length ? [single] : [];
}

/** The JSON Patch (paths like /data/0/guardrail_prompt) that makes a legacy set carry `desired`. */
export function buildGuardrailSetPatch(
	current: IDataObject[],
	desired: IDataObject[],
): PatchOperation[] {
	return buildItemListPatch(current, desired, SET_GUARDRAIL_DIFF);
}
