/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import {
	SEED,
	applyJsonPatch,
	startTavusMock,
	type MockPersona,
	type TavusMock,
} from '../harness/tavus-mock';

const KEY = 'tavus-test-key';

type Obj = Record<string, unknown>;
interface Reply<T> {
	status: number;
	headers: Headers;
	text: string;
	json: T;
}
interface ListBody {
	data: Obj[];
	total_count: number;
	page?: number;
	limit?: number;
}
interface ErrorBody {
	error?: string;
	message?: string;
}

let mock: TavusMock;

async function api<T = Obj>(
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<Reply<T>> {
	const h: Record<string, string> = { 'x-api-key': KEY };
	if (body !== undefined) h['content-type'] = 'application/json';
	const init: RequestInit = { method, headers: { ...h, ...headers } };
	if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
	const res = await fetch(mock.url(path), init);
	const text = await res.text();
	let json: unknown = undefined;
	if (text) {
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
	}
	return { status: res.status, headers: res.headers, text, json: json as T };
}

const tool = (name: string) => ({
	type: 'function',
	function: {
		name,
		description: 'A tool',
		parameters: { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] },
	},
});

async function createPersona(extra: Obj = {}): Promise<string> {
	const r = await api<Obj>('POST', '/v2/personas', {
		persona_name: 'Coach',
		system_prompt: 'Be nice.',
		...extra,
	});
	expect(r.status).toBe(200);
	return r.json.persona_id as string;
}

beforeAll(async () => {
	mock = await startTavusMock();
});

afterAll(async () => {
	await mock.close();
});

beforeEach(() => {
	mock.reset();
});

describe('auth, routing and body parsing', () => {
	it('rejects a missing, wrong or Bearer-style key with 401 {message}', async () => {
		const variants: Array<Record<string, string>> = [
			{},
			{ 'x-api-key': 'nope' },
			{ authorization: `Bearer ${KEY}` },
		];
		for (const headers of variants) {
			const res = await fetch(mock.url('/v2/personas'), { headers });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ message: 'Invalid access token' });
		}
	});

	it('answers unknown routes with 404 {message} and wrong methods with 405', async () => {
		expect((await api('GET', '/v2/nothing-here')).json).toEqual({ message: 'Not found' });
		expect((await api('GET', '/v2/nothing-here')).status).toBe(404);
		expect((await api('GET', '/v1/personas')).status).toBe(404);
		const r = await api('PUT', '/v2/personas', {});
		expect(r.status).toBe(405);
		expect(r.headers.get('allow')).toContain('POST');
	});

	it('requires application/json and valid JSON for bodies', async () => {
		const wrongType = await api<ErrorBody>('POST', '/v2/personas', '{"system_prompt":"x"}', {
			'content-type': 'text/plain',
		});
		expect(wrongType.status).toBe(400);
		expect(wrongType.json.error).toMatch(/Invalid JSON body/);
		const broken = await api<ErrorBody>('POST', '/v2/personas', '{"system_prompt":');
		expect(broken.status).toBe(400);
		expect(broken.json).toEqual({ error: 'Invalid JSON body' });
	});
});

describe('personas: create', () => {
	it('creates a persona and stores the full document', async () => {
		const r = await api<Obj>('POST', '/v2/personas', {
			persona_name: 'Life Coach',
			system_prompt: 'As a Life Coach...',
			pipeline_mode: 'full',
			default_replica_id: SEED.docsReplicaId,
			layers: {
				llm: {
					model: 'tavus-gpt-oss',
					speculative_inference: true,
					tools: [tool('life_coach_insight')],
				},
				tts: {
					tts_engine: 'cartesia',
					voice_settings: { speed: 'normal', emotion: ['positivity:high', 'curiosity'] },
					tts_emotion_control: true,
					tts_model_name: 'sonic-3',
				},
				perception: {
					perception_model: 'raven-1',
					visual_awareness_queries: ['Is the user showing an ID card?'],
					visual_tools: [tool('notify_if_id_shown')],
					audio_awareness_queries: ['Does the user sound frustrated?'],
				},
				stt: { stt_engine: 'tavus-auto' },
				conversational_flow: {
					turn_detection_model: 'sparrow-1',
					turn_taking_patience: 'medium',
					turn_commitment: 'medium',
					replica_interruptibility: 'high',
					voice_isolation: 'near',
					idle_engagement: 'off',
				},
			},
		});
		expect(r.status).toBe(200);
		expect(Object.keys(r.json).sort()).toEqual(['created_at', 'persona_id', 'persona_name']);
		expect(r.json.persona_id).toMatch(/^p[0-9a-f]{12}$/);
		expect(r.json.persona_name).toBe('Life Coach');
		expect(new Date(r.json.created_at as string).toISOString()).toBe(r.json.created_at);
		const stored = mock.state.personas.get(r.json.persona_id as string) as MockPersona;
		expect(stored.persona_type).toBe('user');
		expect(stored.updated_at).toBe(stored.created_at);
		expect((stored.layers as { tts: Obj }).tts.tts_model_name).toBe('sonic-3');
	});

	it('accepts legacy fields and echo mode without a system_prompt', async () => {
		const legacy = await api('POST', '/v2/personas', {
			system_prompt: 'x',
			context: 'old context field',
			layers: {
				tts: { tts_engine: 'playht', playht_user_id: 'u1', voice_settings: { speed: 0.5 } },
				perception: {
					perception_model: 'raven-0',
					ambient_awareness_queries: ['q'],
					perception_tool_prompt: 'p',
					perception_tools: [tool('notify_if_id_shown')],
				},
				stt: {
					stt_engine: 'tavus-turbo',
					participant_pause_sensitivity: 'superlow',
					participant_interrupt_sensitivity: 'verylow',
					smart_turn_detection: true,
					hotwords: 'Roey',
				},
			},
		});
		expect(legacy.status).toBe(200);
		const echo = await api('POST', '/v2/personas', {
			pipeline_mode: 'echo',
			layers: { transport: { transport_type: 'livekit' } },
		});
		expect(echo.status).toBe(200);
	});

	const invalid: Array<[string, unknown, string | RegExp]> = [
		['body is not an object', [], /JSON object/],
		[
			'system_prompt missing',
			{ persona_name: 'x' },
			'system_prompt is required when pipeline_mode is full',
		],
		[
			'system_prompt empty',
			{ system_prompt: '  ' },
			'system_prompt is required when pipeline_mode is full',
		],
		['pipeline_mode enum', { system_prompt: 'x', pipeline_mode: 'half' }, /pipeline_mode/],
		['persona_name type', { system_prompt: 'x', persona_name: 5 }, /persona_name: expected string/],
		[
			'document_tags type',
			{ system_prompt: 'x', document_tags: 'a,b' },
			/document_tags: expected array/,
		],
		[
			'tts_emotion_control as a string',
			{ system_prompt: 'x', layers: { tts: { tts_emotion_control: 'false' } } },
			'Invalid type for layers.tts.tts_emotion_control: expected boolean, got string',
		],
		[
			'smart_turn_detection as a string',
			{ system_prompt: 'x', layers: { stt: { smart_turn_detection: 'true' } } },
			/layers\.stt\.smart_turn_detection: expected boolean/,
		],
		[
			'speculative_inference as a number',
			{ system_prompt: 'x', layers: { llm: { speculative_inference: 1 } } },
			/speculative_inference: expected boolean/,
		],
		[
			'tts_engine enum',
			{ system_prompt: 'x', layers: { tts: { tts_engine: 'openai' } } },
			/tts_engine/,
		],
		[
			'stt_engine enum',
			{ system_prompt: 'x', layers: { stt: { stt_engine: 'whisper' } } },
			/stt_engine/,
		],
		[
			'stt sensitivity enum',
			{ system_prompt: 'x', layers: { stt: { participant_pause_sensitivity: 'extreme' } } },
			/participant_pause_sensitivity/,
		],
		[
			'perception_model enum',
			{ system_prompt: 'x', layers: { perception: { perception_model: 'raven-2' } } },
			/perception_model/,
		],
		[
			'conversational_flow enum (guide example "verylow")',
			{
				system_prompt: 'x',
				layers: { conversational_flow: { replica_interruptibility: 'verylow' } },
			},
			/replica_interruptibility/,
		],
		[
			'transport enum',
			{ system_prompt: 'x', layers: { transport: { transport_type: 'webrtc' } } },
			/transport_type/,
		],
		[
			'tool name not snake_case',
			{ system_prompt: 'x', layers: { llm: { tools: [tool('getWeather')] } } },
			/layers\.llm\.tools\[0\]\.function\.name.*snake_case/,
		],
		[
			'tool type not function',
			{ system_prompt: 'x', layers: { llm: { tools: [{ ...tool('a_b'), type: 'tool' }] } } },
			/tools\[0\]\.type/,
		],
		[
			'tool parameters.type not object',
			{
				system_prompt: 'x',
				layers: {
					perception: {
						visual_tools: [
							{
								type: 'function',
								function: { name: 'a_b', parameters: { type: 'string', properties: {} } },
							},
						],
					},
				},
			},
			/visual_tools\[0\]\.function\.parameters\.type/,
		],
		[
			'tool without parameters',
			{
				system_prompt: 'x',
				layers: { perception: { audio_tools: [{ type: 'function', function: { name: 'a_b' } }] } },
			},
			/audio_tools\[0\]\.function\.parameters is required/,
		],
		[
			'tools not an array',
			{ system_prompt: 'x', layers: { perception: { perception_tools: tool('a_b') } } },
			/perception_tools: expected array/,
		],
		[
			'voice_settings.speed boolean',
			{ system_prompt: 'x', layers: { tts: { voice_settings: { speed: true } } } },
			/voice_settings\.speed: expected string or number/,
		],
		[
			'voice_settings.emotion string',
			{ system_prompt: 'x', layers: { tts: { voice_settings: { emotion: 'curiosity' } } } },
			/voice_settings\.emotion: expected array/,
		],
		[
			'llm.headers array',
			{ system_prompt: 'x', layers: { llm: { headers: [] } } },
			/layers\.llm\.headers/,
		],
		[
			'llm.extra_body string',
			{ system_prompt: 'x', layers: { llm: { extra_body: '{}' } } },
			/extra_body/,
		],
		[
			'llm.default_query number',
			{ system_prompt: 'x', layers: { llm: { default_query: 1 } } },
			/default_query/,
		],
		[
			'unknown default_replica_id',
			{ system_prompt: 'x', default_replica_id: 'r000000000000' },
			'Invalid replica_uuid',
		],
		[
			'unknown document_ids',
			{ system_prompt: 'x', document_ids: ['d123'] },
			/Invalid document_ids/,
		],
		[
			'unknown objectives_id',
			{ system_prompt: 'x', objectives_id: 'o12345' },
			'Invalid objectives_id',
		],
		[
			'unknown guardrails_id',
			{ system_prompt: 'x', guardrails_id: 'g12345' },
			'Invalid guardrails_id',
		],
		[
			'unknown guardrail_ids',
			{ system_prompt: 'x', guardrail_ids: ['g1234567890ab'] },
			/Invalid guardrail_ids/,
		],
		[
			'unknown pronunciation dictionary',
			{ system_prompt: 'x', layers: { tts: { pronunciation_dictionary_id: 'pd_000000000000' } } },
			'Invalid pronunciation_dictionary_id',
		],
		['unknown top-level field', { system_prompt: 'x', foo: 1 }, 'Unknown field: foo'],
		[
			'unknown layer field',
			{ system_prompt: 'x', layers: { llm: { foo: 1 } } },
			'Unknown field: layers.llm.foo',
		],
		[
			'unknown layer',
			{ system_prompt: 'x', layers: { vqa: { enable_vision: true } } },
			'Unknown field: layers.vqa',
		],
		[
			'removed tool_prompt',
			{ system_prompt: 'x', layers: { perception: { tool_prompt: 'x' } } },
			/tool_prompt/,
		],
	];

	it.each(invalid)('400 {error} when %s', async (_name, body, expected) => {
		const r = await api<ErrorBody>('POST', '/v2/personas', body);
		expect(r.status).toBe(400);
		expect(Object.keys(r.json)).toEqual(['error']);
		if (typeof expected === 'string') expect(r.json.error).toBe(expected);
		else expect(r.json.error).toMatch(expected);
	});

	it('accepts unknown fields when allowUnknownFields is set', async () => {
		mock.allowUnknownFields = true;
		const r = await api<Obj>('POST', '/v2/personas', {
			system_prompt: 'x',
			future_field: 1,
			layers: { llm: { foo: 2 } },
		});
		expect(r.status).toBe(200);
		expect(mock.state.personas.get(r.json.persona_id as string)?.future_field).toBe(1);
	});

	it('checks references against objects created through the API', async () => {
		const doc = await api<Obj>('POST', '/v2/documents', {
			document_url: 'https://example.com/a.pdf',
		});
		const obj = await api<Obj>('POST', '/v2/objectives', {
			data: [{ objective_name: 'ask_name', objective_prompt: 'Ask the name' }],
		});
		const set = await api<Obj>('POST', '/v2/guardrails', {
			name: 'Set',
			data: [{ guardrail_name: 'no_medical_advice', guardrail_prompt: 'Never.' }],
		});
		const one = await api<Obj>('POST', '/v2/guardrails', {
			guardrail_name: 'no_competitors',
			guardrail_prompt: 'No.',
		});
		const r = await api('POST', '/v2/personas', {
			system_prompt: 'x',
			document_ids: [doc.json.document_id],
			objectives_id: obj.json.objectives_id,
			guardrails_id: set.json.guardrails_id,
			guardrail_ids: [one.json.uuid],
		});
		expect(r.status).toBe(200);
	});
});

