import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { SEED } from '../harness/tavus-mock';
import { harness, TAVUS_TYPE, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const voiceFromList = (name: string) => ({ __rl: true, mode: 'list', value: name });
const voiceByName = (name: string) => ({ __rl: true, mode: 'name', value: name });
const TRAIN_VIDEO = 'https://bucket.example.com/train.mp4';
const TRAIN_IMAGE = 'https://bucket.example.com/portrait.png';

describe('Replica → Create', () => {
	it('trains from a video URL: minimal body, outputs replica_id with status started', async () => {
		const { items, error } = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: TRAIN_VIDEO,
		});
		expect(error).toBeUndefined();
		const [request] = bed.sent('POST', '/v2/faces');
		expect(request.body).toStrictEqual({ train_video_url: TRAIN_VIDEO });
		// Tavus answers face_id on /v2/faces; replica_id stays for workflows written for replicas.
		const id = items[0].json.face_id;
		expect(id).toMatch(/^r[0-9a-f]{12}$/);
		expect(items[0].json).toStrictEqual({ face_id: id, replica_id: id, status: 'started' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('trains from a video with every field under its API name', async () => {
		const { items, error } = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: TRAIN_VIDEO,
			replicaName: 'Rio',
			voice: voiceByName('Anna'),
			additionalFields: {
				consentVideoUrl: 'https://bucket.example.com/consent.mp4',
				modelName: 'phoenix-3',
				callbackUrl: 'https://hooks.example.com/replica',
				backgroundGreenScreen: true,
				autoFixTrainingImage: false,
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({
			train_video_url: TRAIN_VIDEO,
			face_name: 'Rio',
			voice_name: 'Anna',
			consent_video_url: 'https://bucket.example.com/consent.mp4',
			model_name: 'phoenix-3',
			callback_url: 'https://hooks.example.com/replica',
			properties: { background_green_screen: true },
			auto_fix_training_image: false,
		});
		const stored = bed.mock.state.replicas.get(String(items[0].json.replica_id));
		expect(stored).toMatchObject({
			replica_name: 'Rio',
			model_name: 'phoenix-3',
			status: 'started',
			replica_type: 'user',
		});
	});

	it('trains from an image with a voice from the picker', async () => {
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainImageUrl: TRAIN_IMAGE,
			voice: voiceFromList('anna'),
			replicaName: 'Image Replica',
			additionalFields: { autoFixTrainingImage: true },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({
			train_image_url: TRAIN_IMAGE,
			voice_name: 'anna',
			face_name: 'Image Replica',
			auto_fix_training_image: true,
		});
	});

	it("reports Tavus's 400 for a voice it does not know", async () => {
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainImageUrl: TRAIN_IMAGE,
			voice: voiceByName('nobody'),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid voice_name');
	});

	it('creates one replica per item from expressions, paired in order', async () => {
		const { items } = await bed.run(
			{
				resource: 'replica',
				operation: 'create',
				trainImageUrl: '={{ $json.image }}',
				voice: voiceByName('={{ $json.voice }}'),
				replicaName: '={{ $json.name }}',
			},
			[
				{ image: 'https://example.com/a.png', voice: 'anna', name: 'A' },
				{ image: 'https://example.com/b.png', voice: 'felix', name: 'B' },
			],
		);
		expect(bed.sent('POST').map((request) => request.body)).toStrictEqual([
			{ train_image_url: 'https://example.com/a.png', voice_name: 'anna', face_name: 'A' },
			{ train_image_url: 'https://example.com/b.png', voice_name: 'felix', face_name: 'B' },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Replica → Create: models Tavus adds later', () => {
	it('sends Custom Model Name as typed (phoenix-4.5), and refuses it together with Model Name', async () => {
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: TRAIN_VIDEO,
			additionalFields: { customModelName: 'phoenix-4.5' },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/faces')[0].body).toStrictEqual({
			train_video_url: TRAIN_VIDEO,
			model_name: 'phoenix-4.5',
		});
		bed.mock.clearRequests();
		const both = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: TRAIN_VIDEO,
			additionalFields: { modelName: 'phoenix-4', customModelName: 'phoenix-4.5' },
		});
		expect(both.error?.message).toBe(
			'Additional Fields › Custom Model Name cannot be used together with Additional Fields › Model Name [item 0]',
		);
		expect(bed.sent('POST')).toHaveLength(0);
	});
});

describe('Replica → Rename and Delete', () => {
	async function createReplica(): Promise<string> {
		const { items } = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: TRAIN_VIDEO,
			replicaName: 'Before',
		});
		bed.mock.clearRequests();
		return String(items[0].json.replica_id);
	}

	it('renames with PATCH /v2/faces/{id}/name', async () => {
		const id = await createReplica();
		const { items, error } = await bed.run({
			resource: 'replica',
			operation: 'rename',
			replica: { __rl: true, mode: 'list', value: id },
			newName: 'After',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0]).toMatchObject({
			path: `/v2/faces/${id}/name`,
			body: { face_name: 'After' },
		});
		expect(items[0].json).toStrictEqual({
			face_id: id,
			face_name: 'After',
			replica_id: id,
			replica_name: 'After',
			renamed: true,
		});
		expect(bed.mock.state.replicas.get(id)?.replica_name).toBe('After');
	});

	it('retries a rename after a 503 (renaming twice is renaming once)', async () => {
		const id = await createReplica();
		bed.mock.addFault({ method: 'PATCH', status: 503 });
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'rename',
			replica: byId(id),
			newName: 'After',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH').map((request) => request.status)).toEqual([503, 200]);
	});

	it("reports Tavus's 400 when renaming a stock replica", async () => {
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'rename',
			replica: byId('r90bbd427f71'),
			newName: 'Mine now',
		});
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid replica_id');
	});

	it('deletes, with hard delete when asked', async () => {
		const id = await createReplica();
		const { items } = await bed.run({
			resource: 'replica',
			operation: 'delete',
			replica: byId(id),
			hardDelete: true,
		});
		expect(items[0].json).toStrictEqual({ deleted: true, face_id: id, replica_id: id, hard: true });
		expect(bed.sent('DELETE')[0]).toMatchObject({
			path: `/v2/faces/${id}`,
			query: { hard: 'true' },
		});
		expect(bed.mock.state.replicas.has(id)).toBe(false);
		bed.mock.clearRequests();
		const other = await createReplica();
		const soft = await bed.run({ resource: 'replica', operation: 'delete', replica: byId(other) });
		expect(soft.items[0].json).toStrictEqual({ deleted: true, face_id: other, replica_id: other });
		expect(bed.sent('DELETE')[0].query).toEqual({});
	});
});

