import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { harness, TAVUS_TYPE, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Seeds `count` videos v000000000…; the first one named, all 'ready' unless told. */
function seedVideos(count: number, extra: IDataObject = {}): string[] {
	const ids = Array.from({ length: count }, (_, index) => `v${String(index).padStart(9, '0')}`);
	bed.mock.seed({
		videos: ids.map((id, index) => ({
			video_id: id,
			video_name: `Video ${index}`,
			status: 'ready',
			replica_id: 'r90bbd427f71',
			data: { script: `Script ${index}` },
			...extra,
		})),
	});
	return ids;
}

async function generate(script = 'Hi'): Promise<string> {
	const { items } = await bed.run({
		resource: 'video',
		operation: 'generate',
		replica: byId('r90bbd427f71'),
		script,
	});
	bed.mock.clearRequests();
	return String(items[0].json.video_id);
}

describe('Video → Get', () => {
	it('gets a video by ID, plain or verbose', async () => {
		const [id] = seedVideos(1);
		const plain = await bed.run({ resource: 'video', operation: 'get', video: byId(id) });
		expect(plain.error).toBeUndefined();
		expect(bed.sent('GET')[0].path).toBe(`/v2/videos/${id}`);
		expect(bed.sent('GET')[0].query).toEqual({});
		expect(plain.items[0].json).toMatchObject({
			video_id: id,
			video_name: 'Video 0',
			status: 'ready',
		});
		expect(plain.items[0].json).not.toHaveProperty('gif_thumbnail_url');
		bed.mock.clearRequests();
		const verbose = await bed.run({
			resource: 'video',
			operation: 'get',
			video: { __rl: true, mode: 'list', value: id },
			verbose: true,
		});
		expect(bed.sent('GET')[0].query).toEqual({ verbose: 'true' });
		expect(verbose.items[0].json).toHaveProperty('gif_thumbnail_url');
	});

	it('waits until ready when asked (queued → generating → ready over successive GETs)', async () => {
		const id = await generate();
		const { items, error } = await bed.run(
			{
				resource: 'video',
				operation: 'get',
				video: byId('={{ $json.video_id }}'),
				waitUntilReady: true,
				maxWait: 20,
				pollInterval: 1,
			},
			[{ video_id: id }],
		);
		expect(error).toBeUndefined();
		expect(bed.sent('GET').map((request) => request.path)).toEqual([
			`/v2/videos/${id}`,
			`/v2/videos/${id}`,
		]);
		expect(items[0].json).toMatchObject({
			video_id: id,
			status: 'ready',
			download_url: `https://cdn.tavus.invalid/videos/${id}.mp4`,
		});
	});

	it('without waiting, outputs the current (generating) state after one GET', async () => {
		const id = await generate();
		const { items } = await bed.run({ resource: 'video', operation: 'get', video: byId(id) });
		expect(items[0].json.status).toBe('generating');
		expect(bed.sent('GET')).toHaveLength(1);
	});

	it('returns a ready video at once, without polling', async () => {
		const [id] = seedVideos(1);
		await bed.run({
			resource: 'video',
			operation: 'get',
			video: byId(id),
			waitUntilReady: true,
			maxWait: 20,
			pollInterval: 1,
		});
		expect(bed.sent('GET')).toHaveLength(1);
	});

	it("fails when the video ends in 'error', naming status_details", async () => {
		const id = await generate('MOCK_FAIL now');
		const { error } = await bed.run({
			resource: 'video',
			operation: 'get',
			video: byId(id),
			waitUntilReady: true,
			maxWait: 20,
			pollInterval: 1,
		});
		expect(error?.message).toBe(
			`Video ${id} ended in status 'error': Video generation failed (MOCK_FAIL). [item 0]`,
		);
	});

	it('times out when the video never becomes ready', async () => {
		const id = await generate('MOCK_NEVER');
		const { error } = await bed.run({
			resource: 'video',
			operation: 'get',
			video: byId(id),
			waitUntilReady: true,
			maxWait: 0.2,
			pollInterval: 1,
		});
		expect(error?.message).toBe(
			`Video ${id} is still 'generating' after 0.2 s, the maximum wait [item 0]`,
		);
	});

	it('fails a deleted video instead of waiting for it', async () => {
		const [id] = seedVideos(1, { status: 'deleted', status_details: 'Deleted by the user.' });
		const { error } = await bed.run({
			resource: 'video',
			operation: 'get',
			video: byId(id),
			waitUntilReady: true,
			maxWait: 20,
			pollInterval: 1,
		});
		expect(error?.message).toBe(
			`Video ${id} ended in status 'deleted': Deleted by the user. [item 0]`,
		);
	});

	it("reports an unknown video with Tavus's 400", async () => {
		const { error } = await bed.run({
			resource: 'video',
			operation: 'get',
			video: byId('vnothere'),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid video_id');
	});
});

describe('Video → Get Many', () => {
	it('follows 0-based pages (as the OpenAPI says) until every video is read', async () => {
		const ids = seedVideos(230);
		const { items, error } = await bed.run({
			resource: 'video',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.video_id)).toEqual(ids);
		expect(bed.sent('GET', '/v2/videos').map((request) => request.query)).toEqual([
			{ limit: '100', page: '0' },
			{ limit: '100', page: '1' },
			{ limit: '100', page: '2' },
		]);
		expect(
			items.every(
				(item, index) =>
					(item.pairedItem as { item: number }).item === 0 &&
					item.json.video_name === `Video ${index}`,
			),
		).toBe(true);
	});

	it('reads only what Limit asks for, from page 0', async () => {
		seedVideos(30);
		const { items } = await bed.run({ resource: 'video', operation: 'getAll', limit: 5 });
		expect(items.map((item) => item.json.video_id)).toEqual([
			'v000000000',
			'v000000001',
			'v000000002',
			'v000000003',
			'v000000004',
		]);
		expect(bed.sent('GET')[0].query).toEqual({ limit: '5', page: '0' });
	});

	it('outputs nothing for an account without videos', async () => {
		const { items, error } = await bed.run({
			resource: 'video',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
	});
});

describe('Video → Rename and Delete', () => {
	it('renames with PATCH /v2/videos/{id}/name', async () => {
		const [id] = seedVideos(1);
		const { items, error } = await bed.run({
			resource: 'video',
			operation: 'rename',
			video: byId(id),
			newName: '  Sales demo  ',
		});
		expect(error).toBeUndefined();
		const [request] = bed.sent('PATCH');
		expect(request.path).toBe(`/v2/videos/${id}/name`);
		expect(request.body).toStrictEqual({ video_name: 'Sales demo' });
		expect(items[0].json).toStrictEqual({ video_id: id, video_name: 'Sales demo', renamed: true });
		expect(bed.mock.state.videos.get(id)?.video_name).toBe('Sales demo');
	});

	it('soft-deletes by default and hard-deletes when asked', async () => {
		const [first, second] = seedVideos(2);
		const soft = await bed.run({ resource: 'video', operation: 'delete', video: byId(first) });
		expect(soft.items[0].json).toStrictEqual({ deleted: true, video_id: first });
		expect(bed.sent('DELETE')[0].query).toEqual({});
		expect(bed.mock.state.videos.get(first)?.status).toBe('deleted');
		bed.mock.clearRequests();
		const hard = await bed.run({
			resource: 'video',
			operation: 'delete',
			video: byId(second),
			hardDelete: true,
		});
		expect(hard.items[0].json).toStrictEqual({ deleted: true, video_id: second, hard: true });
		expect(bed.sent('DELETE')[0]).toMatchObject({
			path: `/v2/videos/${second}`,
			query: { hard: 'true' },
		});
		expect(bed.mock.state.videos.has(second)).toBe(false);
	});
});

describe('Video picker', () => {
	it('lists videos by name with status, filters by name or ID, follows 0-based pages', async () => {
		seedVideos(120);
		bed.mock.seed({
			videos: [{ video_id: 'vgenerating1', video_name: 'Draft', status: 'generating' }],
		});
		const first = await harness.runListSearch(TAVUS_TYPE, 'searchVideos', {
			credentials: bed.credentials(),
		});
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: 'Video 0 (v000000000)',
			value: 'v000000000',
			url: 'https://tavus.video/v000000000',
		});
		expect(first.paginationToken).toBe('1:100');
		const second = await harness.runListSearch(TAVUS_TYPE, 'searchVideos', {
			credentials: bed.credentials(),
			paginationToken: first.paginationToken,
		});
		expect(second.results).toHaveLength(21);
		expect(second.results).toContainEqual({
			name: 'Draft · generating (vgenerating1)',
			value: 'vgenerating1',
			url: 'https://tavus.video/vgenerating1',
		});
		expect(second.paginationToken).toBeUndefined();
		expect(bed.sent('GET', '/v2/videos').map((request) => request.query.page)).toEqual(['0', '1']);
		const filtered = await harness.runListSearch(TAVUS_TYPE, 'searchVideos', {
			credentials: bed.credentials(),
			filter: 'V000000007',
		});
		expect(filtered.results.map((result) => result.value)).toEqual(['v000000007']);
	});
});

describe('Video: bad input is refused before anything is sent', () => {
	const generateWith = (extra: IDataObject) => ({
		resource: 'video',
		operation: 'generate',
		replica: byId('r90bbd427f71'),
		script: 'Hi',
		...extra,
	});
	const rows: Array<[string, IDataObject, IDataObject, string]> = [
		[
			'script and audio both',
			generateWith({ audioUrl: '={{ $json.v }}' }),
			{ v: 'https://example.com/a.mp3' },
			'Script and Audio URL cannot be used together: set only one of them [item 0]',
		],
		[
			'neither script nor audio',
			generateWith({ script: '={{ $json.v }}' }),
			{ v: '   ' },
			'Script or Audio URL is required [item 0]',
		],
		[
			'no replica',
			generateWith({ replica: byId('={{ $json.v }}') }),
			{ v: '' },
			'Replica is required [item 0]',
		],
		[
			'a replica ID with a slash',
			generateWith({ replica: byId('={{ $json.v }}') }),
			{ v: 'r1/../x' },
			'Replica "r1/../x" is not a Tavus ID',
		],
		[
			'a malformed audio URL',
			generateWith({ script: '', audioUrl: '={{ $json.v }}' }),
			{ v: 'voice.mp3' },
			'Audio URL must be an http(s) URL, got the text "voice.mp3"',
		],
		[
			'a malformed callback URL',
			generateWith({ additionalFields: { callbackUrl: '={{ $json.v }}' } }),
			{ v: 'ftp://hooks.example.com' },
			'Additional Fields › Callback URL must be an http(s) URL',
		],
		[
			'a malformed background URL',
			generateWith({ additionalFields: { backgroundUrl: '={{ $json.v }}' } }),
			{ v: 'example.com' },
			'Additional Fields › Background Website URL must be an http(s) URL',
		],
		[
			'a malformed watermark URL',
			generateWith({ additionalFields: { watermarkImageUrl: '={{ $json.v }}' } }),
			{ v: 'logo.png' },
			'Additional Fields › Watermark Image URL must be an http(s) URL',
		],
		[
			'two backgrounds',
			generateWith({
				additionalFields: {
					backgroundUrl: 'https://example.com',
					backgroundSourceUrl: '={{ $json.v }}',
				},
			}),
			{ v: 'https://example.com/bg.mp4' },
			'Additional Fields › Background Website URL and Background Video URL cannot be used together',
		],
		[
			'transparent background without fast rendering',
			generateWith({ additionalFields: { transparentBackground: '={{ $json.v }}' } }),
			{ v: true },
			'Additional Fields › Transparent Background needs Fast Rendering on',
		],
		[
			'scrolling without a website',
			generateWith({ videoProperties: { backgroundScrollType: '={{ $json.v }}' } }),
			{ v: 'smooth' },
			'Background Scrolling › Scroll Type needs Additional Fields › Background Website URL',
		],
		[
			'an unknown scroll depth',
			generateWith({
				additionalFields: { backgroundUrl: 'https://example.com' },
				videoProperties: { backgroundScrollDepth: '={{ $json.v }}' },
			}),
			{ v: 'top' },
			'Background Scrolling › Scroll Depth must be one of "middle", "bottom", got the text "top"',
		],
		[
			'a non-boolean fast flag',
			generateWith({ additionalFields: { fast: '={{ $json.v }}' } }),
			{ v: 'quick' },
			'Additional Fields › Fast Rendering must be true or false',
		],
		[
			'extra body that is a list',
			generateWith({ additionalFields: { extraBody: '={{ $json.v }}' } }),
			{ v: '[1]' },
			'Additional Fields › Extra Body Fields (JSON) must be a JSON object, got an array',
		],
		[
			'a negative max wait',
			generateWith({ waitUntilReady: true, maxWait: '={{ $json.v }}', pollInterval: 1 }),
			{ v: -10 },
			'Max Wait (Seconds) must be greater than 0, got -10 [item 0]',
		],
		[
			'a zero max wait',
			generateWith({ waitUntilReady: true, maxWait: '={{ $json.v }}', pollInterval: 1 }),
			{ v: 0 },
			'Max Wait (Seconds) must be greater than 0, got 0 [item 0]',
		],
		[
			'a zero poll interval',
			generateWith({ waitUntilReady: true, maxWait: 60, pollInterval: '={{ $json.v }}' }),
			{ v: 0 },
			'Poll Interval (Seconds) must be at least 1, got 0 [item 0]',
		],
		[
			'a negative poll interval (Get)',
			{
				resource: 'video',
				operation: 'get',
				video: byId('v1'),
				waitUntilReady: true,
				maxWait: 60,
				pollInterval: '={{ $json.v }}',
			},
			{ v: -1 },
			'Poll Interval (Seconds) must be at least 1, got -1 [item 0]',
		],
		[
			'a max wait over an hour (Get)',
			{
				resource: 'video',
				operation: 'get',
				video: byId('v1'),
				waitUntilReady: true,
				maxWait: '={{ $json.v }}',
				pollInterval: 1,
			},
			{ v: 100000 },
			'Max Wait (Seconds) must be at most 3600, got 100000 [item 0]',
		],
		[
			'a video ID with a slash (Get)',
			{ resource: 'video', operation: 'get', video: byId('={{ $json.v }}') },
			{ v: 'v1/name' },
			'Video "v1/name" is not a Tavus ID',
		],
		[
			'an empty video ID (Delete)',
			{ resource: 'video', operation: 'delete', video: byId('={{ $json.v }}') },
			{ v: '' },
			'Video is required [item 0]',
		],
		[
			'a video ID with a query (Rename)',
			{ resource: 'video', operation: 'rename', video: byId('={{ $json.v }}'), newName: 'x' },
			{ v: 'v1?hard=true' },
			'Video "v1?hard=true" is not a Tavus ID',
		],
		[
			'an empty new name (Rename)',
			{ resource: 'video', operation: 'rename', video: byId('v1'), newName: '={{ $json.v }}' },
			{ v: '  ' },
			'New Name is required [item 0]',
		],
		[
			'a zero limit (Get Many)',
			{ resource: 'video', operation: 'getAll', limit: '={{ $json.v }}' },
			{ v: 0 },
			'Limit must be at least 1, got 0 [item 0]',
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

	it('names the right item when only a later item is bad, and sends the good ones before it', async () => {
		const { error } = await bed.run(
			{
				resource: 'video',
				operation: 'generate',
				replica: byId('r90bbd427f71'),
				script: '={{ $json.script }}',
				audioUrl: '={{ $json.audio }}',
			},
			[
				{ script: 'ok', audio: '' },
				{ script: 'both', audio: 'https://example.com/a.mp3' },
			],
		);
		expect(error?.message).toBe(
			'Script and Audio URL cannot be used together: set only one of them [item 1]',
		);
		expect(bed.sent('POST')).toHaveLength(1);
	});
});
