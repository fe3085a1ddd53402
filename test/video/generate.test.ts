import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { FAST_OPTIONS, useTestbed } from '../helpers/testbed';

const bed = useTestbed();

const anna = { __rl: true, mode: 'list', value: 'r90bbd427f71' };
const minimal = {
	resource: 'video',
	operation: 'generate',
	replica: anna,
	script: 'Hello from Tavus!',
};
/** Fast polling for tests: 20 ms between GETs, 5 s at most. */
const waitFast = { waitUntilReady: true, maxWait: 20, pollInterval: 1 };

describe('Video → Generate', () => {
	it('sends replica_id and script only, and outputs the queued video', async () => {
		const { items, error } = await bed.run(minimal);
		expect(error).toBeUndefined();
		const sent = bed.sent('POST', '/v2/videos');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toStrictEqual({ replica_id: 'r90bbd427f71', script: 'Hello from Tavus!' });
		expect(sent[0].status).toBe(200);
		expect(items).toHaveLength(1);
		expect(items[0].json).toStrictEqual({
			video_id: expect.stringMatching(/^[0-9a-f]{10}$/),
			video_name: null,
			status: 'queued',
			hosted_url: `https://tavus.video/${String(items[0].json.video_id)}`,
			created_at: expect.any(String),
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(bed.sent('GET')).toHaveLength(0);
	});

	it('sends every documented body field under its API name (extra body deep-merged last), accepted by the mock', async () => {
		const { items, error } = await bed.run({
			...minimal,
			replica: { __rl: true, mode: 'id', value: 'r79e1c033f' },
			script: '',
			audioUrl: 'https://bucket.example.com/voice.mp3',
			videoName: 'Welcome',
			additionalFields: {
				backgroundUrl: 'https://example.com/pricing',
				callbackUrl: 'https://hooks.example.com/tavus',
				fast: true,
				transparentBackground: true,
				watermarkImageUrl: 'https://bucket.example.com/logo.png',
				extraBody: '{"properties": {"background_scroll_return": "halt"}}',
			},
			videoProperties: {
				backgroundScroll: true,
				backgroundScrollType: 'smooth',
				backgroundScrollDepth: 'bottom',
				startWithWave: false,
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({
			replica_id: 'r79e1c033f',
			audio_url: 'https://bucket.example.com/voice.mp3',
			video_name: 'Welcome',
			background_url: 'https://example.com/pricing',
			callback_url: 'https://hooks.example.com/tavus',
			fast: true,
			transparent_background: true,
			watermark_image_url: 'https://bucket.example.com/logo.png',
			properties: {
				background_scroll: true,
				background_scroll_type: 'smooth',
				background_scroll_depth: 'bottom',
				background_scroll_return: 'halt',
				start_with_wave: false,
			},
		});
		expect(items[0].json).toMatchObject({ status: 'queued', video_name: 'Welcome' });
		const stored = bed.mock.state.videos.get(String(items[0].json.video_id));
		expect(stored).toMatchObject({
			audio_url: 'https://bucket.example.com/voice.mp3',
			fast: true,
			replica_id: 'r79e1c033f',
		});
	});

	it('sends a background video (background_source_url) and start_with_wave without a website', async () => {
		const { error } = await bed.run({
			...minimal,
			additionalFields: { backgroundSourceUrl: 'https://bucket.example.com/bg.mp4' },
			videoProperties: { startWithWave: true },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({
			replica_id: 'r90bbd427f71',
			script: 'Hello from Tavus!',
			background_source_url: 'https://bucket.example.com/bg.mp4',
			properties: { start_with_wave: true },
		});
	});

	it("reports Tavus's 400 for a replica that is still training", async () => {
		bed.mock.seed({
			replicas: [
				{
					replica_id: 'rtraining0001',
					replica_name: 'New',
					replica_type: 'user',
					status: 'started',
				},
			],
		});
		const { error } = await bed.run({
			...minimal,
			replica: { __rl: true, mode: 'id', value: 'rtraining0001' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: Replica rtraining0001 is not ready (status: started)',
		);
	});

	it('is not retried after a 503 (the video may have been created), but is after a 429', async () => {
		bed.mock.addFault({ method: 'POST', path: '/v2/videos', status: 503 });
		const unavailable = await bed.run(minimal);
		expect(unavailable.error).toBeInstanceOf(NodeApiError);
		expect(bed.sent('POST')).toHaveLength(1);
		bed.mock.clearRequests();
		bed.mock.addFault({ method: 'POST', path: '/v2/videos', status: 429 });
		const throttled = await bed.run(minimal);
		expect(throttled.error).toBeUndefined();
		expect(bed.sent('POST').map((request) => request.status)).toEqual([429, 200]);
	});
});

describe('Video → Generate with Wait Until Ready', () => {
	it('polls queued → generating → ready and outputs the ready video (verbose)', async () => {
		const { items, error } = await bed.run({ ...minimal, ...waitFast });
		expect(error).toBeUndefined();
		const videoId = String(items[0].json.video_id);
		const gets = bed.sent('GET', `/v2/videos/${videoId}`);
		expect(gets).toHaveLength(2);
		expect(gets.map((request) => request.query)).toEqual([
			{ verbose: 'true' },
			{ verbose: 'true' },
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toStrictEqual({
			video_id: videoId,
			video_name: null,
			status: 'ready',
			data: { script: 'Hello from Tavus!' },
			download_url: `https://cdn.tavus.invalid/videos/${videoId}.mp4`,
			stream_url: `https://stream.tavus.invalid/videos/${videoId}.m3u8`,
			hosted_url: `https://tavus.video/${videoId}`,
			status_details: 'Your video is ready.',
			created_at: expect.any(String),
			updated_at: expect.any(String),
			still_image_thumbnail_url: `https://cdn.tavus.invalid/videos/${videoId}.jpg`,
			gif_thumbnail_url: `https://cdn.tavus.invalid/videos/${videoId}.gif`,
		});
		// The POST answered 'queued', the first GET 'generating', the second 'ready'.
		expect(bed.mock.state.videos.get(videoId)?.status).toBe('ready');
	});

	it('waits the poll interval between GETs', async () => {
		bed.mock.configure({ videoReadyAfterGets: 3 });
		const { error } = await bed.run({
			...minimal,
			waitUntilReady: true,
			maxWait: 5,
			pollInterval: 1,
		});
		expect(error).toBeUndefined();
		const times = bed.sent().map((request) => Date.parse(request.time));
		expect(times).toHaveLength(4); // POST + 3 GETs
		for (let index = 1; index < times.length; index++) {
			expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(140);
		}
	});

	it("fails the item naming status_details when the video ends in 'error'", async () => {
		const { error } = await bed.run({ ...minimal, script: 'MOCK_FAIL please', ...waitFast });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(
			/^Video [0-9a-f]{10} ended in status 'error': Video generation failed \(MOCK_FAIL\)\. \[item 0\]$/,
		);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(bed.sent('GET')).toHaveLength(2);
	});

	it('with continueOnFail, outputs an error item paired to the failing input and keeps going', async () => {
		const { items, error } = await bed.run(
			{ ...minimal, script: '={{ $json.script }}', ...waitFast },
			[{ script: 'First' }, { script: 'MOCK_FAIL second' }, { script: 'Third' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ status: 'ready', data: { script: 'First' } });
		expect(items[1].json.error).toMatch(
			/ended in status 'error': Video generation failed \(MOCK_FAIL\)\. \[item 1\]$/,
		);
		expect(items[1].json.description).toContain('Tavus could not generate this video');
		expect(items[2].json).toMatchObject({ status: 'ready', data: { script: 'Third' } });
	});

	it('gives up after Max Wait with a clear time-out error (bounded and fast)', async () => {
		const started = Date.now();
		const { error } = await bed.run({
			...minimal,
			script: 'MOCK_NEVER finishes',
			waitUntilReady: true,
			maxWait: 2.5,
			pollInterval: 1,
		});
		const elapsed = Date.now() - started;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(
			/^Video [0-9a-f]{10} is still 'generating' after 2\.5 s, the maximum wait \[item 0\]$/,
		);
		expect((error as NodeOperationError).description).toContain('Raise Max Wait (Seconds)');
		expect(elapsed).toBeGreaterThanOrEqual(2500);
		// One poll per second of the wait (the last pause is cut to what is left): never more.
		const gets = bed.sent('GET').length;
		expect(gets).toBeGreaterThanOrEqual(2);
		expect(gets).toBeLessThanOrEqual(4);
	});

	it('keeps the video ID and last status in the error item when the wait gives up (continueOnFail)', async () => {
		const { items, error } = await bed.run(
			{
				...minimal,
				script: 'MOCK_NEVER finishes',
				waitUntilReady: true,
				maxWait: 0.2,
				pollInterval: 1,
			},
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		const [created] = bed.sent('POST', '/v2/videos');
		expect(created.status).toBe(200);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			video_id: expect.stringMatching(/^[0-9a-f]{10}$/),
			status: 'generating',
		});
		expect(String(items[0].json.error)).toContain(
			`Video ${String(items[0].json.video_id)} is still 'generating'`,
		);
		expect(bed.mock.state.videos.has(String(items[0].json.video_id))).toBe(true);
	});

	it('does not wait when Wait Until Ready is off, even with wait values set', async () => {
		const { items } = await bed.run({
			...minimal,
			waitUntilReady: false,
			maxWait: 0.01,
			pollInterval: 1,
		});
		expect(items[0].json.status).toBe('queued');
		expect(bed.sent('GET')).toHaveLength(0);
	});
});

describe('Video → Generate: 50 personalized videos', () => {
	const leads = Array.from({ length: 50 }, (_, index) => ({
		name: `Lead ${String(index).padStart(2, '0')}`,
		email: `lead${index}@example.com`,
	}));
	const personalized = {
		...minimal,
		script: '=Hi {{ $json.name }}, thanks for trying our product!',
		videoName: '=Welcome {{ $json.name }}',
	};

	it('sends 50 distinct POSTs with the right script and pairs 50 outputs in order', async () => {
		const { items, error } = await bed.run(
			{
				...personalized,
				options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 10, batchInterval: 0 } } },
			},
			leads,
		);
		expect(error).toBeUndefined();
		const scripts = bed
			.sent('POST', '/v2/videos')
			.map((request) => (request.body as { script: string }).script);
		expect(scripts).toHaveLength(50);
		expect(new Set(scripts).size).toBe(50);
		expect([...scripts].sort()).toEqual(
			leads.map((lead) => `Hi ${lead.name}, thanks for trying our product!`).sort(),
		);
		expect(items).toHaveLength(50);
		expect(items.map((item) => [item.json.video_name, item.pairedItem])).toEqual(
			leads.map((lead, index) => [`Welcome ${lead.name}`, { item: index }]),
		);
		expect(new Set(items.map((item) => item.json.video_id)).size).toBe(50);
	});

	it('with Wait Until Ready and batching, outputs the 50 ready videos paired to their inputs', async () => {
		const { items, error } = await bed.run(
			{
				...personalized,
				...waitFast,
				options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 10, batchInterval: 0 } } },
			},
			leads,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(50);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				status: 'ready',
				video_name: `Welcome ${leads[index].name}`,
				data: { script: `Hi ${leads[index].name}, thanks for trying our product!` },
				hosted_url: `https://tavus.video/${String(item.json.video_id)}`,
				download_url: expect.stringMatching(/\.mp4$/),
			});
		});
		expect(bed.sent('POST')).toHaveLength(50);
		expect(bed.sent('GET')).toHaveLength(100);
	});
});
