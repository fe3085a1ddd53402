import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MASK } from '../../nodes/Tavus/transport/secrets';
import example from '../../examples/11-sync-personas-from-a-sheet.json';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();

const LLM_KEY = ['sk', 'sync', 'secret', '9090'].join('-');
const OLD_KEY = ['sk', 'sync', 'old', '1111'].join('-');

const sync = {
	resource: 'persona',
	operation: 'sync',
	personaName: '={{ $json.name }}',
	systemPrompt: '={{ $json.prompt }}',
};

const id = (n: number) => `pfleet${String(n).padStart(7, '0')}`;

function seedPersona(n: number, name: string, prompt: string, extra: Record<string, unknown> = {}) {
	bed.mock.seed({
		personas: [
			{
				persona_id: id(n),
				persona_name: name,
				persona_type: 'user',
				system_prompt: prompt,
				created_at: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
				...extra,
			},
		],
	});
}

const names = () =>
	[...bed.mock.state.personas.values()]
		.filter((persona) => persona.persona_type === 'user')
		.map((persona) => `${persona.persona_name}:${persona.system_prompt}`)
		.sort();

const calls = () => bed.sent().map((request) => `${request.method} ${request.path}`);

/** fleet-A as desired, fleet-B with an old prompt, fleet-C no longer desired, Other outside the scope. */
function seedFleet() {
	seedPersona(1, 'fleet-A', 'a');
	seedPersona(2, 'fleet-B', 'old b');
	seedPersona(3, 'fleet-C', 'c');
	seedPersona(4, 'Other', 'o');
	bed.mock.clearRequests();
}

const desired = [
	{ name: 'fleet-A', prompt: 'a' },
	{ name: 'fleet-B', prompt: 'b' },
	{ name: 'fleet-D', prompt: 'd' },
];

describe('Persona → Sync: Plan', () => {
	it('outputs one item per persona with its action and diff, and sends nothing but the list read', async () => {
		seedFleet();
		const { items, error } = await bed.run(
			{ ...sync, scopePrefix: 'fleet-', prune: true },
			desired,
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toStrictEqual([
			{ action: 'unchanged', persona_id: id(1), persona_name: 'fleet-A' },
			{
				action: 'update',
				persona_id: id(2),
				persona_name: 'fleet-B',
				patch: [{ op: 'replace', path: '/system_prompt', value: 'b' }],
			},
			{ action: 'create', persona_name: 'fleet-D' },
			{ action: 'delete', persona_id: id(3), persona_name: 'fleet-C' },
		]);
		expect(items.map((item) => item.pairedItem)).toStrictEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 2 },
		]);
		expect(calls()).toStrictEqual(['GET /v2/personas']);
		expect(bed.sent()[0].query).toStrictEqual({ persona_type: 'user', limit: '100', page: '1' });
		expect(names()).toStrictEqual(['Other:o', 'fleet-A:a', 'fleet-B:old b', 'fleet-C:c']);
	});

	it('without Prune plans no deletes', async () => {
		seedFleet();
		const { items } = await bed.run({ ...sync, scopePrefix: 'fleet-' }, desired);
		expect(items.map((item) => item.json.action)).toStrictEqual(['unchanged', 'update', 'create']);
	});

	it('masks provider keys in the diff', async () => {
		seedPersona(1, 'fleet-K', 'k', {
			layers: {
				llm: { model: 'my-model', base_url: 'https://llm.example.com/v1', api_key: OLD_KEY },
			},
		});
		bed.mock.clearRequests();
		const { items } = await bed.run(
			{
				...sync,
				llmLayer: {
					customModel: 'my-model',
					baseUrl: 'https://llm.example.com/v1',
					apiKey: LLM_KEY,
				},
			},
			[{ name: 'fleet-K', prompt: 'k' }],
		);
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				action: 'update',
				persona_id: id(1),
				persona_name: 'fleet-K',
				patch: [{ op: 'replace', path: '/layers/llm/api_key', value: MASK }],
			},
		]);
		expect(JSON.stringify(items)).not.toContain(LLM_KEY);
		expect(JSON.stringify(items)).not.toContain(OLD_KEY);
		expect(calls()).toStrictEqual(['GET /v2/personas']);
	});
});

