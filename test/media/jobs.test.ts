import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const VIDEO = 'https://bucket.example.com/video.mp4';
const AUDIO = 'https://bucket.example.com/audio.mp3';
const HOOK = 'https://hooks.example.com/tavus';

describe('Lipsync', () => {
	it('creates with the required URLs only', async () => {
		const { items, error } = await bed.run({
			resource: 'lipsync',
			operation: 'create',
			originalVideoUrl: VIDEO,
			sourceAudioUrl: AUDIO,
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/lipsync')[0].body).toStrictEqual({
			original_video_url: VIDEO,
			source_audio_url: AUDIO,
		});
		const id = String(items[0].json.lipsync_id);
		expect(items[0].json).toStrictEqual({
			lipsync_id: id,
			lipsync_name: null,
			status: 'started',
			callback_url: null,
			request_id: id,
			request_name: null,
		});
	});

	it('creates with name and callback, then gets, lists and deletes it', async () => {
		const created = await bed.run({
			resource: 'lipsync',
			operation: 'create',
			originalVideoUrl: VIDEO,
			sourceAudioUrl: AUDIO,
			additionalFields: { lipsyncName: 'Spanish dub', callbackUrl: HOOK },
		});
		expect(bed.sent('POST')[0].body).toStrictEqual({
			original_video_url: VIDEO,
			source_audio_url: AUDIO,
			lipsync_name: 'Spanish dub',
			callback_url: HOOK,
		});
		const id = String(created.items[0].json.lipsync_id);
		expect(created.items[0].json).toMatchObject({
			lipsync_name: 'Spanish dub',
			callback_url: HOOK,
			status: 'started',
		});

		const got = await bed.run({ resource: 'lipsync', operation: 'get', lipsyncId: id });
		expect(bed.sent('GET').at(-1)?.path).toBe(`/v2/lipsync/${id}`);
		expect(got.items[0].json).toMatchObject({
			lipsync_id: id,
			status: 'completed',
			video_url: `https://cdn.tavus.invalid/lipsync/${id}.mp4`,
		});

		const listed = await bed.run({ resource: 'lipsync', operation: 'getAll', returnAll: true });
		expect(listed.items.map((item) => item.json.lipsync_id)).toEqual([id]);
		expect(bed.sent('GET', '/v2/lipsync').at(-1)?.query).toEqual({ limit: '100', page: '1' });

		const deleted = await bed.run({ resource: 'lipsync', operation: 'delete', lipsyncId: id });
		expect(deleted.items[0].json).toStrictEqual({ deleted: true, lipsync_id: id });
		expect(bed.sent('DELETE')[0]).toMatchObject({
			path: `/v2/lipsync/${id}`,
			status: 204,
			query: {},
		});
		expect(bed.mock.state.lipsyncs.has(id)).toBe(false);
	});

	it('lists across 1-based pages with Limit', async () => {
		bed.mock.seed({
			lipsyncs: Array.from({ length: 12 }, (_, index) => ({
				lipsync_id: `w${String(index).padStart(12, '0')}`,
				lipsync_name: `L${index}`,
				status: 'completed',
			})),
		});
		const { items } = await bed.run({ resource: 'lipsync', operation: 'getAll', limit: 11 });
		expect(items).toHaveLength(11);
		expect(bed.sent('GET')[0].query).toEqual({ limit: '11', page: '1' });
	});

	it("reports an unknown lipsync with Tavus's 400", async () => {
		const { error } = await bed.run({
			resource: 'lipsync',
			operation: 'get',
			lipsyncId: 'wnothere',
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid lipsync_id');
	});
});

describe('Transcription', () => {
	it('creates with file URL and callback URL, then gets the text, lists and deletes', async () => {
		const created = await bed.run({
			resource: 'transcription',
			operation: 'create',
			fileUrl: VIDEO,
			callbackUrl: HOOK,
		});
		expect(created.error).toBeUndefined();
		expect(bed.sent('POST', '/v2/transcriptions')[0].body).toStrictEqual({
			file_url: VIDEO,
			callback_url: HOOK,
		});
		const id = String(created.items[0].json.transcription_id);
		expect(created.items[0].json).toStrictEqual({
			transcription_id: id,
			status: 'started',
			callback_url: HOOK,
		});

		const got = await bed.run({ resource: 'transcription', operation: 'get', transcriptionId: id });
		expect(got.items[0].json).toMatchObject({
			transcription_id: id,
			status: 'completed',
			file_url: VIDEO,
			text: 'Hello from the Tavus mock transcription.',
		});

		const listed = await bed.run({
			resource: 'transcription',
			operation: 'getAll',
			returnAll: true,
		});
		expect(listed.items.map((item) => item.json.transcription_id)).toEqual([id]);

		const deleted = await bed.run({
			resource: 'transcription',
			operation: 'delete',
			transcriptionId: id,
		});
		expect(deleted.items[0].json).toStrictEqual({ deleted: true, transcription_id: id });
		expect(bed.sent('DELETE')[0].path).toBe(`/v2/transcriptions/${id}`);
	});
});

describe('Replacement', () => {
	it('creates from a transcription and the edited transcript, then gets, lists and deletes', async () => {
		const transcription = await bed.run({
			resource: 'transcription',
			operation: 'create',
			fileUrl: VIDEO,
			callbackUrl: HOOK,
		});
		const transcriptionId = String(transcription.items[0].json.transcription_id);
		bed.mock.clearRequests();

		const created = await bed.run(
			{
				resource: 'replacement',
				operation: 'create',
				originalVideoUrl: VIDEO,
				newTranscript: '=Hello {{ $json.name }}, meet our new product!',
				transcriptionId: '={{ $json.transcription_id }}',
				additionalFields: { replacementName: 'For John', callbackUrl: HOOK },
			},
			[{ name: 'John', transcription_id: transcriptionId }],
		);
		expect(created.error).toBeUndefined();
		expect(bed.sent('POST', '/v2/replacements')[0].body).toStrictEqual({
			original_video_url: VIDEO,
			new_transcript: 'Hello John, meet our new product!',
			transcription_id: transcriptionId,
			replacement_name: 'For John',
			callback_url: HOOK,
		});
		const id = String(created.items[0].json.replacement_id);
		expect(created.items[0].json).toStrictEqual({
			replacement_id: id,
			status: 'started',
			created_at: expect.any(String),
		});

		const got = await bed.run({ resource: 'replacement', operation: 'get', replacementId: id });
		expect(got.items[0].json).toMatchObject({
			replacement_id: id,
			replacement_name: 'For John',
			status: 'completed',
		});
		const listed = await bed.run({ resource: 'replacement', operation: 'getAll', limit: 5 });
		expect(listed.items.map((item) => item.json.replacement_id)).toEqual([id]);
		const deleted = await bed.run({
			resource: 'replacement',
			operation: 'delete',
			replacementId: id,
		});
		expect(deleted.items[0].json).toStrictEqual({ deleted: true, replacement_id: id });
		expect(bed.mock.state.replacements.has(id)).toBe(false);
	});

	it('creates without a transcription ID (it is optional)', async () => {
		const { error } = await bed.run({
			resource: 'replacement',
			operation: 'create',
			originalVideoUrl: VIDEO,
			newTranscript: 'Hi',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({
			original_video_url: VIDEO,
			new_transcript: 'Hi',
		});
	});

	it("reports Tavus's 400 for an unknown transcription", async () => {
		const { error } = await bed.run({
			resource: 'replacement',
			operation: 'create',
			originalVideoUrl: VIDEO,
			newTranscript: 'Hi',
			transcriptionId: 'tnothere',
		});
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid transcription_id');
	});
});

describe('Lipsync, Replacement, Transcription: bad input is refused before anything is sent', () => {
	const rows: Array<[string, IDataObject, IDataObject, string]> = [
		[
			'lipsync without a video',
			{
				resource: 'lipsync',
				operation: 'create',
				originalVideoUrl: '={{ $json.v }}',
				sourceAudioUrl: AUDIO,
			},
			{ v: '' },
			'Original Video URL is required [item 0]',
		],
		[
			'lipsync without audio',
			{
				resource: 'lipsync',
				operation: 'create',
				originalVideoUrl: VIDEO,
				sourceAudioUrl: '={{ $json.v }}',
			},
			{ v: ' ' },
			'Source Audio URL is required [item 0]',
		],
		[
			'lipsync with a malformed audio URL',
			{
				resource: 'lipsync',
				operation: 'create',
				originalVideoUrl: VIDEO,
				sourceAudioUrl: '={{ $json.v }}',
			},
			{ v: 'audio.mp3' },
			'Source Audio URL must be an http(s) URL, got the text "audio.mp3"',
		],
		[
			'lipsync with a malformed callback URL',
			{
				resource: 'lipsync',
				operation: 'create',
				originalVideoUrl: VIDEO,
				sourceAudioUrl: AUDIO,
				additionalFields: { callbackUrl: '={{ $json.v }}' },
			},
			{ v: 'nope' },
			'Additional Fields › Callback URL must be an http(s) URL',
		],
		[
			'a lipsync ID with a slash',
			{ resource: 'lipsync', operation: 'get', lipsyncId: '={{ $json.v }}' },
			{ v: 'w1/../x' },
			'Lipsync ID "w1/../x" is not a Tavus ID',
		],
		[
			'an empty lipsync ID (Delete)',
			{ resource: 'lipsync', operation: 'delete', lipsyncId: '={{ $json.v }}' },
			{ v: '' },
			'Lipsync ID is required [item 0]',
		],
		[
			'transcription without a callback URL',
			{
				resource: 'transcription',
				operation: 'create',
				fileUrl: VIDEO,
				callbackUrl: '={{ $json.v }}',
			},
			{ v: '' },
			'Callback URL is required [item 0]',
		],
		[
			'transcription with a malformed file URL',
			{
				resource: 'transcription',
				operation: 'create',
				fileUrl: '={{ $json.v }}',
				callbackUrl: HOOK,
			},
			{ v: 'file:///tmp/v.mp4' },
			'File URL must be an http(s) URL',
		],
		[
			'a transcription ID with spaces',
			{ resource: 'transcription', operation: 'get', transcriptionId: '={{ $json.v }}' },
			{ v: 't 1' },
			'Transcription ID "t 1" is not a Tavus ID',
		],
		[
			'replacement without a transcript',
			{
				resource: 'replacement',
				operation: 'create',
				originalVideoUrl: VIDEO,
				newTranscript: '={{ $json.v }}',
			},
			{ v: '' },
			'New Transcript is required [item 0]',
		],
		[
			'replacement with a bad transcription ID',
			{
				resource: 'replacement',
				operation: 'create',
				originalVideoUrl: VIDEO,
				newTranscript: 'Hi',
				transcriptionId: '={{ $json.v }}',
			},
			{ v: 't1?x' },
			'Transcription ID "t1?x" is not a Tavus ID',
		],
		[
			'a replacement ID with a dot (Delete)',
			{ resource: 'replacement', operation: 'delete', replacementId: '={{ $json.v }}' },
			{ v: 'w1.json' },
			'Replacement ID "w1.json" is not a Tavus ID',
		],
	];

	it.each(rows)('%s', async (_label, parameters, input, message) => {
		const { error } = await bed.run(parameters, [input]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(bed.mock.requests).toHaveLength(0);
	});
});
