import type { IDataObject } from 'n8n-workflow';
import { getLogText } from '../harness/engine';
import { createFixtures, operationCases } from '../helpers/operationCases';
import { API_KEY, FAST_OPTIONS, useTestbed } from '../helpers/testbed';

const bed = useTestbed();

const LLM_KEY = ['sk', 'live', 'llm', '9d8c7b6a5f4e'].join('-');
const TTS_KEY = ['tts', 'secret', '1a2b3c4d5e6f'].join('-');
const HEADER_TOKEN = ['hdr', 'token', 'abcdef123456'].join('-');
const CREDENTIAL_LLM_KEY = ['sk', 'cred', 'llm', '0a0b0c0d0e0f'].join('-');
const CREDENTIAL_TTS_KEY = ['tts', 'cred', 'ffeeddccbbaa'].join('-');
const TOOL_API_KEY = ['tool', 'key', '5a6b7c8d9e0f'].join('-');
const TOOL_CLIENT_SECRET = ['tool', 'oauth', '0f9e8d7c6b5a'].join('-');
const TOOL_HMAC_SECRET = ['tool', 'hmac', 'a1b2c3d4e5f6'].join('-');
const SECRETS = [
	API_KEY,
	LLM_KEY,
	TTS_KEY,
	HEADER_TOKEN,
	CREDENTIAL_LLM_KEY,
	CREDENTIAL_TTS_KEY,
	TOOL_API_KEY,
	TOOL_CLIENT_SECRET,
	TOOL_HMAC_SECRET,
];

/** A tool delivered to an API with the given auth (Create or Update: safe to run again). */
const toolWithAuth = (toolName: string, auth: IDataObject): IDataObject => ({
	resource: 'tool',
	operation: 'createOrUpdate',
	toolName,
	registryToolDescription: 'Look up an order',
	toolParameters: { type: 'object', properties: { order_id: { type: 'string' } } },
	toolDelivery: 'api',
	apiUrl: 'https://api.example.com/orders/{order_id}',
	...auth,
});

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const layers = {
	llmLayer: {
		customModel: 'my-llm',
		baseUrl: 'https://llm.example.com/v1',
		apiKey: LLM_KEY,
		headers: JSON.stringify({ Authorization: `Bearer ${HEADER_TOKEN}` }),
	},
	ttsLayer: { ttsEngine: 'elevenlabs', apiKey: TTS_KEY, externalVoiceId: 'v1' },
};

/** Every operation, in a form that succeeds against the mock. */
function successCases(personaId: string, conversationId: string): Array<[string, IDataObject]> {
	return [
		[
			'persona create',
			{
				resource: 'persona',
				operation: 'create',
				personaName: 'Secretive',
				systemPrompt: 'x',
				...layers,
			},
		],
		[
			'persona createOrUpdate',
			{
				resource: 'persona',
				operation: 'createOrUpdate',
				personaName: 'Secretive',
				systemPrompt: 'y',
				...layers,
			},
		],
		['persona get', { resource: 'persona', operation: 'get', persona: byId(personaId) }],
		['persona getAll', { resource: 'persona', operation: 'getAll', returnAll: true }],
		[
			'persona update',
			{
				resource: 'persona',
				operation: 'update',
				persona: byId(personaId),
				...layers,
				llmLayer: { ...layers.llmLayer, customModel: 'other' },
			},
		],
		[
			'persona update (raw)',
			{
				resource: 'persona',
				operation: 'update',
				persona: byId(personaId),
				updateMode: 'jsonPatch',
				patchOperations: JSON.stringify([
					{ op: 'replace', path: '/layers/llm/api_key', value: `${TTS_KEY}` },
				]),
			},
		],
		[
			'conversation create',
			{
				resource: 'conversation',
				operation: 'create',
				persona: byId(personaId),
				replica: byId('r90bbd427f71'),
			},
		],
		[
			'conversation get',
			{ resource: 'conversation', operation: 'get', conversationId, verbose: true },
		],
		['conversation getAll', { resource: 'conversation', operation: 'getAll', returnAll: true }],
		['conversation end', { resource: 'conversation', operation: 'end', conversationId }],
		['conversation delete', { resource: 'conversation', operation: 'delete', conversationId }],
		['replica get', { resource: 'replica', operation: 'get', replica: byId('r90bbd427f71') }],
		['replica getAll', { resource: 'replica', operation: 'getAll', limit: 3 }],
		['persona delete', { resource: 'persona', operation: 'delete', persona: byId(personaId) }],
		[
			'tool createOrUpdate (API key)',
			toolWithAuth('lookup_order_key', {
				apiAuthType: 'api_key',
				keyName: 'X-API-Key',
				apiKeyValue: TOOL_API_KEY,
			}),
		],
		[
			'tool createOrUpdate (OAuth2)',
			toolWithAuth('lookup_order_oauth', {
				// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the name of an auth type
				apiAuthType: 'oauth2_client_credentials',
				oauthEndpoint: 'https://auth.example.com/oauth/token',
				oauthClientId: 'n8n',
				oauthClientSecret: TOOL_CLIENT_SECRET,
			}),
		],
		[
			'tool createOrUpdate (HMAC)',
			toolWithAuth('lookup_order_hmac', { apiAuthType: 'hmac', hmacSecret: TOOL_HMAC_SECRET }),
		],
	];
}