describe('Persona → Sync: Apply', () => {
	it('creates, updates and prunes, and outputs the IDs and outcomes', async () => {
		seedFleet();
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			desired,
		);
		expect(error).toBeUndefined();
		const created = [...bed.mock.state.personas.values()].find(
			(persona) => persona.persona_name === 'fleet-D',
		) as { persona_id: string; created_at: string };
		expect(items.map((item) => item.json)).toStrictEqual([
			{ action: 'unchanged', persona_id: id(1), persona_name: 'fleet-A', outcome: 'unchanged' },
			{
				action: 'update',
				persona_id: id(2),
				persona_name: 'fleet-B',
				patch: [{ op: 'replace', path: '/system_prompt', value: 'b' }],
				outcome: 'updated',
			},
			{
				action: 'create',
				persona_id: created.persona_id,
				persona_name: 'fleet-D',
				created_at: created.created_at,
				outcome: 'created',
			},
			{ action: 'delete', persona_id: id(3), persona_name: 'fleet-C', outcome: 'deleted' },
		]);
		// The list once, the create, a re-read for the convergence check, the patch, the delete.
		expect(calls()).toStrictEqual([
			'GET /v2/personas',
			`PATCH /v2/personas/${id(2)}`,
			'POST /v2/personas',
			'GET /v2/personas',
			`DELETE /v2/personas/${id(3)}`,
		]);
		expect(bed.sent('POST')[0].body).toStrictEqual({
			persona_name: 'fleet-D',
			pipeline_mode: 'full',
			system_prompt: 'd',
		});
		expect(names()).toStrictEqual(['Other:o', 'fleet-A:a', 'fleet-B:b', 'fleet-D:d']);

		// Converged: a second Apply plans nothing.
		bed.mock.clearRequests();
		const again = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			desired,
		);
		expect(again.items.map((item) => item.json.outcome)).toStrictEqual([
			'unchanged',
			'unchanged',
			'unchanged',
		]);
		expect(calls()).toStrictEqual(['GET /v2/personas']);
	});

	it('Retry On Fail after a reset on the create: one persona, reported created by this execution', async () => {
		seedFleet();
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/personas' });
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-' },
			[
				{ name: 'fleet-A', prompt: 'a' },
				{ name: 'fleet-N', prompt: 'n' },
			],
			{ settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 } },
		);
		expect(error).toBeUndefined();
		const created = [...bed.mock.state.personas.values()].filter(
			(persona) => persona.persona_name === 'fleet-N',
		) as Array<{ persona_id: string; created_at: string }>;
		expect(created).toHaveLength(1);
		expect(items.map((item) => item.json)).toStrictEqual([
			{ action: 'unchanged', persona_id: id(1), persona_name: 'fleet-A', outcome: 'unchanged' },
			{
				action: 'create',
				persona_id: created[0].persona_id,
				persona_name: 'fleet-N',
				created_at: created[0].created_at,
				outcome: 'created',
			},
		]);
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(1);
		expect(bed.sent('PATCH')).toHaveLength(0);
	});

	it('Retry On Fail after a reset on the patch: the rerun re-reads, sends nothing twice, reports updated', async () => {
		seedFleet();
		bed.mock.addFault({ kind: 'resetAfter', method: 'PATCH', path: `/v2/personas/${id(2)}` });
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-' },
			[
				{ name: 'fleet-A', prompt: 'a' },
				{ name: 'fleet-B', prompt: 'b' },
			],
			{ settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 } },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toStrictEqual([
			{ action: 'unchanged', persona_id: id(1), persona_name: 'fleet-A', outcome: 'unchanged' },
			{
				action: 'update',
				persona_id: id(2),
				persona_name: 'fleet-B',
				patch: [{ op: 'replace', path: '/system_prompt', value: 'b' }],
				outcome: 'updated',
			},
		]);
		// Try 1: the list, the patch (applied, answer lost); try 2: the list again, nothing to send.
		expect(calls()).toStrictEqual([
			'GET /v2/personas',
			`PATCH /v2/personas/${id(2)}`,
			'GET /v2/personas',
		]);
		expect(names()).toStrictEqual(['Other:o', 'fleet-A:a', 'fleet-B:b', 'fleet-C:c']);
	});

	it('Retry On Fail after a patch Tavus answered 304: the rerun still reports unchanged', async () => {
		seedFleet();
		let lists = 0;
		// Another writer sets the desired value right after the first list read: the patch gets 304.
		bed.mock.afterAnswer = (request) => {
			if (request.method !== 'GET' || request.path !== '/v2/personas') return;
			if (++lists === 1) (bed.mock.state.personas.get(id(2)) as IDataObject).system_prompt = 'b';
		};
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-' },
			[
				// Outside the scope: fails every try, so n8n reruns the node (On Error: Continue).
				{ name: 'other', prompt: 'x' },
				{ name: 'fleet-B', prompt: 'b' },
			],
			{
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
				onError: 'continueRegularOutput',
			},
		);
		bed.mock.afterAnswer = undefined;
		expect(error).toBeUndefined();
		expect(lists).toBe(2);
		expect(bed.sent('PATCH').map((r) => r.status)).toEqual([304]);
		expect(items[1].json).toStrictEqual({
			action: 'update',
			persona_id: id(2),
			persona_name: 'fleet-B',
			patch: [{ op: 'replace', path: '/system_prompt', value: 'b' }],
			outcome: 'unchanged',
		});
	});

	it('prunes extra copies of a desired name, keeping the oldest', async () => {
		seedPersona(5, 'fleet-A', 'a');
		seedPersona(2, 'fleet-A', 'a');
		bed.mock.clearRequests();
		const plan = await bed.run({ ...sync, prune: true }, [{ name: 'fleet-A', prompt: 'a' }]);
		expect(plan.items.map((item) => item.json)).toStrictEqual([
			{ action: 'unchanged', persona_id: id(2), persona_name: 'fleet-A', duplicates: [id(5)] },
			{ action: 'delete', persona_id: id(5), persona_name: 'fleet-A' },
		]);
	});
});

