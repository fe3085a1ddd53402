import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getParameter } from '../../parameters';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { isPlainObject } from '../../validation';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { APP_MESSAGE_LABELS as L, buildAppMessage, CUSTOM_EVENT } from './buildAppMessage';
import { conversationIdParameter } from './conversationId';

export const option: OperationOption = {
	name: 'Send App Message',
	value: 'sendAppMessage',
	action: 'Send an app message to a conversation',
	description:
		'Act on a live conversation from the server: make the PAL respond or speak, interrupt it, change its LLM context, sensitivity or emotion, return a tool result, or relay a custom event to the room',
};

const show = (...eventTypes: string[]) => ({ show: { appEventType: eventTypes } });

const SENSITIVITY_LEVELS = [
	{ name: 'Auto', value: 'auto' },
	{ name: 'High', value: 'high' },
	{ name: 'Low', value: 'low' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'Super Low', value: 'superlow' },
	{ name: 'Very Low', value: 'verylow' },
];

export const properties: INodeProperties[] = [
	{
		...conversationIdParameter.property,
		description:
			'The conversation_id of an active conversation, e.g. {{ $json.conversation_id }} from a Conversation Create node or a Tavus Trigger',
	},
	{
		displayName: L.appEventType,
		name: 'appEventType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Append LLM Context',
				value: 'conversation.append_llm_context',
				description: 'Add to the context the PAL’s LLM uses (conversation.append_llm_context)',
			},
			{
				name: 'Custom',
				value: CUSTOM_EVENT,
				description:
					'Any other event_type with properties of your own; Tavus relays it into the call’s room',
			},
			{
				name: 'Echo',
				value: 'conversation.echo',
				description: 'The PAL speaks exactly this text or audio (conversation.echo)',
			},
			{
				name: 'Interrupt',
				value: 'conversation.interrupt',
				description: 'The PAL stops talking (conversation.interrupt)',
			},
			{
				name: 'Overwrite LLM Context',
				value: 'conversation.overwrite_llm_context',
				description: 'Replace the context the PAL’s LLM uses (conversation.overwrite_llm_context)',
			},
			{
				name: 'Respond',
				value: 'conversation.respond',
				description:
					'The PAL answers this text as if the user had just said it (conversation.respond)',
			},
			{
				name: 'Sensitivity',
				value: 'conversation.sensitivity',
				description:
					'Change how long the PAL waits after a pause, or how easily the user interrupts it (conversation.sensitivity)',
			},
			{
				name: 'Set Emotion',
				value: 'conversation.set_emotion',
				description: 'Set the facial emotion of the face (conversation.set_emotion)',
			},
			{
				name: 'Tool Result',
				value: 'conversation.tool_result',
				description: 'Return the result of a tool call the PAL made (conversation.tool_result)',
			},
		],
		default: 'conversation.respond',
		description:
			'The interaction to send (sent as event_type). Tavus hands it to the PAL in order; messages sent before the PAL joins wait for it.',
	},

	// ---- Respond ----
	{
		displayName: L.respondText,
		name: 'respondText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. What are your opening hours?',
		description: 'What the user "said" (sent as properties.text); the PAL answers it',
		displayOptions: show('conversation.respond'),
	},

	// ---- Echo ----
	{
		displayName: L.echoModality,
		name: 'echoModality',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Text', value: 'text' },
		],
		default: 'text',
		description: 'Whether the PAL speaks text or base64 audio (sent as properties.modality)',
		displayOptions: show('conversation.echo'),
	},
	{
		displayName: L.echoText,
		name: 'echoText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Hello from our support team!',
		description: 'What the PAL says, word for word (sent as properties.text)',
		displayOptions: { show: { appEventType: ['conversation.echo'], echoModality: ['text'] } },
	},
	{
		displayName: L.echoAudio,
		name: 'echoAudio',
		type: 'string',
		default: '',
		required: true,
		description:
			'Base64-encoded audio the PAL speaks, 16-bit PCM (sent as properties.audio). Stream long audio in chunks with one Inference ID, Done off until the last chunk.',
		displayOptions: { show: { appEventType: ['conversation.echo'], echoModality: ['audio'] } },
	},
	{
		displayName: L.echoOptions,
		name: 'echoOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('conversation.echo'),
		options: [
			{
				displayName: L.done,
				name: 'done',
				type: 'boolean',
				default: true,
				description:
					'Whether this is the last chunk of the utterance (sent as properties.done). Tavus assumes on for text and off for audio; keep it off until the final audio chunk or the audio may be cut off.',
			},
			{
				displayName: L.inferenceId,
				name: 'inferenceId',
				type: 'string',
				default: '',
				placeholder: 'e.g. greeting-42',
				description:
					'The same ID on every chunk of one utterance (sent as properties.inference_id); Tavus generates one when empty',
			},
			{
				displayName: L.sampleRate,
				name: 'sampleRate',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 16000,
				description:
					'Sample rate of the audio in Hz (sent as properties.sample_rate; Tavus assumes 16000). Audio only.',
			},
		],
	},

	// ---- Overwrite / Append LLM Context ----
	{
		displayName: L.llmContext,
		name: 'llmContext',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. The customer just upgraded to the Pro plan.',
		description:
			'The context for the PAL’s LLM (sent as properties.context). Overwrite replaces the conversational context; Append adds to it. Either sets it when the conversation had none.',
		displayOptions: show('conversation.overwrite_llm_context', 'conversation.append_llm_context'),
	},
	{
		displayName: L.markJobCompleted,
		name: 'markJobCompleted',
		type: 'boolean',
		default: false,
		description: 'Whether to also mark a job completed (sends properties.job_status "completed")',
		displayOptions: show('conversation.append_llm_context'),
	},

	// ---- Sensitivity ----
	{
		displayName: L.sensitivitySetting,
		name: 'sensitivitySetting',
		type: 'options',
		options: [
			{
				name: 'Interrupt Sensitivity',
				value: 'interrupt',
				description:
					'How readily the user’s speech interrupts the PAL (participant_interrupt_sensitivity)',
			},
			{
				name: 'Pause Sensitivity',
				value: 'pause',
				description: 'How long a pause before the PAL responds (participant_pause_sensitivity)',
			},
		],
		default: 'pause',
		description: 'Which sensitivity to change; Tavus takes one per message',
		displayOptions: show('conversation.sensitivity'),
	},
	{
		displayName: L.sensitivityLevel,
		name: 'sensitivityLevel',
		type: 'options',
		options: SENSITIVITY_LEVELS,
		default: 'medium',
		description: 'The new sensitivity',
		displayOptions: show('conversation.sensitivity'),
	},

	// ---- Set Emotion ----
	{
		displayName: L.emotion,
		name: 'emotion',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. happiness',
		description:
			'The facial emotion of the face (sent as properties.emotion). Tavus does not document this message’s fields; if it refuses them, use Custom with the fields Tavus asks for.',
		displayOptions: show('conversation.set_emotion'),
	},

	// ---- Tool Result ----
	{
		displayName: L.toolCallId,
		name: 'toolCallId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.tool_call_id }}',
		description:
			'The tool_call_id of the conversation.tool_call this answers (sent as properties.tool_call_id)',
		displayOptions: show('conversation.tool_result'),
	},
	{
		displayName: L.toolOutputType,
		name: 'toolOutputType',
		type: 'options',
		options: [
			{ name: 'JSON Object', value: 'json' },
			{ name: 'Text', value: 'text' },
		],
		default: 'text',
		description: 'Whether the result is text or a JSON object (Tavus serializes objects)',
		displayOptions: show('conversation.tool_result'),
	},
	{
		displayName: L.toolOutput,
		name: 'toolOutput',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. It is 72 degrees and sunny in San Francisco.',
		description:
			'The tool’s result (sent as properties.output). An expression that gives an object sends the object as it is.',
		displayOptions: {
			show: { appEventType: ['conversation.tool_result'], toolOutputType: ['text'] },
		},
	},
	{
		displayName: L.toolOutputJson,
		name: 'toolOutputJson',
		type: 'json',
		default: '{}',
		required: true,
		placeholder: '{"temperature_f": 72, "conditions": "sunny"}',
		description: 'The tool’s result as a JSON object (sent as properties.output)',
		displayOptions: {
			show: { appEventType: ['conversation.tool_result'], toolOutputType: ['json'] },
		},
	},
	{
		displayName: L.toolResultStatus,
		name: 'toolResultStatus',
		type: 'options',
		options: [
			{ name: 'Error', value: 'error', description: 'The tool failed; the PAL acknowledges it' },
			{ name: 'Success', value: 'success' },
		],
		default: 'success',
		description: 'Whether the tool succeeded (sent as properties.status)',
		displayOptions: show('conversation.tool_result'),
	},

	// ---- Custom ----
	{
		displayName: L.customEventType,
		name: 'customEventType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. app.show_banner',
		description:
			'The event_type to send. Tavus relays event types it does not act on into the call’s room, where your app receives them.',
		displayOptions: show(CUSTOM_EVENT),
	},
	{
		displayName: L.customProperties,
		name: 'customProperties',
		type: 'json',
		default: '{}',
		placeholder: '{"text": "50% off today"}',
		description: 'The message’s properties, a JSON object (sent as properties)',
		displayOptions: show(CUSTOM_EVENT),
	},
];

