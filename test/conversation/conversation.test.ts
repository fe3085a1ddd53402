import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { harness, TAVUS_TYPE, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

async function createConversation(extra: Record<string, unknown> = {}) {
	const { items, error } = await bed.run({
		resource: 'conversation',
		operation: 'create',
		replica: byId('r90bbd427f71'),
		...extra,
	});
	if (error) throw error;
	return items[0].json;
}

describe('Conversation → Create', () => {
	it('sends every field and property and outputs conversation_url', async () => {
		bed.mock.seed({
			documents: [{ document_id: 'd8-5c71baca86fc', document_name: 'FAQ', status: 'ready' }],
		});
		const { items, error } = await bed.run({
			resource: 'conversation',
			operation: 'create',
			persona: byId('pcb7a34da5fe'),
			replica: { __rl: true, mode: 'list', value: 'r79e1c033f' },
			conversationName: 'Onboarding Ada',
			callbackUrl: 'https://n8n.example.com/webhook/tavus?token=abc',
			additionalFields: {
				conversationalContext: 'Ada signed up yesterday.',
				customGreeting: 'Hi Ada!',
				testMode: false,
				audioOnly: false,
				requireAuth: true,
				maxParticipants: 3,
				memoryStores: 'ada-42',
				documentIds: 'd8-5c71baca86fc',
				documentTags: 'faq',
				documentRetrievalStrategy: 'quality',
			},
			conversationProperties: {
				maxCallDuration: 600,
				participantLeftTimeout: 10,
				participantAbsentTimeout: 60,
				enableRecording: true,
				enableClosedCaptions: true,
				applyGreenscreen: false,
				language: 'spanish',
				recordingStorage:
					'{"provider": "s3", "bucket_name": "calls", "bucket_region": "us-east-1", "assume_role_arn": "arn:aws:iam::123:role/tavus"}',
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/conversations')[0].body).toStrictEqual({
			persona_id: 'pcb7a34da5fe',
			replica_id: 'r79e1c033f',
			conversation_name: 'Onboarding Ada',
			callback_url: 'https://n8n.example.com/webhook/tavus?token=abc',
			conversational_context: 'Ada signed up yesterday.',
			custom_greeting: 'Hi Ada!',
			test_mode: false,
			audio_only: false,
			require_auth: true,
			max_participants: 3,
			memory_stores: ['ada-42'],
			document_ids: ['d8-5c71baca86fc'],
			document_tags: ['faq'],
			document_retrieval_strategy: 'quality',
			properties: {
				max_call_duration: 600,
				participant_left_timeout: 10,
				participant_absent_timeout: 60,
				enable_recording: true,
				enable_closed_captions: true,
				apply_greenscreen: false,
				language: 'spanish',
				recording_storage: {
					provider: 's3',
					bucket_name: 'calls',
					bucket_region: 'us-east-1',
					assume_role_arn: 'arn:aws:iam::123:role/tavus',
				},
			},
		});
		const json = items[0].json;
		// The trigger's token in the callback URL is sent to Tavus but not passed on in the output.
		expect(json.callback_url).toBe('https://n8n.example.com/webhook/tavus?token=********');
		expect(json.conversation_url).toBe(`https://tavus.daily.co/${String(json.conversation_id)}`);
		expect(json.status).toBe('active');
		expect(typeof json.meeting_token).toBe('string');
	});

	it('needs a replica or a persona, checked before sending', async () => {
		const { error } = await bed.run({
			resource: 'conversation',
			operation: 'create',
			conversationName: 'x',
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Replica is required when no Persona is set [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});

	it.each([
		[
			{ callbackUrl: 'not a url' },
			'Callback URL must be an http(s) URL, got the text "not a url" [item 0]',
		],
		[{ callbackUrl: 'ftp://example.com/x' }, 'Callback URL must be an http(s) URL'],
		[
			{ additionalFields: { maxParticipants: 1 } },
			'Additional Fields › Max Participants must be at least 2, got 1 [item 0]',
		],
		[
			{ conversationProperties: { maxCallDuration: -5 } },
			'Properties › Max Call Duration (Seconds) must be at least 1, got -5',
		],
		[
			{ conversationProperties: { maxCallDuration: 12.5 } },
			'Properties › Max Call Duration (Seconds) must be a whole number, got 12.5',
		],
		[
			{ conversationProperties: { recordingStorage: '{"bucket_name": "x"}' } },
			'Properties › Recording Storage (JSON) needs "provider": one of s3, gcs, azure_blob',
		],
		[
			{ additionalFields: { documentRetrievalStrategy: 'fastest' } },
			'Additional Fields › Document Retrieval Strategy must be one of "speed", "balanced", "quality"',
		],
		[
			{ additionalFields: { memoryStores: '={{ [1, 2] }}' } },
			'Additional Fields › Memory Stores entry 1 must be text, got number 1',
		],
	])('refuses %j before sending', async (extra, message) => {
		const { error } = await bed.run({
			resource: 'conversation',
			operation: 'create',
			replica: byId('r90bbd427f71'),
			...extra,
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(bed.sent()).toHaveLength(0);
	});

	it("uses a persona's default replica when no replica is given", async () => {
		const { items, error } = await bed.run({
			resource: 'conversation',
			operation: 'create',
			persona: byId('pcb7a34da5fe'),
			additionalFields: { testMode: true },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({ persona_id: 'pcb7a34da5fe', test_mode: true });
		expect(items[0].json.status).toBe('ended');
	});

	it("reports Tavus's concurrency cap (400 with a message body)", async () => {
		bed.mock.maxConcurrentConversations = 0;
		const { error } = await bed.run({
			resource: 'conversation',
			operation: 'create',
			replica: byId('r90bbd427f71'),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: User has reached maximum concurrent conversations',
		);
	});
});

describe('Persona Create → Conversation Create in one workflow', () => {
	it('passes the new persona_id by expression', async () => {
		const run = await harness.runWorkflow({
			nodes: [
				{
					name: 'Create Persona',
					type: TAVUS_TYPE,
					parameters: {
						resource: 'persona',
						operation: 'create',
						personaName: '={{ $json.name }}',
						systemPrompt: 'Hi',
						defaultReplica: byId('r90bbd427f71'),
					},
				},
				{
					name: 'Start Conversation',
					type: TAVUS_TYPE,
					parameters: {
						resource: 'conversation',
						operation: 'create',
						persona: byId('={{ $json.persona_id }}'),
						conversationName: "={{ $('Create Persona').item.json.persona_name }} call",
						additionalFields: { testMode: true },
					},
				},
			],
			connections: {
				'Create Persona': { main: [[{ node: 'Start Conversation', type: 'main', index: 0 }]] },
			},
			inputItems: [{ name: 'Ada' }, { name: 'Grace' }],
			credentials: bed.credentials(),
		});
		expect(run.error).toBeUndefined();
		const personas = run.outputOf('Create Persona').map((item) => item.json.persona_id);
		const conversationBodies = bed.sent('POST', '/v2/conversations').map((request) => request.body);
		expect(conversationBodies).toStrictEqual([
			{ persona_id: personas[0], conversation_name: 'Ada call', test_mode: true },
			{ persona_id: personas[1], conversation_name: 'Grace call', test_mode: true },
		]);
		const conversations = run.outputOf('Start Conversation');
		expect(conversations).toHaveLength(2);
		expect(conversations.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(String(conversations[0].json.conversation_url)).toMatch(
			/^https:\/\/tavus\.daily\.co\/c/,
		);
	});
});

describe('Conversation → Get, Get Many, End, Delete', () => {
	it('gets one, with events when asked', async () => {
		const created = await createConversation();
		const plain = await bed.run({
			resource: 'conversation',
			operation: 'get',
			conversationId: created.conversation_id,
		});
		expect(plain.items[0].json).toMatchObject({
			conversation_id: created.conversation_id,
			status: 'active',
		});
		expect(plain.items[0].json.events).toBeUndefined();
		const verbose = await bed.run({
			resource: 'conversation',
			operation: 'get',
			conversationId: created.conversation_id,
			verbose: true,
		});
		expect(bed.sent('GET', '/v2/conversations/')[1].query).toEqual({ verbose: 'true' });
		expect(Array.isArray(verbose.items[0].json.events)).toBe(true);
	});

	it('lists with a status filter across pages', async () => {
		for (let index = 0; index < 12; index++)
			await createConversation({ additionalFields: { testMode: index % 2 === 0 } });
		bed.mock.clearRequests();
		const ended = await bed.run({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'ended' },
		});
		expect(ended.items).toHaveLength(6);
		expect(ended.items.every((item) => item.json.status === 'ended')).toBe(true);
		const limited = await bed.run({ resource: 'conversation', operation: 'getAll', limit: 4 });
		expect(limited.items).toHaveLength(4);
	});

	it('ends a conversation', async () => {
		const created = await createConversation();
		const { items } = await bed.run({
			resource: 'conversation',
			operation: 'end',
			conversationId: created.conversation_id,
		});
		expect(bed.sent('POST', /\/end$/)[0].path).toBe(
			`/v2/conversations/${String(created.conversation_id)}/end`,
		);
		expect(items[0].json).toStrictEqual({ ended: true, conversation_id: created.conversation_id });
		expect(bed.mock.state.conversations.get(String(created.conversation_id))?.status).toBe('ended');
	});

	it('deletes (soft and hard) with 204', async () => {
		const soft = await createConversation();
		const hard = await createConversation();
		const first = await bed.run({
			resource: 'conversation',
			operation: 'delete',
			conversationId: soft.conversation_id,
		});
		const second = await bed.run({
			resource: 'conversation',
			operation: 'delete',
			conversationId: hard.conversation_id,
			hardDelete: true,
		});
		const deletes = bed.sent('DELETE');
		expect(deletes.map((request) => [request.status, request.query])).toEqual([
			[204, {}],
			[204, { hard: 'true' }],
		]);
		expect(first.items[0].json).toStrictEqual({
			deleted: true,
			conversation_id: soft.conversation_id,
		});
		expect(second.items[0].json).toStrictEqual({
			deleted: true,
			conversation_id: hard.conversation_id,
			hard: true,
		});
	});

	it.each(['get', 'end', 'delete'])(
		"%s reports an unknown conversation with Tavus's 400",
		async (operation) => {
			const { error } = await bed.run({
				resource: 'conversation',
				operation,
				conversationId: 'cnothere',
			});
			expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid conversation_id');
		},
	);
});
