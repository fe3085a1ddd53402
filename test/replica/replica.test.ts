import { SEED } from '../harness/tavus-mock';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();

describe('Replica → Get and Get Many', () => {
	it('gets one replica by picker value or ID, verbose when asked', async () => {
		const { items } = await bed.run({
			resource: 'replica',
			operation: 'get',
			replica: { __rl: true, mode: 'list', value: 'r90bbd427f71' },
			verbose: true,
		});
		expect(items[0].json).toMatchObject({
			replica_id: 'r90bbd427f71',
			replica_name: 'Anna',
			replica_type: 'system',
		});
		expect(bed.sent('GET')[0]).toMatchObject({
			path: '/v2/faces/r90bbd427f71',
			query: { verbose: 'true' },
		});
	});

	it('outputs the Face names Tavus answers and the replica names next to them', async () => {
		const { items } = await bed.run({
			resource: 'replica',
			operation: 'get',
			replica: { __rl: true, mode: 'id', value: 'r90bbd427f71' },
			verbose: true,
		});
		const face = items[0].json;
		expect(face).toMatchObject({ face_id: 'r90bbd427f71', face_name: 'Anna', face_type: 'system' });
		expect(face.replica_id).toBe(face.face_id);
		expect(face.replica_name).toBe(face.face_name);
		expect(face.replica_type).toBe(face.face_type);
		const listed = await bed.run({ resource: 'replica', operation: 'getAll', limit: 2 });
		for (const item of listed.items) expect(item.json.replica_id).toBe(item.json.face_id);
	});

	it('lists all replicas across pages', async () => {
		const { items } = await bed.run({ resource: 'replica', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(SEED.replicaCount);
	});

	it('filters by replica type and limits', async () => {
		const user = await bed.run({
			resource: 'replica',
			operation: 'getAll',
			returnAll: true,
			filters: { replicaType: 'user', verbose: true },
		});
		expect(user.items).toHaveLength(SEED.userReplicaCount);
		expect(bed.sent('GET')[0]).toMatchObject({
			path: '/v2/faces',
			query: { face_type: 'user', verbose: 'true' },
		});
		const limited = await bed.run({ resource: 'replica', operation: 'getAll', limit: 3 });
		expect(limited.items).toHaveLength(3);
	});

	it("reports an unknown replica with Tavus's 400", async () => {
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'get',
			replica: { __rl: true, mode: 'id', value: 'rnothere' },
		});
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid replica_id');
	});
});
