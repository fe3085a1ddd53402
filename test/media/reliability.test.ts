import { type IDataObject, NodeApiError } from 'n8n-workflow';
import { getLogText } from '../harness/engine';
import { API_KEY, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const VIDEO = 'https://bucket.example.com/video.mp4';

/** Every operation this package adds for media, in a form that succeeds against the mock. */
function operations(ids: {
	video: string;
	replica: string;
	lipsync: string;
	replacement: string;
	transcription: string;
}): Array<[string, IDataObject]> {
	return [
		[
			'video generate',
			{ resource: 'video', operation: 'generate', replica: byId('r90bbd427f71'), script: 'Hi' },
		],
		[
			'video generate (wait)',
			{
				resource: 'video',
				operation: 'generate',
				replica: byId('r90bbd427f71'),
				script: 'Hi',
				waitUntilReady: true,
				maxWait: 20,
				pollInterval: 1,
			},
		],
		['video get', { resource: 'video', operation: 'get', video: byId(ids.video), verbose: true }],
		['video getAll', { resource: 'video', operation: 'getAll', returnAll: true }],
		[
			'video rename',
			{ resource: 'video', operation: 'rename', video: byId(ids.video), newName: 'New' },
		],
		['video delete', { resource: 'video', operation: 'delete', video: byId(ids.video) }],
		['replica create', { resource: 'replica', operation: 'create', trainVideoUrl: VIDEO }],
		[
			'replica rename',
			{ resource: 'replica', operation: 'rename', replica: byId(ids.replica), newName: 'New' },
		],
		['replica delete', { resource: 'replica', operation: 'delete', replica: byId(ids.replica) }],
		['voice getAll', { resource: 'voice', operation: 'getAll', returnAll: true }],
		[
			'lipsync create',
			{ resource: 'lipsync', operation: 'create', originalVideoUrl: VIDEO, sourceAudioUrl: VIDEO },
		],
		['lipsync get', { resource: 'lipsync', operation: 'get', lipsyncId: ids.lipsync }],
		['lipsync getAll', { resource: 'lipsync', operation: 'getAll', limit: 5 }],
		['lipsync delete', { resource: 'lipsync', operation: 'delete', lipsyncId: ids.lipsync }],
		[
			'replacement create',
			{
				resource: 'replacement',
				operation: 'create',
				originalVideoUrl: VIDEO,
				newTranscript: 'Hi',
			},
		],
		[
			'replacement get',
			{ resource: 'replacement', operation: 'get', replacementId: ids.replacement },
		],
		['replacement getAll', { resource: 'replacement', operation: 'getAll', returnAll: true }],
		[
			'replacement delete',
			{ resource: 'replacement', operation: 'delete', replacementId: ids.replacement },
		],
		[
			'transcription create',
			{ resource: 'transcription', operation: 'create', fileUrl: VIDEO, callbackUrl: VIDEO },
		],
		[
			'transcription get',
			{ resource: 'transcription', operation: 'get', transcriptionId: ids.transcription },
		],
		['transcription getAll', { resource: 'transcription', operation: 'getAll', returnAll: true }],
		[
			'transcription delete',
			{ resource: 'transcription', operation: 'delete', transcriptionId: ids.transcription },
		],
	];
}

function seedAll() {
	const seeded = bed.mock.seed({
		videos: [{ video_id: 'v0000000001', video_name: 'Seeded', status: 'ready' }],
		replicas: [
			{
				replica_id: 'rmine0000001',
				replica_name: 'Mine',
				replica_type: 'user',
				status: 'completed',
			},
		],
		lipsyncs: [{ lipsync_id: 'w000000000001', status: 'started' }],
		replacements: [{ replacement_id: 'w000000000002', status: 'started' }],
		transcriptions: [{ transcription_id: 't000000000001', status: 'started' }],
	});
	expect(seeded.videos).toEqual(['v0000000001']);
	return {
		video: 'v0000000001',
		replica: 'rmine0000001',
		lipsync: 'w000000000001',
		replacement: 'w000000000002',
		transcription: 't000000000001',
	};
}

describe('media operations: the API key never reaches output, errors or logs', () => {
	it('for every operation, in success and in failure', async () => {
		for (const mode of ['success', 'rejected', 'server error', 'network'] as const) {
			for (const [name, parameters] of operations(seedAll())) {
				bed.mock.reset();
				seedAll();
				if (mode === 'rejected')
					bed.mock.addFault({
						status: 400,
						body: { error: `Invalid api_key ${API_KEY}` },
						times: 'Infinity',
					});
				if (mode === 'server error')
					bed.mock.addFault({ kind: 'html', status: 502, times: 'Infinity' });
				if (mode === 'network') bed.mock.addFault({ kind: 'reset', times: 'Infinity' });
				for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
					const run = await bed.run(parameters, [{}], { onError });
					const label = `${name} (${mode}, ${onError})`;
					if (mode === 'success') expect([label, run.error?.message]).toEqual([label, undefined]);
					else if (onError === 'stopWorkflow')
						expect([label, run.error]).toEqual([label, expect.any(NodeApiError)]);
					else expect([label, typeof run.items[0]?.json.error]).toEqual([label, 'string']);
					const text = JSON.stringify([
						run.run.data.resultData,
						run.error?.message,
						(run.error as NodeApiError | undefined)?.description,
					]);
					expect([label, text.includes(API_KEY)]).toEqual([label, false]);
				}
			}
		}
		expect(getLogText()).not.toContain(API_KEY);
	});
});

describe('media operations: retries', () => {
	it('a poll that meets a 503 is retried (GETs are safe to repeat) and the wait goes on', async () => {
		bed.mock.addFault({ method: 'GET', path: '/v2/videos/', status: 503 });
		const { items, error } = await bed.run({
			resource: 'video',
			operation: 'generate',
			replica: byId('r90bbd427f71'),
			script: 'Hi',
			waitUntilReady: true,
			maxWait: 20,
			pollInterval: 1,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('ready');
		expect(bed.sent('GET').map((request) => request.status)).toEqual([503, 200, 200]);
	});

	it('a poll that keeps failing ends the item with the API error, not a time-out', async () => {
		bed.mock.addFault({
			method: 'GET',
			path: '/v2/videos/',
			status: 401,
			body: { message: 'Invalid access token' },
			times: 'Infinity',
		});
		const { error } = await bed.run({
			resource: 'video',
			operation: 'generate',
			replica: byId('r90bbd427f71'),
			script: 'Hi',
			waitUntilReady: true,
			maxWait: 20,
			pollInterval: 1,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 401 Unauthorized: Invalid access token');
		expect(bed.sent('POST')).toHaveLength(1);
	});

	it('a replica create is not repeated after a connection reset (it may exist already)', async () => {
		bed.mock.addFault({ method: 'POST', path: '/v2/faces', kind: 'reset' });
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: VIDEO,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).description).toContain('was not repeated automatically');
		expect(bed.sent('POST')).toHaveLength(1);
	});

	it('a delete is retried after a 503', async () => {
		const ids = seedAll();
		bed.mock.addFault({ method: 'DELETE', status: 503 });
		const { error } = await bed.run({
			resource: 'transcription',
			operation: 'delete',
			transcriptionId: ids.transcription,
		});
		expect(error).toBeUndefined();
		expect(bed.sent('DELETE').map((request) => request.status)).toEqual([503, 204]);
	});
});
