import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { TavusToolTrigger } from '../../nodes/TavusToolTrigger/TavusToolTrigger.node';
import { checkSignature, readBody, shapeToolCall } from '../../nodes/TavusToolTrigger/toolCall';
import { createHarness, nodeType } from '../harness/engine';
import type { ToolAuth } from '../harness/toolCall';
import { signToolCall, tavusToolCallBody, toolCallRequest } from '../harness/toolCall';

/** Stands for the workflow's work: answers a weather call from the trigger's item. */
class WeatherStub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Weather Stub',
		name: 'weatherStub',
		group: ['transform'],
		version: 1,
		description: 'Answers a weather tool call',
		defaults: { name: 'Weather Stub' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'City', name: 'city', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, i) => ({
				json: {
					result: `It is 21 degrees and sunny in ${this.getNodeParameter('city', i) as string}.`,
					index: i,
				},
				pairedItem: { item: i },
			})),
		];
	}
}

const TYPE = nodeType('tavusToolTrigger');
const STUB = 'n8n-nodes-test.weatherStub';
const harness = createHarness({
	nodeTypes: { [TYPE]: new TavusToolTrigger(), [STUB]: new WeatherStub() },
});
const downstream = {
	nodes: [{ name: 'Weather', type: STUB, parameters: { city: '={{ $json.args.city }}' } }],
	connections: { Trigger: { main: [[{ node: 'Weather', type: 'main' as const, index: 0 }]] } },
};

const SHARED = 'tool-s3cret-for-tests';
const hmac = { authentication: 'hmac', hmacSecret: SHARED };
const call = tavusToolCallBody({
	name: 'get_weather',
	arguments: { city: 'Paris', units: 'metric' },
	toolCallId: 'call_9f8e7d6c5b4a',
	conversationId: 'c123456',
});
const expectedItem = {
	city: 'Paris',
	units: 'metric',
	toolName: 'get_weather',
	toolCallId: 'call_9f8e7d6c5b4a',
	conversationId: 'c123456',
	args: { city: 'Paris', units: 'metric' },
	body: call,
};

async function post(
	body: IDataObject | string,
	auth: ToolAuth,
	parameters: INodeParameters = hmac,
	withDownstream = false,
) {
	return await harness.runWebhook(
		TYPE,
		parameters,
		toolCallRequest(body, auth),
		withDownstream ? { downstream } : {},
	);
}

function refused(result: Awaited<ReturnType<typeof post>>, error: string) {
	expect(result.responseCode).toBe(401);
	expect(result.responseBody).toEqual({ error });
	expect(result.workflowStarted).toBe(false);
	expect(result.execution).toBeUndefined();
	expect(JSON.stringify(result.responseBody)).not.toContain('s3cret');
}