function expectNoSecret(where: string, value: unknown) {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	for (const secret of SECRETS) {
		if (text.includes(secret))
			throw new Error(`${where} contains a secret (${secret.slice(0, 6)}…)`);
	}
}

function errorText(error: unknown): string {
	if (!error) return '';
	const record = error as Record<string, unknown>;
	return JSON.stringify({
		message: record.message,
		description: record.description,
		messages: record.messages,
		context: record.context,
		cause: record.cause,
		stack: record.stack,
	});
}

describe('no secret reaches output items, errors or logs', () => {
	it('for every operation, in success and in failure', async () => {
		const created = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'Base',
			systemPrompt: 'x',
			...layers,
		});
		const personaId = String(created.items[0].json.persona_id);
		const conversation = await bed.run({
			resource: 'conversation',
			operation: 'create',
			replica: byId('r90bbd427f71'),
		});
		const conversationId = String(conversation.items[0].json.conversation_id);
		bed.mock.clearRequests();

		for (const [name, parameters] of successCases(personaId, conversationId)) {
			for (const mode of ['success', 'rejected', 'server error', 'network'] as const) {
				bed.mock.clearFaults();
				// Tavus echoing back what the request carried: the API key always, provider keys when sent.
				const echoed = [
					API_KEY,
					...SECRETS.slice(1).filter((secret) => JSON.stringify(parameters).includes(secret)),
				];
				if (mode === 'rejected')
					bed.mock.addFault({
						status: 400,
						body: { error: `Invalid api_key ${echoed.join(', ')}` },
						times: 'Infinity',
					});
				if (mode === 'server error')
					bed.mock.addFault({ kind: 'html', status: 502, times: 'Infinity' });
				if (mode === 'network') bed.mock.addFault({ kind: 'reset', times: 'Infinity' });
				for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
					const run = await bed.run(parameters, [{}], { onError });
					const label = `${name} (${mode}, ${onError})`;
					if (mode === 'success') expect([label, run.error]).toEqual([label, undefined]);
					expectNoSecret(`${label}: output`, run.run.data.resultData);
					expectNoSecret(`${label}: error`, errorText(run.error));
				}
			}
		}
		// The requests themselves did carry the keys (the test would be empty otherwise).
		const sent = JSON.stringify(
			bed.mock.requests.map((request) => [request.headers['x-api-key'], request.body]),
		);
		expect(sent).toContain(API_KEY);
		expect(sent).toContain(LLM_KEY);
		expect(sent).toContain(TTS_KEY);
		for (const secret of [TOOL_API_KEY, TOOL_CLIENT_SECRET, TOOL_HMAC_SECRET])
			expect(sent).toContain(secret);
		expectNoSecret('logs', getLogText());
	});

	it('when a successful answer echoes a key, in any field at any depth', async () => {
		bed.mock.addFault({
			method: 'POST',
			path: '/v2/personas',
			status: 200,
			body: {
				persona_id: 'pecho0000001',
				persona_name: 'Echo',
				note: `sent with x-api-key ${API_KEY}`,
				seen: [{ header: `Bearer ${HEADER_TOKEN}`, provider: { key: LLM_KEY } }],
			},
		});
		const created = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: 'Echo',
				systemPrompt: 'x',
				...layers,
			},
			[{}],
		);
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toStrictEqual({
			persona_id: 'pecho0000001',
			persona_name: 'Echo',
			note: 'sent with x-api-key ********',
			seen: [{ header: 'Bearer ********', provider: { key: '********' } }],
		});
		// A stored object that holds the key (a prompt someone pasted it into), read back.
		bed.mock.seed({
			personas: [
				{
					persona_id: 'pecho0000002',
					persona_name: 'Pasted',
					persona_type: 'user',
					system_prompt: `My key is ${API_KEY}.`,
				},
			],
		});
		const read = await bed.run({
			resource: 'persona',
			operation: 'get',
			persona: byId('pecho0000002'),
		});
		expect(read.error).toBeUndefined();
		expect(read.items[0].json.system_prompt).toBe('My key is ********.');
		expectNoSecret('outputs', [created.run.data.resultData, read.run.data.resultData]);
	});

	it('leaves what only looks like a secret alone (Key Location "query" is not a key)', async () => {
		const { items, error } = await bed.run(
			toolWithAuth('lookup_order_query', {
				apiAuthType: 'api_key',
				keyName: 'X-API-Key',
				apiKeyValue: TOOL_API_KEY,
				apiKeyLocation: 'query',
				registryToolDescription: 'Look up an order (key in the query)',
			}),
			[{}],
		);
		expect(error).toBeUndefined();
		expect(items[0].json.description).toBe('Look up an order (key in the query)');
		expect(items[0].json.delivery).toMatchObject({
			api: { auth: { type: 'api_key', value: '********', location: 'query' } },
		});
		// A plain header value sent to the LLM (not a key) stays readable where an answer shows it.
		bed.mock.addFault({
			method: 'POST',
			path: '/v2/personas',
			status: 200,
			body: { persona_id: 'pplain000001', persona_name: 'Plain', note: 'application/json' },
		});
		const persona = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: 'Plain',
				systemPrompt: 'x',
				llmLayer: {
					customModel: 'my-llm',
					baseUrl: 'https://llm.example.com/v1',
					apiKey: LLM_KEY,
					headers: JSON.stringify({ Accept: 'application/json' }),
				},
			},
			[{}],
		);
		expect(persona.error).toBeUndefined();
		expect(persona.items[0].json.note).toBe('application/json');
		// A placeholder LLM key (many OpenAI-compatible servers take any) is not a key to look for.
		const placeholder = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: 'not-needed test',
				systemPrompt: 'Say anything about orders.',
				llmLayer: {
					customModel: 'my-llm',
					baseUrl: 'https://llm.example.com/v1',
					apiKeyFromCredential: true,
				},
			},
			[{}],
			{ credentials: { llmApiKey: 'not-needed' } },
		);
		expect(placeholder.error).toBeUndefined();
		expect(placeholder.items[0].json.persona_name).toBe('not-needed test');
	});

	it('for every operation of every resource, in success and in failure', async () => {
		// The shared table (test/helpers/operationCases.ts): one working example per operation.
		const fixtures = await createFixtures(bed);
		const cases = operationCases(fixtures);
		expect(cases.length).toBeGreaterThan(50);
		for (const { label, parameters } of cases) {
			for (const mode of ['success', 'rejected', 'server error', 'network'] as const) {
				bed.mock.clearFaults();
				if (mode === 'rejected')
					bed.mock.addFault({
						status: 401,
						body: { message: `Invalid access token ${API_KEY}` },
						times: 'Infinity',
					});
				if (mode === 'server error')
					bed.mock.addFault({ kind: 'html', status: 502, times: 'Infinity' });
				if (mode === 'network') bed.mock.addFault({ kind: 'reset', times: 'Infinity' });
				for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
					// A delete succeeds once: its later runs meet the fault before the object is looked up.
					if (mode === 'success' && onError === 'continueRegularOutput') continue;
					// Retries add nothing here (faults are permanent): one attempt per request.
					const options = {
						...FAST_OPTIONS,
						...((parameters.options as IDataObject | undefined) ?? {}),
						...(mode === 'success' ? {} : { maxAttempts: 1 }),
					};
					const run = await bed.run({ ...parameters, options }, [{}], { onError });
					const where = `${label} (${mode}, ${onError})`;
					if (mode === 'success') expect([where, run.error?.message]).toEqual([where, undefined]);
					else if (onError === 'stopWorkflow')
						expect([where, run.error]).not.toEqual([where, undefined]);
					expectNoSecret(`${where}: output`, run.run.data.resultData);
					expectNoSecret(`${where}: error`, errorText(run.error));
				}
			}
		}
		bed.mock.clearFaults();
		expect(JSON.stringify(bed.mock.requests.map((r) => r.headers['x-api-key']))).toContain(API_KEY);
		expectNoSecret('logs', getLogText());
	}, 300_000);

	it('takes the LLM and TTS keys from the credential when asked, and never outputs them', async () => {
		const run = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: 'From credential',
				systemPrompt: 'x',
				llmLayer: {
					customModel: 'my-llm',
					baseUrl: 'https://llm.example.com/v1',
					apiKeyFromCredential: true,
				},
				ttsLayer: { ttsEngine: 'cartesia', apiKeyFromCredential: true },
			},
			[{}],
			{ credentials: { llmApiKey: CREDENTIAL_LLM_KEY, ttsApiKey: CREDENTIAL_TTS_KEY } },
		);
		expect(run.error).toBeUndefined();
		const body = bed.sent('POST')[0].body as {
			layers: { llm: { api_key: string }; tts: { api_key: string } };
		};
		expect(body.layers.llm.api_key).toBe(CREDENTIAL_LLM_KEY);
		expect(body.layers.tts.api_key).toBe(CREDENTIAL_TTS_KEY);
		expectNoSecret('output', run.run.data.resultData);
		const get = await bed.run({
			resource: 'persona',
			operation: 'get',
			persona: byId(String(run.items[0].json.persona_id)),
		});
		expect((get.items[0].json.layers as { llm: { api_key: string } }).llm.api_key).toBe('********');
		expectNoSecret('get output', get.run.data.resultData);
	});

	it('says clearly when the credential has no key but the layer asks for it', async () => {
		const run = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'x',
			systemPrompt: 'x',
			llmLayer: { customModel: 'm', apiKeyFromCredential: true },
		});
		expect(run.error?.message).toBe(
			'LLM Layer › Use LLM Key From Credential is on, but the Tavus API credential has no Custom LLM API Key [item 0]',
		);
		expect(bed.mock.requests).toHaveLength(0);
	});
});