describe('personas: get, list, patch, delete', () => {
	it('GET wraps the persona in data[] by default and returns it bare when configured', async () => {
		const id = await createPersona();
		const wrapped = await api<{ data: MockPersona[] }>('GET', `/v2/personas/${id}`);
		expect(wrapped.status).toBe(200);
		expect(wrapped.json.data).toHaveLength(1);
		expect(wrapped.json.data[0].persona_id).toBe(id);
		mock.personaGetShape = 'bare';
		const bare = await api<MockPersona>('GET', `/v2/personas/${id}`);
		expect(bare.json.persona_id).toBe(id);
		expect(bare.json.system_prompt).toBe('Be nice.');
		const bareMock = await startTavusMock({ personaGetShape: 'bare' });
		try {
			const r = await fetch(bareMock.url('/v2/personas/pcb7a34da5fe'), {
				headers: { 'x-api-key': KEY },
			});
			expect(((await r.json()) as MockPersona).persona_name).toBe('Sales Development Rep');
		} finally {
			await bareMock.close();
		}
	});

	it('GET of an unknown persona is 400 {error: Invalid persona_id}', async () => {
		const r = await api('GET', '/v2/personas/pdoesnotexist');
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'Invalid persona_id' });
	});

	it('lists personas 1-based with persona_type filter', async () => {
		for (let i = 0; i < 11; i++) await createPersona({ persona_name: `P${i}` });
		const all = await api<ListBody>('GET', '/v2/personas');
		expect(all.json.total_count).toBe(13);
		expect(all.json.data).toHaveLength(10);
		const p2 = await api<ListBody>('GET', '/v2/personas?page=2');
		expect(p2.json.data).toHaveLength(3);
		const system = await api<ListBody>('GET', '/v2/personas?persona_type=system');
		expect(system.json.data.map((p) => p.persona_id)).toEqual([...SEED.systemPersonaIds]);
		const user = await api<ListBody>('GET', '/v2/personas?persona_type=user&limit=100');
		expect(user.json.total_count).toBe(11);
		expect((await api('GET', '/v2/personas?persona_type=bogus')).status).toBe(400);
	});

	it('applies RFC 6902 operations for real', async () => {
		const id = await createPersona({
			guardrail_tags: ['a'],
			layers: {
				llm: { model: 'tavus-gpt-oss', headers: { 'X/Custom': '1', 'a~b': '2' } },
				stt: { hotwords: 'Roey' },
			},
		});
		const r = await api('PATCH', `/v2/personas/${id}`, [
			{ op: 'test', path: '/persona_name', value: 'Coach' },
			{ op: 'replace', path: '/persona_name', value: 'Patched' },
			{ op: 'add', path: '/guardrail_tags/-', value: 'b' },
			{ op: 'add', path: '/guardrail_tags/0', value: 'first' },
			{ op: 'remove', path: '/layers/stt/hotwords' },
			{ op: 'replace', path: '/layers/llm/headers/X~1Custom', value: 'slash' },
			{ op: 'remove', path: '/layers/llm/headers/a~0b' },
			{
				op: 'add',
				path: '/layers/tts',
				value: { tts_engine: 'elevenlabs', tts_emotion_control: false },
			},
			{ op: 'copy', from: '/persona_name', path: '/context' },
			{ op: 'move', from: '/context', path: '/layers/llm/model' },
		]);
		expect(r.status).toBe(200);
		expect(r.json).toEqual({});
		const got = (await api<{ data: MockPersona[] }>('GET', `/v2/personas/${id}`)).json.data[0];
		expect(got.persona_name).toBe('Patched');
		expect(got.guardrail_tags).toEqual(['first', 'a', 'b']);
		expect(got.context).toBeUndefined();
		expect(got.layers).toEqual({
			llm: { model: 'Patched', headers: { 'X/Custom': 'slash' } },
			stt: {},
			tts: { tts_engine: 'elevenlabs', tts_emotion_control: false },
		});
		expect(got.updated_at).not.toBe(undefined);
	});

	it('returns 304 without a body when nothing changes', async () => {
		const id = await createPersona();
		const before = mock.requests.length;
		const r = await api('PATCH', `/v2/personas/${id}`, [
			{ op: 'replace', path: '/persona_name', value: 'Coach' },
		]);
		expect(r.status).toBe(304);
		expect(r.text).toBe('');
		expect(mock.requests[before].status).toBe(304);
		expect((await api('PATCH', `/v2/personas/${id}`, [])).status).toBe(304);
	});

	it.each<[string, unknown]>([
		['replace of a missing path', [{ op: 'replace', path: '/nope', value: 1 }]],
		['remove of a missing path', [{ op: 'remove', path: '/layers/llm/nope' }]],
		['failing test', [{ op: 'test', path: '/persona_name', value: 'Other' }]],
		['unknown op', [{ op: 'merge', path: '/persona_name', value: 'x' }]],
		['add without value', [{ op: 'add', path: '/persona_name' }]],
		['path without leading slash', [{ op: 'replace', path: 'persona_name', value: 'x' }]],
		['bad escape', [{ op: 'add', path: '/layers/a~2b', value: 'x' }]],
		['array index out of range', [{ op: 'add', path: '/document_tags/5', value: 'x' }]],
		['move without from', [{ op: 'move', path: '/persona_name' }]],
		['an object instead of an array', { persona_name: 'x' }],
	])('422 {message} for %s', async (_name, patch) => {
		const id = await createPersona();
		const r = await api('PATCH', `/v2/personas/${id}`, patch);
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ message: 'Invalid JSON patch format' });
	});

	it('re-validates the patched persona like POST', async () => {
		const id = await createPersona();
		const bad = await api<ErrorBody>('PATCH', `/v2/personas/${id}`, [
			{ op: 'add', path: '/layers/tts', value: { tts_emotion_control: 'false' } },
		]);
		expect(bad.status).toBe(400);
		expect(bad.json.error).toMatch(/tts_emotion_control/);
		const noPrompt = await api('PATCH', `/v2/personas/${id}`, [
			{ op: 'remove', path: '/system_prompt' },
		]);
		expect(noPrompt.json).toEqual({
			error: 'system_prompt is required when pipeline_mode is full',
		});
		const readOnly = await api('PATCH', `/v2/personas/${id}`, [
			{ op: 'replace', path: '/persona_id', value: 'p1' },
		]);
		expect(readOnly.status).toBe(400);
		const badRef = await api('PATCH', `/v2/personas/${id}`, [
			{ op: 'replace', path: '/default_replica_id', value: 'r404' },
		]);
		expect(badRef.json).toEqual({ error: 'Invalid replica_uuid' });
		expect(mock.state.personas.get(id)?.default_replica_id).toBeNull();
		expect((await api('PATCH', '/v2/personas/pnope', [])).json).toEqual({
			error: 'Invalid persona_id',
		});
		expect(
			(await api('PATCH', '/v2/personas/pcb7a34da5fe', [{ op: 'remove', path: '/context' }]))
				.status,
		).toBe(400);
	});

	it('deletes with 204 and no body', async () => {
		const id = await createPersona();
		const r = await api('DELETE', `/v2/personas/${id}`);
		expect(r.status).toBe(204);
		expect(r.text).toBe('');
		expect((await api('GET', `/v2/personas/${id}`)).status).toBe(400);
		expect((await api('DELETE', `/v2/personas/${id}`)).json).toEqual({
			error: 'Invalid persona_id',
		});
	});
});

