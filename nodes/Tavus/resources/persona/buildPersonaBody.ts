import type { IDataObject } from 'n8n-workflow';
import {
	type BodyField,
	type BodyFieldGroup,
	buildGroupBody,
	kindOf,
	setAtPath,
} from '../../fields/bodyFields';
import {
	conferencingLayer,
	conversationalFlowLayer,
	freeTextPairs,
	llmLayer,
	personaAdditionalFields,
	personaCoreFields,
	personaLayers,
	ttsLayer,
} from '../../fields/persona';
import {
	describeType,
	isEmptyValue,
	isPlainObject,
	ParameterError,
	toBoolean,
} from '../../validation';

/** The persona parameters of one item, as n8n hands them over. */
export interface PersonaParameters {
	/** Values of the persona's own fields, by parameter name (personaName, systemPrompt, ...). */
	core: IDataObject;
	/** Values of each layer collection, by its parameter name (llmLayer, ttsLayer, ...). */
	layers: Record<string, IDataObject | undefined>;
	additionalFields?: IDataObject;
	/** Provider keys from the Tavus API credential (used when a layer asks for them). */
	providerKeys?: { llm?: string; tts?: string };
}

export interface PersonaBodyRules {
	/**
	 * A new persona (Create, Create or Update): System Prompt is required unless the pipeline
	 * mode is echo, and a Conferencing Layer needs a Username and a Default Replica. Update
	 * sends only what changes, so the persona's current values count there (Tavus checks them).
	 */
	requireSystemPrompt: boolean;
}

/**
 * Turns persona parameters into the body of POST /v2/personas (or the desired values for an
 * update). Pure: no n8n context, no HTTP. Empty fields and empty layers are left out; an
 * invalid value throws a ParameterError naming the field.
 */
export function buildPersonaBody(
	parameters: PersonaParameters,
	rules: PersonaBodyRules,
): IDataObject {
	const body = buildGroupBody(personaCoreFields, parameters.core, '');

	if (
		rules.requireSystemPrompt &&
		body.pipeline_mode !== 'echo' &&
		isEmptyValue(body.system_prompt)
	) {
		throw new ParameterError(
			'System Prompt',
			'is required when Pipeline Mode is Full',
			'Enter a system prompt, or set Pipeline Mode to Echo.',
		);
	}

	for (const layer of personaLayers) {
		const values = parameters.layers[layer.property.name];
		if (values && isPlainObject(values)) checkLayerChoices(layer, values);
		const layerBody = buildGroupBody(layer.fields, values, layer.property.displayName);
		if (layer === conferencingLayer) checkConferencingFields(layerBody);
		if (values && (layer === llmLayer || layer === ttsLayer)) {
			applyCredentialKey(
				layer === llmLayer ? 'llm' : 'tts',
				values,
				layerBody,
				parameters.providerKeys,
			);
		}
		if (
			layer === ttsLayer &&
			layerBody.tts_engine === 'azure' &&
			layerBody.tts_model_name !== undefined
		) {
			throw new ParameterError(
				'TTS Layer › TTS Model Name',
				'is not supported with the Azure engine',
				'Azure voices are chosen by External Voice ID alone; remove TTS Model Name.',
			);
		}
		if (Object.keys(layerBody).length > 0) setAtPath(body, layer.api, layerBody);
	}

	const additional = buildGroupBody(
		personaAdditionalFields.fields,
		parameters.additionalFields,
		personaAdditionalFields.property.displayName,
	);
	checkGuardrailLimits(additional);
	setAtPath(body, '', additional);
	checkConferencingNeeds(body, rules);
	return body;
}

const label = (layer: BodyFieldGroup, field: BodyField) =>
	`${layer.property.displayName} › ${field.property.displayName}`;

/**
 * Fields of one layer that exclude each other: a listed model and its free-text twin (Custom
 * …), PAL Interruptibility and its older name. A listed value from an expression that is not
 * in the list is refused with a hint to the free-text twin.
 */
function checkLayerChoices(layer: BodyFieldGroup, values: IDataObject): void {
	for (const pair of freeTextPairs) {
		if (pair.layer !== layer) continue;
		const listed = values[pair.listed.property.name];
		const custom = values[pair.custom.property.name];
		if (!isEmptyValue(listed) && !isEmptyValue(custom)) {
			throw new ParameterError(
				label(layer, pair.custom),
				`cannot be used together with ${label(layer, pair.listed)}`,
				`Keep ${pair.listed.property.displayName} for a value of the list, or ${pair.custom.property.displayName} for any other name, not both.`,
			);
		}
		const kind = kindOf(pair.listed);
		if (
			!isEmptyValue(listed) &&
			kind.type === 'enum' &&
			(typeof listed !== 'string' || !kind.values.includes(listed))
		) {
			throw new ParameterError(
				label(layer, pair.listed),
				`must be one of ${kind.values.map((value) => `"${value}"`).join(', ')}, got ${describeType(listed)}`,
				`For a name the list does not have (e.g. one Tavus added later), set ${pair.custom.property.displayName} instead.`,
			);
		}
	}
	if (
		layer === conversationalFlowLayer &&
		!isEmptyValue(values.palInterruptibility) &&
		!isEmptyValue(values.replicaInterruptibility)
	) {
		throw new ParameterError(
			'Conversational Flow Layer › PAL Interruptibility',
			'cannot be used together with Conversational Flow Layer › Replica Interruptibility',
			'Replica Interruptibility is the older name of the same setting: keep one of the two.',
		);
	}
}

/** Tavus's rules for a conferencing username (tavus-api-2026-11.md §2.3). */
const USERNAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9]$/;
const RESERVED_USERNAME = /^bot\d+$/i;