describe('Tavus Tool Trigger: HMAC', () => {
	it('accepts a signed call with arguments as a JSON string and emits the exact item', async () => {
		const result = await post(call, { type: 'hmac', secret: SHARED });
		expect(result.error).toBeUndefined();
		expect(result.workflowStarted).toBe(true);
		expect(result.items).toEqual([{ json: expectedItem }]);
		expect(result.responseCode).toBe(200);
	});

	it('accepts arguments sent as an object', async () => {
		const body = tavusToolCallBody({
			name: 'get_weather',
			arguments: { city: 'Paris', units: 'metric' },
			toolCallId: 'call_9f8e7d6c5b4a',
			argumentsAs: 'object',
		});
		const result = await post(body, { type: 'hmac', secret: SHARED });
		expect(result.items).toEqual([{ json: { ...expectedItem, body } }]);
	});

	it('signs the exact raw bytes: whitespace and key order as sent', async () => {
		const raw = '{ "name":"get_weather",\n  "arguments": "{\\"city\\": \\"Lyon\\"}" }';
		const result = await post(raw, { type: 'hmac', secret: SHARED });
		expect(result.workflowStarted).toBe(true);
		expect(result.items[0].json).toEqual({
			city: 'Lyon',
			toolName: 'get_weather',
			args: { city: 'Lyon' },
			body: { name: 'get_weather', arguments: '{"city": "Lyon"}' },
		});
	});

	it.each([
		['a sha256= prefix', (s: string) => `sha256=${s}`],
		['upper-case hex', (s: string) => s.toUpperCase()],
		['SHA256= and upper case', (s: string) => `SHA256=${s.toUpperCase()}`],
	])('accepts %s', async (_label, variant) => {
		const signature = variant(signToolCall(SHARED, JSON.stringify(call)));
		const result = await post(call, { type: 'hmac', secret: SHARED, signature });
		expect(result.responseCode).toBe(200);
		expect(result.workflowStarted).toBe(true);
	});

	it('refuses a call signed with another secret (401, nothing started)', async () => {
		refused(
			await post(call, { type: 'hmac', secret: 'another-secret' }),
			'Wrong X-Tavus-Signature',
		);
	});

	it('refuses a body changed after signing', async () => {
		const signature = signToolCall(SHARED, JSON.stringify(call));
		const changed = { ...call, arguments: '{"city":"Berlin"}' };
		refused(
			await post(changed, { type: 'hmac', secret: SHARED, signature }),
			'Wrong X-Tavus-Signature',
		);
	});

	it('refuses a signature of re-serialized JSON instead of the raw bytes', async () => {
		const raw = '{"name": "get_weather", "arguments": "{}"}';
		const signature = signToolCall(SHARED, JSON.stringify(JSON.parse(raw)));
		refused(
			await post(raw, { type: 'hmac', secret: SHARED, signature }),
			'Wrong X-Tavus-Signature',
		);
	});

	it.each([
		['no signature', { type: 'none' } as ToolAuth, 'Missing X-Tavus-Signature header'],
		[
			'an empty signature',
			{ type: 'hmac', secret: SHARED, signature: '' } as ToolAuth,
			'Missing X-Tavus-Signature header',
		],
		[
			'a signature that is not hex',
			{ type: 'hmac', secret: SHARED, signature: 'not-hex' } as ToolAuth,
			'Wrong X-Tavus-Signature',
		],
		[
			'a truncated signature',
			{ type: 'hmac', secret: SHARED, signature: 'abcd' } as ToolAuth,
			'Wrong X-Tavus-Signature',
		],
	])('refuses %s', async (_label, auth, error) => {
		refused(await post(call, auth), error);
	});

	it('refuses every call while the secret is empty (an empty HMAC key signs for anyone)', async () => {
		const empty = { authentication: 'hmac', hmacSecret: '' };
		refused(
			await post(call, { type: 'hmac', secret: '' }, empty),
			'The trigger has no secret set: every call is refused',
		);
		refused(
			await post(call, { type: 'bearer', token: '' }, { authentication: 'bearer' }),
			'The trigger has no secret set: every call is refused',
		);
	});

	it('fails closed when n8n kept no raw body (never checks re-serialized JSON)', () => {
		const headers = { 'x-tavus-signature': signToolCall(SHARED, JSON.stringify(call)) };
		expect(checkSignature({ headers, query: {}, rawBody: undefined }, SHARED)).toBe(
			'Cannot check X-Tavus-Signature: n8n did not keep the raw request body',
		);
		expect(
			checkSignature({ headers, query: {}, rawBody: Buffer.from(JSON.stringify(call)) }, SHARED),
		).toBeUndefined();
	});
});

