import type { IDataObject } from 'n8n-workflow';
import {
	describeType,
	isEmptyValue,
	isPlainObject,
	ParameterError,
	parseJsonObject,
	toBoolean,
	toEnum,
	toNumber,
	toRequiredText,
} from '../../validation';

/*
 * The body of POST /v2/conversations/{conversation_id}/send-app-message: one interaction of
 * Tavus's interactions protocol, the same message a Daily client sends with sendAppMessage.
 * Pure: parameter values (by parameter name) in, body out; a ParameterError names the field.
 */

/** The interactions the PAL acts on (not broadcast to the room), by their event_type. */
export const APP_EVENT_TYPES = [
	'conversation.respond',
	'conversation.echo',
	'conversation.interrupt',
	'conversation.overwrite_llm_context',
	'conversation.append_llm_context',
	'conversation.sensitivity',
	'conversation.set_emotion',
	'conversation.tool_result',
] as const;

/** The Event Type value for any other event_type (relayed into the room). */
export const CUSTOM_EVENT = 'custom';

export const ECHO_MODALITIES = ['text', 'audio'] as const;
export const SENSITIVITY_SETTINGS = ['pause', 'interrupt'] as const;
export const SENSITIVITY_LEVELS = ['superlow', 'verylow', 'low', 'medium', 'high', 'auto'] as const;
export const TOOL_OUTPUT_TYPES = ['text', 'json'] as const;
export const TOOL_RESULT_STATUSES = ['success', 'error'] as const;

/** The labels the user sees (the operation's display names), used in error messages. */
export const APP_MESSAGE_LABELS = {
	appEventType: 'Event Type',
	respondText: 'Text',
	echoModality: 'Modality',
	echoText: 'Text',
	echoAudio: 'Audio (Base64)',
	echoOptions: 'Echo Options',
	done: 'Done',
	inferenceId: 'Inference ID',
	sampleRate: 'Sample Rate',
	llmContext: 'Context',
	markJobCompleted: 'Mark Job Completed',
	sensitivitySetting: 'Setting',
	sensitivityLevel: 'Level',
	emotion: 'Emotion',
	toolCallId: 'Tool Call ID',
	toolOutputType: 'Output Type',
	toolOutput: 'Output',
	toolOutputJson: 'Output (JSON)',
	toolResultStatus: 'Status',
	customEventType: 'Custom Event Type',
	customProperties: 'Properties (JSON)',
} as const;

const L = APP_MESSAGE_LABELS;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The result of a tool call: text, or an object (sent as is; Tavus serializes it). */
function readToolOutput(values: IDataObject): string | IDataObject {
	const type = toEnum(L.toolOutputType, values.toolOutputType ?? 'text', TOOL_OUTPUT_TYPES);
	if (type === 'json') {
		const output = parseJsonObject(L.toolOutputJson, values.toolOutputJson);
		if (output === undefined) {
			throw new ParameterError(L.toolOutputJson, 'is required (the tool result as a JSON object)');
		}
		return output;
	}
	const raw = values.toolOutput;
	// An expression may hand over the result object itself: it goes as it is.
	if (isPlainObject(raw)) return raw;
	if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		throw new ParameterError(
			L.toolOutput,
			'is required (the tool result as text, or a JSON object from an expression)',
		);
	}
	if (typeof raw !== 'string') {
		throw new ParameterError(
			L.toolOutput,
			`must be text or a JSON object, got ${describeType(raw)}`,
		);
	}
	return raw;
}

function toolResultProperties(values: IDataObject): IDataObject {
	return {
		tool_call_id: toRequiredText(L.toolCallId, values.toolCallId),
		output: readToolOutput(values),
		status: toEnum(L.toolResultStatus, values.toolResultStatus ?? 'success', TOOL_RESULT_STATUSES),
	};
}

