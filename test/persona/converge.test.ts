import type { IDataObject } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();

const upsert = {
	resource: 'persona',
	operation: 'createOrUpdate',
	personaName: '={{ $json.name }}',
	systemPrompt: '={{ $json.prompt }}',
};
const sync = { ...upsert, operation: 'sync', syncMode: 'apply' };

const RIVAL = 'privalcopy0001';

const named = (name: string) =>
	[...bed.mock.state.personas.values()].filter((persona) => persona.persona_name === name);

const calls = () => bed.sent().map((request) => `${request.method} ${request.path}`);

/**
 * Forces an interleaving: right after Tavus created our persona (before its answer reaches the
 * node), another execution's copy of the same name appears, created at `createdAt` (a function
 * of our copy's created_at).
 */
function rivalAfterCreate(id: string, createdAt: (ours: string) => string): { ours: string } {
	const seen = { ours: '' };
	let done = false;
	bed.mock.afterAnswer = (request, answer) => {
		if (done || request.method !== 'POST' || request.path !== '/v2/personas') return;
		done = true;
		const body = answer.body as IDataObject;
		seen.ours = String(body.persona_id);
		bed.mock.seed({
			personas: [
				{
					persona_id: id,
					persona_name: String(body.persona_name),
					persona_type: 'user',
					system_prompt: 'the rival’s prompt',
					created_at: createdAt(String(body.created_at)),
				},
			],
		});
	};
	return seen;
}

const older = () => '2020-01-01T00:00:00.000Z';
const newer = () => '2099-01-01T00:00:00.000Z';

describe('Create or Update: convergent create across executions', () => {
	it('a rival copy created earlier survives: ours is deleted and the rival updated', async () => {
		const race = rivalAfterCreate(RIVAL, older);
		const { items, error } = await bed.run(upsert, [{ name: 'Race', prompt: 'mine' }]);
		expect(error).toBeUndefined();
		const { ours } = race;
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				persona_id: RIVAL,
				persona_name: 'Race',
				action: 'updated',
				patch: [{ op: 'replace', path: '/system_prompt', value: 'mine' }],
				deleted_duplicate: ours,
			},
		]);
		expect(calls()).toStrictEqual([
			'GET /v2/personas',
			'POST /v2/personas',
			'GET /v2/personas',
			`DELETE /v2/personas/${ours}`,
			`GET /v2/personas/${RIVAL}`,
			`PATCH /v2/personas/${RIVAL}`,
		]);
		expect(named('Race').map((persona) => [persona.persona_id, persona.system_prompt])).toEqual([
			[RIVAL, 'mine'],
		]);
	});

	it('a rival copy created later does not change what we created (the rival deletes itself)', async () => {
		rivalAfterCreate(RIVAL, newer);
		const { items } = await bed.run(upsert, [{ name: 'Race', prompt: 'mine' }]);
		expect(items[0].json).toMatchObject({ action: 'created', persona_name: 'Race' });
		expect(items[0].json.persona_id).not.toBe(RIVAL);
		expect(items[0].json.deleted_duplicate).toBeUndefined();
		expect(bed.sent('DELETE')).toHaveLength(0);
	});

	it.each([
		['p0000000000a', 'the rival (smaller ID)'],
		['pzzzzzzzzzzz', 'ours (smaller ID)'],
	])('same created_at: the smallest ID survives (rival %s: %s)', async (rival) => {
		rivalAfterCreate(rival, (ours) => ours);
		const { items } = await bed.run(upsert, [{ name: 'Tie', prompt: 'mine' }]);
		const survivors = named('Tie');
		expect(survivors).toHaveLength(rival === 'p0000000000a' ? 1 : 2);
		if (rival === 'p0000000000a') {
			expect(items[0].json).toMatchObject({ persona_id: rival, action: 'updated' });
		} else {
			expect(items[0].json).toMatchObject({ action: 'created' });
		}
	});

	it('ten executions racing on one new name leave exactly one persona', async () => {
		bed.mock.setLatency(40);
		const runs = await Promise.all(
			Array.from({ length: 10 }, (_, n) =>
				bed.run(upsert, [{ name: 'Stampede', prompt: `run ${n}` }]),
			),
		);
		expect(runs.map((run) => run.error)).toStrictEqual(Array(10).fill(undefined));
		const survivors = named('Stampede');
		expect(survivors).toHaveLength(1);
		const survivor = survivors[0].persona_id;
		// Every execution reports the one survivor; the creates that lost deleted their own copy.
		expect(new Set(runs.map((run) => run.items[0].json.persona_id))).toStrictEqual(
			new Set([survivor]),
		);
		const posts = bed.sent('POST', '/v2/personas').length;
		// How many executions raced to create depends on timing (a busy machine serialises them);
		// whatever it was, every extra copy was deleted by the execution that made it.
		expect(posts).toBeGreaterThanOrEqual(1);
		expect(bed.sent('DELETE')).toHaveLength(posts - 1);
	});
});

