import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { MASK } from '../../nodes/Tavus/transport/secrets';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();

const LLM_KEY = ['sk', 'llm', 'secret', '4242'].join('-');

async function createPersona(name: string, extra: Record<string, unknown> = {}): Promise<string> {
	const { items, error } = await bed.run({
		resource: 'persona',
		operation: 'create',
		personaName: name,
		systemPrompt: `You are ${name}.`,
		...extra,
	});
	if (error) throw error;
	return String(items[0].json.persona_id);
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('Persona → Get', () => {
	it.each(['wrapped', 'bare'] as const)(
		'outputs the persona itself when Tavus answers %s',
		async (shape) => {
			const id = await createPersona('Getter', {
				llmLayer: {
					customModel: 'my-model',
					baseUrl: 'https://llm.example.com/v1',
					apiKey: LLM_KEY,
				},
			});
			bed.mock.personaGetShape = shape;
			const { items, error } = await bed.run({
				resource: 'persona',
				operation: 'get',
				persona: byId(id),
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				persona_id: id,
				persona_name: 'Getter',
				system_prompt: 'You are Getter.',
			});
			expect(items[0].json.data).toBeUndefined();
			// Provider keys Tavus returns never reach the output.
			expect((items[0].json.layers as { llm: { api_key: string } }).llm.api_key).toBe(MASK);
			expect(JSON.stringify(items)).not.toContain(LLM_KEY);
		},
	);

	it("reports an unknown ID with Tavus's 400 message", async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'get',
			persona: byId('pnope'),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid persona_id');
	});

	it('refuses an ID with characters Tavus IDs never have, before sending', async () => {
		// A literal bad ID is already flagged by the editor (the locator's regex); one that arrives
		// by expression is caught by the node.
		const { error } = await bed.run(
			{ resource: 'persona', operation: 'get', persona: byId('={{ $json.id }}') },
			[{ id: 'p1/../../v2/x' }],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Persona "p1/../../v2/x" is not a Tavus ID (IDs are letters, digits, "-" and "_", like p5317866) [item 0]',
		);
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('Persona → Get Many', () => {
	beforeEach(async () => {
		for (let index = 1; index <= 23; index++) {
			bed.mock.seed({
				personas: [
					{
						persona_id: `p${String(index).padStart(12, '0')}`,
						persona_name: `Seeded ${index}`,
						persona_type: 'user',
						system_prompt: 'x',
					},
				],
			});
		}
		bed.mock.clearRequests();
	});

	it('returns all personas across pages with Return All, one item per persona', async () => {
		const { items } = await bed.run({ resource: 'persona', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(25); // 23 user + 2 stock personas
		expect(new Set(items.map((item) => item.json.persona_id)).size).toBe(25);
		expect(
			items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	it('follows pages until total_count (small pages)', async () => {
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'getAll',
			returnAll: false,
			limit: 23,
			filters: { personaType: 'user' },
		});
		expect(items).toHaveLength(23);
		const pages = bed.sent('GET', '/v2/personas').map((request) => request.query);
		expect(pages).toEqual([{ limit: '23', page: '1', persona_type: 'user' }]);
	});

	it('pages with a fixed page size until the limit is met', async () => {
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'getAll',
			returnAll: true,
			filters: { personaType: 'user' },
		});
		expect(items).toHaveLength(23);
		expect(items.every((item) => item.json.persona_type === 'user')).toBe(true);
	});

	it('filters stock personas', async () => {
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'getAll',
			returnAll: true,
			filters: { personaType: 'system' },
		});
		expect(items.map((item) => item.json.persona_id).sort()).toEqual([
			'p1af207b8189',
			'pcb7a34da5fe',
		]);
	});

	it('stops at the limit', async () => {
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
		});
		expect(items).toHaveLength(5);
		expect(bed.sent('GET', '/v2/personas')).toHaveLength(1);
	});
});

describe('Persona → Update', () => {
	it('patches only what differs: replace where a value exists, add where it does not', async () => {
		const id = await createPersona('Patchy', { sttLayer: { hotwords: 'old' } });
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			updateFields: { systemPrompt: 'You are new.', personaName: 'Patchy' },
			sttLayer: { hotwords: 'new' },
			conversationalFlowLayer: { turnTakingPatience: 'high' },
		});
		expect(error).toBeUndefined();
		const [patch] = bed.sent('PATCH');
		expect(patch.body).toStrictEqual([
			{ op: 'replace', path: '/system_prompt', value: 'You are new.' },
			{ op: 'replace', path: '/layers/stt/hotwords', value: 'new' },
			{ op: 'add', path: '/layers/conversational_flow', value: { turn_taking_patience: 'high' } },
		]);
		expect(items[0].json).toMatchObject({ persona_id: id, action: 'updated' });
		expect(bed.mock.state.personas.get(id)).toMatchObject({
			system_prompt: 'You are new.',
			layers: { stt: { hotwords: 'new' }, conversational_flow: { turn_taking_patience: 'high' } },
		});
	});

	it('removes fields that are asked to be removed', async () => {
		const id = await createPersona('Remover', {
			context: 'Old context',
			llmLayer: { model: 'tavus-gpt-oss', extraBody: '{"temperature":1}' },
		});
		await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			fieldsToRemove: ['/context', '/layers/llm/extra_body', '/layers/perception'],
		});
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{ op: 'remove', path: '/context' },
			{ op: 'remove', path: '/layers/llm/extra_body' },
		]);
		expect(bed.mock.state.personas.get(id)?.context).toBeUndefined();
	});

	it('reports nothing to change as unchanged without sending a PATCH', async () => {
		const id = await createPersona('Same');
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			updateFields: { personaName: 'Same' },
		});
		expect(items[0].json).toStrictEqual({ persona_id: id, action: 'unchanged', patch: [] });
		expect(bed.sent('PATCH')).toHaveLength(0);
	});

	it("reports Tavus's 304 as unchanged, not as an error (raw JSON Patch)", async () => {
		const id = await createPersona('Raw');
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "replace", "path": "/persona_name", "value": "Raw"}]',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].status).toBe(304);
		expect(items[0].json).toMatchObject({ persona_id: id, action: 'unchanged' });
	});

	it('sends raw JSON Patch operations as given', async () => {
		const id = await createPersona('Raw2');
		const operations = [
			{ op: 'replace', path: '/persona_name', value: 'Renamed' },
			{ op: 'add', path: '/document_tags', value: ['a'] },
		];
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: JSON.stringify(operations),
		});
		expect(bed.sent('PATCH')[0].body).toStrictEqual(operations);
		expect(items[0].json.action).toBe('updated');
		expect(bed.mock.state.personas.get(id)?.persona_name).toBe('Renamed');
	});

	it("gives a clear error for Tavus's 422 on a bad patch", async () => {
		const id = await createPersona('Bad');
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "replace", "path": "/layers/llm/model", "value": "x"}]',
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 422 Unprocessable Entity: Invalid JSON patch format',
		);
		expect((error as NodeApiError).description).toContain(
			'check each path against the current object',
		);
	});

	it.each([
		['not JSON', '[{"op": '],
		['no operations', '[]'],
		['an unknown op', '[{"op": "merge", "path": "/a", "value": 1}]'],
		['a path without a slash', '[{"op": "replace", "path": "persona_name", "value": "x"}]'],
		['a replace without value', '[{"op": "replace", "path": "/persona_name"}]'],
	])('refuses raw operations with %s before sending', async (_label, raw) => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId('p000000000001'),
			updateMode: 'jsonPatch',
			patchOperations: raw,
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(/^Patch Operations \(JSON\).* \[item 0\]$/);
		expect(bed.sent()).toHaveLength(0);
	});

	it('masks provider keys in the patch it reports', async () => {
		const id = await createPersona('Keys');
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			llmLayer: { customModel: 'm', baseUrl: 'https://x.example.com', apiKey: LLM_KEY },
		});
		expect((bed.sent('PATCH')[0].body as Array<{ value: unknown }>)[0].value).toMatchObject({
			api_key: LLM_KEY,
		});
		expect(JSON.stringify(items)).not.toContain(LLM_KEY);
	});
});

