/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Self-test of test/harness/engine.ts with throwaway nodes/credentials defined here and a local
 * HTTP server on 127.0.0.1:0.
 */
import { createHmac } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError, Workflow } from 'n8n-workflow';

import {
	clearLogs,
	createHarness,
	getLogText,
	getLogs,
	getReportedErrors,
	TestNodeTypes,
} from '../harness/engine';

// ---------------------------------------------------------------------------------------------
// Throwaway node / credential types
// ---------------------------------------------------------------------------------------------

// Built at runtime so the secret-detection lint rule does not flag test fixtures.
const GOOD_KEY = ['sk', 'test', 'GOOD', '0123456789abcdef'].join('-');
const BAD_KEY = ['sk', 'test', 'BAD', 'fedcba9876543210'].join('-');

class DummyApi implements ICredentialType {
	name = 'dummyApi';

	displayName = 'Dummy API';

	documentationUrl = 'https://example.com/docs';

	properties: ICredentialType['properties'] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://example.invalid',
		},
	];

	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialType['test'] = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v2/replicas',
			qs: { limit: 1 },
		},
	};
}

class Dummy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dummy',
		name: 'dummy',
		group: ['transform'],
		version: 1,
		description: 'Throwaway node for the harness self-test',
		defaults: { name: 'Dummy' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dummyApi', required: true }],
		properties: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Thing', name: 'thingId', type: 'string', default: '' },
		],
	};

	methods = {
		listSearch: {
			async searchThings(
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
			): Promise<INodeListSearchResult> {
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('dummyApi');
				const prefix = this.getCurrentNodeParameter('name') as string | undefined;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'dummyApi', {
					method: 'GET',
					url: `${baseUrl}/v2/things`,
					qs: {
						page: paginationToken ?? '1',
						q: filter ?? '',
						prefix: prefix ?? '',
					},
					json: true,
				})) as { data: Array<{ id: string; name: string }>; next?: string };
				return {
					results: response.data.map((t) => ({ name: t.name, value: t.id })),
					paginationToken: response.next,
				};
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('dummyApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const name = this.getNodeParameter('name', i) as string;
				if (name === '') {
					throw new NodeOperationError(this.getNode(), 'Name is empty', {
						itemIndex: i,
					});
				}
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'dummyApi', {
					method: 'POST',
					url: `${baseUrl}/v2/things`,
					body: { name },
					json: true,
				})) as IDataObject;
				out.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({
						json: { error: (error as Error).message },
						pairedItem: { item: i },
					});
					continue;
				}
				// `new NodeApiError(node, err, { itemIndex })` returns `err` unchanged when it already is a
				// NodeApiError (what httpRequestWithAuthentication throws), so set the index first.
				if (error instanceof NodeOperationError) {
					error.context.itemIndex = i;
					throw new NodeOperationError(this.getNode(), error);
				}
				if (error instanceof NodeApiError) error.context.itemIndex = i;
				throw new NodeApiError(this.getNode(), error as JsonObject, {
					itemIndex: i,
				});
			}
		}
		return [out];
	}
}

/** No HTTP, just tags items; used downstream of the trigger. */
class Tagger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tagger',
		name: 'tagger',
		group: ['transform'],
		version: 1,
		description: 'Adds a tag',
		defaults: { name: 'Tagger' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Tag', name: 'tag', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, i) => ({
				json: { ...item.json, tag: this.getNodeParameter('tag', i) as string },
				pairedItem: { item: i },
			})),
		];
	}
}

class DummyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dummy Trigger',
		name: 'dummyTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Throwaway webhook trigger',
		defaults: { name: 'Dummy Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{ displayName: 'Secret', name: 'secret', type: 'string', default: '' },
			{
				displayName: 'Behaviour',
				name: 'behaviour',
				type: 'string',
				default: 'emit',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const behaviour = this.getNodeParameter('behaviour') as string;
		const secret = this.getNodeParameter('secret') as string;
		const req = this.getRequestObject() as unknown as { rawBody?: Buffer };
		const headers = this.getHeaderData();
		if (secret) {
			const expected = createHmac('sha256', secret)
				.update(req.rawBody ?? Buffer.alloc(0))
				.digest('hex');
			if (headers['x-signature'] !== expected) {
				const res = this.getResponseObject();
				res.status(401).json({ message: 'Invalid signature' });
				return { noWebhookResponse: true };
			}
		}
		const body = this.getBodyData();
		switch (behaviour) {
			case 'ignore':
				return { webhookResponse: 'ignored' };
			case 'ignoreDefault':
				return {};
			case 'empty':
				return { workflowData: [[]] };
			case 'emitWithResponse':
				return { workflowData: [[{ json: body }]], webhookResponse: { accepted: true } };
			case 'throw':
				throw new NodeOperationError(this.getNode(), 'Cannot handle this event');
			default:
				return {
					workflowData: [
						this.helpers.returnJsonArray({
							...body,
							raw: req.rawBody?.toString(),
						}),
					],
				};
		}
	}
}