describe('JSON Patch engine (RFC 6902 examples)', () => {
	it('handles the RFC appendix cases', () => {
		expect(applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }])).toEqual({
			foo: 'bar',
			baz: 'qux',
		});
		expect(
			applyJsonPatch({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }]),
		).toEqual({
			foo: ['bar', 'qux', 'baz'],
		});
		expect(
			applyJsonPatch({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [
				{ op: 'move', from: '/foo/waldo', path: '/qux/thud' },
			]),
		).toEqual({ foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } });
		expect(
			applyJsonPatch({ foo: ['all', 'grass', 'cows', 'eat'] }, [
				{ op: 'move', from: '/foo/1', path: '/foo/3' },
			]),
		).toEqual({
			foo: ['all', 'cows', 'eat', 'grass'],
		});
		expect(applyJsonPatch({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }])).toEqual(
			{ '/': 9, '~1': 10 },
		);
		expect(
			applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }]),
		).toEqual({
			foo: 'bar',
			child: { grandchild: {} },
		});
		expect(applyJsonPatch({ foo: 1 }, [{ op: 'replace', path: '', value: [1] }])).toEqual([1]);
		expect(() =>
			applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]),
		).toThrow();
		expect(() =>
			applyJsonPatch({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/c' }]),
		).toThrow();
		expect(() =>
			applyJsonPatch({ foo: [1] }, [{ op: 'add', path: '/foo/01', value: 2 }]),
		).toThrow();
	});
});

describe('pagination', () => {
	it('pages through the 25 seeded replicas (1-based)', async () => {
		const seen: string[] = [];
		for (let page = 1; page <= 3; page++) {
			const r = await api<ListBody>('GET', `/v2/replicas?limit=10&page=${page}`);
			expect(r.status).toBe(200);
			expect(r.json.total_count).toBe(SEED.replicaCount);
			expect(r.json.data).toHaveLength(page < 3 ? 10 : 5);
			expect(r.json.page).toBeUndefined();
			seen.push(...r.json.data.map((x) => x.replica_id as string));
		}
		expect(seen).toEqual([...SEED.replicaIds]);
		expect((await api<ListBody>('GET', '/v2/replicas?page=4')).json.data).toEqual([]);
	});

	it('rejects invalid limit and page values with 400 {error}', async () => {
		for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=2.5', 'page=0', 'page=x']) {
			const r = await api<ErrorBody>('GET', `/v2/replicas?${q}`);
			expect(r.status).toBe(400);
			expect(typeof r.json.error).toBe('string');
		}
	});

	it('filters replicas and adds replica_type only with verbose', async () => {
		const user = await api<ListBody>('GET', '/v2/replicas?replica_type=user&limit=100');
		expect(user.json.total_count).toBe(SEED.userReplicaCount);
		expect(user.json.data[0].replica_type).toBeUndefined();
		const system = await api<ListBody>(
			'GET',
			'/v2/replicas?replica_type=system&verbose=true&limit=100',
		);
		expect(system.json.total_count).toBe(SEED.systemReplicaCount);
		expect(system.json.data.every((x) => x.replica_type === 'system')).toBe(true);
		const some = await api<ListBody>(
			'GET',
			`/v2/replicas?replica_ids=${SEED.annaReplicaId},${SEED.docsReplicaId}`,
		);
		expect(some.json.total_count).toBe(2);
		const p4 = await api<ListBody>('GET', '/v2/replicas?model_name=phoenix-4&limit=100');
		expect(p4.json.data.every((x) => x.model_name === 'phoenix-4')).toBe(true);
		const one = await api<Obj>('GET', `/v2/replicas/${SEED.annaReplicaId}?verbose=true`);
		expect(one.json).toMatchObject({
			replica_name: 'Anna',
			replica_type: 'system',
			status: 'completed',
		});
		expect((await api('GET', '/v2/replicas/rnope')).json).toEqual({ error: 'Invalid replica_id' });
	});

	it('uses 0-based pages with page/limit echoed for documents and individual guardrails', async () => {
		for (let i = 0; i < 12; i++)
			await api('POST', '/v2/documents', { document_url: `https://example.com/${i}.pdf` });
		const first = await api<ListBody>('GET', '/v2/documents');
		expect(first.json).toMatchObject({ total_count: 12, page: 0, limit: 10 });
		expect(first.json.data).toHaveLength(10);
		expect((await api<ListBody>('GET', '/v2/documents?page=1')).json.data).toHaveLength(2);
		const g = await api<ListBody>('GET', '/v2/guardrails?legacy=false&page=0');
		expect(g.json).toMatchObject({ data: [], total_count: 0, page: 0, limit: 10 });
		expect((await api('GET', '/v2/documents?page=-1')).status).toBe(400);
	});

	it('lists voices with search, tag, sort and page/limit', async () => {
		const all = await api<ListBody>('GET', '/v2/voices?limit=2');
		expect(all.json).toMatchObject({ total_count: SEED.voiceNames.length, page: 1, limit: 2 });
		expect(all.json.data[0]).toMatchObject({ voice_name: 'anna', replica_id: SEED.annaReplicaId });
		const male = await api<ListBody>('GET', '/v2/voices?tag=MALE&sort=desc');
		expect(male.json.data.map((v) => v.voice_name)).toEqual(['felix', 'daniel', 'benjamin']);
		expect(
			(await api<ListBody>('GET', '/v2/voices?search=AN')).json.data.map((v) => v.voice_name),
		).toEqual(['anna', 'daniel']);
	});
});

