import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { lifeCoachNodeParameters, seedExpectedBody } from '../fixtures/seed';
import { API_KEY, harness, useTestbed, WRONG_KEY } from '../helpers/testbed';

const bed = useTestbed();

const minimal = {
	resource: 'persona',
	operation: 'create',
	personaName: 'Coach',
	systemPrompt: 'Be kind.',
};

describe('Persona → Create through the real engine', () => {
	it("sends exactly the seed document's body from UI fields, with the API key header", async () => {
		const { items, error } = await bed.run(lifeCoachNodeParameters());
		expect(error).toBeUndefined();
		const sent = bed.sent('POST', '/v2/personas');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toStrictEqual(seedExpectedBody());
		expect(sent[0].headers['x-api-key']).toBe(API_KEY);
		expect(sent[0].headers['content-type']).toMatch(/^application\/json/);
		expect(sent[0].status).toBe(200);
		expect(items).toHaveLength(1);
		expect(items[0].json).toStrictEqual({
			persona_id: expect.stringMatching(/^p[0-9a-f]{12}$/),
			persona_name: 'Life Coach',
			created_at: expect.any(String),
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(bed.mock.state.personas.get(String(items[0].json.persona_id))).toMatchObject(
			seedExpectedBody(),
		);
	});

	it('creates an echo persona without a system prompt', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'Echo',
			pipelineMode: 'echo',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({ persona_name: 'Echo', pipeline_mode: 'echo' });
		expect(items[0].json.persona_name).toBe('Echo');
	});

	it('refuses a full persona without a system prompt before sending anything', async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'No prompt',
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('System Prompt is required when Pipeline Mode is Full [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});

	it('leaves out empty layers and empty fields', async () => {
		await bed.run({
			...minimal,
			llmLayer: {},
			ttsLayer: { externalVoiceId: '', voiceEmotions: [] },
			perceptionLayer: { visualTools: '[]' },
			sttLayer: { hotwords: '   ' },
			conversationalFlowLayer: {},
			additionalFields: { documentIds: '', extraBody: '{}' },
		});
		expect(bed.sent('POST')[0].body).toStrictEqual({
			persona_name: 'Coach',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
		});
	});

	it('sends every layer field under its API name, accepted by the mock as Tavus validates', async () => {
		bed.mock.seed({
			documents: [{ document_id: 'd8-5c71baca86fc', document_name: 'FAQ', status: 'ready' }],
			objectives: [
				{
					objectives_id: 'o12345',
					data: [{ objective_name: 'greet', objective_prompt: 'Say hi' }],
				},
			],
			guardrailSets: [
				{
					guardrails_id: 'g12345',
					data: [{ guardrail_name: 'safe', guardrail_prompt: 'Be safe' }],
				},
			],
			guardrails: [
				{
					uuid: 'g1234567890ab',
					guardrail_name: 'no_medical_advice',
					guardrail_prompt: 'No advice',
				},
			],
			pronunciationDictionaries: [
				{ pronunciation_dictionary_id: 'pd_abc123def456', name: 'Brand', rules: [] },
			],
		});
		const tool = {
			type: 'function',
			function: {
				name: 'notify_user',
				description: 'Notify',
				parameters: { type: 'object', properties: {} },
			},
		};
		const { error } = await bed.run({
			...minimal,
			defaultReplica: { __rl: true, mode: 'list', value: 'r90bbd427f71' },
			llmLayer: {
				model: 'tavus-gpt-oss',
				speculativeInference: true,
				tools: JSON.stringify([tool]),
				extraBody: '{"temperature": 0.3}',
			},
			ttsLayer: {
				ttsEngine: 'elevenlabs',
				externalVoiceId: 'voice-1',
				ttsModelName: 'eleven_turbo_v2_5',
				ttsEmotionControl: true,
				voiceSpeed: '1.1',
				voiceSettings: '{"stability": 0.5, "similarity_boost": 0.75}',
				pronunciationDictionaryId: 'pd_abc123def456',
			},
			perceptionLayer: {
				perceptionModel: 'raven-1',
				visualAwarenessQueries: ['Is the user smiling?'],
				visualToolPrompt: 'Call notify_user when the user smiles.',
				visualTools: [tool],
				audioAwarenessQueries: ['Does the user sound tired?'],
				audioToolPrompt: 'Call notify_user when tired.',
				audioTools: JSON.stringify([tool]),
				perceptionAnalysisQueries: ['Was the user engaged?'],
			},
			sttLayer: { sttEngine: 'tavus-auto', hotwords: 'Tavus, n8n' },
			conversationalFlowLayer: {
				turnDetectionModel: 'sparrow-1',
				turnTakingPatience: 'low',
				replicaInterruptibility: 'high',
				voiceIsolation: 'near',
				wakePhrase: 'Hey coach',
				idleEngagement: 'eager',
			},
			additionalFields: {
				documentIds: 'd8-5c71baca86fc',
				documentTags: 'faq, onboarding',
				objectivesId: 'o12345',
				guardrailsId: 'g12345',
				guardrailIds: 'g1234567890ab',
				guardrailTags: 'safety',
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({
			persona_name: 'Coach',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
			default_replica_id: 'r90bbd427f71',
			document_ids: ['d8-5c71baca86fc'],
			document_tags: ['faq', 'onboarding'],
			objectives_id: 'o12345',
			guardrails_id: 'g12345',
			guardrail_ids: ['g1234567890ab'],
			guardrail_tags: ['safety'],
			layers: {
				llm: {
					model: 'tavus-gpt-oss',
					speculative_inference: true,
					tools: [tool],
					extra_body: { temperature: 0.3 },
				},
				tts: {
					tts_engine: 'elevenlabs',
					external_voice_id: 'voice-1',
					tts_model_name: 'eleven_turbo_v2_5',
					tts_emotion_control: true,
					voice_settings: { speed: 1.1, stability: 0.5, similarity_boost: 0.75 },
					pronunciation_dictionary_id: 'pd_abc123def456',
				},
				perception: {
					perception_model: 'raven-1',
					visual_awareness_queries: ['Is the user smiling?'],
					visual_tool_prompt: 'Call notify_user when the user smiles.',
					visual_tools: [tool],
					audio_awareness_queries: ['Does the user sound tired?'],
					audio_tool_prompt: 'Call notify_user when tired.',
					audio_tools: [tool],
					perception_analysis_queries: ['Was the user engaged?'],
				},
				stt: { stt_engine: 'tavus-auto', hotwords: 'Tavus, n8n' },
				conversational_flow: {
					turn_detection_model: 'sparrow-1',
					turn_taking_patience: 'low',
					replica_interruptibility: 'high',
					voice_isolation: 'near',
					wake_phrase: 'Hey coach',
					idle_engagement: 'eager',
				},
			},
		});
		expect(bed.sent('POST')[0].status).toBe(200);
	});

	it('resolves expressions per item and pairs each output with its input', async () => {
		const { items, error } = await bed.run(
			{
				...minimal,
				personaName: '={{ $json.name }}',
				systemPrompt: '=You coach {{ $json.topic }}.',
				sttLayer: { hotwords: '={{ $json.name }}' },
			},
			[
				{ name: 'Ada', topic: 'maths' },
				{ name: 'Grace', topic: 'compilers' },
				{ name: 'Linus', topic: 'kernels' },
			],
		);
		expect(error).toBeUndefined();
		const bodies = bed.sent('POST').map((request) => request.body);
		expect(bodies).toStrictEqual([
			{
				persona_name: 'Ada',
				pipeline_mode: 'full',
				system_prompt: 'You coach maths.',
				layers: { stt: { hotwords: 'Ada' } },
			},
			{
				persona_name: 'Grace',
				pipeline_mode: 'full',
				system_prompt: 'You coach compilers.',
				layers: { stt: { hotwords: 'Grace' } },
			},
			{
				persona_name: 'Linus',
				pipeline_mode: 'full',
				system_prompt: 'You coach kernels.',
				layers: { stt: { hotwords: 'Linus' } },
			},
		]);
		expect(items.map((item) => [item.json.persona_name, item.pairedItem])).toEqual([
			['Ada', { item: 0 }],
			['Grace', { item: 1 }],
			['Linus', { item: 2 }],
		]);
	});

	it('accepts JSON fields as objects produced by expressions', async () => {
		await bed.run(
			{
				...minimal,
				llmLayer: { headers: '={{ $json.headers }}', extraBody: '={{ { temperature: 0.1 } }}' },
			},
			[{ headers: { 'X-Team': 'growth' } }],
		);
		expect((bed.sent('POST')[0].body as { layers: unknown }).layers).toStrictEqual({
			llm: { headers: { 'X-Team': 'growth' }, extra_body: { temperature: 0.1 } },
		});
	});

	it.each([
		['llmLayer', 'tools', '[]', 'LLM Layer › Tools (JSON)'],
		['llmLayer', 'headers', '{}', 'LLM Layer › Headers (JSON)'],
		['llmLayer', 'extraBody', '{}', 'LLM Layer › Extra Body (JSON)'],
		['llmLayer', 'defaultQuery', '{}', 'LLM Layer › Default Query (JSON)'],
		['ttsLayer', 'voiceSettings', '{}', 'TTS Layer › Voice Settings (JSON)'],
		['perceptionLayer', 'visualTools', '[]', 'Perception Layer › Visual Tools (JSON)'],
		['perceptionLayer', 'audioTools', '[]', 'Perception Layer › Audio Tools (JSON)'],
		[
			'perceptionLayer',
			'perceptionTools',
			'[]',
			'Perception Layer › Perception Tools (JSON, Legacy)',
		],
		['additionalFields', 'extraBody', '{}', 'Additional Fields › Extra Body Fields (JSON)'],
	])(
		'names %s › %s and the item when its JSON is invalid; that item is never sent',
		async (group, field, valid, label) => {
			const { error } = await bed.run({ ...minimal, [group]: { [field]: '={{ $json.raw }}' } }, [
				{ raw: valid },
				{ raw: '{"broken": ' },
			]);
			expect(error).toBeInstanceOf(NodeOperationError);
			const escaped = label.replace(/[()]/g, (c) => `\\${c}`);
			expect(error?.message).toMatch(
				new RegExp(`^${escaped} is not valid JSON \\(.*\\) \\[item 1\\]$`),
			);
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
			expect(bed.sent('POST')).toHaveLength(1);
		},
	);

	it('maps a 400 with an "error" body to a NodeApiError carrying Tavus\'s message and status', async () => {
		const { error } = await bed.run({
			...minimal,
			defaultReplica: { __rl: true, mode: 'id', value: 'rdoesnotexist' },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid replica_uuid');
		expect((error as NodeApiError).httpCode).toBe('400');
		expect((error as NodeApiError).description).toContain('POST /v2/personas answered HTTP 400');
	});

	it('maps a 400 with a "message" body', async () => {
		bed.mock.addFault({
			method: 'POST',
			path: '/v2/personas',
			status: 400,
			body: { message: 'User has reached maximum personas' },
		});
		const { error } = await bed.run(minimal);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: User has reached maximum personas',
		);
		expect((error as NodeApiError).httpCode).toBe('400');
	});

	it('maps a 401 with a "message" body (bad key), without leaking the key', async () => {
		const { error } = await bed.run(minimal, [{}], { apiKey: WRONG_KEY });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 401 Unauthorized: Invalid access token');
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).description).toContain(
			'Check the API key in the Tavus API credential',
		);
		expect(JSON.stringify(error)).not.toContain(WRONG_KEY);
	});

	it('maps a 401 with an "error" body', async () => {
		bed.mock.addFault({
			method: 'POST',
			path: '/v2/personas',
			status: 401,
			body: { error: 'Invalid or missing authentication' },
		});
		const { error } = await bed.run(minimal);
		expect(error?.message).toBe(
			'Tavus API error 401 Unauthorized: Invalid or missing authentication',
		);
		expect((error as NodeApiError).httpCode).toBe('401');
	});

	it('with continueOnFail, outputs one error item per failing input, paired, and keeps going', async () => {
		const { items, error } = await bed.run(
			{
				...minimal,
				personaName: '={{ $json.name }}',
				defaultReplica: { __rl: true, mode: 'id', value: '={{ $json.replica }}' },
				llmLayer: { tools: '={{ $json.tools }}' },
			},
			[
				{ name: 'ok-1', replica: 'r90bbd427f71', tools: '[]' },
				{ name: 'bad-json', replica: 'r90bbd427f71', tools: '[{' },
				{ name: 'unknown-replica', replica: 'rnothere', tools: '[]' },
				{ name: 'ok-2', replica: 'r79e1c033f', tools: '[]' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.persona_name).toBe('ok-1');
		expect(items[1].json.error).toMatch(
			/^LLM Layer › Tools \(JSON\) is not valid JSON .*\[item 1\]$/,
		);
		expect(items[2].json).toMatchObject({
			error: 'Tavus API error 400 Bad Request: Invalid replica_uuid',
			httpCode: '400',
		});
		expect(items[3].json.persona_name).toBe('ok-2');
		expect(
			bed.sent('POST').map((request) => (request.body as { persona_name: string }).persona_name),
		).toEqual(['ok-1', 'unknown-replica', 'ok-2']);
	});

	it('without continueOnFail, stops at the first failing item and names it', async () => {
		const { error } = await bed.run(
			{
				...minimal,
				personaName: '={{ $json.name }}',
				defaultReplica: { __rl: true, mode: 'id', value: '={{ $json.replica }}' },
			},
			[
				{ name: 'a', replica: 'r90bbd427f71' },
				{ name: 'b', replica: 'rnothere' },
				{ name: 'c', replica: 'r90bbd427f71' },
			],
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(bed.sent('POST')).toHaveLength(2);
	});
});

describe('Tavus API credential', () => {
	it('passes the credential test with a valid key', async () => {
		const result = await harness.testCredential('tavusApi', bed.credentials().tavusApi);
		expect(result).toMatchObject({ status: 'OK' });
		const [request] = bed.sent('GET', '/v2/replicas');
		expect(request.headers['x-api-key']).toBe(API_KEY);
		expect(request.query).toMatchObject({ limit: '1' });
	});

	it("fails the credential test with Tavus's own message for a bad key", async () => {
		const result = await harness.testCredential('tavusApi', {
			...bed.credentials().tavusApi,
			apiKey: WRONG_KEY,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toBe('Invalid access token (Tavus rejected the API key)');
	});

	it.each([`/`, `/v2`, `/v2/`, `/V2/ `])(
		'reads the base URL as the node does: %j at the end is dropped',
		async (ending) => {
			const result = await harness.testCredential('tavusApi', {
				...bed.credentials().tavusApi,
				baseUrl: `${bed.mock.baseUrl}${ending}`,
			});
			expect(result.status).toBe('OK');
			expect(bed.sent('GET').map((request) => request.path)).toEqual(['/v2/replicas']);
		},
	);

	it.each([302, 307])(
		'does not follow a %i redirect to another origin: the key is not sent there, the test fails',
		async (status) => {
			bed.mock.addFault({ kind: 'redirect', method: 'GET', path: '/v2/replicas', status });
			const result = await harness.testCredential('tavusApi', bed.credentials().tavusApi);
			expect(bed.mock.elsewhere!.requests).toHaveLength(0);
			expect(result.status).toBe('Error');
			expect(result.message).toBe(
				`The Base URL answered with a redirect (${status}); the API key is never sent on to another address. Enter the address it redirects to as the Base URL.`,
			);
		},
	);
});