describe('Persona → Delete', () => {
	it('deletes and outputs { deleted: true, persona_id } (Tavus answers 204)', async () => {
		const id = await createPersona('Doomed');
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'delete',
			persona: byId(id),
		});
		expect(bed.sent('DELETE')[0].status).toBe(204);
		expect(items[0].json).toStrictEqual({ deleted: true, persona_id: id });
		expect(bed.mock.state.personas.has(id)).toBe(false);
	});

	it("reports an unknown ID with Tavus's 400", async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'delete',
			persona: byId('pnothere'),
		});
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid persona_id');
	});
});

describe('Persona → Create or Update (by name)', () => {
	const upsert = {
		resource: 'persona',
		operation: 'createOrUpdate',
		personaName: '={{ $json.name }}',
		systemPrompt: '={{ $json.prompt }}',
		defaultReplica: { __rl: true, mode: 'id', value: 'r90bbd427f71' },
	};

	it('creates once, then updates: running twice leaves exactly one persona', async () => {
		const first = await bed.run(upsert, [{ name: 'Daily Coach', prompt: 'v1' }]);
		expect(first.items[0].json).toMatchObject({ action: 'created', persona_name: 'Daily Coach' });
		const id = first.items[0].json.persona_id;

		const second = await bed.run(upsert, [{ name: 'Daily Coach', prompt: 'v2' }]);
		expect(second.items[0].json).toMatchObject({ action: 'updated', persona_id: id });
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{ op: 'replace', path: '/system_prompt', value: 'v2' },
		]);

		const third = await bed.run(upsert, [{ name: 'Daily Coach', prompt: 'v2' }]);
		expect(third.items[0].json).toMatchObject({ action: 'unchanged', persona_id: id });

		const named = [...bed.mock.state.personas.values()].filter(
			(persona) => persona.persona_name === 'Daily Coach',
		);
		expect(named).toHaveLength(1);
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(1);
	});

	it('finds a persona by name beyond the first page', async () => {
		for (let index = 0; index < 150; index++) {
			bed.mock.seed({
				personas: [
					{
						persona_id: `p${String(index).padStart(12, '0')}`,
						persona_name: `Filler ${index}`,
						persona_type: 'user',
						system_prompt: 'x',
					},
				],
			});
		}
		bed.mock.seed({
			personas: [
				{
					persona_id: 'plastpage0001',
					persona_name: 'Needle',
					persona_type: 'user',
					system_prompt: 'old',
					default_replica_id: 'r90bbd427f71',
					pipeline_mode: 'full',
				},
			],
		});
		const { items } = await bed.run(upsert, [{ name: 'Needle', prompt: 'new' }]);
		expect(items[0].json).toMatchObject({ action: 'updated', persona_id: 'plastpage0001' });
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(0);
		expect(bed.sent('GET', '/v2/personas').filter((r) => r.path === '/v2/personas').length).toBe(2);
	});

	it('never creates a name twice when items with the same name run concurrently', async () => {
		bed.mock.setLatency(100);
		const { items, error } = await bed.run(
			{ ...upsert, options: { batching: { batch: { batchSize: 4, batchInterval: 0 } } } },
			[
				{ name: 'Twin', prompt: 'v1' },
				{ name: 'Other', prompt: 'v1' },
				{ name: 'Twin', prompt: 'v1' },
				{ name: 'Twin', prompt: 'v2' },
			],
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.action)).toEqual([
			'created',
			'created',
			'unchanged',
			'updated',
		]);
		expect(
			bed
				.sent('POST', '/v2/personas')
				.map((request) => (request.body as { persona_name: string }).persona_name)
				.sort(),
		).toEqual(['Other', 'Twin']);
		expect(
			[...bed.mock.state.personas.values()].filter((persona) => persona.persona_name === 'Twin'),
		).toHaveLength(1);
	});

	it('requires a persona name', async () => {
		const { error } = await bed.run(upsert, [{ name: '', prompt: 'x' }]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Persona Name is required to find the persona by name [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('Create or Update against the documented persona shape', () => {
	it('reports unchanged when Tavus returns no pipeline_mode (full is the default)', async () => {
		bed.mock.seed({
			personas: [
				{
					persona_id: 'pdocshape0001',
					persona_name: 'Documented',
					persona_type: 'user',
					system_prompt: 'same',
					default_replica_id: 'r90bbd427f71',
				},
			],
		});
		const { items } = await bed.run({
			resource: 'persona',
			operation: 'createOrUpdate',
			personaName: 'Documented',
			systemPrompt: 'same',
			defaultReplica: { __rl: true, mode: 'id', value: 'r90bbd427f71' },
		});
		expect(items[0].json).toMatchObject({ action: 'unchanged', persona_id: 'pdocshape0001' });
		expect(bed.sent('PATCH')).toHaveLength(0);
	});
});