/** Username: checked as Tavus checks it and sent lowercase (Tavus stores it lowercase). */
export function conferencingUsername(field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string' || text === '') {
		throw new ParameterError(field, 'is required');
	}
	if (text.length < 2) {
		throw new ParameterError(field, `must be at least 2 characters, got "${text}"`);
	}
	if (!USERNAME.test(text)) {
		throw new ParameterError(
			field,
			`"${text.length > 60 ? text.slice(0, 60) + '…' : text}" is not a valid username`,
			'Use letters, digits, ".", "_" and "-", starting and ending with a letter or digit (it becomes <username>@tavusinvite.com).',
		);
	}
	if (RESERVED_USERNAME.test(text)) {
		throw new ParameterError(
			field,
			`"${text}" is reserved by Tavus (bot followed by digits)`,
			'Choose another username.',
		);
	}
	return text.toLowerCase();
}

/** Allowlist entries are exact emails or regular expressions: each must compile. */
function checkAllowlist(field: string, entries: unknown): void {
	if (!Array.isArray(entries)) return;
	entries.forEach((entry, index) => {
		const text = String(entry);
		// Python-style leading inline flags ((?i)) and named groups ((?P<name>) are fine for
		// Tavus; JavaScript spells them differently.
		const problem = regexProblem(text.replace(/^\(\?[aiLmsux]+\)/, '').replace(/\(\?P</g, '(?<'));
		if (problem === undefined) return;
		throw new ParameterError(
			`${field} (entry ${index + 1})`,
			`"${text.length > 60 ? text.slice(0, 60) + '…' : text}" is neither an email address nor a valid regular expression (${problem})`,
			'Write an exact email (alex@acme.com) or a regular expression (.*@acme\\.com).',
		);
	});
}

/** Why a regular expression does not compile, or undefined when it does. */
function regexProblem(pattern: string): string | undefined {
	try {
		new RegExp(pattern);
		return undefined;
	} catch (error) {
		return (error as Error).message.replace(/^Invalid regular expression: /, '');
	}
}

function checkConferencingFields(layerBody: IDataObject): void {
	if (layerBody.username !== undefined) {
		layerBody.username = conferencingUsername(
			label(conferencingLayer, conferencingLayer.fields[0]),
			layerBody.username,
		);
	}
	checkAllowlist(label(conferencingLayer, conferencingLayer.fields[1]), layerBody.allowlist);
}

/**
 * Tavus answers 400 to conferencing without a default Face, and conferencing needs the full
 * pipeline (tavus-api-2026-11.md §2.3): refused before sending.
 */
function checkConferencingNeeds(body: IDataObject, rules: PersonaBodyRules): void {
	const layers = body.layers;
	const conferencing = isPlainObject(layers) ? layers.conferencing : undefined;
	if (!isPlainObject(conferencing) || Object.keys(conferencing).length === 0) return;
	if (body.pipeline_mode === 'echo') {
		throw new ParameterError(
			'Conferencing Layer',
			'needs Pipeline Mode Full, got Echo',
			'A PAL joins Google Meet only with the full pipeline. Set Pipeline Mode to Full, or remove the Conferencing Layer.',
		);
	}
	if (!rules.requireSystemPrompt) return;
	if (isEmptyValue(body.default_replica_id)) {
		throw new ParameterError(
			'Default Replica',
			'is required when the Conferencing Layer is set',
			'The PAL joins Google Meet with its default Face (replica): Tavus refuses conferencing without one. Set Default Replica.',
		);
	}
	if (isEmptyValue(conferencing.username)) {
		throw new ParameterError(
			'Conferencing Layer › Username',
			'is required when the Conferencing Layer is set',
			'The username gives the PAL its invite address <username>@tavusinvite.com.',
		);
	}
}

/** Puts the provider key from the credential into the layer when its switch is on. */
function applyCredentialKey(
	layer: 'llm' | 'tts',
	values: IDataObject,
	layerBody: IDataObject,
	providerKeys: PersonaParameters['providerKeys'],
): void {
	const label =
		layer === 'llm'
			? 'LLM Layer › Use LLM Key From Credential'
			: 'TTS Layer › Use TTS Key From Credential';
	const raw = values.apiKeyFromCredential;
	const switchOn = raw === undefined || raw === '' ? false : toBoolean(label, raw);
	if (!switchOn) return;
	if (!isEmptyValue(values.apiKey)) {
		throw new ParameterError(
			label,
			'cannot be used together with the API Key field',
			'Remove one of the two.',
		);
	}
	const key = providerKeys?.[layer];
	if (isEmptyValue(key)) {
		throw new ParameterError(
			label,
			`is on, but the Tavus API credential has no ${layer === 'llm' ? 'Custom LLM API Key' : 'TTS Provider API Key'}`,
			'Add the key to the credential, or turn the switch off and use the API Key field.',
		);
	}
	layerBody.api_key = key;
}

/** Tavus attaches at most 50 guardrails per persona, by at most 50 IDs and 50 tags. */
const MAX_GUARDRAIL_ENTRIES = 50;

function checkGuardrailLimits(additional: IDataObject): void {
	for (const field of personaAdditionalFields.fields) {
		if (field.api !== 'guardrail_ids' && field.api !== 'guardrail_tags') continue;
		const list = additional[field.api];
		if (Array.isArray(list) && list.length > MAX_GUARDRAIL_ENTRIES) {
			throw new ParameterError(
				`${personaAdditionalFields.property.displayName} › ${field.property.displayName}`,
				`can hold at most ${MAX_GUARDRAIL_ENTRIES} entries, got ${list.length}`,
				'Tavus attaches at most 50 guardrails to a persona. Group guardrails with a tag instead.',
			);
		}
	}
}