describe('JSON errors do not quote the input', () => {
	it.each([
		['llmLayer', 'headers', `{"Authorization": Bearer ${HEADER_TOKEN}}`],
		['additionalFields', 'extraBody', `{"layers": {"llm": {"api_key": ${LLM_KEY}}}}`],
		['ttsLayer', 'voiceSettings', `{"api_key": "${TTS_KEY}",}`],
	])('%s › %s', async (group, field, raw) => {
		const run = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'x',
			systemPrompt: 'x',
			[group]: { [field]: raw },
		});
		expect(run.error?.message).toMatch(/is not valid JSON \((unexpected|it ends)/);
		for (const secret of SECRETS)
			expect(JSON.stringify([run.error?.message, run.run.data.resultData])).not.toContain(
				secret.slice(0, 8),
			);
		expect(bed.mock.requests).toHaveLength(0);
	});
});

describe('callback URLs in outputs', () => {
	it('masks the Tavus Trigger token wherever Tavus echoes callback_url (here: a document)', async () => {
		const run = await bed.run({
			resource: 'document',
			operation: 'create',
			documentUrl: 'https://docs.example.com/faq.pdf',
			documentName: 'FAQ',
			additionalFields: {
				callbackUrl: 'https://n8n.example.com/webhook/x/tavus?token=doc-secret-123',
			},
		});
		expect(run.error).toBeUndefined();
		expect(bed.sent('POST', '/v2/documents')[0].body).toMatchObject({
			callback_url: 'https://n8n.example.com/webhook/x/tavus?token=doc-secret-123',
		});
		expect(run.items[0].json.callback_url).toBe(
			'https://n8n.example.com/webhook/x/tavus?token=********',
		);
		expect(JSON.stringify(run.run.data.resultData)).not.toContain('doc-secret-123');
	});
});