const harness = createHarness({
	nodeTypes: {
		'n8n-nodes-test.dummy': new Dummy(),
		'n8n-nodes-test.tagger': new Tagger(),
		'n8n-nodes-test.dummyTrigger': new DummyTrigger(),
	},
	credentialTypes: { dummyApi: new DummyApi() },
});

// ---------------------------------------------------------------------------------------------
// Local API server
// ---------------------------------------------------------------------------------------------

interface Recorded {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

let server: Server;
let baseUrl: string;
const requests: Recorded[] = [];

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body,
			});
			if (req.headers['x-api-key'] !== GOOD_KEY) {
				return send(res, 401, { message: 'Invalid access token' });
			}
			const url = new URL(req.url ?? '/', 'http://localhost');
			if (req.method === 'GET' && url.pathname === '/v2/replicas') {
				return send(res, 200, { data: [], total_count: 0 });
			}
			if (req.method === 'GET' && url.pathname === '/v2/things') {
				const all = ['apple', 'apricot', 'banana'].map((n, i) => ({
					id: `t${i}`,
					name: n,
				}));
				const q = url.searchParams.get('q') ?? '';
				const page = url.searchParams.get('page');
				const data = all.filter((t) => t.name.includes(q));
				return send(res, 200, {
					data: page === '1' ? data.slice(0, 1) : data.slice(1),
					next: page === '1' && data.length > 1 ? '2' : undefined,
					prefix: url.searchParams.get('prefix'),
				});
			}
			if (req.method === 'POST' && url.pathname === '/v2/things') {
				const { name } = JSON.parse(body) as { name: string };
				if (name === 'bad') return send(res, 400, { message: 'name is invalid' });
				return send(res, 200, { id: `id-${name}`, name });
			}
			return send(res, 404, { message: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	requests.length = 0;
	clearLogs();
});

