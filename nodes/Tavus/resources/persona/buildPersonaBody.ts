import type { IDataObject } from 'n8n-workflow';
import { buildGroupBody, setAtPath } from '../../fields/bodyFields';
import {
	llmLayer,
	personaAdditionalFields,
	personaCoreFields,
	personaLayers,
	ttsLayer,
} from '../../fields/persona';
import { isEmptyValue, ParameterError, toBoolean } from '../../validation';

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
	/** Create: System Prompt is required unless the pipeline mode is echo. */
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
		if (
			layer === llmLayer &&
			values &&
			!isEmptyValue(values.model) &&
			!isEmptyValue(values.customModel)
		) {
			throw new ParameterError(
				'LLM Layer › Custom Model',
				'cannot be used together with LLM Layer › Model',
				'Keep Model for a Tavus-hosted model, or Custom Model for your own endpoint, not both.',
			);
		}
		const layerBody = buildGroupBody(layer.fields, values, layer.property.displayName);
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
	return body;
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
