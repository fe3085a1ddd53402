import { SEED } from '../harness/tavus-mock';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();

describe('Replica → Get and Get Many', () => {
	it('gets one replica by picker value or ID, verbose when asked', async () => {
		const { items } = await bed.run({ resource: 'replica', operation: 'get', replica: { __rl: true, mode: 'list', value: 'r90bbd427f71' }, verbose: true });
		expect(items[0].json).toMatchObject({ replica_id: 'r90bbd427f71', replica_name: 'Anna', replica_type: 'system' });
		expect(bed.sent('GET')[0].query).toEqual({ verbose: 'true' });
	});

	it('lists all replicas across pages', async () => {
		const { items } = await bed.run({ resource: 'replica', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(SEED.replicaCount);
	});

	it('filters by replica type and limits', async () => {
		const user = await bed.run({ resource: 'replica', operation: 'getAll', returnAll: true, filters: { replicaType: 'user', verbose: true } });
		expect(user.items).toHaveLength(SEED.userReplicaCount);
		expect(bed.sent('GET')[0].query).toMatchObject({ replica_type: 'user', verbose: 'true' });
		const limited = await bed.run({ resource: 'replica', operation: 'getAll', limit: 3 });
		expect(limited.items).toHaveLength(3);
	});

	it("reports an unknown replica with Tavus's 400", async () => {
		const { error } = await bed.run({ resource: 'replica', operation: 'get', replica: { __rl: true, mode: 'id', value: 'rnothere' } });
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid replica_id');
	});
});