describe('Sync: convergent create across executions', () => {
	it('reports the older copy another execution created, deleting its own', async () => {
		const race = rivalAfterCreate(RIVAL, older);
		const { items, error } = await bed.run(sync, [{ name: 'fleet-Race', prompt: 'mine' }]);
		expect(error).toBeUndefined();
		const { ours } = race;
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				action: 'create',
				persona_id: RIVAL,
				persona_name: 'fleet-Race',
				patch: [{ op: 'replace', path: '/system_prompt', value: 'mine' }],
				outcome: 'converged',
				deleted_duplicate: ours,
			},
		]);
		// The list item carries every field the diff needs: no GET of the rival.
		expect(calls()).toStrictEqual([
			'GET /v2/personas',
			'POST /v2/personas',
			'GET /v2/personas',
			`DELETE /v2/personas/${ours}`,
			`PATCH /v2/personas/${RIVAL}`,
		]);
		expect(named('fleet-Race')).toHaveLength(1);
	});

	it('parallel Sync executions of the same set leave one persona per name', async () => {
		bed.mock.setLatency(40);
		const set = [
			{ name: 'fleet-1', prompt: 'one' },
			{ name: 'fleet-2', prompt: 'two' },
		];
		const runs = await Promise.all(
			Array.from({ length: 6 }, () =>
				bed.run(
					{ ...sync, options: { batching: { batch: { batchSize: 2, batchInterval: 0 } } } },
					set,
				),
			),
		);
		expect(runs.map((run) => run.error)).toStrictEqual(Array(6).fill(undefined));
		expect(named('fleet-1')).toHaveLength(1);
		expect(named('fleet-2')).toHaveLength(1);
	});
});

describe('Convergent create: what the re-read does not show', () => {
	/**
	 * After our POST, an older rival copy exists, but every later list read lags behind and does not
	 * show our own copy yet (eventual consistency).
	 */
	function rivalWhileListLags(): { ours: string } {
		const race = rivalAfterCreate(RIVAL, older);
		const seed = bed.mock.afterAnswer;
		bed.mock.afterAnswer = (request, answer) => {
			seed?.(request, answer);
			if (request.method !== 'GET' || request.path !== '/v2/personas' || !race.ours) return;
			const body = answer.body as { data: IDataObject[] };
			body.data = body.data.filter((persona) => persona.persona_id !== race.ours);
		};
		return race;
	}

	it('Create or Update keeps its copy when the re-read does not show it', async () => {
		const race = rivalWhileListLags();
		const { items, error } = await bed.run(upsert, [{ name: 'Race', prompt: 'mine' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			persona_id: race.ours,
			persona_name: 'Race',
			action: 'created',
		});
		expect(bed.sent('DELETE')).toHaveLength(0);
		expect(bed.sent('PATCH')).toHaveLength(0);
		expect(named('Race')).toHaveLength(2);
	});

	it('Sync keeps its copy when the re-read does not show it', async () => {
		const race = rivalWhileListLags();
		const { items, error } = await bed.run(sync, [{ name: 'fleet-Race', prompt: 'mine' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			action: 'create',
			persona_id: race.ours,
			outcome: 'created',
		});
		expect(bed.sent('DELETE')).toHaveLength(0);
		expect(named('fleet-Race')).toHaveLength(2);
	});

	it('a stock persona of the same name is never the survivor', async () => {
		bed.mock.afterAnswer = (request, answer) => {
			if (request.method !== 'GET' || request.path !== '/v2/personas') return;
			if (bed.sent('POST').length === 0) return;
			const body = answer.body as { data: IDataObject[] };
			body.data.push({
				persona_id: 'pstock0000001',
				persona_name: 'Race',
				persona_type: 'system',
				created_at: older(),
			});
		};
		const { items, error } = await bed.run(upsert, [{ name: 'Race', prompt: 'mine' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ persona_name: 'Race', action: 'created' });
		expect(calls()).toStrictEqual(['GET /v2/personas', 'POST /v2/personas', 'GET /v2/personas']);
	});
});