describe('Persona → Sync: scope and refusals', () => {
	it('never touches a persona outside the scope, even with Prune', async () => {
		seedFleet();
		await bed.run({ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true }, [
			{ name: 'fleet-A', prompt: 'a' },
		]);
		expect(names()).toStrictEqual(['Other:o', 'fleet-A:a']);
		expect(bed.sent('DELETE').map((request) => request.path)).toStrictEqual([
			`/v2/personas/${id(2)}`,
			`/v2/personas/${id(3)}`,
		]);
	});

	it('refuses Prune when the desired set is empty, before sending anything', async () => {
		seedFleet();
		const { error } = await bed.run({ ...sync, syncMode: 'apply', prune: true }, [{}, {}]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Prune is refused: the desired set is empty (no item carries a Persona Name), so it would delete every persona in the scope',
		);
		expect(bed.sent()).toHaveLength(0);
		expect(names()).toHaveLength(4);
	});

	it('refuses Prune when an item has no name', async () => {
		seedFleet();
		const { error } = await bed.run({ ...sync, syncMode: 'apply', prune: true }, [
			{ name: 'fleet-A', prompt: 'a' },
			{ name: ' ', prompt: 'x' },
		]);
		expect(error?.message).toBe(
			'Prune is refused: item 1 has no Persona Name, so the desired set is not known [item 1]',
		);
		expect(bed.sent()).toHaveLength(0);
	});

	it('refuses Prune when a desired name is outside the scope', async () => {
		const { error } = await bed.run({ ...sync, prune: true, scopePrefix: 'fleet-' }, [
			{ name: 'Other', prompt: 'o' },
		]);
		expect(error?.message).toBe(
			'Prune is refused: Persona Name "Other" is outside the Scope (names starting with "fleet-") [item 0]',
		);
		expect(bed.sent()).toHaveLength(0);
	});

	it('without Prune, an item outside the scope or without a name fails on its own', async () => {
		seedFleet();
		const { items } = await bed.run(
			{ ...sync, scopePrefix: 'fleet-' },
			[
				{ name: 'Other', prompt: 'o' },
				{ name: '', prompt: 'x' },
				{ name: 'fleet-A', prompt: 'a' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				error: 'Persona Name "Other" is outside the Scope (names starting with "fleet-") [item 0]',
				description: 'Sync only touches objects whose names start with the Scope prefix.',
			},
			{ error: 'Persona Name is required: Sync matches objects by their exact name [item 1]' },
			{ action: 'unchanged', persona_id: id(1), persona_name: 'fleet-A' },
		]);
	});

	it('refuses the same name twice in the desired set', async () => {
		const { error } = await bed.run(sync, [
			{ name: 'fleet-A', prompt: 'a' },
			{ name: 'fleet-A', prompt: 'b' },
		]);
		expect(error?.message).toBe(
			'Persona Name "fleet-A" is already desired by item 0: Sync wants one item per name [item 1]',
		);
	});
});