describe('Tavus Tool Trigger: bearer, API key, none', () => {
	const bearer = { authentication: 'bearer', bearerToken: 'bearer-s3cret' };
	it('accepts the right bearer token (scheme in any case)', async () => {
		const result = await post(call, { type: 'bearer', token: 'bearer-s3cret' }, bearer);
		expect(result.workflowStarted).toBe(true);
		expect(result.items[0].json).toEqual(expectedItem);
		const lower = await harness.runWebhook(TYPE, bearer, {
			headers: { authorization: 'bearer bearer-s3cret', 'content-type': 'application/json' },
			body: JSON.stringify(call),
		});
		expect(lower.workflowStarted).toBe(true);
	});

	it('refuses a wrong or missing bearer token', async () => {
		refused(
			await post(call, { type: 'bearer', token: 'bearer-s3creT' }, bearer),
			'Wrong bearer token',
		);
		refused(await post(call, { type: 'none' }, bearer), 'Missing Authorization: Bearer header');
		refused(
			await post(call, { type: 'hmac', secret: 'bearer-s3cret' }, bearer),
			'Missing Authorization: Bearer header',
		);
	});

	const apiKey = { authentication: 'apiKey', keyName: 'X-Tool-Key', apiKeyValue: 'key-s3cret' };
	it('accepts the right API key header (header name in any case)', async () => {
		const result = await post(
			call,
			{ type: 'api_key', name: 'x-tool-key', value: 'key-s3cret' },
			apiKey,
		);
		expect(result.workflowStarted).toBe(true);
		expect(result.items[0].json).toEqual(expectedItem);
	});

	it('refuses a wrong or missing API key header', async () => {
		refused(
			await post(call, { type: 'api_key', name: 'X-Tool-Key', value: 'key-s3crex' }, apiKey),
			'Wrong X-Tool-Key',
		);
		refused(
			await post(call, { type: 'api_key', name: 'X-Other', value: 'key-s3cret' }, apiKey),
			'Missing X-Tool-Key header',
		);
	});

	it('reads the key from the query string with Key Location: Query', async () => {
		const query = { ...apiKey, keyName: 'key', apiKeyLocation: 'query' };
		const right = await post(
			call,
			{ type: 'api_key', name: 'key', value: 'key-s3cret', location: 'query' },
			query,
		);
		expect(right.workflowStarted).toBe(true);
		expect(JSON.stringify(right.items)).not.toContain('key-s3cret');
		refused(
			await post(call, { type: 'api_key', name: 'key', value: 'nope', location: 'query' }, query),
			'Wrong key',
		);
		refused(
			await post(call, { type: 'api_key', name: 'key', value: 'key-s3cret' }, query),
			'Missing key query parameter',
		);
	});

	it('accepts any call with Authentication: None', async () => {
		const result = await post(call, { type: 'none' }, { authentication: 'none' });
		expect(result.workflowStarted).toBe(true);
		expect(result.items[0].json).toEqual(expectedItem);
	});

	it('refuses every call when the Authentication value is one it does not know', async () => {
		const result = await post(call, { type: 'none' }, { authentication: 'mutualTls' });
		refused(result, 'The trigger’s Authentication is not one it knows: every call is refused');
	});

	it('never puts a secret in the output item', async () => {
		const result = await post(call, { type: 'bearer', token: 'bearer-s3cret' }, bearer, true);
		expect(JSON.stringify(result.items)).not.toMatch(/s3cret/);
		expect(JSON.stringify(result.execution?.runData ?? {})).not.toMatch(/s3cret/);
	});
});