const good = () => ({ dummyApi: { apiKey: GOOD_KEY, baseUrl } });
const bad = () => ({ dummyApi: { apiKey: BAD_KEY, baseUrl } });

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('runWorkflow / runNode', () => {
	test('two chained nodes, per-item expressions, auth header, pairedItem', async () => {
		const result = await harness.runWorkflow({
			nodes: [
				{
					name: 'First',
					type: 'n8n-nodes-test.dummy',
					parameters: { name: '={{ $json.name }}' },
					credentials: { dummyApi: { id: '1', name: 'Dummy' } },
				},
				{
					name: 'Second',
					type: 'n8n-nodes-test.dummy',
					parameters: { name: '={{ $json.name }}-2' },
				},
			],
			connections: {
				First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] },
			},
			inputItems: [{ name: 'alpha' }, { json: { name: 'beta' } }],
			credentials: good(),
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executionOrder).toEqual(['First', 'Second']);
		expect(requests.map((r) => JSON.parse(r.body).name)).toEqual([
			'alpha',
			'beta',
			'alpha-2',
			'beta-2',
		]);
		expect(requests.every((r) => r.headers['x-api-key'] === GOOD_KEY)).toBe(true);
		expect(result.outputOf('First').map((i) => i.json.name)).toEqual(['alpha', 'beta']);
		expect(result.outputOf('Second')).toEqual([
			{ json: { id: 'id-alpha-2', name: 'alpha-2' }, pairedItem: { item: 0 } },
			{ json: { id: 'id-beta-2', name: 'beta-2' }, pairedItem: { item: 1 } },
		]);
		expect(result.outputOf('Nope')).toEqual([]);
	});

	test('continueOnFail (onError: continueRegularOutput) yields error items with pairedItem', async () => {
		const { items, error, status } = await harness.runNode(
			{ name: '={{ $json.name }}' },
			[{ name: 'ok' }, { name: 'bad' }, { name: 'fine' }],
			{
				credentials: good(),
				onError: 'continueRegularOutput',
				nodeType: 'n8n-nodes-test.dummy',
			},
		);
		expect(error).toBeUndefined();
		expect(status).toBe('success');
		expect(items).toEqual([
			{ json: { id: 'id-ok', name: 'ok' }, pairedItem: { item: 0 } },
			{
				json: { error: 'Bad request - please check your parameters' },
				pairedItem: { item: 1 },
			},
			{ json: { id: 'id-fine', name: 'fine' }, pairedItem: { item: 2 } },
		]);
	});

	test('a 401 becomes a NodeApiError returned (not thrown), with the failing item index', async () => {
		const result = await harness.runNode({ name: '={{ $json.name }}' }, [{ name: 'first' }], {
			credentials: bad(),
		});
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeApiError);
		const error = result.error as NodeApiError;
		expect(error.message).toBe('Authorization failed - please check your credentials');
		expect(error.description).toBe('Invalid access token');
		expect(error.httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(0);
		// the plain copies n8n stores in the run data carry the same fields
		expect(result.lastNodeError?.message).toBe(error.message);
		expect(result.resultError?.description).toBe('Invalid access token');
		expect(result.lastNodeExecuted).toBe('Node');
		// n8n-core retries a 401 once (preAuthentication path) even for plain API-key credentials
		expect(requests).toHaveLength(2);
		// nothing secret in what n8n would log
		expect(getLogText()).not.toContain(BAD_KEY);
	});

	test('pitfall: wrapping a NodeApiError again ignores the options', () => {
		const node = {
			id: '1',
			name: 'N',
			type: 't',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const original = new NodeApiError(node, {
			message: 'x',
			httpCode: '404',
		} as JsonObject);
		const wrapped = new NodeApiError(node, original as unknown as JsonObject, {
			itemIndex: 3,
			message: 'other',
		});
		expect(wrapped).toBe(original);
		expect(wrapped.context.itemIndex).toBeUndefined();
		expect(wrapped.message).not.toBe('other');
	});

	test('a NodeOperationError on the second item reports itemIndex 1', async () => {
		const result = await harness.runNode(
			{ name: '={{ $json.name }}' },
			[{ name: 'x' }, { name: '' }],
			{
				credentials: good(),
			},
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Name is empty');
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
	});

	test('missing credential data gives a clear error', async () => {
		const result = await harness.runWorkflow({
			nodes: [
				{
					name: 'N',
					type: 'n8n-nodes-test.dummy',
					parameters: { name: 'x' },
					credentials: { dummyApi: { id: '9', name: 'Missing' } },
				},
			],
			credentials: {},
		});
		expect(result.error?.message).toMatch(/No test credentials for type "dummyApi"/);
	});
});

describe('TestCredentialsHelper', () => {
	test('applies the generic authenticate block through the expression engine', async () => {
		const helper = harness.createCredentialsHelper(good());
		const node = {
			id: '1',
			name: 'N',
			type: 'n8n-nodes-test.dummy',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: harness.nodeTypes,
		});
		const options = await helper.authenticate(
			{ apiKey: 'k-123' },
			'dummyApi',
			{ url: '/x', headers: { accept: 'application/json' } },
			workflow,
			node,
		);
		expect(options.headers).toEqual({
			accept: 'application/json',
			'x-api-key': 'k-123',
		});
	});

	test('getDecrypted applies property defaults; unknown types/credentials fail clearly', async () => {
		const helper = harness.createCredentialsHelper({
			dummyApi: { apiKey: 'k' },
		});
		const data: ICredentialDataDecryptedObject = await helper.getDecrypted(
			{} as never,
			{ id: '1', name: 'x' },
			'dummyApi',
			'manual',
		);
		expect(data).toEqual({ apiKey: 'k', baseUrl: 'https://example.invalid' });
		await expect(
			helper.getDecrypted({} as never, { id: '1', name: 'x' }, 'nopeApi', 'manual'),
		).rejects.toThrow('Unrecognized credential type: nopeApi');
		await expect(
			harness
				.createCredentialsHelper({})
				.getDecrypted({} as never, { id: '1', name: 'x' }, 'dummyApi', 'manual'),
		).rejects.toThrow(/No test credentials for type "dummyApi"/);
	});

	test('TestNodeTypes rejects unknown node types', () => {
		expect(() => new TestNodeTypes({}).getByName('x.y')).toThrow('Unknown node type "x.y"');
	});
});