/** The values the builder reads: the fields shown for this event type (hidden ones keep defaults). */
function readValues(context: IExecuteFunctions, itemIndex: number, eventType: string): IDataObject {
	const values: IDataObject = {};
	for (const property of properties) {
		const shownFor = property.displayOptions?.show?.appEventType as string[] | undefined;
		if (!shownFor || !shownFor.includes(eventType)) continue;
		values[property.name] = getParameter(context, property.name, itemIndex, property.default) as
			| IDataObject[string]
			| undefined;
	}
	return values;
}

/**
 * POST /v2/conversations/{id}/send-app-message. Not retried after it may have reached Tavus (a
 * second Respond or Echo would be a second turn). Tavus's success body is not documented: the
 * output says what was sent, plus whatever JSON object Tavus answers.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const conversationId = readId(this, itemIndex, conversationIdParameter);
	const eventType = getParameter(this, 'appEventType', itemIndex, 'conversation.respond') as string;
	const body = buildForItem(this, itemIndex, () =>
		buildAppMessage(conversationId, eventType, readValues(this, itemIndex, eventType)),
	);
	const response = await tavusApiRequest.call(this, {
		method: 'POST',
		path: `/v2/conversations/${conversationId}/send-app-message`,
		body,
		itemIndex,
	});
	const answer = isPlainObject(response.body) ? response.body : {};
	return {
		...answer,
		sent: true,
		conversation_id: conversationId,
		event_type: body.event_type as string,
	};
}