describe('Replica → Get Many (extended)', () => {
	it('filters by replica IDs', async () => {
		const { items } = await bed.run({
			resource: 'replica',
			operation: 'getAll',
			returnAll: true,
			filters: { replicaIds: 'r90bbd427f71, r79e1c033f' },
		});
		expect(items.map((item) => item.json.replica_id)).toEqual(['r90bbd427f71', 'r79e1c033f']);
		expect(bed.sent('GET')[0]).toMatchObject({
			path: '/v2/faces',
			query: { face_ids: 'r90bbd427f71,r79e1c033f' },
		});
	});

	it('keeps the existing Get and Get Many working', async () => {
		const all = await bed.run({ resource: 'replica', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(SEED.replicaCount);
		const one = await bed.run({
			resource: 'replica',
			operation: 'get',
			replica: byId('r90bbd427f71'),
		});
		expect(one.items[0].json.replica_name).toBe('Anna');
	});
});

describe('Voice → Get Many and the voice picker', () => {
	it('lists every voice, A to Z by default', async () => {
		const { items, error } = await bed.run({
			resource: 'voice',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.voice_name)).toEqual([...SEED.voiceNames]);
		expect(items[0].json).toStrictEqual({
			voice_name: 'anna',
			replica_id: 'r90bbd427f71',
			audio_url: 'https://cdn.tavus.invalid/voices/anna.mp3',
			tags: [{ tag_name: 'female' }, { tag_name: 'professional' }],
		});
		expect(bed.sent('GET', '/v2/voices')[0].query).toEqual({
			sort: 'asc',
			limit: '100',
			page: '1',
		});
	});

	it('searches, filters by tag, sorts Z to A and limits', async () => {
		const { items } = await bed.run({
			resource: 'voice',
			operation: 'getAll',
			limit: 2,
			sort: 'desc',
			filters: { tag: 'Male', search: 'e' },
		});
		expect(items.map((item) => item.json.voice_name)).toEqual(['felix', 'daniel']);
		expect(bed.sent('GET')[0].query).toEqual({
			search: 'e',
			tag: 'Male',
			sort: 'desc',
			limit: '2',
			page: '1',
		});
	});

	it('follows 1-based pages', async () => {
		bed.mock.seed({
			voices: Array.from({ length: 120 }, (_, index) => ({
				voice_name: `voice${String(index).padStart(3, '0')}`,
				tags: [],
			})),
		});
		const { items } = await bed.run({ resource: 'voice', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(126);
		expect(bed.sent('GET').map((request) => request.query.page)).toEqual(['1', '2']);
	});

	it('the picker lists voices with their tags and preview, searching on Tavus', async () => {
		const all = await harness.runListSearch(TAVUS_TYPE, 'searchVoices', {
			credentials: bed.credentials(),
		});
		expect(all.results).toHaveLength(SEED.voiceNames.length);
		expect(all.results[0]).toEqual({
			name: 'anna · female, professional',
			value: 'anna',
			url: 'https://cdn.tavus.invalid/voices/anna.mp3',
		});
		expect(all.results.find((result) => result.value === 'emma')?.url).toBeUndefined();
		expect(all.paginationToken).toBeUndefined();
		const found = await harness.runListSearch(TAVUS_TYPE, 'searchVoices', {
			credentials: bed.credentials(),
			filter: 'CHAR',
		});
		expect(found.results.map((result) => result.value)).toEqual(['charlotte']);
		expect(bed.sent('GET', '/v2/voices')[1].query).toEqual({
			limit: '100',
			page: '1',
			sort: 'asc',
			search: 'CHAR',
		});
	});

	it('the picker pages with a token', async () => {
		bed.mock.seed({
			voices: Array.from({ length: 120 }, (_, index) => ({
				voice_name: `voice${String(index).padStart(3, '0')}`,
				tags: [],
			})),
		});
		const first = await harness.runListSearch(TAVUS_TYPE, 'searchVoices', {
			credentials: bed.credentials(),
		});
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2:100');
		const second = await harness.runListSearch(TAVUS_TYPE, 'searchVoices', {
			credentials: bed.credentials(),
			paginationToken: '2',
		});
		expect(second.results).toHaveLength(26);
		expect(second.paginationToken).toBeUndefined();
	});
});

describe('Replica and Voice: bad input is refused before anything is sent', () => {
	const create = (extra: IDataObject) => ({ resource: 'replica', operation: 'create', ...extra });
	const rows: Array<[string, IDataObject, IDataObject, string]> = [
		[
			'video and image both',
			create({
				trainVideoUrl: TRAIN_VIDEO,
				trainImageUrl: '={{ $json.v }}',
				voice: voiceByName('anna'),
			}),
			{ v: TRAIN_IMAGE },
			'Train Video URL and Train Image URL cannot be used together: set only one of them [item 0]',
		],
		[
			'neither video nor image',
			create({ trainVideoUrl: '={{ $json.v }}' }),
			{ v: '' },
			'Train Video URL or Train Image URL is required [item 0]',
		],
		[
			'an image without a voice',
			create({ trainImageUrl: TRAIN_IMAGE, voice: voiceByName('={{ $json.v }}') }),
			{ v: '' },
			'Voice is required when training from an image (Train Image URL) [item 0]',
		],
		[
			'a voice name with spaces',
			create({ trainImageUrl: TRAIN_IMAGE, voice: voiceByName('={{ $json.v }}') }),
			{ v: 'anna smith' },
			'Voice "anna smith" is not a voice name',
		],
		[
			'a voice that is a list',
			create({ trainImageUrl: TRAIN_IMAGE, voice: voiceByName('={{ $json.v }}') }),
			{ v: ['anna'] },
			'Voice must be text, got an array',
		],
		[
			'a malformed training video URL',
			create({ trainVideoUrl: '={{ $json.v }}' }),
			{ v: 's3://bucket/train.mp4' },
			'Train Video URL must be an http(s) URL, got the text "s3://bucket/train.mp4"',
		],
		[
			'a malformed training image URL',
			create({ trainImageUrl: '={{ $json.v }}', voice: voiceByName('anna') }),
			{ v: 'portrait.png' },
			'Train Image URL must be an http(s) URL',
		],
		[
			'a malformed consent video URL',
			create({
				trainVideoUrl: TRAIN_VIDEO,
				additionalFields: { consentVideoUrl: '={{ $json.v }}' },
			}),
			{ v: 'consent.mp4' },
			'Additional Fields › Consent Video URL must be an http(s) URL',
		],
		[
			'a malformed callback URL',
			create({ trainVideoUrl: TRAIN_VIDEO, additionalFields: { callbackUrl: '={{ $json.v }}' } }),
			{ v: 'hooks' },
			'Additional Fields › Callback URL must be an http(s) URL',
		],
		[
			'an unknown model',
			create({ trainVideoUrl: TRAIN_VIDEO, additionalFields: { modelName: '={{ $json.v }}' } }),
			{ v: 'phoenix-9' },
			'Additional Fields › Model Name must be one of "phoenix-4", "phoenix-3"',
		],
		[
			'a non-boolean green screen',
			create({
				trainVideoUrl: TRAIN_VIDEO,
				additionalFields: { backgroundGreenScreen: '={{ $json.v }}' },
			}),
			{ v: 'green' },
			'Additional Fields › Green Screen Background must be true or false',
		],
		[
			'a replica ID with a slash (Rename)',
			{ resource: 'replica', operation: 'rename', replica: byId('={{ $json.v }}'), newName: 'x' },
			{ v: 'r1/name' },
			'Replica "r1/name" is not a Tavus ID',
		],
		[
			'an empty new name (Rename)',
			{
				resource: 'replica',
				operation: 'rename',
				replica: byId('r79e1c033f'),
				newName: '={{ $json.v }}',
			},
			{ v: '' },
			'New Name is required [item 0]',
		],
		[
			'an empty replica ID (Delete)',
			{ resource: 'replica', operation: 'delete', replica: byId('={{ $json.v }}') },
			{ v: ' ' },
			'Replica is required [item 0]',
		],
		[
			'a bad ID in the replica IDs filter',
			{ resource: 'replica', operation: 'getAll', filters: { replicaIds: '={{ $json.v }}' } },
			{ v: 'r1, r 2' },
			'Filters › Replica IDs (entry 2) "r 2" is not a Tavus ID',
		],
		[
			'an unknown voice sort',
			{ resource: 'voice', operation: 'getAll', sort: '={{ $json.v }}' },
			{ v: 'random' },
			'Sort must be one of "asc", "desc", got the text "random"',
		],
		[
			'a zero voice limit',
			{ resource: 'voice', operation: 'getAll', limit: '={{ $json.v }}' },
			{ v: 0 },
			'Limit must be at least 1, got 0',
		],
	];

	it.each(rows)('%s', async (_label, parameters, input, message) => {
		const { error } = await bed.run(parameters, [input]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(bed.mock.requests).toHaveLength(0);
	});
});
