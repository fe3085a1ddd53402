import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { buildAppMessage } from '../../nodes/Tavus/resources/conversation/buildAppMessage';
import { ParameterError } from '../../nodes/Tavus/validation';
import { useTestbed } from '../helpers/testbed';

const CONV = 'c123456789ab';
const PATH = `/v2/conversations/${CONV}/send-app-message`;

describe('buildAppMessage (no HTTP)', () => {
	const build = (eventType: string, values: IDataObject = {}) =>
		buildAppMessage(CONV, eventType, values);
	const envelope = (event_type: string) => ({
		message_type: 'conversation',
		event_type,
		conversation_id: CONV,
	});

	it.each<[string, IDataObject, IDataObject | undefined]>([
		[
			'conversation.respond',
			{ respondText: 'What are your opening hours?' },
			{ text: 'What are your opening hours?' },
		],
		[
			'conversation.echo',
			{ echoText: ' Hello there. ' },
			{ modality: 'text', text: ' Hello there. ' },
		],
		[
			'conversation.echo',
			{
				echoModality: 'audio',
				echoAudio: 'UklGRi4AAABXQVZF\nZm10IBAAAAAB',
				echoOptions: { sampleRate: 24000, inferenceId: 'utt-1', done: false },
			},
			{
				modality: 'audio',
				audio: 'UklGRi4AAABXQVZFZm10IBAAAAAB',
				sample_rate: 24000,
				inference_id: 'utt-1',
				done: false,
			},
		],
		[
			'conversation.echo',
			{ echoModality: 'audio', echoAudio: '', echoOptions: { inferenceId: 'utt-1', done: true } },
			{ modality: 'audio', inference_id: 'utt-1', done: true },
		],
		['conversation.interrupt', {}, undefined],
		[
			'conversation.overwrite_llm_context',
			{ llmContext: 'The customer is Ada.' },
			{ context: 'The customer is Ada.' },
		],
		[
			'conversation.append_llm_context',
			{ llmContext: 'Ada upgraded.', markJobCompleted: false },
			{ context: 'Ada upgraded.' },
		],
		[
			'conversation.append_llm_context',
			{ llmContext: 'Report ready.', markJobCompleted: true },
			{ context: 'Report ready.', job_status: 'completed' },
		],
		[
			'conversation.sensitivity',
			{ sensitivitySetting: 'pause', sensitivityLevel: 'high' },
			{ participant_pause_sensitivity: 'high' },
		],
		[
			'conversation.sensitivity',
			{ sensitivitySetting: 'interrupt', sensitivityLevel: 'superlow' },
			{ participant_interrupt_sensitivity: 'superlow' },
		],
		['conversation.set_emotion', { emotion: 'happiness' }, { emotion: 'happiness' }],
		[
			'conversation.tool_result',
			{
				toolCallId: 'call_abc',
				toolOutputType: 'text',
				toolOutput: 'It is 72 degrees.',
				toolResultStatus: 'success',
			},
			{ tool_call_id: 'call_abc', output: 'It is 72 degrees.', status: 'success' },
		],
		[
			'conversation.tool_result',
			{
				toolCallId: 'call_abc',
				toolOutputType: 'json',
				toolOutputJson: '{"temp": 72, "unit": "F"}',
				toolResultStatus: 'error',
			},
			{ tool_call_id: 'call_abc', output: { temp: 72, unit: 'F' }, status: 'error' },
		],
		[
			'conversation.tool_result',
			{ toolCallId: 'call_abc', toolOutput: { rows: [1, 2] } },
			{ tool_call_id: 'call_abc', output: { rows: [1, 2] }, status: 'success' },
		],
	])('%s %j', (eventType, values, properties) => {
		const expected: IDataObject = envelope(eventType);
		if (properties) expected.properties = properties;
		expect(build(eventType, values)).toStrictEqual(expected);
	});

	it('sends a custom event type with its properties (relayed to the room)', () => {
		expect(
			build('custom', {
				customEventType: 'app.show_banner',
				customProperties: '{"text": "50% off"}',
			}),
		).toStrictEqual({
			...envelope('app.show_banner'),
			properties: { text: '50% off' },
		});
		expect(build('custom', { customEventType: 'app.ping', customProperties: '{}' })).toStrictEqual({
			...envelope('app.ping'),
			properties: {},
		});
		expect(
			build('custom', { customEventType: 'app.ping', customProperties: { a: 1 } }),
		).toStrictEqual({
			...envelope('app.ping'),
			properties: { a: 1 },
		});
	});

	it.each<[string, IDataObject, string]>([
		['conversation.tool_result', { toolOutput: 'x' }, 'Tool Call ID: is required'],
		['conversation.tool_result', { toolCallId: 'call_1', toolOutput: '  ' }, 'Output: is required'],
		[
			'conversation.tool_result',
			{ toolCallId: 'call_1', toolOutput: ['a'] },
			'Output: must be text or a JSON object, got an array',
		],
		[
			'conversation.tool_result',
			{ toolCallId: 'call_1', toolOutputType: 'json', toolOutputJson: '{"a": ' },
			'Output (JSON): is not valid JSON (it ends too early)',
		],
		[
			'conversation.tool_result',
			{ toolCallId: 'call_1', toolOutputType: 'json', toolOutputJson: '[1]' },
			'Output (JSON): must be a JSON object, got an array',
		],
		[
			'conversation.tool_result',
			{ toolCallId: 'call_1', toolOutput: 'x', toolResultStatus: 'failed' },
			'Status: must be one of "success", "error"',
		],
		['conversation.respond', { respondText: '' }, 'Text: is required'],
		[
			'conversation.echo',
			{ echoModality: 'audio', echoAudio: 'not base64!' },
			'Audio (Base64): must be base64-encoded audio',
		],
		[
			'conversation.echo',
			{ echoText: 'hi', echoOptions: { sampleRate: 16000 } },
			'Echo Options › Sample Rate: applies to audio only',
		],
		['conversation.overwrite_llm_context', {}, 'Context: is required'],
		['conversation.set_emotion', { emotion: ' ' }, 'Emotion: is required'],
		['custom', { customEventType: '' }, 'Custom Event Type: is required'],
		[
			'custom',
			{ customEventType: 'app banner' },
			'Custom Event Type: must be an event_type without spaces',
		],
		[
			'custom',
			{ customEventType: 'app.x', customProperties: '{"a": 1,}' },
			'Properties (JSON): is not valid JSON',
		],
		[
			'custom',
			{ customEventType: 'app.x', customProperties: '"text"' },
			'Properties (JSON): must be a JSON object, got the text "text"',
		],
		['conversation.shout', {}, 'Event Type: must be one of'],
	])('%s %j is refused', (eventType, values, message) => {
		expect(() => build(eventType, values)).toThrow(ParameterError);
		expect(() => build(eventType, values)).toThrow(message);
	});
});