function echoProperties(values: IDataObject): IDataObject {
	const modality = toEnum(L.echoModality, values.echoModality ?? 'text', ECHO_MODALITIES);
	const options = isPlainObject(values.echoOptions) ? values.echoOptions : {};
	const label = (name: keyof typeof L) => `${L.echoOptions} › ${L[name]}`;
	const done = isEmptyValue(options.done) ? undefined : toBoolean(label('done'), options.done);
	const properties: IDataObject = { modality };
	// A closing chunk of a stream (Done on) may be empty; every other chunk carries something.
	const content = (name: 'echoText' | 'echoAudio') => {
		const raw = values[name];
		if (done === true && (raw === undefined || raw === '')) return undefined;
		const text = toRequiredText(L[name], raw);
		if (name === 'echoAudio') return text.replace(/\s+/g, '');
		// Spoken text goes as typed (a streamed chunk may start or end with a space).
		return typeof raw === 'string' ? raw : text;
	};
	if (modality === 'text') {
		const text = content('echoText');
		if (text !== undefined) properties.text = text;
		if (!isEmptyValue(options.sampleRate)) {
			throw new ParameterError(label('sampleRate'), 'applies to audio only (Modality: Audio)');
		}
	} else {
		const audio = content('echoAudio');
		if (audio !== undefined) {
			if (!BASE64.test(audio)) {
				throw new ParameterError(L.echoAudio, 'must be base64-encoded audio (16-bit PCM)');
			}
			properties.audio = audio;
		}
		if (!isEmptyValue(options.sampleRate)) {
			properties.sample_rate = toNumber(label('sampleRate'), options.sampleRate, {
				integer: true,
				min: 1,
			});
		}
	}
	if (!isEmptyValue(options.inferenceId)) {
		properties.inference_id = toRequiredText(label('inferenceId'), options.inferenceId);
	}
	if (done !== undefined) properties.done = done;
	return properties;
}

function sensitivityProperties(values: IDataObject): IDataObject {
	const setting = toEnum(
		L.sensitivitySetting,
		values.sensitivitySetting ?? 'pause',
		SENSITIVITY_SETTINGS,
	);
	const level = toEnum(L.sensitivityLevel, values.sensitivityLevel ?? 'medium', SENSITIVITY_LEVELS);
	// Tavus takes exactly one of the two keys per message.
	return { [`participant_${setting}_sensitivity`]: level };
}

/** The `properties` of one interaction; undefined for an interrupt (it has none). */
function interactionProperties(eventType: string, values: IDataObject): IDataObject | undefined {
	switch (eventType) {
		case 'conversation.respond':
			return { text: toRequiredText(L.respondText, values.respondText) };
		case 'conversation.echo':
			return echoProperties(values);
		case 'conversation.interrupt':
			return undefined;
		case 'conversation.overwrite_llm_context':
			return { context: toRequiredText(L.llmContext, values.llmContext) };
		case 'conversation.append_llm_context': {
			const properties: IDataObject = {
				context: toRequiredText(L.llmContext, values.llmContext),
			};
			const done = values.markJobCompleted;
			if (!isEmptyValue(done) && toBoolean(L.markJobCompleted, done)) {
				properties.job_status = 'completed';
			}
			return properties;
		}
		case 'conversation.sensitivity':
			return sensitivityProperties(values);
		case 'conversation.set_emotion':
			return { emotion: toRequiredText(L.emotion, values.emotion) };
		case 'conversation.tool_result':
			return toolResultProperties(values);
		default:
			return parseJsonObject(L.customProperties, values.customProperties) ?? {};
	}
}

/**
 * The app message for one item: {message_type: "conversation", event_type, conversation_id,
 * properties}. `eventType` is the Event Type parameter (an event_type, or "custom" with the
 * event_type in Custom Event Type).
 */
export function buildAppMessage(
	conversationId: string,
	eventType: string,
	values: IDataObject,
): IDataObject {
	let event: string;
	if (eventType === CUSTOM_EVENT) {
		event = toRequiredText(L.customEventType, values.customEventType);
		if (/\s/.test(event)) {
			throw new ParameterError(
				L.customEventType,
				`must be an event_type without spaces, like app.show_banner, got ${describeType(event)}`,
			);
		}
	} else {
		event = toEnum(L.appEventType, eventType, [...APP_EVENT_TYPES, CUSTOM_EVENT]);
	}
	const body: IDataObject = {
		message_type: 'conversation',
		event_type: event,
		conversation_id: conversationId,
	};
	const properties =
		eventType === CUSTOM_EVENT
			? interactionProperties(CUSTOM_EVENT, values)
			: interactionProperties(event, values);
	if (properties !== undefined) body.properties = properties;
	return body;
}