describe('Persona → Sync: requests per run', () => {
	const fleet = (count: number, changed: Set<number>) =>
		Array.from({ length: count }, (_, n) => ({
			name: `fleet-${n}`,
			prompt: changed.has(n) ? `new ${n}` : `prompt ${n}`,
		}));

	beforeEach(() => {
		for (let n = 0; n < 1000; n++) seedPersona(n, `fleet-${n}`, `prompt ${n}`);
		bed.mock.clearRequests();
	});

	it('1000 desired vs 1000 existing with 10 changed: 10 list pages + 10 PATCH', async () => {
		const changed = [3, 99, 100, 250, 401, 555, 700, 801, 998, 999];
		const { items, error } = await bed.run(
			{
				...sync,
				syncMode: 'apply',
				prune: true,
				options: { batching: { batch: { batchSize: 10, batchInterval: 0 } } },
			},
			fleet(1000, new Set(changed)),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		// The ten pages first; the PATCHes of items in flight together may arrive in any order.
		expect(calls().slice(0, 10)).toStrictEqual(Array(10).fill('GET /v2/personas'));
		expect(calls().slice(10).sort()).toStrictEqual(
			changed.map((n) => `PATCH /v2/personas/${id(n)}`).sort(),
		);
		expect(bed.sent('GET').map((request) => request.query.page)).toStrictEqual([
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
			'10',
		]);
		expect(items.filter((item) => item.json.outcome === 'updated')).toHaveLength(10);
		expect(items.filter((item) => item.json.outcome === 'unchanged')).toHaveLength(990);
	});

	it('reads a persona in full only when the list item lacks a field the diff adds', async () => {
		const { items } = await bed.run(
			{
				...sync,
				syncMode: 'apply',
				conversationalFlowLayer: { turnTakingPatience: '={{ $json.patience }}' },
			},
			[
				{ name: 'fleet-3', prompt: 'prompt 3', patience: 'high' },
				{ name: 'fleet-4', prompt: 'prompt 4', patience: 'high' },
			],
		);
		expect(items.map((item) => item.json.outcome)).toStrictEqual(['updated', 'updated']);
		expect(calls()).toStrictEqual([
			...Array(10).fill('GET /v2/personas'),
			`GET /v2/personas/${id(3)}`,
			`PATCH /v2/personas/${id(3)}`,
			`GET /v2/personas/${id(4)}`,
			`PATCH /v2/personas/${id(4)}`,
		]);
	});
});

describe('examples/11-sync-personas-from-a-sheet.json', () => {
	interface ExampleNode {
		name: string;
		type: string;
		parameters: IDataObject;
	}
	const nodeNamed = (name: string) =>
		(example.nodes as ExampleNode[]).find((node) => node.name === name) as ExampleNode;
	const rows = [
		{ name: 'Fleet: Onboarding Guide', system_prompt: 'Guide v2', replica_id: 'r90bbd427f71' },
		{ name: 'Fleet: Support Specialist', system_prompt: 'Support', replica_id: 'r90bbd427f71' },
	];

	it('plans, then applies the approved set (its Tavus nodes run as they are)', async () => {
		seedPersona(1, 'Fleet: Onboarding Guide', 'Guide v1', {
			default_replica_id: 'r90bbd427f71',
			pipeline_mode: 'full',
		});
		seedPersona(2, 'Fleet: Retired', 'old', { pipeline_mode: 'full' });
		seedPersona(3, 'Not managed', 'keep', { pipeline_mode: 'full' });
		const plan = await bed.run(nodeNamed('Sync personas: plan').parameters, rows);
		expect(plan.items.map((item) => [item.json.action, item.json.persona_name])).toStrictEqual([
			['update', 'Fleet: Onboarding Guide'],
			['create', 'Fleet: Support Specialist'],
			['delete', 'Fleet: Retired'],
		]);
		const apply = await bed.run(nodeNamed('Sync personas: apply').parameters, rows);
		expect(apply.items.map((item) => item.json.outcome)).toStrictEqual([
			'updated',
			'created',
			'deleted',
		]);
		expect(names()).toStrictEqual([
			'Fleet: Onboarding Guide:Guide v2',
			'Fleet: Support Specialist:Support',
			'Not managed:keep',
		]);
	});
});

describe('Persona → Sync: the list as Tavus pages it', () => {
	/** Page 2 repeats the last row of page 1, as offset paging does when a persona is created meanwhile. */
	function repeatRowOnPage2() {
		bed.mock.afterAnswer = (request, answer) => {
			if (request.method !== 'GET' || request.path !== '/v2/personas') return;
			if (String(request.query.page) !== '2') return;
			const body = answer.body as { data: IDataObject[] };
			const row = bed.mock.state.personas.get(id(100));
			body.data = [JSON.parse(JSON.stringify(row)) as IDataObject, ...body.data];
		};
	}

	beforeEach(() => {
		for (let n = 1; n <= 101; n++) seedPersona(n, `fleet-${n}`, 'p');
		bed.mock.clearRequests();
	});

	it('a row on two pages is one persona: Prune never deletes a desired one', async () => {
		repeatRowOnPage2();
		const everyOne = Array.from({ length: 101 }, (_, n) => ({
			name: `fleet-${n + 1}`,
			prompt: 'p',
		}));
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			everyOne,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(101);
		expect(items[99].json).toStrictEqual({
			action: 'unchanged',
			persona_id: id(100),
			persona_name: 'fleet-100',
			outcome: 'unchanged',
		});
		expect(bed.sent('DELETE')).toHaveLength(0);
		expect(bed.mock.state.personas.has(id(100))).toBe(true);
	});

	it('a row on two pages that is not desired is deleted once', async () => {
		repeatRowOnPage2();
		const allBut100 = Array.from({ length: 101 }, (_, n) => ({
			name: `fleet-${n + 1}`,
			prompt: 'p',
		})).filter((row) => row.name !== 'fleet-100');
		const { items } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			allBut100,
		);
		expect(
			items.filter((item) => item.json.action === 'delete').map((item) => item.json),
		).toStrictEqual([
			{ action: 'delete', persona_id: id(100), persona_name: 'fleet-100', outcome: 'deleted' },
		]);
		expect(bed.sent('DELETE').map((request) => request.path)).toStrictEqual([
			`/v2/personas/${id(100)}`,
		]);
	});
});