describe('Conversation → Send App Message', () => {
	const bed = useTestbed();

	function seedConversation(extra: IDataObject = {}) {
		bed.mock.seed({ conversations: [{ conversation_id: CONV, status: 'active', ...extra }] });
	}

	async function send(parameters: IDataObject, items?: Parameters<typeof bed.run>[1]) {
		return await bed.run(
			{
				resource: 'conversation',
				operation: 'sendAppMessage',
				conversationId: CONV,
				...parameters,
			},
			items,
		);
	}

	it.each<[string, IDataObject, IDataObject | undefined]>([
		[
			'conversation.respond',
			{ respondText: 'What are your opening hours?' },
			{ text: 'What are your opening hours?' },
		],
		[
			'conversation.echo',
			{ echoText: 'Welcome back, Ada!', echoOptions: { done: true } },
			{ modality: 'text', text: 'Welcome back, Ada!', done: true },
		],
		[
			'conversation.echo',
			{
				echoModality: 'audio',
				echoAudio: 'AAAAAP//AAA=',
				echoOptions: { sampleRate: 24000, inferenceId: 'utt-7', done: false },
			},
			{
				modality: 'audio',
				audio: 'AAAAAP//AAA=',
				sample_rate: 24000,
				inference_id: 'utt-7',
				done: false,
			},
		],
		['conversation.interrupt', {}, undefined],
		['conversation.overwrite_llm_context', { llmContext: '[]' }, { context: '[]' }],
		[
			'conversation.append_llm_context',
			{ llmContext: 'Ada upgraded to Pro.', markJobCompleted: true },
			{ context: 'Ada upgraded to Pro.', job_status: 'completed' },
		],
		[
			'conversation.sensitivity',
			{ sensitivitySetting: 'interrupt', sensitivityLevel: 'low' },
			{ participant_interrupt_sensitivity: 'low' },
		],
		['conversation.sensitivity', {}, { participant_pause_sensitivity: 'medium' }],
		['conversation.set_emotion', { emotion: 'happiness' }, { emotion: 'happiness' }],
	])('sends %s %j', async (appEventType, parameters, properties) => {
		seedConversation();
		const { items, error } = await send({ appEventType, ...parameters });
		expect(error).toBeUndefined();
		const expected: IDataObject = {
			message_type: 'conversation',
			event_type: appEventType,
			conversation_id: CONV,
		};
		if (properties) expected.properties = properties;
		const sent = bed.sent('POST', PATH);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toStrictEqual(expected);
		expect(items.map((item) => item.json)).toStrictEqual([
			{ sent: true, conversation_id: CONV, event_type: appEventType },
		]);
	});

	it('sends a tool result with text output', async () => {
		seedConversation();
		const { items, error } = await send(
			{
				appEventType: 'conversation.tool_result',
				toolCallId: '={{ $json.tool_call_id }}',
				toolOutput: '={{ "It is " + $json.temp + " degrees and sunny." }}',
			},
			[{ json: { tool_call_id: 'call_7f3a', temp: 72 } }],
		);
		expect(error).toBeUndefined();
		expect(bed.sent('POST', PATH)[0].body).toStrictEqual({
			message_type: 'conversation',
			event_type: 'conversation.tool_result',
			conversation_id: CONV,
			properties: {
				tool_call_id: 'call_7f3a',
				output: 'It is 72 degrees and sunny.',
				status: 'success',
			},
		});
		expect(items[0].json).toStrictEqual({
			sent: true,
			conversation_id: CONV,
			event_type: 'conversation.tool_result',
		});
	});

	it('sends a tool result with a JSON object output, typed or from an expression, as the object', async () => {
		seedConversation();
		const typed = await send({
			appEventType: 'conversation.tool_result',
			toolCallId: 'call_1',
			toolOutputType: 'json',
			toolOutputJson: '{"temperature_f": 72, "conditions": ["sunny"]}',
			toolResultStatus: 'error',
		});
		expect(typed.error).toBeUndefined();
		const fromExpression = await send(
			{
				appEventType: 'conversation.tool_result',
				toolCallId: 'call_2',
				toolOutput: '={{ $json.result }}',
			},
			[{ json: { result: { rows: 2, ok: true } } }],
		);
		expect(fromExpression.error).toBeUndefined();
		expect(
			bed.sent('POST', PATH).map((request) => (request.body as IDataObject).properties),
		).toStrictEqual([
			{
				tool_call_id: 'call_1',
				output: { temperature_f: 72, conditions: ['sunny'] },
				status: 'error',
			},
			{ tool_call_id: 'call_2', output: { rows: 2, ok: true }, status: 'success' },
		]);
	});

	it('sends a custom event with its JSON properties', async () => {
		seedConversation();
		const { error } = await send({
			appEventType: 'custom',
			customEventType: 'app.show_banner',
			customProperties: '{"text": "50% off today", "ttl": 30}',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', PATH)[0].body).toStrictEqual({
			message_type: 'conversation',
			event_type: 'app.show_banner',
			conversation_id: CONV,
			properties: { text: '50% off today', ttl: 30 },
		});
	});

	it('merges a JSON answer from Tavus into the output', async () => {
		seedConversation();
		bed.mock.addFault({ path: PATH, status: 200, body: { success: true, message_id: 'm1' } });
		const { items, error } = await send({ appEventType: 'conversation.interrupt' });
		expect(error).toBeUndefined();
		expect(items[0].json).toStrictEqual({
			success: true,
			message_id: 'm1',
			sent: true,
			conversation_id: CONV,
			event_type: 'conversation.interrupt',
		});
	});

	it.each<[string, IDataObject, string]>([
		// An empty required field stops n8n before the node runs; an expression can still give nothing.
		[
			'a tool result without tool call ID',
			{
				appEventType: 'conversation.tool_result',
				toolCallId: '={{ $json.tool_call_id }}',
				toolOutput: 'done',
			},
			'Tool Call ID is required [item 0]',
		],
		[
			'a tool result with invalid JSON output',
			{
				appEventType: 'conversation.tool_result',
				toolCallId: 'call_1',
				toolOutputType: 'json',
				toolOutputJson: '{"temp": }',
			},
			'Output (JSON) is not valid JSON (unexpected "}") [item 0]',
		],
		[
			'custom properties that are not JSON',
			{ appEventType: 'custom', customEventType: 'app.x', customProperties: '{text: 1}' },
			'Properties (JSON) is not valid JSON',
		],
		[
			'a respond without text',
			{ appEventType: 'conversation.respond', respondText: '={{ $json.question }}' },
			'Text is required [item 0]',
		],
		[
			'a conversation ID that is not one',
			{ conversationId: 'c 1/2', appEventType: 'conversation.interrupt' },
			'Conversation ID "c 1/2" is not a Tavus ID',
		],
	])('refuses %s before sending', async (_label, parameters, message) => {
		seedConversation();
		const { error } = await send(parameters);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(bed.sent()).toHaveLength(0);
	});

	it('names the item that is refused and sends nothing for it', async () => {
		seedConversation();
		const { error } = await send(
			{ appEventType: 'conversation.tool_result', toolCallId: '={{ $json.id }}', toolOutput: 'ok' },
			[{ json: { id: 'call_1' } }, { json: { id: '' } }],
		);
		expect(error?.message).toBe('Tool Call ID is required [item 1]');
		expect(
			bed.sent('POST', PATH).map((request) => (request.body as IDataObject).properties),
		).toStrictEqual([{ tool_call_id: 'call_1', output: 'ok', status: 'success' }]);
	});

	it("reports Tavus's message when the conversation is not active (400)", async () => {
		seedConversation({ status: 'ended' });
		const { error } = await send({ appEventType: 'conversation.respond', respondText: 'Hello?' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: App messages can only be sent to active conversations.',
		);
		expect(bed.sent('POST', PATH)).toHaveLength(1);
	});

	it("reports Tavus's message when the room is gone, and for an unknown conversation", async () => {
		seedConversation({ room_available: false });
		const gone = await send({ appEventType: 'conversation.interrupt' });
		expect(gone.error).toBeInstanceOf(NodeApiError);
		expect(gone.error?.message).toContain("The conversation's room is no longer available.");
		const unknown = await send({
			conversationId: 'c000000000000',
			appEventType: 'conversation.interrupt',
		});
		expect(unknown.error?.message).toBe('Tavus API error 400 Bad Request: Invalid conversation_id');
	});

	it('reports a message over 65536 bytes (413) and does not resend it', async () => {
		seedConversation();
		const { error } = await send({
			appEventType: 'conversation.echo',
			echoText: 'a'.repeat(70_000),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('413');
		expect(error?.message).toContain('Request body exceeds 65536 bytes');
		expect(bed.sent('POST', PATH)).toHaveLength(1);
	});
});