describe('Tavus Tool Trigger: bodies', () => {
	it.each([
		['a JSON array', JSON.stringify([call])],
		['a JSON string', '"get_weather"'],
		['an empty body', ''],
	])('answers 400 to %s (correctly signed) and starts nothing', async (_label, raw) => {
		const result = await post(raw, { type: 'hmac', secret: SHARED });
		expect(result.responseCode).toBe(400);
		expect(result.responseBody).toEqual({
			error: 'The body must be a JSON object (a Tavus tool call)',
		});
		expect(result.workflowStarted).toBe(false);
	});

	it("answers 400 (or n8n's own 422) to a body that is not JSON", async () => {
		const text = 'city=Paris';
		const plain = await harness.runWebhook(TYPE, hmac, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', 'x-tavus-signature': signToolCall(SHARED, text) },
			body: text,
		});
		expect(plain.responseCode).toBe(400);
		expect(plain.workflowStarted).toBe(false);
		const broken = await post('{"name": "get_weather"', { type: 'hmac', secret: SHARED });
		expect([400, 422]).toContain(broken.responseCode);
		expect(broken.workflowStarted).toBe(false);
	});

	it('reads a JSON body sent without a JSON content type', async () => {
		const raw = JSON.stringify(call);
		const result = await harness.runWebhook(TYPE, hmac, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', 'x-tavus-signature': signToolCall(SHARED, raw) },
			body: raw,
		});
		expect(result.items[0].json).toEqual(expectedItem);
	});

	it('keeps arguments that are not valid JSON raw and flags them', async () => {
		const body = { ...call, arguments: '{"city": "Paris"' };
		const result = await post(body, { type: 'hmac', secret: SHARED });
		expect(result.workflowStarted).toBe(true);
		const json = result.items[0].json;
		expect(json.args).toBe('{"city": "Paris"');
		expect(json.argsError).toMatch(/^arguments is not valid JSON: /);
		expect(shapeToolCall({ name: 'x', arguments: '[1, 2]' })).toEqual({
			toolName: 'x',
			args: '[1, 2]',
			argsError: 'arguments is JSON but not an object',
			body: { name: 'x', arguments: '[1, 2]' },
		});
		expect(shapeToolCall({ name: 'x', arguments: '' }).args).toEqual({});
	});

	it('takes a post-call action body (body_template output) as the arguments', async () => {
		const body = {
			name: 'Ada Lovelace',
			summary: 'Wants a follow-up call next week.',
			conversation_id: 'c123456',
		};
		const result = await post(body, { type: 'hmac', secret: SHARED });
		// `name` is the customer's here: without `arguments` only tool_name names the tool.
		expect(result.items[0].json).toEqual({
			...body,
			conversationId: 'c123456',
			args: body,
			body,
		});
		expect(shapeToolCall({ tool_name: 'log_call', tool_call_id: 't1', a: 1 })).toEqual({
			tool_name: 'log_call',
			tool_call_id: 't1',
			a: 1,
			toolName: 'log_call',
			toolCallId: 't1',
			args: { tool_name: 'log_call', tool_call_id: 't1', a: 1 },
			body: { tool_name: 'log_call', tool_call_id: 't1', a: 1 },
		});
	});

	it('finds the call in an app-message envelope (properties) or an OpenAI tool call (function)', () => {
		const envelope = {
			message_type: 'conversation',
			event_type: 'conversation.tool_call',
			conversation_id: 'c123456',
			properties: { tool_call_id: 'tc1', name: 'get_weather', arguments: '{"city":"Rome"}' },
		};
		expect(shapeToolCall(envelope)).toEqual({
			toolName: 'get_weather',
			toolCallId: 'tc1',
			city: 'Rome',
			conversationId: 'c123456',
			args: { city: 'Rome' },
			body: envelope,
		});
		const openAi = {
			id: 'call_1',
			function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
		};
		expect(shapeToolCall(openAi)).toEqual({
			city: 'Oslo',
			toolName: 'get_weather',
			toolCallId: 'call_1',
			args: { city: 'Oslo' },
			body: openAi,
		});
	});

	it('puts the arguments at the top too, except those named like the item’s own fields', () => {
		const item = shapeToolCall({
			name: 'lookup',
			arguments: { city: 'Nice', body: 'b', args: 'a', toolName: 't', conversationId: 'c' },
		});
		expect(item).toEqual({
			city: 'Nice',
			toolName: 'lookup',
			args: { city: 'Nice', body: 'b', args: 'a', toolName: 't', conversationId: 'c' },
			body: {
				name: 'lookup',
				arguments: { city: 'Nice', body: 'b', args: 'a', toolName: 't', conversationId: 'c' },
			},
		});
		// Arguments that are not an object stay in args only.
		expect(Object.keys(shapeToolCall({ name: 'x', arguments: '[1]' }))).toEqual([
			'toolName',
			'args',
			'argsError',
			'body',
		]);
	});

	it('reads the raw bytes first, n8n’s parsed body only without them', () => {
		expect(readBody({ a: 1 }, Buffer.from('{"b":2}'))).toEqual({ b: 2 });
		expect(readBody({ a: 1 }, undefined)).toEqual({ a: 1 });
		expect(readBody({}, undefined)).toBeUndefined();
		expect(readBody('{"c":3}', undefined)).toEqual({ c: 3 });
		expect(readBody(undefined, Buffer.from('\uFEFF{"d":4}'))).toEqual({ d: 4 });
	});
});

describe('Tavus Tool Trigger: the arguments in expressions', () => {
	const auth = { type: 'hmac', secret: SHARED } as const;
	const withCity = (city: string) => ({
		...downstream,
		nodes: [{ name: 'Weather', type: STUB, parameters: { city } }],
	});

	it('are $json.args (what the examples use)', async () => {
		const result = await harness.runWebhook(TYPE, hmac, toolCallRequest(call, auth), {
			downstream: withCity('={{ $json.args.city }}'),
		});
		expect(result.execution?.outputOf('Weather')[0].json.result).toBe(
			'It is 21 degrees and sunny in Paris.',
		);
	});

	it('are not named arguments: n8n refuses $json.arguments in expressions', async () => {
		const result = await harness.runWebhook(TYPE, hmac, toolCallRequest(call, auth), {
			downstream: withCity('={{ $json.arguments.city }}'),
		});
		expect(result.execution?.error?.message).toMatch(
			/Cannot access "arguments" due to security concerns/,
		);
	});
});

