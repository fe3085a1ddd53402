import { NodeApiError } from 'n8n-workflow';
import { SEED } from '../harness/tavus-mock';
import { harness, TAVUS_TYPE, useTestbed, WRONG_KEY } from '../helpers/testbed';

const bed = useTestbed();

describe('pickers (list search)', () => {
	it('lists replicas with name and ID, stock ones marked', async () => {
		const result = await harness.runListSearch(TAVUS_TYPE, 'searchReplicas', {
			credentials: bed.credentials(),
		});
		expect(result.results).toHaveLength(SEED.replicaCount);
		expect(result.results).toContainEqual({
			name: 'Anna · stock (r90bbd427f71)',
			value: 'r90bbd427f71',
			url: undefined,
		});
		expect(result.paginationToken).toBeUndefined();
		expect(bed.sent('GET', '/v2/replicas')[0].query).toEqual({
			verbose: 'true',
			limit: '100',
			page: '1',
		});
	});

	it('filters by the search text (name or ID, any case)', async () => {
		const byName = await harness.runListSearch(TAVUS_TYPE, 'searchReplicas', {
			filter: 'anna',
			credentials: bed.credentials(),
		});
		expect(byName.results.map((result) => result.value)).toEqual(['r90bbd427f71']);
		const byId = await harness.runListSearch(TAVUS_TYPE, 'searchReplicas', {
			filter: 'R79E1',
			credentials: bed.credentials(),
		});
		expect(byId.results.map((result) => result.value)).toEqual(['r79e1c033f']);
	});

	it('hands out a pagination token while pages remain, and follows it', async () => {
		for (let index = 0; index < 130; index++) {
			bed.mock.seed({
				replicas: [
					{
						replica_id: `rx${String(index).padStart(10, '0')}`,
						replica_name: `Extra ${index}`,
						replica_type: 'user',
						status: 'completed',
					},
				],
			});
		}
		const first = await harness.runListSearch(TAVUS_TYPE, 'searchReplicas', {
			credentials: bed.credentials(),
		});
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2:100');
		const second = await harness.runListSearch(TAVUS_TYPE, 'searchReplicas', {
			paginationToken: first.paginationToken,
			credentials: bed.credentials(),
		});
		expect(second.results).toHaveLength(SEED.replicaCount + 130 - 100);
		expect(second.paginationToken).toBeUndefined();
		expect(bed.sent('GET', '/v2/replicas').map((request) => request.query.page)).toEqual([
			'1',
			'2',
		]);
	});

	it('lists personas (own and stock)', async () => {
		bed.mock.seed({
			personas: [
				{
					persona_id: 'p0000000000aa',
					persona_name: 'Mine',
					persona_type: 'user',
					system_prompt: 'x',
				},
			],
		});
		const result = await harness.runListSearch(TAVUS_TYPE, 'searchPersonas', {
			credentials: bed.credentials(),
		});
		expect(result.results.map((item) => item.name)).toEqual(
			expect.arrayContaining([
				'Mine (p0000000000aa)',
				'Sales Development Rep · stock (pcb7a34da5fe)',
			]),
		);
	});

	it('says why when the list cannot be loaded (bad key)', async () => {
		await expect(
			harness.runListSearch(TAVUS_TYPE, 'searchReplicas', {
				credentials: bed.credentials({ apiKey: WRONG_KEY }),
			}),
		).rejects.toThrow('Tavus API error 401 Unauthorized: Invalid access token');
	});

	it('says why when Tavus cannot be reached', async () => {
		const error = await harness
			.runListSearch(TAVUS_TYPE, 'searchReplicas', {
				credentials: bed.credentials({ baseUrl: 'http://127.0.0.1:9' }),
			})
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toBe(
			'Could not reach the Tavus API: the connection was refused after 2 attempts',
		);
	});
});