describe('Persona → Sync: stock personas', () => {
	beforeEach(seedFleet);

	it.each([
		['persona_type', { persona_type: 'system' }],
		['pal_type', { persona_type: 'user', pal_type: 'system' }],
	])(
		'drops stock personas the list returns (%s), before any match or prune',
		async (_key, type) => {
			bed.mock.afterAnswer = (request, answer) => {
				if (request.method !== 'GET' || request.path !== '/v2/personas') return;
				if (String(request.query.page) !== '1') return;
				const body = answer.body as { data: IDataObject[] };
				body.data.push(
					{
						persona_id: 'pstock0000001',
						persona_name: 'fleet-Stock',
						created_at: '2020-01-01T00:00:00.000Z',
						...type,
					},
					{
						persona_id: 'pstock0000002',
						persona_name: 'fleet-A',
						created_at: '2020-01-01T00:00:00.000Z',
						...type,
					},
				);
			};
			const { items } = await bed.run({ ...sync, scopePrefix: 'fleet-', prune: true }, [
				{ name: 'fleet-A', prompt: 'a' },
			]);
			expect(items.map((item) => item.json)).toStrictEqual([
				{ action: 'unchanged', persona_id: id(1), persona_name: 'fleet-A' },
				{ action: 'delete', persona_id: id(2), persona_name: 'fleet-B' },
				{ action: 'delete', persona_id: id(3), persona_name: 'fleet-C' },
			]);
		},
	);
});