describe('Tavus Tool Trigger: Tool Name filter', () => {
	it('starts the workflow only for the named tool(s); others are answered 200 ignored', async () => {
		const auth = { type: 'hmac', secret: SHARED } as const;
		const same = await post(call, auth, { ...hmac, toolName: 'get_weather' });
		expect(same.workflowStarted).toBe(true);
		const list = await post(call, auth, { ...hmac, toolName: 'book_table, get_weather' });
		expect(list.workflowStarted).toBe(true);
		const other = await post(call, auth, { ...hmac, toolName: 'book_table' });
		expect(other.responseCode).toBe(200);
		expect(other.responseBody).toEqual({ received: true, ignored: true });
		expect(other.workflowStarted).toBe(false);
		const nameless = await post({ summary: 'x' }, auth, { ...hmac, toolName: 'book_table' });
		expect(nameless.responseBody).toEqual({ received: true, ignored: true });
		expect(nameless.workflowStarted).toBe(false);
	});

	it('checks the auth before the filter', async () => {
		refused(
			await post(call, { type: 'none' }, { ...hmac, toolName: 'book_table' }),
			'Missing X-Tavus-Signature header',
		);
	});
});

describe('Tavus Tool Trigger: response modes', () => {
	const auth = { type: 'hmac', secret: SHARED } as const;
	const webhook = new TavusToolTrigger().description.webhooks![0];

	it('declares the webhook like n8n’s Webhook node: POST, responseMode/responseData from parameters', () => {
		expect(webhook).toEqual({
			name: 'default',
			httpMethod: 'POST',
			responseMode: '={{$parameter["responseMode"]}}',
			responseData: '={{$parameter["responseData"] || "firstEntryJson"}}',
			path: 'tool',
		});
		const respond = new TavusToolTrigger().description.properties.find(
			(p) => p.name === 'responseMode',
		);
		expect(respond?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'onReceived',
			'lastNode',
			'responseNode',
		]);
		expect(respond?.default).toBe('lastNode');
	});

	it('When Last Node Finishes (default): Tavus gets the first item of the last node', async () => {
		const result = await post(call, auth, hmac, true);
		expect(result.responseMode).toBe('lastNode');
		expect(result.nodeResponse.finished).toBe(false);
		expect(result.responseCode).toBe(200);
		expect(result.responseBody).toEqual({
			result: 'It is 21 degrees and sunny in Paris.',
			index: 0,
		});
	});

	it('When Last Node Finishes: All Entries and No Response Body', async () => {
		const all = await post(call, auth, { ...hmac, responseData: 'allEntries' }, true);
		expect(all.responseBody).toEqual([
			{ result: 'It is 21 degrees and sunny in Paris.', index: 0 },
		]);
		const none = await post(call, auth, { ...hmac, responseData: 'noData' }, true);
		expect(none.responseCode).toBe(200);
		expect(none.responseBody).toBeUndefined();
	});

	it('Immediately: {"received": true} before the workflow runs', async () => {
		const result = await post(call, auth, { ...hmac, responseMode: 'onReceived' }, true);
		expect(result.responseMode).toBe('onReceived');
		expect(result.responseCode).toBe(200);
		expect(result.responseBody).toEqual({ received: true });
		expect(result.workflowStarted).toBe(true);
		expect(result.execution?.outputOf('Weather')[0].json.result).toBe(
			'It is 21 degrees and sunny in Paris.',
		);
	});

	it("Using 'Respond to Webhook' Node: the trigger leaves the answer to that node", async () => {
		const result = await post(call, auth, { ...hmac, responseMode: 'responseNode' }, true);
		expect(result.responseMode).toBe('responseNode');
		expect(result.webhookResult?.noWebhookResponse).toBeUndefined();
		expect(result.nodeResponse.finished).toBe(false);
		expect(result.workflowStarted).toBe(true);
		expect(result.items).toEqual([{ json: expectedItem }]);
	});

	it.each(['lastNode', 'responseNode'])(
		'%s: a refused call is answered 401 by the trigger itself',
		async (responseMode) => {
			const result = await post(call, { type: 'none' }, { ...hmac, responseMode }, true);
			expect(result.webhookResult).toEqual({ noWebhookResponse: true });
			refused(result, 'Missing X-Tavus-Signature header');
		},
	);
});