describe('testCredential (mirrors the CLI credentials tester)', () => {
	test('OK with a valid key; request built from test.request + authenticate', async () => {
		const result = await harness.testCredential('dummyApi', {
			apiKey: GOOD_KEY,
			baseUrl,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(requests).toHaveLength(1);
		expect(requests[0].url).toBe('/v2/replicas?limit=1');
		expect(requests[0].headers['x-api-key']).toBe(GOOD_KEY);
	});

	test('401 → the HTTP status text, not the API message', async () => {
		const result = await harness.testCredential('dummyApi', {
			apiKey: BAD_KEY,
			baseUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toBe('Unauthorized');
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).description).toBe('Invalid access token');
		expect(getLogText()).not.toContain(BAD_KEY);
	});

	test('rules can replace the message (static text only)', async () => {
		const withRules = createHarness({
			nodeTypes: {},
			credentialTypes: {
				dummyApi: Object.assign(new DummyApi(), {
					test: {
						request: {
							baseURL: '={{$credentials.baseUrl}}',
							url: '/v2/replicas',
						},
						rules: [
							{
								type: 'responseCode',
								properties: { value: 401, message: 'Invalid API key' },
							},
						],
					},
				}),
			},
		});
		const result = await withRules.testCredential('dummyApi', {
			apiKey: BAD_KEY,
			baseUrl,
		});
		expect(result).toMatchObject({
			status: 'Error',
			message: 'Invalid API key',
		});
	});

	test('connection errors report the error code', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const result = await harness.testCredential('dummyApi', {
			apiKey: GOOD_KEY,
			baseUrl: `http://127.0.0.1:${port}`,
		});
		expect(result).toMatchObject({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe('runListSearch', () => {
	test('calls methods.listSearch with a real LoadOptionsContext', async () => {
		const first = await harness.runListSearch('n8n-nodes-test.dummy', 'searchThings', {
			filter: 'ap',
			credentials: good(),
			currentNodeParameters: { name: 'pre' },
		});
		expect(first).toEqual({
			results: [{ name: 'apple', value: 't0' }],
			paginationToken: '2',
		});
		expect(requests[0].headers['x-api-key']).toBe(GOOD_KEY);
		expect(requests[0].url).toBe('/v2/things?page=1&q=ap&prefix=pre');

		const second = await harness.runListSearch('n8n-nodes-test.dummy', 'searchThings', {
			filter: 'ap',
			paginationToken: '2',
			credentials: good(),
		});
		expect(second.results).toEqual([{ name: 'apricot', value: 't1' }]);
	});

	test('errors propagate like in n8n (NodeApiError on 401, unknown method)', async () => {
		await expect(
			harness.runListSearch('n8n-nodes-test.dummy', 'searchThings', {
				credentials: bad(),
			}),
		).rejects.toBeInstanceOf(NodeApiError);
		await expect(
			harness.runListSearch('n8n-nodes-test.dummy', 'nope', {
				credentials: good(),
			}),
		).rejects.toThrow('Node type does not have method defined');
	});
});

describe('runWebhook', () => {
	const trigger = 'n8n-nodes-test.dummyTrigger';
	const downstream = {
		nodes: [
			{
				name: 'Tag',
				type: 'n8n-nodes-test.tagger',
				parameters: { tag: '={{ $json.event }}' },
			},
		],
		connections: {
			Trigger: { main: [[{ node: 'Tag', type: 'main' as const, index: 0 }]] },
		},
	};

	test('emits items (onReceived, no responseData → body "firstEntryJson"), raw body kept, downstream runs', async () => {
		const raw = '{"event":"conversation.ended",  "id":1}';
		const signature = createHmac('sha256', 's3cret').update(raw).digest('hex');
		const result = await harness.runWebhook(
			trigger,
			{ secret: 's3cret' },
			{ body: raw, headers: { 'X-Signature': signature }, query: { a: '1' } },
			{ downstream },
		);
		expect(result.error).toBeUndefined();
		expect(result.responseCode).toBe(200);
		// The trigger's webhook description has no `responseData`: n8n evaluates it to the default
		// 'firstEntryJson' and extractWebhookOnReceivedResponse() sends that string as the body.
		expect(result.responseBody).toBe('firstEntryJson');
		expect(result.workflowStarted).toBe(true);
		expect(result.items).toEqual([{ json: { event: 'conversation.ended', id: 1, raw } }]);
		expect(result.request.rawBody?.toString()).toBe(raw);
		expect(result.request.query).toEqual({ a: '1' });
		expect(result.execution?.outputOf('Tag')).toEqual([
			{
				json: {
					event: 'conversation.ended',
					id: 1,
					raw,
					tag: 'conversation.ended',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('noWebhookResponse: the node answers itself, no workflow', async () => {
		const result = await harness.runWebhook(
			trigger,
			{ secret: 's3cret' },
			{ body: { event: 'x' }, headers: { 'x-signature': 'wrong' } },
		);
		expect(result.workflowStarted).toBe(false);
		expect(result.responseCode).toBe(401);
		expect(result.responseBody).toEqual({ message: 'Invalid signature' });
		expect(result.execution).toBeUndefined();
	});

	test('no workflowData: webhookResponse or the default "Webhook call received"', async () => {
		const ignored = await harness.runWebhook(trigger, { behaviour: 'ignore' }, { body: {} });
		expect(ignored).toMatchObject({
			workflowStarted: false,
			responseCode: 200,
			responseBody: 'ignored',
		});
		const plain = await harness.runWebhook(trigger, { behaviour: 'ignoreDefault' }, { body: {} });
		expect(plain.responseBody).toEqual({ message: 'Webhook call received' });
		expect(plain.workflowStarted).toBe(false);
	});

	test('onReceived body depends on the description: responseData noData / undefined', async () => {
		const withResponseData = (responseData: string) => {
			const type = new DummyTrigger();
			type.description = {
				...type.description,
				webhooks: [{ ...type.description.webhooks![0], responseData }],
			};
			return createHarness({ nodeTypes: { 't.trigger': type } });
		};
		const noData = await withResponseData('noData').runWebhook('t.trigger', {}, { body: {} });
		expect(noData).toMatchObject({
			responseCode: 200,
			responseBody: undefined,
			workflowStarted: true,
		});

		const unset = withResponseData('={{ undefined }}');
		const started = await unset.runWebhook('t.trigger', {}, { body: {} });
		expect(started.responseBody).toEqual({ message: 'Workflow was started' });
		const custom = await unset.runWebhook(
			't.trigger',
			{ behaviour: 'emitWithResponse' },
			{ body: {} },
		);
		expect(custom.responseBody).toEqual({ accepted: true });
		expect(custom.workflowStarted).toBe(true);
	});

	test('workflowData [[]] still starts an execution, but downstream nodes do not run', async () => {
		const result = await harness.runWebhook(
			trigger,
			{ behaviour: 'empty' },
			{ body: {} },
			{ downstream },
		);
		expect(result.workflowStarted).toBe(true);
		expect(result.responseCode).toBe(200);
		expect(result.items).toEqual([]);
		expect(result.execution?.executionOrder).toEqual(['Trigger']);
		expect(result.execution?.runData.Tag).toBeUndefined();
	});

	test('a throwing webhook() answers 500 with the generic message', async () => {
		const result = await harness.runWebhook(trigger, { behaviour: 'throw' }, { body: {} });
		expect(result.responseCode).toBe(500);
		expect(result.responseBody).toEqual({
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
		expect(result.error?.message).toBe('Cannot handle this event');
	});

	test('invalid JSON body is rejected before the node runs (422)', async () => {
		const result = await harness.runWebhook(trigger, {}, { body: '{not json' });
		expect(result.responseCode).toBe(422);
		expect(result.responseBody).toMatchObject({
			code: 422,
			message: 'Failed to parse request body',
		});
		expect(result.workflowStarted).toBe(false);
	});
});

describe('logging', () => {
	test('n8n-core output is collected, not printed', async () => {
		const spy = jest.spyOn(console, 'log');
		const spyError = jest.spyOn(console, 'error');
		await harness.runNode({ name: 'x' }, [{}], { credentials: bad() });
		expect(getLogs().length).toBeGreaterThan(0);
		expect(getReportedErrors()[0]?.error).toBeInstanceOf(NodeApiError);
		expect(getLogText()).toContain('Authorization failed');
		expect(getLogText()).not.toContain(BAD_KEY);
		expect(spy).not.toHaveBeenCalled();
		expect(spyError).not.toHaveBeenCalled();
		spy.mockRestore();
		spyError.mockRestore();
	});
});