describe('Persona → Sync: names that differ only in spaces or letter case', () => {
	it('trims the desired name: a sheet’s "fleet-A " is fleet-A (matched, sent trimmed)', async () => {
		seedPersona(1, 'fleet-A', 'a');
		bed.mock.clearRequests();
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			[
				{ name: 'fleet-A ', prompt: 'a' },
				{ name: ' fleet-D ', prompt: 'd' },
			],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toStrictEqual({
			action: 'unchanged',
			persona_id: id(1),
			persona_name: 'fleet-A',
			outcome: 'unchanged',
		});
		expect(items[1].json).toMatchObject({
			action: 'create',
			persona_name: 'fleet-D',
			outcome: 'created',
		});
		expect(items).toHaveLength(2);
		expect(bed.sent('DELETE')).toHaveLength(0);
		expect(bed.sent('POST')[0].body).toStrictEqual({
			persona_name: 'fleet-D',
			pipeline_mode: 'full',
			system_prompt: 'd',
		});
		expect(names()).toStrictEqual(['fleet-A:a', 'fleet-D:d']);
	});

	it('reports an existing near-miss as a conflict: nothing created, nothing pruned', async () => {
		seedPersona(1, 'fleet-a', 'a');
		seedPersona(2, 'fleet-B', 'b');
		seedPersona(3, 'FLEET-b ', 'b2');
		seedPersona(4, 'fleet-gone', 'g');
		bed.mock.clearRequests();
		const run = (syncMode: string) =>
			bed.run({ ...sync, syncMode, scopePrefix: 'fleet-', prune: true }, [
				{ name: 'fleet-A', prompt: 'a' },
				{ name: 'fleet-B', prompt: 'b' },
			]);
		const message =
			'A persona named "fleet-a" (pfleet0000001) exists, which differs from "fleet-A" only in spaces or letter case: nothing was created, and it is never pruned. Rename one of them.';
		const plan = await run('plan');
		expect(plan.items.map((item) => item.json)).toStrictEqual([
			{
				action: 'conflict',
				persona_name: 'fleet-A',
				conflicts: [{ persona_id: id(1), persona_name: 'fleet-a' }],
				message,
			},
			{
				action: 'unchanged',
				persona_id: id(2),
				persona_name: 'fleet-B',
				conflicts: [{ persona_id: id(3), persona_name: 'FLEET-b ' }],
			},
			{ action: 'delete', persona_id: id(4), persona_name: 'fleet-gone' },
		]);
		const apply = await run('apply');
		expect(apply.items.map((item) => item.json.outcome)).toStrictEqual([
			'conflict',
			'unchanged',
			'deleted',
		]);
		expect(apply.items[0].json.message).toBe(message);
		expect(bed.sent('POST')).toHaveLength(0);
		expect(bed.sent('DELETE').map((request) => request.path)).toStrictEqual([
			`/v2/personas/${id(4)}`,
		]);
		expect(names()).toStrictEqual(['FLEET-b :b2', 'fleet-B:b', 'fleet-a:a']);
	});

	it('refuses Prune when the desired set repeats a name (after trimming), before sending anything', async () => {
		seedFleet();
		const { error } = await bed.run({ ...sync, syncMode: 'apply', prune: true }, [
			{ name: 'fleet-A', prompt: 'a' },
			{ name: 'fleet-B', prompt: 'b' },
			{ name: 'fleet-A ', prompt: 'a2' },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Prune is refused: Persona Name "fleet-A" is repeated (items 0 and 2), so the desired set is not known [item 2]',
		);
		expect(bed.sent()).toHaveLength(0);
		expect(names()).toHaveLength(4);
	});
});

describe('Persona → Sync: around the prune', () => {
	const PRUNE_NOT_RUN =
		'Prune did not run: it runs only when every item of the execution succeeded, so nothing was deleted.';

	it('a DELETE answered 404 or 400 (another run deleted it) counts as already deleted', async () => {
		seedFleet();
		seedPersona(5, 'fleet-E', 'e');
		bed.mock.clearRequests();
		bed.mock.addFault({ method: 'DELETE', path: `/v2/personas/${id(3)}`, status: 404 });
		// fleet-E disappears after the list was read: Tavus answers 400 Invalid persona_id.
		bed.mock.afterAnswer = (request) => {
			if (request.method === 'GET' && request.path === '/v2/personas') {
				bed.mock.state.personas.delete(id(5));
			}
		};
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			[{ name: 'fleet-A', prompt: 'a' }],
		);
		expect(error).toBeUndefined();
		expect(items.slice(1).map((item) => item.json)).toStrictEqual([
			{ action: 'delete', persona_id: id(2), persona_name: 'fleet-B', outcome: 'deleted' },
			{ action: 'delete', persona_id: id(3), persona_name: 'fleet-C', outcome: 'already_deleted' },
			{ action: 'delete', persona_id: id(5), persona_name: 'fleet-E', outcome: 'already_deleted' },
		]);
	});

	it('a failing DELETE is an item of its own: the other deletes are done and output', async () => {
		seedFleet();
		bed.mock.addFault({
			method: 'DELETE',
			path: `/v2/personas/${id(2)}`,
			status: 403,
			body: { message: 'Forbidden' },
		});
		const { items, error } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			[{ name: 'fleet-A', prompt: 'a' }],
		);
		expect(error).toBeUndefined();
		expect(items.slice(1).map((item) => item.json)).toMatchObject([
			{
				action: 'delete',
				persona_id: id(2),
				persona_name: 'fleet-B',
				outcome: 'failed',
				error: expect.stringContaining('Forbidden'),
				httpCode: '403',
			},
			{ action: 'delete', persona_id: id(3), persona_name: 'fleet-C', outcome: 'deleted' },
		]);
		expect(items.map((item) => item.pairedItem)).toStrictEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(names()).toStrictEqual(['Other:o', 'fleet-A:a', 'fleet-B:old b']);
	});

	it('the last item failed: no prune, and its error says so', async () => {
		seedFleet();
		bed.mock.addFault({
			method: 'PATCH',
			path: `/v2/personas/${id(2)}`,
			status: 403,
			body: { message: 'Forbidden' },
		});
		const { items } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			[
				{ name: 'fleet-A', prompt: 'a' },
				{ name: 'fleet-B', prompt: 'b' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(items).toHaveLength(2);
		expect(String(items[1].json.error)).toContain('Forbidden');
		expect(String(items[1].json.description)).toContain(PRUNE_NOT_RUN);
		expect(bed.sent('DELETE')).toHaveLength(0);
	});

	it('an earlier item failed: the last one skips the prune and says so', async () => {
		seedFleet();
		bed.mock.addFault({
			method: 'PATCH',
			path: `/v2/personas/${id(2)}`,
			status: 403,
			body: { message: 'Forbidden' },
		});
		const { items } = await bed.run(
			{ ...sync, syncMode: 'apply', scopePrefix: 'fleet-', prune: true },
			[
				{ name: 'fleet-B', prompt: 'b' },
				{ name: 'fleet-A', prompt: 'a' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(String(items[0].json.description)).toContain(PRUNE_NOT_RUN);
		expect(items.slice(1).map((item) => item.json)).toStrictEqual([
			{ action: 'unchanged', persona_id: id(1), persona_name: 'fleet-A', outcome: 'unchanged' },
			{
				action: 'prune',
				outcome: 'skipped',
				message: 'Prune did not run: item 0 failed, so nothing was deleted',
			},
		]);
		expect(bed.sent('DELETE')).toHaveLength(0);
	});

	it('with Items per Batch > 1, the prune waits for every item: an item still running that fails stops it', async () => {
		seedFleet();
		bed.mock.setLatency(30);
		// Item 0 needs a full read and a PATCH (which fails); item 1 (the last) finishes at once.
		bed.mock.addFault({
			method: 'PATCH',
			path: `/v2/personas/${id(1)}`,
			status: 403,
			body: { message: 'Forbidden' },
		});
		const { items } = await bed.run(
			{
				...sync,
				syncMode: 'apply',
				scopePrefix: 'fleet-',
				prune: true,
				conversationalFlowLayer: { turnTakingPatience: '={{ $json.patience }}' },
				options: { batching: { batch: { batchSize: 3, batchInterval: 0 } } },
			},
			[
				{ name: 'fleet-A', prompt: 'a', patience: 'high' },
				{ name: 'fleet-B', prompt: 'old b' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(bed.sent('DELETE')).toHaveLength(0);
		expect(String(items[0].json.description)).toContain(PRUNE_NOT_RUN);
		expect(items.some((item) => item.json.action === 'delete')).toBe(false);
		expect(names()).toContain('fleet-C:c');
	});

	it('with Items per Batch > 1 and every item done, the prune runs once', async () => {
		seedFleet();
		bed.mock.setLatency(10);
		const { items, error } = await bed.run(
			{
				...sync,
				syncMode: 'apply',
				scopePrefix: 'fleet-',
				prune: true,
				options: { batching: { batch: { batchSize: 3, batchInterval: 0 } } },
			},
			desired,
		);
		expect(error).toBeUndefined();
		expect(
			items.filter((item) => item.json.action === 'delete').map((item) => item.json),
		).toStrictEqual([
			{ action: 'delete', persona_id: id(3), persona_name: 'fleet-C', outcome: 'deleted' },
		]);
		expect(bed.sent('DELETE')).toHaveLength(1);
		expect(names()).toStrictEqual(['Other:o', 'fleet-A:a', 'fleet-B:b', 'fleet-D:d']);
	});
});