describe('conversations', () => {
	it('creates, reads (verbose), ends and deletes a conversation', async () => {
		const c = await api<Obj>('POST', '/v2/conversations', {
			replica_id: SEED.annaReplicaId,
			persona_id: 'pcb7a34da5fe',
			conversation_name: 'Sales practice',
			callback_url: 'https://example.com/hook',
			properties: {
				max_call_duration: 1800,
				language: 'multilingual',
				enable_recording: true,
				recording_storage: { provider: 's3', bucket_name: 'b', bucket_region: 'us-east-1' },
			},
		});
		expect(c.status).toBe(200);
		const id = c.json.conversation_id as string;
		expect(id).toMatch(/^c[0-9a-f]{12}$/);
		expect(c.json).toMatchObject({
			conversation_url: `https://tavus.daily.co/${id}`,
			status: 'active',
			callback_url: 'https://example.com/hook',
		});
		expect(c.json.meeting_token).toBeUndefined();

		const got = await api<Obj>('GET', `/v2/conversations/${id}`);
		expect(got.json).toMatchObject({
			replica_id: SEED.annaReplicaId,
			persona_id: 'pcb7a34da5fe',
			status: 'active',
		});
		expect(got.json.events).toBeUndefined();

		const end = await api('POST', `/v2/conversations/${id}/end`);
		expect(end.status).toBe(200);
		expect(end.text).toBe('');
		const verbose = await api<{ status: string; events: Array<{ event_type: string }> }>(
			'GET',
			`/v2/conversations/${id}?verbose=true`,
		);
		expect(verbose.json.status).toBe('ended');
		expect(verbose.json.events.map((e) => e.event_type)).toEqual([
			'system.replica_joined',
			'application.transcription_ready',
			'application.perception_analysis',
			'system.shutdown',
		]);

		const ended = await api<ListBody>('GET', '/v2/conversations?status=ended');
		expect(ended.json.total_count).toBe(1);
		const del = await api('DELETE', `/v2/conversations/${id}?hard=true`);
		expect(del.status).toBe(204);
		expect((await api('GET', `/v2/conversations/${id}`)).json).toEqual({
			error: 'Invalid conversation_id',
		});
		expect((await api('POST', `/v2/conversations/${id}/end`)).json).toEqual({
			error: 'Invalid conversation_id',
		});
	});

	it('uses the persona default replica, test_mode and require_auth', async () => {
		const viaPersona = await api<Obj>('POST', '/v2/conversations', { persona_id: 'p1af207b8189' });
		expect(viaPersona.status).toBe(200);
		const stored = mock.state.conversations.get(viaPersona.json.conversation_id as string);
		expect(stored?.replica_id).toBe(SEED.replicaIds[14]);
		const test = await api<Obj>('POST', '/v2/conversations', {
			replica_id: SEED.annaReplicaId,
			test_mode: true,
		});
		expect(test.json.status).toBe('ended');
		const priv = await api<Obj>('POST', '/v2/conversations', {
			replica_id: SEED.annaReplicaId,
			require_auth: true,
		});
		expect(priv.json.meeting_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
	});

	it.each<[string, Obj, ErrorBody | RegExp]>([
		['no replica', {}, /replica_id is required/],
		['persona without default replica', { persona_id: 'PLACEHOLDER' }, /replica_id is required/],
		['unknown replica', { replica_id: 'rffffffffffff' }, { error: 'Invalid replica_uuid' }],
		[
			'unknown persona',
			{ replica_id: SEED.annaReplicaId, persona_id: 'p0' },
			{ error: 'Invalid persona_id' },
		],
		['replica still training', { replica_id: SEED.startedReplicaId }, /not ready/],
		[
			'max_participants 1',
			{ replica_id: SEED.annaReplicaId, max_participants: 1 },
			/max_participants must be >= 2/,
		],
		[
			'max_participants string',
			{ replica_id: SEED.annaReplicaId, max_participants: '3' },
			/expected integer/,
		],
		[
			'document_retrieval_strategy',
			{ replica_id: SEED.annaReplicaId, document_retrieval_strategy: 'fast' },
			/document_retrieval_strategy/,
		],
		[
			'callback_url not a URL',
			{ replica_id: SEED.annaReplicaId, callback_url: 'example.com/hook' },
			/callback_url/,
		],
		['empty callback_url', { replica_id: SEED.annaReplicaId, callback_url: '' }, /callback_url/],
		[
			'memory_stores string',
			{ replica_id: SEED.annaReplicaId, memory_stores: 'anna' },
			/memory_stores: expected array/,
		],
		[
			'audio_only string',
			{ replica_id: SEED.annaReplicaId, audio_only: 'false' },
			/audio_only: expected boolean/,
		],
		[
			'unknown property',
			{ replica_id: SEED.annaReplicaId, properties: { enable_transcription: true } },
			/Unknown field: properties.enable_transcription/,
		],
		[
			'property type',
			{ replica_id: SEED.annaReplicaId, properties: { max_call_duration: '3600' } },
			/max_call_duration/,
		],
		[
			'recording provider',
			{
				replica_id: SEED.annaReplicaId,
				properties: { recording_storage: { provider: 'dropbox' } },
			},
			/provider/,
		],
		[
			'recording provider missing',
			{ replica_id: SEED.annaReplicaId, properties: { recording_storage: { bucket_name: 'b' } } },
			/provider is required/,
		],
		[
			'key_template',
			{
				replica_id: SEED.annaReplicaId,
				properties: { recording_storage: { provider: 'gcs', key_template: '/a//b' } },
			},
			/key_template/,
		],
	])('400 when %s', async (_name, body, expected) => {
		if (body.persona_id === 'PLACEHOLDER') body.persona_id = await createPersona();
		const r = await api<ErrorBody>('POST', '/v2/conversations', body);
		expect(r.status).toBe(400);
		if (expected instanceof RegExp) expect(r.json.error).toMatch(expected);
		else expect(r.json).toEqual(expected);
	});

	it('enforces maxConcurrentConversations with 400 {message}; test_mode does not count', async () => {
		mock.maxConcurrentConversations = 1;
		expect(
			(await api('POST', '/v2/conversations', { replica_id: SEED.annaReplicaId })).status,
		).toBe(200);
		const capped = await api('POST', '/v2/conversations', { replica_id: SEED.annaReplicaId });
		expect(capped.status).toBe(400);
		expect(capped.json).toEqual({ message: 'User has reached maximum concurrent conversations' });
		const test = await api('POST', '/v2/conversations', {
			replica_id: SEED.annaReplicaId,
			test_mode: true,
		});
		expect(test.status).toBe(200);
	});
});

describe('conversations: send-app-message', () => {
	const path = (id: string) => `/v2/conversations/${id}/send-app-message`;
	const message = (id: string, event_type: string, properties?: Obj) => ({
		message_type: 'conversation',
		event_type,
		conversation_id: id,
		...(properties ? { properties } : {}),
	});
	const active = () =>
		(mock.seed({ conversations: [{ status: 'active' }] }).conversations as string[])[0];

	it('accepts the documented interactions and any other event type with an empty 200', async () => {
		const id = active();
		for (const body of [
			message(id, 'conversation.respond', { text: 'Hi' }),
			message(id, 'conversation.echo', { modality: 'text', text: 'Hello', done: true }),
			message(id, 'conversation.interrupt'),
			message(id, 'conversation.overwrite_llm_context', { context: '[]' }),
			message(id, 'conversation.append_llm_context', { context: 'More', job_status: 'completed' }),
			message(id, 'conversation.sensitivity', { participant_pause_sensitivity: 'auto' }),
			message(id, 'conversation.tool_result', {
				tool_call_id: 'call_1',
				output: { a: 1 },
				status: 'error',
			}),
			message(id, 'app.show_banner', { anything: [1] }),
			{
				message_type: 'conversation',
				event_type: 'conversation.respond',
				properties: { text: 'no id in body' },
			},
		]) {
			const r = await api('POST', path(id), body);
			expect([body.event_type, r.status, r.text]).toEqual([body.event_type, 200, '']);
		}
	});

	it.each<[string, (id: string) => unknown, string]>([
		[
			'message_type is not conversation',
			(id) => ({ ...message(id, 'conversation.interrupt'), message_type: 'system' }),
			'Invalid app message: message_type must be "conversation"',
		],
		[
			'event_type is missing',
			(id) => ({ message_type: 'conversation', conversation_id: id }),
			'Invalid app message: event_type must be a non-empty string',
		],
		[
			'tool_result has no tool_call_id',
			(id) => message(id, 'conversation.tool_result', { output: 'x' }),
			'Invalid app message: conversation.tool_result requires properties.tool_call_id',
		],
		[
			'tool_result output is a number',
			(id) => message(id, 'conversation.tool_result', { tool_call_id: 'c', output: 5 }),
			'Invalid app message: properties.output must be a string or an object',
		],
		[
			'tool_result status is unknown',
			(id) => message(id, 'conversation.tool_result', { tool_call_id: 'c', status: 'ok' }),
			'Invalid app message: properties.status must be one of success, error',
		],
		[
			'respond has no text',
			(id) => message(id, 'conversation.respond', {}),
			'Invalid app message: conversation.respond requires properties.text (string)',
		],
		[
			'sensitivity has both keys',
			(id) =>
				message(id, 'conversation.sensitivity', {
					participant_pause_sensitivity: 'low',
					participant_interrupt_sensitivity: 'low',
				}),
			'Invalid app message: send exactly one of participant_pause_sensitivity, participant_interrupt_sensitivity',
		],
		[
			'conversation_id differs from the URL',
			() => message('c999', 'conversation.interrupt'),
			'Invalid app message: conversation_id does not match the URL',
		],
		[
			'properties is an array',
			(id) => ({ ...message(id, 'app.x'), properties: [] }),
			'Invalid app message: properties must be an object',
		],
	])('400 when %s', async (_label, body, error) => {
		const id = active();
		const r = await api<ErrorBody>('POST', path(id), body(id));
		expect([r.status, r.json]).toEqual([400, { error }]);
	});

	it('answers the documented errors: not active, room gone, too large, unknown', async () => {
		const ended = (
			mock.seed({ conversations: [{ status: 'ended' }] }).conversations as string[]
		)[0];
		const notActive = await api<ErrorBody>(
			'POST',
			path(ended),
			message(ended, 'conversation.interrupt'),
		);
		expect([notActive.status, notActive.json]).toEqual([
			400,
			{ error: 'App messages can only be sent to active conversations.' },
		]);
		const roomless = (
			mock.seed({ conversations: [{ status: 'active', room_available: false }] })
				.conversations as string[]
		)[0];
		const gone = await api<ErrorBody>(
			'POST',
			path(roomless),
			message(roomless, 'conversation.interrupt'),
		);
		expect([gone.status, gone.json]).toEqual([
			410,
			{ error: "The conversation's room is no longer available." },
		]);
		const id = active();
		const big = await api<ErrorBody>(
			'POST',
			path(id),
			message(id, 'conversation.echo', { text: 'a'.repeat(65536) }),
		);
		expect([big.status, big.json]).toEqual([413, { error: 'Request body exceeds 65536 bytes' }]);
		const unknown = await api<ErrorBody>(
			'POST',
			path('c000000000000'),
			message('c000000000000', 'conversation.interrupt'),
		);
		expect([unknown.status, unknown.json]).toEqual([400, { error: 'Invalid conversation_id' }]);
		expect((await api('GET', path(id))).status).toBe(405);
	});
});

describe('videos', () => {
	async function createVideo(extra: Obj = {}): Promise<string> {
		const r = await api<Obj>('POST', '/v2/videos', {
			replica_id: SEED.annaReplicaId,
			script: 'Hello!',
			...extra,
		});
		expect(r.status).toBe(200);
		return r.json.video_id as string;
	}

	it('goes queued → generating → ready over GETs', async () => {
		const r = await api<Obj>('POST', '/v2/videos', {
			replica_id: SEED.annaReplicaId,
			script: 'Hi, this is my first video.',
			video_name: 'My First Video',
			background_url: 'https://yourwebsite.com/',
			properties: { background_scroll: true, background_scroll_type: 'smooth' },
		});
		expect(r.json).toMatchObject({ video_name: 'My First Video', status: 'queued' });
		const id = r.json.video_id as string;
		expect(id).toMatch(/^[0-9a-f]{10}$/);
		expect(r.json.hosted_url).toContain(id);
		expect(Number.isNaN(Date.parse(r.json.created_at as string))).toBe(false);

		const g1 = await api<Obj>('GET', `/v2/videos/${id}`);
		expect(g1.json).toMatchObject({ status: 'generating', download_url: null });
		const g2 = await api<Obj>('GET', `/v2/videos/${id}?verbose=true`);
		expect(g2.json.status).toBe('ready');
		expect(g2.json.download_url).toMatch(/^https:\/\//);
		expect(g2.json.stream_url).toMatch(/^https:\/\//);
		expect(g2.json.hosted_url).toMatch(/^https:\/\//);
		expect(g2.json.still_image_thumbnail_url).toMatch(/^https:\/\//);
		expect(g2.json.data).toEqual({ script: 'Hi, this is my first video.' });
	});

	it('honours videoReadyAfterGets, MOCK_FAIL and MOCK_NEVER', async () => {
		mock.videoReadyAfterGets = 1;
		const quick = await createVideo();
		expect((await api<Obj>('GET', `/v2/videos/${quick}`)).json.status).toBe('ready');

		const fail = await createVideo({ video_name: 'MOCK_FAIL please' });
		const failed = await api<Obj>('GET', `/v2/videos/${fail}`);
		expect(failed.json.status).toBe('error');
		expect(typeof failed.json.status_details).toBe('string');
		const failScript = await createVideo({ script: 'say MOCK_FAIL' });
		expect((await api<Obj>('GET', `/v2/videos/${failScript}`)).json.status).toBe('error');

		const never = await createVideo({ script: 'MOCK_NEVER' });
		for (let i = 0; i < 5; i++)
			expect((await api<Obj>('GET', `/v2/videos/${never}`)).json.status).toBe('generating');
	});

	it('validates the generate body', async () => {
		const cases: Array<[Obj, RegExp | string]> = [
			[{ script: 'x' }, 'replica_id is required'],
			[{ replica_id: 'rnope', script: 'x' }, 'Invalid replica_id'],
			[{ replica_id: SEED.annaReplicaId }, 'Either script or audio_url must be provided.'],
			[
				{ replica_id: SEED.annaReplicaId, script: 'x', audio_url: 'https://a.example/a.mp3' },
				/only one of script or audio_url/,
			],
			[{ replica_id: SEED.annaReplicaId, script: 'x', fast: 'true' }, /fast: expected boolean/],
			[{ replica_id: SEED.annaReplicaId, audio_url: 'not a url' }, /audio_url/],
			[
				{
					replica_id: SEED.annaReplicaId,
					script: 'x',
					properties: { background_scroll_depth: 'top' },
				},
				/background_scroll_depth/,
			],
			[{ replica_id: SEED.annaReplicaId, script: 'x', voice: 'anna' }, 'Unknown field: voice'],
		];
		for (const [body, expected] of cases) {
			const r = await api<ErrorBody>('POST', '/v2/videos', body);
			expect(r.status).toBe(400);
			if (typeof expected === 'string') expect(r.json.error).toBe(expected);
			else expect(r.json.error).toMatch(expected);
		}
	});

	it('lists 0-based, renames and deletes (soft and hard)', async () => {
		const a = await createVideo();
		const b = await createVideo();
		const list = await api<ListBody>('GET', '/v2/videos?page=0&limit=1');
		expect(list.json.total_count).toBe(2);
		expect(list.json.data[0].video_id).toBe(a);
		expect((await api('PATCH', `/v2/videos/${a}/name`, { video_name: 'Sales' })).status).toBe(200);
		expect(mock.state.videos.get(a)?.video_name).toBe('Sales');
		expect((await api('PATCH', `/v2/videos/${a}/name`, {})).status).toBe(400);
		expect((await api('DELETE', `/v2/videos/${a}`)).status).toBe(200);
		expect((await api<Obj>('GET', `/v2/videos/${a}`)).json.status).toBe('deleted');
		expect((await api('DELETE', `/v2/videos/${b}?hard=true`)).status).toBe(200);
		expect((await api('GET', `/v2/videos/${b}`)).json).toEqual({ error: 'Invalid video_id' });
	});
});

describe('replicas, objectives, guardrails, documents, dictionaries', () => {
	it('creates, trains, renames and deletes a replica', async () => {
		const none = await api('POST', '/v2/replicas', { replica_name: 'x' });
		expect(none.json).toEqual({
			error: 'Either train_video_url or train_image_url must be provided.',
		});
		const noVoice = await api<ErrorBody>('POST', '/v2/replicas', {
			train_image_url: 'https://a.example/me.png',
		});
		expect(noVoice.json.error).toMatch(/voice_name is required/);
		const badVoice = await api('POST', '/v2/replicas', {
			train_image_url: 'https://a.example/me.png',
			voice_name: 'zed',
		});
		expect(badVoice.json).toEqual({ error: 'Invalid voice_name' });
		const r = await api<Obj>('POST', '/v2/replicas', {
			train_image_url: 'https://a.example/me.png',
			voice_name: 'Anna',
			replica_name: 'Me',
			model_name: 'phoenix-3',
		});
		expect(r.json).toEqual({
			replica_id: expect.stringMatching(/^r[0-9a-f]{12}$/),
			status: 'started',
		});
		const id = r.json.replica_id as string;
		expect((await api<Obj>('GET', `/v2/replicas/${id}`)).json.status).toBe('started');
		expect((await api<Obj>('GET', `/v2/replicas/${id}`)).json).toMatchObject({
			status: 'completed',
			training_progress: '100/100',
		});
		expect((await api('PATCH', `/v2/replicas/${id}/name`, { replica_name: 'Rio' })).status).toBe(
			200,
		);
		expect((await api('PATCH', `/v2/replicas/${id}/name`, { name: 'Rio' })).status).toBe(400);
		const del = await api('DELETE', `/v2/replicas/${id}?hard=true`);
		expect(del.status).toBe(200);
		expect((await api('GET', `/v2/replicas/${id}`)).json).toEqual({ error: 'Invalid replica_id' });
		expect((await api('DELETE', `/v2/replicas/${SEED.annaReplicaId}`)).status).toBe(400);
	});

	it('serves the same objects as Faces on /v2/faces (face_* names), strict about replica_* there', async () => {
		const created = await api<Obj>('POST', '/v2/faces', {
			train_video_url: 'https://a.example/me.mp4',
			face_name: 'Face Me',
			model_name: 'phoenix-4.5',
		});
		expect(created.json).toEqual({
			face_id: expect.stringMatching(/^r[0-9a-f]{12}$/),
			status: 'started',
		});
		const id = created.json.face_id as string;
		expect((await api<Obj>('GET', `/v2/replicas/${id}`)).json).toMatchObject({
			replica_name: 'Face Me',
			model_name: 'phoenix-4.5',
		});
		expect((await api<Obj>('GET', `/v2/faces/${id}?verbose=true`)).json).toMatchObject({
			face_id: id,
			face_name: 'Face Me',
			face_type: 'user',
		});
		const wrongName = await api('POST', '/v2/faces', {
			train_video_url: 'https://a.example/me.mp4',
			replica_name: 'x',
		});
		expect(wrongName.json).toEqual({ error: 'Unknown field: replica_name' });
		const system = await api<ListBody>('GET', '/v2/faces?face_type=system&limit=100');
		expect(system.json.data.every((f) => (f as Obj).face_id !== undefined)).toBe(true);
		const picked = await api<ListBody>('GET', `/v2/faces?face_ids=${SEED.annaReplicaId}`);
		expect(picked.json.data).toHaveLength(1);
		expect((await api('PATCH', `/v2/faces/${id}/name`, { face_name: 'Rio' })).status).toBe(200);
		expect((await api('PATCH', `/v2/faces/${id}/name`, { replica_name: 'Rio' })).json).toEqual({
			error: 'face_name is required',
		});
		expect((await api('PATCH', '/v2/faces/rnope/name', { face_name: 'Rio' })).json).toEqual({
			error: 'Invalid face_id',
		});
		expect((await api('DELETE', `/v2/faces/${id}`)).status).toBe(200);
		expect((await api('GET', `/v2/faces/${id}`)).status).toBe(400);
	});

	it('validates objectives with {message} and patches them', async () => {
		const bad: Array<[unknown, RegExp | string]> = [
			[{}, 'data is required'],
			[{ data: [{ objective_prompt: 'x' }] }, 'objective_name is required'],
			[{ data: [{ objective_name: 'has space', objective_prompt: 'x' }] }, /without|spaces/],
			[
				{
					data: [
						{ objective_name: 'a', objective_prompt: 'x' },
						{ objective_name: 'a', objective_prompt: 'y' },
					],
				},
				/Duplicate/,
			],
			[
				{ data: [{ objective_name: 'a', objective_prompt: 'x', next_required_objective: 'zzz' }] },
				/unknown objective/,
			],
			[
				{
					data: [
						{
							objective_name: 'a',
							objective_prompt: 'x',
							next_required_objective: 'b',
							next_conditional_objectives: { b: 'if' },
						},
						{ objective_name: 'b', objective_prompt: 'y' },
					],
				},
				/mutually exclusive/,
			],
			[
				{ data: [{ objective_name: 'a', objective_prompt: 'x', next_required_objectives: ['b'] }] },
				/Unknown field/,
			],
		];
		for (const [body, expected] of bad) {
			const r = await api<ErrorBody>('POST', '/v2/objectives', body);
			expect(r.status).toBe(400);
			expect(Object.keys(r.json)).toEqual(['message']);
			if (typeof expected === 'string') expect(r.json.message).toBe(expected);
			else expect(r.json.message).toMatch(expected);
		}
		const ok = await api<Obj>('POST', '/v2/objectives', {
			data: [
				{
					objective_name: 'ask_if_new_patient',
					objective_prompt: 'Ask',
					next_conditional_objectives: { new_intake: 'if new' },
				},
				{ objective_name: 'new_intake', objective_prompt: 'Intake', confirmation_mode: 'manual' },
			],
		});
		expect(ok.json).toMatchObject({ objective_name: 'ask_if_new_patient', status: 'active' });
		const id = ok.json.objectives_id as string;
		const patched = await api('PATCH', `/v2/objectives/${id}`, [
			{ op: 'replace', path: '/data/1/objective_prompt', value: 'New intake' },
		]);
		expect(patched.json).toEqual({ message: 'Objective updated successfully' });
		const got = await api<{ data: Obj }>('GET', `/v2/objectives/${id}`);
		expect((got.json.data.data as Obj[])[1].objective_prompt).toBe('New intake');
		expect(
			(
				await api('PATCH', `/v2/objectives/${id}`, [
					{ op: 'replace', path: '/objective_prompt', value: 'Ask' },
				])
			).status,
		).toBe(304);
		expect((await api('GET', '/v2/objectives/o000000000000')).json).toEqual({
			error: 'Objective not found',
		});
		expect((await api('DELETE', `/v2/objectives/${id}`)).status).toBe(204);
	});

	it('handles individual guardrails and legacy sets on the same paths', async () => {
		expect((await api('POST', '/v2/guardrails', { guardrail_prompt: 'x' })).json).toEqual({
			message: 'guardrail_name is required',
		});
		expect(
			(
				await api<ErrorBody>('POST', '/v2/guardrails', {
					guardrail_name: 'has-dash',
					guardrail_prompt: 'x',
				})
			).status,
		).toBe(400);
		const one = await api<Obj>('POST', '/v2/guardrails', {
			guardrail_name: 'no_competitors',
			guardrail_prompt: 'Never discuss competitors.',
			tags: ['compliance'],
			app_message: false,
		});
		expect(one.json).toMatchObject({
			uuid: expect.stringMatching(/^g[0-9a-f]{12}$/),
			modality: 'verbal',
			app_message: false,
		});
		const set = await api<Obj>('POST', '/v2/guardrails', {
			name: 'Healthcare',
			data: [{ guardrail_name: 'no_medical_advice', guardrail_prompt: 'Never.' }],
		});
		expect(set.json).toMatchObject({
			guardrails_id: expect.stringMatching(/^g\d{5}$/),
			guardrails_name: 'Healthcare',
		});
		expect((await api<ListBody>('GET', '/v2/guardrails')).json.total_count).toBe(1);
		expect(
			(await api<ListBody>('GET', '/v2/guardrails?legacy=false&tags=compliance,x')).json
				.total_count,
		).toBe(1);
		expect((await api<Obj>('GET', `/v2/guardrails/${one.json.uuid}`)).json.guardrail_name).toBe(
			'no_competitors',
		);
		expect(
			(await api<{ data: Obj }>('GET', `/v2/guardrails/${set.json.guardrails_id}`)).json.data
				.guardrail_name,
		).toBe('no_medical_advice');
		const p = await api('PATCH', `/v2/guardrails/${set.json.guardrails_id}`, [
			{ op: 'replace', path: '/data/0/guardrail_prompt', value: 'Never ever.' },
		]);
		expect(p.json).toEqual({ message: 'Guardrails updated successfully' });
		expect(
			(await api('PATCH', `/v2/guardrails/${one.json.uuid}`, [{ op: 'remove', path: '/nope' }]))
				.json,
		).toEqual({
			error: 'Invalid patch operation',
		});
		expect((await api('GET', '/v2/guardrails/g99999')).status).toBe(404);
		expect((await api('DELETE', `/v2/guardrails/${one.json.uuid}`)).status).toBe(204);
	});

	it('documents: progress, recrawl 409/202/429 cooldown, 404 {message}', async () => {
		expect((await api('POST', '/v2/documents', {})).json).toEqual({
			error: 'Invalid request: document_url is required',
		});
		expect(
			(
				await api<ErrorBody>('POST', '/v2/documents', {
					document_url: 'https://a.example/',
					document_tags: ['x'],
				})
			).json.error,
		).toBe('Unknown field: document_tags');
		expect(
			(
				await api<ErrorBody>('POST', '/v2/documents', {
					document_url: 'https://a.example/',
					crawl: { depth: 11 },
				})
			).status,
		).toBe(400);
		const created = await api<Obj>('POST', '/v2/documents', {
			document_url: 'https://docs.example.com/',
			document_name: 'Docs',
			tags: ['docs'],
			crawl: { depth: 2, max_pages: 20 },
		});
		const id = created.json.document_id as string;
		expect(created.json).toMatchObject({
			status: 'started',
			crawl_config: { depth: 2, max_pages: 20 },
		});
		const early = await api('POST', `/v2/documents/${id}/recrawl`);
		expect(early.status).toBe(409);
		expect(early.json).toEqual({
			error: "Document must be in 'ready' or 'error' state to recrawl, current status: started",
		});
		expect((await api<Obj>('GET', `/v2/documents/${id}`)).json.status).toBe('processing');
		const ready = await api<Obj>('GET', `/v2/documents/${id}`);
		expect(ready.json).toMatchObject({ status: 'ready', crawl_count: 1 });
		const re = await api<Obj>('POST', `/v2/documents/${id}/recrawl`);
		expect(re.status).toBe(202);
		expect(re.json.status).toBe('recrawling');
		await api('GET', `/v2/documents/${id}`);
		expect((await api<Obj>('GET', `/v2/documents/${id}`)).json).toMatchObject({
			status: 'ready',
			crawl_count: 2,
		});
		const cooldown = await api<ErrorBody>('POST', `/v2/documents/${id}/recrawl`);
		expect(cooldown.status).toBe(429);
		expect(cooldown.json.error).toMatch(/^Recrawl cooldown: please wait \d+ minutes/);
		mock.advanceTime(61 * 60 * 1000);
		expect((await api('POST', `/v2/documents/${id}/recrawl`)).status).toBe(202);
		const patched = await api<Obj>('PATCH', `/v2/documents/${id}`, {
			document_name: 'Renamed',
			tags: ['a'],
		});
		expect(patched.json).toMatchObject({ document_name: 'Renamed', tags: ['a'] });
		expect((await api('DELETE', `/v2/documents/${id}`)).status).toBe(204);
		expect((await api('GET', `/v2/documents/${id}`)).json).toEqual({
			message: 'Document not found',
		});
		expect((await api('POST', `/v2/documents/${id}/recrawl`)).status).toBe(404);
	});

	it('pronunciation dictionaries: 201, rule limits, JSON Patch, 404 {message}', async () => {
		const tooLong = await api<ErrorBody>('POST', '/v2/pronunciation-dictionaries', {
			name: 'x',
			rules: [{ text: 'a'.repeat(201), pronunciation: 'b', type: 'alias' }],
		});
		expect(tooLong.status).toBe(400);
		expect((await api('POST', '/v2/pronunciation-dictionaries', { rules: [] })).json).toEqual({
			error: 'Invalid request: name is required',
		});
		const badType = await api('POST', '/v2/pronunciation-dictionaries', {
			name: 'x',
			rules: [{ text: 'a', pronunciation: 'b', type: 'phoneme' }],
		});
		expect(badType.status).toBe(400);
		const created = await api<Obj>('POST', '/v2/pronunciation-dictionaries', {
			name: 'Brand Terms',
			rules: [{ text: 'Tavus', pronunciation: 'TAH-vus', type: 'alias' }],
		});
		expect(created.status).toBe(201);
		const id = created.json.pronunciation_dictionary_id as string;
		expect(id).toMatch(/^pd_[0-9a-f]{12}$/);
		expect(created.json.rules).toEqual([
			{
				text: 'Tavus',
				pronunciation: 'TAH-vus',
				type: 'alias',
				case_sensitive: false,
				word_boundaries: true,
			},
		]);
		const dup = await api('PATCH', `/v2/pronunciation-dictionaries/${id}`, [
			{
				op: 'replace',
				path: '/rules',
				value: [
					{ text: 'CVI', pronunciation: 'c v i', type: 'alias' },
					{ text: 'CVI', pronunciation: 'see vee eye', type: 'ipa' },
				],
			},
		]);
		expect(dup.json).toEqual({ error: 'Invalid request: duplicate text values in rules' });
		const ok = await api<Obj>('PATCH', `/v2/pronunciation-dictionaries/${id}`, [
			{ op: 'replace', path: '/name', value: 'Updated' },
			{ op: 'replace', path: '/created_at', value: 'ignored' },
		]);
		expect(ok.json).toMatchObject({
			name: 'Updated',
			rules_count: 1,
			created_at: created.json.created_at,
		});
		expect(
			(
				await api('PATCH', `/v2/pronunciation-dictionaries/${id}`, [
					{ op: 'add', path: '/rules/-', value: {} },
				])
			).status,
		).toBe(422);
		expect(
			(
				await api('PATCH', `/v2/pronunciation-dictionaries/${id}`, [
					{ op: 'replace', path: '/name', value: 'Updated' },
				])
			).status,
		).toBe(304);
		const personaId = await createPersona({ layers: { tts: { pronunciation_dictionary_id: id } } });
		expect((await api('DELETE', `/v2/pronunciation-dictionaries/${id}`)).status).toBe(204);
		expect(
			(mock.state.personas.get(personaId)?.layers as { tts: Obj }).tts.pronunciation_dictionary_id,
		).toBeNull();
		expect((await api('GET', `/v2/pronunciation-dictionaries/${id}`)).json).toEqual({
			message: 'Pronunciation dictionary not found',
		});
	});
});

describe('tools (/v2/tools registry)', () => {
	const apiTool = {
		name: 'get_weather',
		description: 'Get the current weather for a city',
		parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
		delivery: {
			app_message: false,
			api: {
				url: 'https://api.example.com/v1/weather/{city}',
				method: 'POST',
				auth: { type: 'bearer', token: 'tok-123' },
			},
		},
	};

	it('create and get answer the tool with defaults and masked secrets; state keeps the secret', async () => {
		const c = await api<Obj>('POST', '/v2/tools', apiTool);
		expect(c.status).toBe(200);
		expect(c.json).toMatchObject({
			owner_id: SEED.toolOwnerId,
			name: 'get_weather',
			is_system_tool: false,
			trigger_type: 'in_call',
			origin: 'llm',
			on_call: 'generate_filler',
			on_resolve: 'fire_and_forget',
			static_filler: null,
			delivery: { app_message: false, api: { auth: { type: 'bearer', token: '********' } } },
		});
		const id = c.json.tool_id as string;
		expect(id).toMatch(/^t[0-9a-f]{12}$/);
		expect(c.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		const g = await api<Obj>('GET', `/v2/tools/${id}`);
		expect(g.status).toBe(200);
		expect(g.json).toEqual(c.json);
		expect(mock.state.tools.get(id)?.delivery?.api?.auth?.token).toBe('tok-123');
		expect(await api('GET', '/v2/tools/tffffffffffff')).toMatchObject({
			status: 400,
			json: { error: 'Bad Request. Tool not found' },
		});
	});

	it('rejects a duplicate name until the first tool is deleted', async () => {
		const first = await api<Obj>('POST', '/v2/tools', { name: 'lookup', description: 'Look up' });
		expect(first.status).toBe(200);
		const dup = await api<ErrorBody>('POST', '/v2/tools', { name: 'lookup', description: 'Again' });
		expect(dup.status).toBe(400);
		expect(dup.json.error).toMatch(/already exists/);
		const del = await api('DELETE', `/v2/tools/${first.json.tool_id as string}`);
		expect(del.status).toBe(204);
		expect(del.text).toBe('');
		expect((await api('POST', '/v2/tools', { name: 'lookup', description: 'Again' })).status).toBe(
			200,
		);
	});

	it('lists user tools 1-indexed with total_count; type=all puts end_call first; reset keeps only end_call', async () => {
		for (let i = 1; i <= 3; i++) {
			mock.advanceTime(1000);
			expect((await api('POST', '/v2/tools', { name: `tool_${i}`, description: 'd' })).status).toBe(
				200,
			);
		}
		const p2 = await api<ListBody>('GET', '/v2/tools?limit=2&page=2');
		expect(p2.json.total_count).toBe(3);
		expect(p2.json.data.map((t) => t.name)).toEqual(['tool_3']);
		const desc = await api<ListBody>('GET', '/v2/tools?sort=desc&name_or_uuid=TOOL_');
		expect(desc.json.data.map((t) => t.name)).toEqual(['tool_3', 'tool_2', 'tool_1']);
		const all = await api<ListBody>('GET', '/v2/tools?type=all');
		expect(all.json.total_count).toBe(4);
		expect(all.json.data[0]).toMatchObject({
			tool_id: 'end_call',
			owner_id: null,
			is_system_tool: true,
		});
		mock.reset();
		expect([...mock.state.tools.keys()]).toEqual(SEED.systemToolIds);
	});
});

describe('PAL tools (/v2/pals/{pal_id}/tools)', () => {
	const pal = 'p12345abcdef';
	beforeEach(() => {
		mock.seed({
			personas: [{ persona_id: pal, persona_name: 'PAL', system_prompt: 'x' }],
			tools: [
				{ tool_id: 'tabc123def456', name: 'get_weather' },
				{ tool_id: 'tdef456abc789', name: 'look_up_order' },
			],
		});
	});

	it('attach validates tool_ids, answers {data:[tool]} idempotently; list excludes system and deleted tools', async () => {
		const path = `/v2/pals/${pal}/tools`;
		for (const [body, error] of [
			[{}, 'tool_ids is required'],
			[{ tool_ids: 'tabc123def456' }, 'tool_ids: expected array, got string'],
			[{ tool_ids: [] }, 'tool_ids must not be empty'],
			[{ tool_ids: [7] }, 'tool_ids[0]: expected non-empty string, got integer'],
			[{ tool_ids: ['tabc123def456'], tool_id: 'x' }, 'Unknown field: tool_id'],
			[{ tool_ids: ['tffffffffffff'] }, 'Bad Request. Tool not found: tffffffffffff'],
		] as const) {
			const r = await api<ErrorBody>('POST', path, body);
			expect([r.status, r.json.error]).toEqual([400, error]);
		}
		const missing = await api<ErrorBody>('POST', '/v2/pals/pmissing/tools', {
			tool_ids: ['tabc123def456'],
		});
		expect([missing.status, missing.json.error]).toEqual([400, 'PAL not found']);
		const first = await api<ListBody>('POST', path, {
			tool_ids: ['tabc123def456', 'end_call', 'tabc123def456'],
		});
		expect(first.status).toBe(200);
		expect(first.json.data.map((t) => t.tool_id)).toEqual(['tabc123def456', 'end_call']);
		const again = await api<ListBody>('POST', path, {
			tool_ids: ['tdef456abc789', 'tabc123def456'],
		});
		expect(again.json.data.map((t) => t.tool_id)).toEqual(['tdef456abc789', 'tabc123def456']);
		const list = await api<ListBody>('GET', path);
		expect(list.json).toEqual({ data: [expect.any(Object), expect.any(Object)] });
		expect(list.json.data.map((t) => t.tool_id)).toEqual(['tabc123def456', 'tdef456abc789']);
		expect((await api('DELETE', '/v2/tools/tabc123def456')).status).toBe(204);
		const after = await api<ListBody>('GET', path);
		expect(after.json.data.map((t) => t.tool_id)).toEqual(['tdef456abc789']);
	});

	it('detach answers 204, then 400 "not attached" (also for an unknown PAL or tool); max 50 per PAL', async () => {
		await api('POST', `/v2/pals/${pal}/tools`, { tool_ids: ['tabc123def456'] });
		expect((await api('DELETE', `/v2/pals/${pal}/tools/tabc123def456`)).status).toBe(204);
		for (const path of [
			`/v2/pals/${pal}/tools/tabc123def456`,
			`/v2/pals/pmissing/tools/tabc123def456`,
			`/v2/pals/${pal}/tools/tnothere`,
		]) {
			const r = await api<ErrorBody>('DELETE', path);
			expect([r.status, r.json.error]).toEqual([400, 'Bad Request. Tool not attached to this PAL']);
		}
		const ids = Array.from({ length: 51 }, (_, i) => `t${String(i).padStart(12, '0')}`);
		mock.seed({ tools: ids.map((tool_id) => ({ tool_id, name: `tool_${tool_id}` })) });
		expect(
			(await api('POST', `/v2/pals/${pal}/tools`, { tool_ids: ids.slice(0, 50) })).status,
		).toBe(200);
		const over = await api<ErrorBody>('POST', `/v2/pals/${pal}/tools`, { tool_ids: [ids[50]] });
		expect([over.status, over.json.error]).toEqual([
			400,
			'Bad Request. A PAL can have at most 50 tools attached',
		]);
	});
});

describe('faults, latency, recording, reset', () => {
	it('status fault with Retry-After, consumed in order, still recorded', async () => {
		mock.addFault({
			method: 'get',
			path: '/v2/personas',
			status: 429,
			body: { message: 'slow down' },
			headers: { 'Retry-After': '2' },
			times: 2,
		});
		mock.addFault({ path: /^\/v2\/replicas/, status: 503 });
		for (let i = 0; i < 2; i++) {
			const r = await api('GET', '/v2/personas');
			expect(r.status).toBe(429);
			expect(r.headers.get('retry-after')).toBe('2');
			expect(r.json).toEqual({ message: 'slow down' });
		}
		expect((await api('GET', '/v2/personas')).status).toBe(200);
		expect((await api('POST', '/v2/personas', { system_prompt: 'x' })).status).toBe(200);
		const r503 = await api('GET', '/v2/replicas');
		expect(r503.status).toBe(503);
		expect(r503.json).toEqual({ message: 'Service Unavailable' });
		expect((await api('GET', '/v2/replicas')).status).toBe(200);
		expect(mock.requestsTo('GET', '/v2/personas').map((r) => r.status)).toEqual([429, 429, 200]);
		expect(mock.requestsTo('GET', '/v2/personas')[0].fault).toBe('status');
	});

	it('first matching fault wins; a string body is sent as is', async () => {
		mock.addFault({ path: '/v2/', status: 500, body: '{"broken' });
		mock.addFault({ path: '/v2/personas', status: 418 });
		const first = await api('GET', '/v2/personas');
		expect(first.status).toBe(500);
		expect(first.text).toBe('{"broken');
		expect((await api('GET', '/v2/personas')).status).toBe(418);
	});

	it('reset kind destroys the socket before any response', async () => {
		mock.addFault({ path: '/v2/personas', kind: 'reset' });
		await expect(
			fetch(mock.url('/v2/personas'), { headers: { 'x-api-key': KEY } }),
		).rejects.toThrow();
		expect(mock.requests[0]).toMatchObject({ path: '/v2/personas', status: null, fault: 'reset' });
		expect((await api('GET', '/v2/personas')).status).toBe(200);
	});

	it('timeout kind never answers (client aborts)', async () => {
		mock.addFault({ path: '/v2/conversations', kind: 'timeout' });
		const started = Date.now();
		await expect(
			fetch(mock.url('/v2/conversations'), {
				headers: { 'x-api-key': KEY },
				signal: AbortSignal.timeout(200),
			}),
		).rejects.toThrow();
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(mock.requests[0]).toMatchObject({ status: null, fault: 'timeout' });
	});

	it('html and empty kinds', async () => {
		mock.addFault({ kind: 'html' });
		mock.addFault({ kind: 'empty', status: 503 });
		const html = await api('GET', '/v2/voices');
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toMatch(/^text\/html/);
		expect(html.text).toBe('<html><body><h1>502 Bad Gateway</h1></body></html>');
		const empty = await api('GET', '/v2/voices');
		expect(empty.status).toBe(503);
		expect(empty.text).toBe('');
	});

	it('applies latency', async () => {
		mock.setLatency(150);
		const t0 = Date.now();
		expect((await api('GET', '/v2/voices')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		mock.setLatency(0);
	});

	it('records method, path, query, lower-cased headers, raw and parsed body, status', async () => {
		await api(
			'POST',
			'/v2/personas?x=1&y=two',
			{ system_prompt: 'hello' },
			{ 'X-Custom-Header': 'Yes' },
		);
		await api('GET', '/v2/replicas?limit=2');
		const [post] = mock.requestsTo('POST', '/v2/personas');
		expect(post).toMatchObject({
			method: 'POST',
			path: '/v2/personas',
			query: { x: '1', y: 'two' },
			rawBody: '{"system_prompt":"hello"}',
			body: { system_prompt: 'hello' },
			status: 200,
		});
		expect(post.headers['x-api-key']).toBe(KEY);
		expect(post.headers['x-custom-header']).toBe('Yes');
		expect(post.headers['content-type']).toBe('application/json');
		expect(mock.requestsTo('GET', /^\/v2\/replicas$/)).toHaveLength(1);
		expect(mock.requestsTo(undefined, '/v2/')).toHaveLength(2);
	});

	it('reset clears requests, faults and state and re-seeds defaults', async () => {
		const id = await createPersona();
		mock.addFault({ status: 500, times: 5 });
		mock.allowUnknownFields = true;
		mock.reset();
		expect(mock.requests).toHaveLength(0);
		expect(mock.faults).toHaveLength(0);
		expect(mock.allowUnknownFields).toBe(false);
		expect(mock.state.personas.has(id)).toBe(false);
		expect(mock.state.personas.size).toBe(2);
		expect(mock.state.replicas.size).toBe(SEED.replicaCount);
		expect((await api('GET', '/v2/personas')).status).toBe(200);
	});

	it('seed() adds objects directly', async () => {
		const added = mock.seed({
			personas: [{ persona_id: 'pabcdefabcdef', persona_name: 'Seeded', system_prompt: 'x' }],
			conversations: [{ status: 'ended' }],
		});
		expect(added.personas).toEqual(['pabcdefabcdef']);
		expect(
			(await api<{ data: MockPersona[] }>('GET', '/v2/personas/pabcdefabcdef')).json.data[0]
				.persona_type,
		).toBe('user');
		const convId = (added.conversations as string[])[0];
		expect((await api<Obj>('GET', `/v2/conversations/${convId}`)).json.status).toBe('ended');
	});

	it('control endpoints work over HTTP and are not recorded', async () => {
		const f = await fetch(mock.url('/__mock/faults'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ path: '/v2/voices', status: 500 }),
		});
		expect(f.status).toBe(200);
		expect((await api('GET', '/v2/voices')).status).toBe(500);
		await fetch(mock.url('/__mock/seed'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ voices: [{ voice_name: 'zoe', replica_id: SEED.annaReplicaId }] }),
		});
		const state = (await (await fetch(mock.url('/__mock/state'))).json()) as Record<
			string,
			Record<string, Obj>
		>;
		expect(state.voices.zoe.replica_id).toBe(SEED.annaReplicaId);
		expect(Object.keys(state.replicas)).toHaveLength(SEED.replicaCount);
		await fetch(mock.url('/__mock/latency'), { method: 'POST', body: JSON.stringify({ ms: 5 }) });
		expect(mock.latencyMs).toBe(5);
		const reqs = (await (await fetch(mock.url('/__mock/requests'))).json()) as Obj[];
		expect(reqs.map((r) => r.path)).toEqual(['/v2/voices']);
		await fetch(mock.url('/__mock/reset'), { method: 'POST' });
		expect(mock.requests).toHaveLength(0);
		expect(mock.state.voices.has('zoe')).toBe(false);
		expect(mock.latencyMs).toBe(0);
	});
});

describe('CLI', () => {
	it('prints one TAVUS_MOCK_URL line, serves control endpoints and exits on SIGTERM', async () => {
		const script = join(__dirname, '..', 'harness', 'tavus-mock.js');
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- test-only: starts the mock CLI
		const child = spawn(
			process.execPath,
			[script, '--port', '0', '--api-key', 'cli-key', '--latency', '0'],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let out = '';
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code)),
		);
		try {
			const url = await new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no URL line; got ${out}`)), 10000);
				child.stdout.on('data', (chunk: Buffer) => {
					out += chunk.toString();
					const m = /^TAVUS_MOCK_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
					if (m) {
						clearTimeout(timer);
						resolve(m[1]);
					}
				});
				child.on('exit', () => {
					clearTimeout(timer);
					reject(new Error(`exited early: ${out}`));
				});
			});
			const unauth = await fetch(`${url}/v2/personas`, { headers: { 'x-api-key': KEY } });
			expect(unauth.status).toBe(401);
			const ok = await fetch(`${url}/v2/personas`, { headers: { 'x-api-key': 'cli-key' } });
			expect(ok.status).toBe(200);
			const reqs = (await (await fetch(`${url}/__mock/requests`)).json()) as Obj[];
			expect(reqs.map((r) => r.status)).toEqual([401, 200]);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
		expect(out.split('\n').filter(Boolean)).toHaveLength(1);
	});
});
