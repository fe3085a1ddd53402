import type { INodeParameters } from 'n8n-workflow';
import { TavusTrigger } from '../../nodes/TavusTrigger/TavusTrigger.node';
import { createHarness, nodeType } from '../harness/engine';
import { callbacks } from '../fixtures/callbacks';

const TYPE = nodeType('tavusTrigger');
const harness = createHarness({
	nodeTypes: { [TYPE]: new TavusTrigger() },
});

async function post(
	body: unknown,
	parameters: INodeParameters = {},
	query: Record<string, string> = {},
) {
	return await harness.runWebhook(TYPE, parameters, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		query,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

describe('Tavus Trigger', () => {
	it.each([
		['replicaJoined', 'system.replica_joined'],
		['shutdown', 'system.shutdown'],
		['transcriptionReady', 'application.transcription_ready'],
		['recordingReady', 'application.recording_ready'],
		['recordingCopyFailed', 'application.recording_copy_failed'],
		['perceptionAnalysis', 'application.perception_analysis'],
		['guardrailTriggered', 'guardrail.triggered'],
		['objectiveCompleted', 'objective.completed'],
		['replicaTrainingReady', 'replica.training_completed'],
		['replicaTrainingError', 'replica.training_failed'],
		['videoReady', 'video.ready'],
		['videoError', 'video.failed'],
		['postCallActionExecuted', 'application.post_call_action_executed'],
		['perceptionUnavailable', 'application.perception_unavailable'],
		['canvasInteraction', 'canvas.interaction'],
	] as const)('starts the workflow for %s with event %s', async (name, event) => {
		const result = await post(callbacks[name]);
		expect(result.responseCode).toBe(200);
		expect(result.responseBody).toEqual({ received: true });
		expect(result.workflowStarted).toBe(true);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ ...callbacks[name], event });
	});

	it.each([
		[{ document_id: 'd8-5c71baca86fc', status: 'ready', document_name: 'FAQ' }, 'document.status'],
		[
			{ transcription_id: 't0108f2d24k2a', status: 'completed', text: 'Hello' },
			'transcription.completed',
		],
		[{ transcription_id: 't0108f2d24k2a', status: 'error' }, 'transcription.failed'],
	])('recognises %j as %s', async (body, event) => {
		const result = await post(body);
		expect(result.responseCode).toBe(200);
		expect(result.items[0].json).toMatchObject({ ...body, event });
	});

	it('never passes on the secret token carried in webhook_url', async () => {
		const result = await post(
			{
				...callbacks.shutdown,
				webhook_url: 'https://n8n.example.com/webhook/x/tavus?token=s3cret-token&a=1',
			},
			{ secretToken: 's3cret-token' },
			{ token: 's3cret-token' },
		);
		expect(result.items[0].json.webhook_url).toBe(
			'https://n8n.example.com/webhook/x/tavus?token=********&a=1',
		);
		expect(JSON.stringify(result.items)).not.toContain('s3cret-token');
	});

	it('renders the transcript as turns and as text, without the system prompt', async () => {
		const { items } = await post(callbacks.transcriptionReady);
		const json = items[0].json;
		expect(json.conversation_id).toBe('c123456');
		expect(json.transcript).toEqual(callbacks.transcriptionReady.properties.transcript);
		expect(json.transcript_text).toBe(
			'user: Hi, I need help with my goals.\nassistant: Happy to help! What is on your mind?',
		);
	});

	it('reads the shutdown reason from shutdown_reason or reason', async () => {
		expect((await post(callbacks.shutdown)).items[0].json.shutdown_reason).toBe(
			'participant_left_timeout',
		);
		expect((await post(callbacks.shutdownWithReasonKey)).items[0].json.shutdown_reason).toBe(
			'max_call_duration reached',
		);
	});

	it('surfaces recording, analysis, guardrail and video fields', async () => {
		expect((await post(callbacks.recordingReady)).items[0].json.recording).toEqual(
			callbacks.recordingReady.properties,
		);
		expect((await post(callbacks.perceptionAnalysis)).items[0].json.analysis).toBe(
			'## Summary\nThe user smiled often.',
		);
		const guardrail = (await post(callbacks.guardrailTriggered)).items[0].json;
		expect(guardrail).toMatchObject({
			guardrail: 'no_medical_advice',
			guardrail_uuid: 'g1234567890ab',
		});
		const video = (await post(callbacks.videoReady)).items[0].json;
		expect(video).toMatchObject({
			hosted_url: 'https://videos.tavus.io/video/783b1b1b2a',
			download_url: 'https://cdn.tavus.io/783b1b1b2a.mp4',
		});
	});

	it('passes PAL Joined on like Replica Joined, but only when selected (Tavus sends both)', async () => {
		const off = await post(callbacks.palJoined);
		expect(off.responseBody).toEqual({ received: true, ignored: true });
		expect(off.workflowStarted).toBe(false);
		const on = await post(callbacks.palJoined, { events: ['system.pal_joined'] });
		expect(on.workflowStarted).toBe(true);
		expect(on.items[0].json).toEqual({
			...callbacks.palJoined,
			event: 'system.pal_joined',
			replica_id: 'r79e1c033f',
		});
		const legacy = await post(callbacks.replicaJoined, { events: ['system.pal_joined'] });
		expect(legacy.workflowStarted).toBe(false);
		const face = await post(
			{ ...callbacks.palJoined, properties: { face_id: 'f79e1c033f', pal_id: 'p5317866' } },
			{ events: ['system.pal_joined'] },
		);
		expect(face.items[0].json).toMatchObject({ face_id: 'f79e1c033f', pal_id: 'p5317866' });
	});

	it('surfaces a post-call action and masks the secrets of its request and response', async () => {
		const { items } = await post(callbacks.postCallActionExecuted);
		expect(items[0].json).toMatchObject({
			tool_name: 'post_summary_to_slack',
			status: 'success',
			request: callbacks.postCallActionExecuted.properties.request,
			response: { status_code: 200, body: { ok: true } },
		});
		const bearer = ['xoxb', '1234', 'abcd'].join('-');
		const withAuth = await post({
			...callbacks.postCallActionExecuted,
			properties: {
				tool_name: 'crm_update',
				status: 'error',
				request: {
					url: 'https://crm.example.com/notes?api_key=k-123456',
					headers: {
						Authorization: `Bearer ${bearer}`,
						'X-Api-Key': 'k-123456',
						'Content-Type': 'application/json',
					},
					body: '{"note": "hi"}',
				},
				response: { access_token: 'tok-abcdef', status_code: 401, error: 'Unauthorized' },
			},
		});
		const json = withAuth.items[0].json;
		expect(json.request).toEqual({
			url: 'https://crm.example.com/notes?api_key=********',
			headers: {
				Authorization: '********',
				'X-Api-Key': '********',
				'Content-Type': 'application/json',
			},
			body: '{"note": "hi"}',
		});
		expect(json.response).toEqual({
			access_token: '********',
			status_code: 401,
			error: 'Unauthorized',
		});
		const text = JSON.stringify(withAuth.items);
		for (const secret of [bearer, 'k-123456', 'tok-abcdef']) expect(text).not.toContain(secret);
		// Any header name (a tool's api_key auth may use X-Acme-Key), header lists, JSON text bodies.
		const shapes = await post({
			...callbacks.postCallActionExecuted,
			properties: {
				tool_name: 'crm_update',
				status: 'success',
				request: {
					headers: { 'X-Acme-Key': 'acme-777777', Accept: 'application/json' },
					body: '{"client_secret": "cs-888888", "note": "hi"}',
				},
				response: {
					headers: [
						{ name: 'X-API-Key', value: 'hk-999999' },
						{ name: 'Content-Type', value: 'application/json' },
					],
					body: '{"access_token":"at-555555","expires_in":3600}',
				},
			},
		});
		const shaped = shapes.items[0].json;
		expect(shaped.request).toEqual({
			headers: { 'X-Acme-Key': '********', Accept: 'application/json' },
			body: '{"client_secret":"********","note":"hi"}',
		});
		expect(shaped.response).toEqual({
			headers: [
				{ name: 'X-API-Key', value: '********' },
				{ name: 'Content-Type', value: 'application/json' },
			],
			body: '{"access_token":"********","expires_in":3600}',
		});
		const shapesText = JSON.stringify(shapes.items);
		for (const secret of ['acme-777777', 'cs-888888', 'hk-999999', 'at-555555'])
			expect(shapesText).not.toContain(secret);
		// A request given as text (shape not documented) keeps its words, not its key.
		const asText = await post({
			...callbacks.postCallActionExecuted,
			properties: {
				tool_name: 'x',
				request: `POST https://a.example.com/?token=t-99 Authorization: Bearer ${bearer}`,
			},
		});
		expect(asText.items[0].json.request).toBe(
			'POST https://a.example.com/?token=******** Authorization: Bearer ********',
		);
		// Missing properties are null, not absent.
		const bare = await post({ ...callbacks.postCallActionExecuted, properties: {} });
		expect(bare.items[0].json).toMatchObject({
			tool_name: null,
			status: null,
			request: null,
			response: null,
		});
	});

	it('surfaces the perception-unavailable reason and the canvas interaction', async () => {
		expect((await post(callbacks.perceptionUnavailable)).items[0].json.reason).toBe(
			'no_vision_history',
		);
		const canvas = (await post(callbacks.canvasInteraction)).items[0].json;
		expect(canvas.interaction).toEqual(callbacks.canvasInteraction.properties);
		expect(canvas.conversation_id).toBe('c123456');
	});

	it('filters the new events like the others', async () => {
		const ignored = await post(callbacks.postCallActionExecuted, {
			events: ['canvas.interaction'],
		});
		expect(ignored.workflowStarted).toBe(false);
		const other = await post(
			{ ...callbacks.canvasInteraction, conversation_id: 'c999' },
			{ events: ['canvas.interaction'], conversationId: 'c123456' },
		);
		expect(other.workflowStarted).toBe(false);
		const same = await post(callbacks.canvasInteraction, {
			events: ['canvas.interaction'],
			conversationId: 'c123456',
		});
		expect(same.workflowStarted).toBe(true);
	});

	it('acknowledges unselected events with 200 and starts nothing', async () => {
		const result = await post(callbacks.shutdown, { events: ['application.transcription_ready'] });
		expect(result.responseCode).toBe(200);
		expect(result.responseBody).toEqual({ received: true, ignored: true });
		expect(result.workflowStarted).toBe(false);
		expect(result.items).toHaveLength(0);
	});

	it('filters by conversation ID', async () => {
		const other = await post(
			{ ...callbacks.shutdown, conversation_id: 'c999' },
			{ conversationId: 'c123456' },
		);
		expect(other.responseCode).toBe(200);
		expect(other.workflowStarted).toBe(false);
		const same = await post(callbacks.shutdown, { conversationId: 'c123456' });
		expect(same.workflowStarted).toBe(true);
	});

	it('refuses calls without the secret token with 401 and starts nothing', async () => {
		const parameters = { secretToken: 's3cret-token' };
		const missing = await post(callbacks.shutdown, parameters);
		expect(missing.responseCode).toBe(401);
		expect(missing.workflowStarted).toBe(false);
		const wrong = await post(callbacks.shutdown, parameters, { token: 's3cret-tokem' });
		expect(wrong.responseCode).toBe(401);
		expect(wrong.workflowStarted).toBe(false);
		expect(JSON.stringify(wrong.responseBody)).not.toContain('s3cret');
		const right = await post(callbacks.shutdown, parameters, { token: 's3cret-token' });
		expect(right.responseCode).toBe(200);
		expect(right.workflowStarted).toBe(true);
	});

	it.each([
		['a JSON body without event_type', { hello: 'world' }],
		['a JSON array', [callbacks.shutdown]],
		['an empty object', {}],
	])('answers 400 to %s and starts nothing', async (_label, body) => {
		const result = await post(body);
		expect(result.responseCode).toBe(400);
		expect(result.workflowStarted).toBe(false);
	});

	it("answers 400 (or n8n's own 422) to a body that is not JSON and starts nothing", async () => {
		const result = await harness.runWebhook(
			TYPE,
			{},
			{
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: 'event_type=system.shutdown',
			},
		);
		expect([400, 422]).toContain(result.responseCode);
		expect(result.workflowStarted).toBe(false);
		const broken = await post('{"event_type": "system.shutdown"');
		expect([400, 422]).toContain(broken.responseCode);
		expect(broken.workflowStarted).toBe(false);
	});
});
