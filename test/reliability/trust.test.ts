import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import { findNetworkCode } from '../../nodes/Tavus/transport/policy';
import { maskOutput } from '../../nodes/Tavus/transport/secrets';
import { FAST_OPTIONS, useTestbed } from '../helpers/testbed';

/**
 * Trust under real conditions: the key stays on Tavus's origin, failed items reach the error
 * output, n8n's Retry On Fail never duplicates, retries work whatever n8n version wrapped the
 * network error, a slow body is bounded by the time-out, a 2xx without the new ID is not a
 * success, and secrets stay masked everywhere.
 */
const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const create = {
	resource: 'persona',
	operation: 'create',
	personaName: '={{ $json.name }}',
	systemPrompt: 'Be kind.',
};
const retryOnFail = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
const named = (...names: string[]) => names.map((name) => ({ name }));

function personasNamed(name: string): number {
	return [...bed.mock.state.personas.values()].filter(
		(p) => (p as IDataObject).persona_name === name,
	).length;
}

function seedPersona(id: string, extra: IDataObject = {}) {
	bed.mock.seed({
		personas: [
			{ persona_id: id, persona_name: id, persona_type: 'user', system_prompt: 'x', ...extra },
		],
	});
	bed.mock.clearRequests();
}

describe('one origin: redirects', () => {
	it('does not follow a redirect to another origin: nothing is sent there, the item fails naming it', async () => {
		bed.mock.addFault({ kind: 'redirect', method: 'POST', path: '/v2/personas' });
		const elsewhere = bed.mock.elsewhere!;
		const { items, error } = await bed.run(create, named('A'), {
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(elsewhere.requests).toHaveLength(0);
		expect(items).toHaveLength(1);
		expect(items[0].json.persona_id).toBeUndefined();
		expect(items[0].json.error).toBe(
			`Tavus API error 307: Tavus answered with a redirect to ${elsewhere.baseUrl}, which the node does not follow (the API key is only ever sent to the Base URL’s origin)`,
		);
		expect(items[0].json.httpCode).toBe('307');
		expect(bed.sent('POST')).toHaveLength(1);
	});

	it('does not follow a redirect on a read either, and does not retry it', async () => {
		seedPersona('pstay0000001');
		bed.mock.addFault({ kind: 'redirect', method: 'DELETE', path: '/v2/personas/', status: 302 });
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'delete',
			persona: byId('pstay0000001'),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toContain('redirect to http://127.0.0.1:');
		expect(bed.mock.elsewhere!.requests).toHaveLength(0);
		expect(bed.mock.state.personas.has('pstay0000001')).toBe(true);
		expect(bed.sent('DELETE')).toHaveLength(1);
	});

	it('follows a redirect on the same origin', async () => {
		seedPersona('pstay0000002');
		bed.mock.addFault({
			kind: 'redirect',
			method: 'GET',
			path: '/v2/personas/pold',
			location: bed.mock.url('/v2/personas/pstay0000002'),
		});
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'get',
			persona: byId('pold'),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.persona_id).toBe('pstay0000002');
		expect(bed.sent('GET').map((r) => r.path)).toEqual([
			'/v2/personas/pold',
			'/v2/personas/pstay0000002',
		]);
	});
});

describe('On Error → Continue (using error output)', () => {
	it('sends exactly the failing items to the error output, paired, with the description as message', async () => {
		seedPersona('pgood0000001');
		seedPersona('pgood0000002');
		const { outputs, error } = await bed.run(
			{ resource: 'persona', operation: 'get', persona: byId('={{ $json.id }}') },
			[{ id: 'pgood0000001' }, { id: 'pmissing0001' }, { id: 'pgood0000002' }],
			{ onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		expect(outputs[0].map((item) => [item.pairedItem, item.json.persona_id])).toEqual([
			[{ item: 0 }, 'pgood0000001'],
			[{ item: 2 }, 'pgood0000002'],
		]);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 1 });
		// (In a full workflow n8n also adds the failing input item's own fields.)
		expect(outputs[1][0].json).toEqual({
			error: 'Tavus API error 400 Bad Request: Invalid persona_id',
			message: expect.stringContaining('GET /v2/personas/pmissing0001 answered HTTP 400'),
		});
	});

	it('keeps the regular output shape with Continue (regular output)', async () => {
		const { outputs } = await bed.run(
			{ resource: 'persona', operation: 'get', persona: byId('pmissing0001') },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({
			error: 'Tavus API error 400 Bad Request: Invalid persona_id',
			httpCode: '400',
		});
	});
});

describe("exactly once under n8n's Retry On Fail", () => {
	it('a reset after Tavus created item 1: no item is created twice, item 1 is not sent again', async () => {
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/personas', skip: 1 });
		const { error } = await bed.run(
			{ ...create, options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 1 } } } },
			named('R0', 'R1', 'R2'),
			{ settings: retryOnFail },
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(
			/^Not sent again: an earlier try of this node in this execution sent POST \/v2\/personas and Tavus may have acted on it \(Could not reach the Tavus API: the connection was reset\)/,
		);
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(2);
		expect([personasNamed('R0'), personasNamed('R1'), personasNamed('R2')]).toEqual([1, 1, 0]);
	});

	it('with Continue (regular output), a failed first item makes n8n rerun the node: the others are not sent again', async () => {
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/personas' });
		const { items, error } = await bed.run(
			{ ...create, options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 1 } } } },
			named('C0', 'C1', 'C2'),
			{ settings: retryOnFail, onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(String(items[0].json.error)).toMatch(/^Not sent again/);
		expect([items[1].json.persona_name, items[2].json.persona_name]).toEqual(['C1', 'C2']);
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(3);
		expect([personasNamed('C0'), personasNamed('C1'), personasNamed('C2')]).toEqual([1, 1, 1]);
	});

	it('a conversation created before a later item failed is output again, not created again', async () => {
		bed.mock.addFault({
			kind: 'status',
			status: 400,
			body: { message: 'Invalid replica_id' },
			method: 'POST',
			path: '/v2/conversations',
			skip: 1,
			times: 'Infinity',
		});
		const { error } = await bed.run(
			{
				resource: 'conversation',
				operation: 'create',
				replica: byId('r90bbd427f71'),
				options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 1 } } },
			},
			[{}, {}],
			{ settings: retryOnFail },
		);
		expect(error).toBeInstanceOf(NodeApiError);
		// Try 1: item 0 created, item 1 refused; tries 2 and 3: item 0 from memory, item 1 sent again (a 400 is not in doubt).
		expect(bed.sent('POST', '/v2/conversations').map((r) => r.status)).toEqual([
			200, 400, 400, 400,
		]);
	});

	it('Create or Update: a rerun finds what the first try created and creates nothing twice', async () => {
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/personas', skip: 1 });
		const { items, error } = await bed.run(
			{
				...create,
				operation: 'createOrUpdate',
				options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 1 } } },
			},
			named('U0', 'U1', 'U2'),
			{ settings: retryOnFail },
		);
		expect(error).toBeUndefined();
		expect([personasNamed('U0'), personasNamed('U1'), personasNamed('U2')]).toEqual([1, 1, 1]);
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(3);
		// U0 was created by the first try, U1 by the first try whose answer was lost, U2 by the rerun:
		// each is reported as created by this execution.
		expect(items.map((item) => [item.json.persona_name, item.json.action])).toEqual([
			['U0', 'created'],
			['U1', 'created'],
			['U2', 'created'],
		]);
	});

	it('Create or Update run again in a new execution reports what it found, not created', async () => {
		const first = await bed.run({ ...create, operation: 'createOrUpdate' }, named('V0'));
		const second = await bed.run({ ...create, operation: 'createOrUpdate' }, named('V0'));
		expect([first.items[0].json.action, second.items[0].json.action]).toEqual([
			'created',
			'unchanged',
		]);
	});

	it('separate executions share nothing: the same workflow run twice creates twice', async () => {
		await bed.run(create, named('S0'));
		await bed.run(create, named('S0'));
		expect(personasNamed('S0')).toBe(2);
	});

	it('the "Not sent again" advice names the object a create makes, and asks about the effect otherwise', async () => {
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/personas' });
		const made = await bed.run(create, named('N0'), { settings: retryOnFail });
		expect(made.error?.message).toMatch(/^Not sent again: /);
		expect((made.error as NodeOperationError).description).toMatch(
			/Check in Tavus whether the persona exists \(e\.g\. Get Many, by name\) before running the workflow again\.$/,
		);
		bed.mock.seed({ conversations: [{ conversation_id: 'c123456789ab', status: 'active' }] });
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/conversations/' });
		const sent = await bed.run(
			{
				resource: 'conversation',
				operation: 'sendAppMessage',
				conversationId: 'c123456789ab',
				appEventType: 'conversation.interrupt',
			},
			[{}],
			{ settings: retryOnFail },
		);
		expect(sent.error?.message).toMatch(/^Not sent again: /);
		expect((sent.error as NodeOperationError).description).toMatch(
			/Check in Tavus whether it took effect before running the workflow again\.$/,
		);
		expect(bed.sent('POST', '/v2/conversations/c123456789ab/send-app-message')).toHaveLength(1);
	});

	const updatePrompt = {
		resource: 'persona',
		operation: 'update',
		persona: byId('={{ $json.id }}'),
		updateMode: 'fields',
		updateFields: { systemPrompt: '={{ $json.prompt }}' },
		options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 1 } } },
	};
	const promptPatch = (value: string) => [{ op: 'replace', path: '/system_prompt', value }];
	const promptOf = (id: string) =>
		(bed.mock.state.personas.get(id) as IDataObject | undefined)?.system_prompt;

	it('Update (Fields) reset after Tavus applied it: the rerun reads again, sends nothing, reports updated', async () => {
		seedPersona('pupd00000001');
		bed.mock.addFault({ kind: 'resetAfter', method: 'PATCH', path: '/v2/personas/' });
		const { items, error } = await bed.run(
			updatePrompt,
			[{ json: { id: 'pupd00000001', prompt: 'New.' } }],
			{ settings: retryOnFail },
		);
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH').map((r) => r.body)).toEqual([promptPatch('New.')]);
		expect(bed.sent('GET')).toHaveLength(2);
		expect(items[0].json).toStrictEqual({
			persona_id: 'pupd00000001',
			action: 'updated',
			patch: promptPatch('New.'),
		});
		expect(promptOf('pupd00000001')).toBe('New.');
	});

	it('Update (Fields) reset before Tavus applied it: the rerun sends what still differs, once more', async () => {
		seedPersona('pupd00000002');
		bed.mock.addFault({ kind: 'reset', method: 'PATCH', path: '/v2/personas/' });
		const { items, error } = await bed.run(
			updatePrompt,
			[{ json: { id: 'pupd00000002', prompt: 'Again.' } }],
			{ settings: retryOnFail },
		);
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH').map((r) => r.body)).toEqual([
			promptPatch('Again.'),
			promptPatch('Again.'),
		]);
		expect(items[0].json).toMatchObject({ action: 'updated', patch: promptPatch('Again.') });
		expect(promptOf('pupd00000002')).toBe('Again.');
	});

	it('Update (Fields): an item updated before another item failed is reported as updated on the rerun', async () => {
		seedPersona('pupd00000003');
		const { items, error } = await bed.run(
			updatePrompt,
			[
				{ json: { id: 'pmissing0009', prompt: 'Never.' } },
				{ json: { id: 'pupd00000003', prompt: 'Done.' } },
			],
			// With Continue (regular output), a failed first item makes n8n rerun the node.
			{ settings: retryOnFail, onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(bed.sent('GET', '/v2/personas/pmissing0009')).toHaveLength(3);
		expect(bed.sent('PATCH').map((r) => r.body)).toEqual([promptPatch('Done.')]);
		expect(items[0].json.error).toBe('Tavus API error 400 Bad Request: Invalid persona_id');
		expect(items[1].json).toStrictEqual({
			persona_id: 'pupd00000003',
			action: 'updated',
			patch: promptPatch('Done.'),
		});
	});

	it('Update (Fields): an in-doubt patch is not sent again when another item wrote the same persona since', async () => {
		seedPersona('pupd00000005');
		bed.mock.addFault({ kind: 'resetAfter', method: 'PATCH', path: '/v2/personas/' });
		const { items, error } = await bed.run(
			updatePrompt,
			[
				{ json: { id: 'pupd00000005', prompt: 'A' } },
				{ json: { id: 'pupd00000005', prompt: 'B' } },
			],
			{ settings: retryOnFail, onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		// Try 1: A applied (answer lost), B applied. Reruns: A is not sent again over B.
		expect(bed.sent('PATCH').map((r) => r.body)).toEqual([promptPatch('A'), promptPatch('B')]);
		expect(promptOf('pupd00000005')).toBe('B');
		expect(String(items[0].json.error)).toMatch(/^Not sent again: /);
		expect(items[1].json).toStrictEqual({
			persona_id: 'pupd00000005',
			action: 'updated',
			patch: promptPatch('B'),
		});
	});

	it('Update (Fields) without Retry On Fail: a reset fails the item and says so', async () => {
		seedPersona('pupd00000004');
		bed.mock.addFault({ kind: 'resetAfter', method: 'PATCH', path: '/v2/personas/' });
		const { error } = await bed.run(updatePrompt, [
			{ json: { id: 'pupd00000004', prompt: 'Once.' } },
		]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toMatch(/connection was reset/);
		expect(bed.sent('PATCH')).toHaveLength(1);
	});
});

describe('retries, whatever n8n version wrapped the network error', () => {
	it('finds the code deep in a NodeApiError chain (n8n 1.x) and in n8n’s own texts', () => {
		const wrapped = {
			name: 'NodeApiError',
			message: 'x',
			cause: { message: 'y', error: { cause: { code: 'ECONNRESET' } } },
		};
		expect(findNetworkCode(wrapped).code).toBe('ECONNRESET');
		const texts = {
			name: 'NodeApiError',
			message:
				'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
		};
		expect(findNetworkCode(texts).code).toBe('ECONNRESET');
		expect(
			findNetworkCode({ message: 'The service refused the connection - perhaps it is offline' })
				.code,
		).toBe('ECONNREFUSED');
		expect(findNetworkCode({ message: 'read ECONNRESET' }).code).toBe('ECONNRESET');
	});

	it('retries a read after a reset; a create reset after Tavus acted says so and is sent once', async () => {
		seedPersona('preset000001');
		bed.mock.addFault({ kind: 'reset', method: 'GET', path: '/v2/personas/' });
		const read = await bed.run({
			resource: 'persona',
			operation: 'get',
			persona: byId('preset000001'),
		});
		expect(read.error).toBeUndefined();
		expect(bed.sent('GET')).toHaveLength(2);
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/personas' });
		const made = await bed.run(create, named('D0'));
		expect(made.error?.message).toBe('Could not reach the Tavus API: the connection was reset');
		expect((made.error as NodeApiError).description).toContain(
			'Tavus may have received it; check before running it again',
		);
		expect(bed.sent('POST')).toHaveLength(1);
		expect(personasNamed('D0')).toBe(1);
	});
});

describe('a deadline, not an idle timer', () => {
	it('a body that drips is cut at the time-out', async () => {
		seedPersona('pdrip0000001');
		bed.mock.addFault({ kind: 'drip', method: 'GET', path: '/v2/personas/', intervalMs: 200 });
		const started = Date.now();
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'get',
			persona: byId('pdrip0000001'),
			options: { ...FAST_OPTIONS, timeout: 1000 },
		});
		expect(error?.message).toBe(
			'Could not reach the Tavus API: no complete answer within 1 s (timed out)',
		);
		// The dripped answer is hundreds of bytes at 200 ms each: it would take over a minute.
		expect(Date.now() - started).toBeLessThan(30_000);
	});

	it.each([
		[
			{ timeout: 3_000_000_000 },
			'Options › Timeout (Ms) must be at most 600000, got 3000000000 [item 0]',
		],
		[{ timeout: 1 }, 'Options › Timeout (Ms) must be at least 1000, got 1 [item 0]'],
		[{ retryDelay: 0 }, 'Options › Retry Delay (Ms) must be at least 100, got 0 [item 0]'],
		[
			{ maxRetryWait: 86_400 },
			'Options › Max Total Retry Wait (Seconds) must be at most 3600, got 86400 [item 0]',
		],
		[{ maxAttempts: 2.5 }, 'Options › Max Attempts must be a whole number, got 2.5 [item 0]'],
		[{ retry: 'maybe' }, 'Options › Retry must be true or false, got the text "maybe" [item 0]'],
	])('refuses the option %p before sending anything', async (option, message) => {
		const { error } = await bed.run(
			{ ...create, options: { ...FAST_OPTIONS, ...option } },
			named('B0'),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('no silent loss: a 2xx without the new object', () => {
	it.each([
		['an HTML 200', { kind: 'html' as const, status: 200 }, 'an HTML page instead of JSON'],
		['an empty 204', { kind: 'empty' as const, status: 204 }, 'an empty answer'],
		[
			'a 200 without an ID',
			{ kind: 'status' as const, status: 200, body: { status: 'ok' } },
			'an answer without the new persona’s ID',
		],
	])(
		'%s to a create is an error item that says the persona may exist',
		async (_label, fault, what) => {
			bed.mock.addFault({ ...fault, method: 'POST', path: '/v2/personas' });
			const { items } = await bed.run(create, named('H0'), { onError: 'continueRegularOutput' });
			expect(items).toHaveLength(1);
			expect(items[0].json.persona_id).toBeUndefined();
			expect(items[0].json.error).toBe(
				`Tavus API error ${fault.status}: Tavus answered HTTP ${fault.status} with ${what}: the persona may have been created`,
			);
			expect(String(items[0].json.description)).toContain(
				'look for it (Get Many, by name) before running the workflow again',
			);
			expect(bed.sent('POST')).toHaveLength(1);
		},
	);
});

describe('secrets everywhere', () => {
	it('masks secret URL parameters at any depth, layer keys at any depth, and secret patch values', () => {
		const masked = maskOutput({
			data: [
				{ objective_name: 'a', callback_url: 'https://n8n.example.com/webhook/x?token=s3cr3t&a=1' },
			],
			layers: {
				llm: {
					extra_body: { api_key: 'sk-deep', temperature: 1 },
					default_query: { key: 'q-secret' },
					model: 'm',
				},
			},
			patch: [
				{ op: 'replace', path: '/layers/llm/default_query', value: { key: 'q-secret' } },
				{ op: 'add', path: '/layers/llm/api_key', value: 'sk-top' },
				{ op: 'replace', path: '/layers/llm/model', value: 'm2' },
			],
		});
		expect(masked).toEqual({
			data: [
				{
					objective_name: 'a',
					callback_url: 'https://n8n.example.com/webhook/x?token=********&a=1',
				},
			],
			layers: {
				llm: {
					extra_body: { api_key: '********', temperature: 1 },
					default_query: { key: '********' },
					model: 'm',
				},
			},
			patch: [
				{ op: 'replace', path: '/layers/llm/default_query', value: { key: '********' } },
				{ op: 'add', path: '/layers/llm/api_key', value: '********' },
				{ op: 'replace', path: '/layers/llm/model', value: 'm2' },
			],
		});
	});

	it('a persona read never shows extra_body.api_key; an objective list never shows a callback token', async () => {
		seedPersona('psecret00001', {
			layers: { llm: { model: 'tavus-gpt-oss', extra_body: { api_key: 'sk-extra-7f3a' } } },
		});
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'get',
			persona: byId('psecret00001'),
		});
		expect(JSON.stringify(items)).not.toContain('sk-extra-7f3a');
		const made = await bed.run({
			resource: 'objective',
			operation: 'create',
			objectives: {
				objective: [
					{
						objectiveName: 'greet',
						objectivePrompt: 'Greet',
						callbackUrl: 'https://n8n.example.com/webhook/t?token=tok-9c1d',
					},
				],
			},
		});
		expect(JSON.stringify(made.items)).not.toContain('tok-9c1d');
		const listed = await bed.run({ resource: 'objective', operation: 'getAll', returnAll: true });
		expect(JSON.stringify(listed.items)).not.toContain('tok-9c1d');
		expect(JSON.stringify(listed.items)).toContain('token=********');
	});

	it('a validation message does not repeat the value of a secret-bearing field', async () => {
		const { items, error } = await bed.run(
			{ ...create, llmLayer: { headers: '={{ $json.h }}' } },
			[
				{ name: 'V', h: 'Bearer sk-live-123456' },
				{ name: 'W', h: '"Bearer sk-live-123456"' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.error)).toEqual([
			'LLM Layer › Headers (JSON) is not valid JSON (unexpected "B") [item 0]',
			'LLM Layer › Headers (JSON) must be a JSON object, got a text of 21 characters [item 1]',
		]);
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('smaller things', () => {
	it('a Base URL typed with /v2 works', async () => {
		seedPersona('pbase0000001');
		const { error } = await bed.run(
			{ resource: 'persona', operation: 'get', persona: byId('pbase0000001') },
			[{}],
			{
				credentials: { baseUrl: `${bed.mock.baseUrl}/v2/` },
			},
		);
		expect(error).toBeUndefined();
		expect(bed.sent('GET').map((r) => r.path)).toEqual(['/v2/personas/pbase0000001']);
	});

	it.each([
		[5, 'got number 5'],
		[{ id: 'p1' }, 'got an object'],
		[['p1'], 'got an array'],
	])('an ID given as %p says what it got', async (value, what) => {
		const { error } = await bed.run(
			{ resource: 'persona', operation: 'get', persona: byId('={{ $json.v }}') },
			[{ v: value }],
		);
		expect(error?.message).toContain(what);
		expect(error?.message).not.toContain('is required');
		expect(bed.sent()).toHaveLength(0);
	});

	it('Use LLM Key From Credential set to "true" by an expression takes the key; "maybe" is refused', async () => {
		const llmLayer = {
			customModel: 'm',
			baseUrl: 'https://llm.example.com/v1',
			apiKeyFromCredential: '={{ $json.v }}',
		};
		const { error } = await bed.run({ ...create, llmLayer }, [{ name: 'K', v: 'true' }], {
			credentials: { llmApiKey: 'sk-cred-4455' },
		});
		expect(error).toBeUndefined();
		expect(
			(bed.sent('POST')[0].body as { layers: { llm: { api_key: string } } }).layers.llm.api_key,
		).toBe('sk-cred-4455');
		const refused = await bed.run({ ...create, llmLayer }, [{ name: 'K', v: 'maybe' }], {
			credentials: { llmApiKey: 'sk-cred-4455' },
		});
		expect(refused.error?.message).toBe(
			'LLM Layer › Use LLM Key From Credential must be true or false, got a text of 5 characters [item 0]',
		);
	});

	it('a truncated JSON says it ends too early', async () => {
		const { error } = await bed.run({ ...create, llmLayer: { extraBody: '={{ $json.v }}' } }, [
			{ name: 'J', v: '{"temperature": 1' },
		]);
		expect(error?.message).toContain('is not valid JSON (it ends too early)');
	});
});
