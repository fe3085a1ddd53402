import type { IDataObject } from 'n8n-workflow';
import { SEED } from '../harness/tavus-mock';
import type { Testbed } from './testbed';

/**
 * One working example per (resource, operation) of the Tavus node, for tests that check every
 * operation (output shapes, secrets). `createFixtures` makes the objects the examples work on
 * through the node itself; `operationCases` lists the examples in an order that runs one after
 * the other against one mock.
 */

export interface OperationCase {
	resource: string;
	operation: string;
	/** e.g. 'persona getAll' */
	label: string;
	/** Full node parameters, resource and operation included; succeeds against the mock. */
	parameters: IDataObject;
}

/** IDs of the objects the cases work on. */
export interface Fixtures {
	/** The seeded stock replica "Anna": conversations and videos use it. */
	replicaId: string;
	/** A replica this account trains (Replica → Create): renamed and deleted by the cases. */
	userReplicaId: string;
	personaId: string;
	conversationId: string;
	videoId: string;
	lipsyncId: string;
	transcriptionId: string;
	replacementId: string;
	/** A crawled website document, processed (ready), so it can be recrawled. */
	documentId: string;
	/** An individual guardrail (uuid). */
	guardrailId: string;
	objectivesId: string;
	/** A pronunciation dictionary (pronunciation_dictionary_id). */
	dictionaryId: string;
	/** A tool of the tool registry (tool_id), delivered to an API with a bearer token. */
	toolId: string;
	/** A deployment (deployment_id) of the fixture persona: a password-protected widget. */
	deploymentId: string;
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Short waits for the operations that can wait: the mock finishes after a few reads. */
const waitFast = { waitUntilReady: true, maxWait: 20, pollInterval: 1 };

const HOOK = 'https://hooks.example.com/tavus';
const VIDEO_URL = 'https://bucket.example.com/sales-pitch.mp4';
const AUDIO_URL = 'https://bucket.example.com/sales-pitch-spanish.mp3';

// Names of the fixtures, which the Create or Update cases look up.
const PERSONA_NAME = 'Onboarding Coach';
const DOCUMENT_NAME = 'Help Center';
const DOCUMENT_URL = 'https://help.example.com/';
const GUARDRAIL_NAME = 'no_medical_advice';
const DICTIONARY_NAME = 'Brand Terms';
const TOOL_NAME = 'get_weather';

/** The fixture tool: an in-call LLM tool delivered to an API with a bearer token. */
const weatherTool = {
	toolName: TOOL_NAME,
	registryToolDescription: 'Get the current weather for a city',
	toolParameters: {
		type: 'object',
		properties: { city: { type: 'string', description: 'City name' } },
		required: ['city'],
	},
	toolOnResolve: 'generate_response',
	toolDelivery: 'api',
	apiUrl: 'https://api.example.com/v1/weather/{city}',
	apiMethod: 'GET',
	apiQueryParameters: '{"units": "metric"}',
	apiAuthType: 'bearer',
	bearerToken: ['weather', 'token', '4d5e6f'].join('-'),
};

/** The fixture objectives set; the Create or Update case finds it by its first objective's name. */
const intakeObjectives = [
	{
		objectiveName: 'ask_if_new_customer',
		objectivePrompt: 'Ask whether the caller is a new or an existing customer',
		outputVariables: 'customer_status',
		nextMode: 'conditional',
		nextConditionalObjectives: {
			next: [
				{ objectiveName: 'collect_details', condition: 'If the caller is a new customer' },
				{ objectiveName: 'confirm_account', condition: 'If the caller is an existing customer' },
			],
		},
	},
	{
		objectiveName: 'collect_details',
		objectivePrompt: 'Collect the name and email address of the caller',
		outputVariables: 'name, email',
		nextMode: 'required',
		nextRequiredObjective: 'confirm_account',
	},
	{ objectiveName: 'confirm_account', objectivePrompt: 'Confirm the account details' },
];

/** The last objective as the Create or Update case changes it (Update keeps that change). */
const confirmEmail = {
	...intakeObjectives[2],
	objectivePrompt: 'Confirm the account email address',
};

const brandRules = [
	{ text: 'Tavus', pronunciation: 'TAH-vus', type: 'alias', caseSensitive: false },
	{ text: 'n8n', pronunciation: 'ˈɛn eɪt ɛn', type: 'ipa', caseSensitive: true },
];

/** Runs one node and returns the ID the output names, or throws naming what went wrong. */
async function create(
	bed: Testbed,
	what: string,
	parameters: IDataObject,
	idKey: string,
): Promise<string> {
	const { items, error } = await bed.run(parameters);
	if (error) throw new Error(`Fixture ${what}: ${error.message}`);
	const id = items[0]?.json?.[idKey];
	if (typeof id !== 'string' || id === '') {
		throw new Error(`Fixture ${what}: no ${idKey} in ${JSON.stringify(items[0]?.json)}`);
	}
	return id;
}

/** Creates, through the node (bed.run) against the mock, the objects the cases need, and returns their IDs. */
export async function createFixtures(bed: Testbed): Promise<Fixtures> {
	const replicaId = SEED.annaReplicaId;
	const documentId = await create(
		bed,
		'document',
		{
			resource: 'document',
			operation: 'create',
			documentUrl: DOCUMENT_URL,
			documentName: DOCUMENT_NAME,
			additionalFields: { tags: 'help, faq', crawlDepth: 1, crawlMaxPages: 5 },
			...waitFast,
		},
		'document_id',
	);
	const guardrailId = await create(
		bed,
		'guardrail',
		{
			resource: 'guardrail',
			operation: 'create',
			guardrailName: GUARDRAIL_NAME,
			guardrailPrompt: 'Never give medical advice; suggest seeing a doctor instead',
			additionalFields: { tags: 'compliance' },
		},
		'uuid',
	);
	const objectivesId = await create(
		bed,
		'objectives',
		{ resource: 'objective', operation: 'create', objectives: { objective: intakeObjectives } },
		'objectives_id',
	);
	const dictionaryId = await create(
		bed,
		'pronunciation dictionary',
		{
			resource: 'pronunciationDictionary',
			operation: 'create',
			dictionaryName: DICTIONARY_NAME,
			rules: { rule: [brandRules[0]] },
		},
		'pronunciation_dictionary_id',
	);
	const toolId = await create(
		bed,
		'tool',
		{ resource: 'tool', operation: 'create', ...weatherTool },
		'tool_id',
	);
	const personaId = await create(
		bed,
		'persona',
		{
			resource: 'persona',
			operation: 'create',
			personaName: PERSONA_NAME,
			systemPrompt: 'You are a friendly coach who helps new customers get started.',
			context: 'New customers, first week.',
			defaultReplica: byId(replicaId),
			llmLayer: { model: 'tavus-gpt-oss' },
			ttsLayer: { ttsEngine: 'cartesia', pronunciationDictionaryId: byId(dictionaryId) },
			perceptionLayer: { perceptionModel: 'raven-1' },
			sttLayer: { sttEngine: 'tavus-auto' },
			conversationalFlowLayer: { turnDetectionModel: 'sparrow-1', turnTakingPatience: 'medium' },
			additionalFields: {
				documentIds: [documentId],
				objectivesId: byId(objectivesId),
				guardrailIds: [guardrailId],
			},
		},
		'persona_id',
	);
	const deploymentId = await create(
		bed,
		'deployment',
		{
			resource: 'deployment',
			operation: 'create',
			pal: byId(personaId),
			channel: 'widget',
			additionalFields: {
				name: 'Support widget',
				password: ['widget', 'pass', '3e4f5a'].join('-'),
				allowedOrigins: 'https://example.com',
			},
		},
		'deployment_id',
	);
	const conversationId = await create(
		bed,
		'conversation',
		{
			resource: 'conversation',
			operation: 'create',
			persona: byId(personaId),
			replica: byId(replicaId),
			conversationName: 'Fixture call',
			callbackUrl: HOOK,
			additionalFields: { testMode: false },
		},
		'conversation_id',
	);
	const userReplicaId = await create(
		bed,
		'replica',
		{
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: 'https://bucket.example.com/train.mp4',
			replicaName: 'Fixture Face',
		},
		'replica_id',
	);
	const videoId = await create(
		bed,
		'video',
		{
			resource: 'video',
			operation: 'generate',
			replica: byId(replicaId),
			script: 'Hello from the fixture video!',
			videoName: 'Fixture video',
			...waitFast,
		},
		'video_id',
	);
	const transcriptionId = await create(
		bed,
		'transcription',
		{ resource: 'transcription', operation: 'create', fileUrl: VIDEO_URL, callbackUrl: HOOK },
		'transcription_id',
	);
	const replacementId = await create(
		bed,
		'replacement',
		{
			resource: 'replacement',
			operation: 'create',
			originalVideoUrl: VIDEO_URL,
			newTranscript: 'Hello Ada, meet our new product!',
			transcriptionId,
			additionalFields: { replacementName: 'For Ada' },
		},
		'replacement_id',
	);
	const lipsyncId = await create(
		bed,
		'lipsync',
		{
			resource: 'lipsync',
			operation: 'create',
			originalVideoUrl: VIDEO_URL,
			sourceAudioUrl: AUDIO_URL,
			additionalFields: { lipsyncName: 'Spanish dub' },
		},
		'lipsync_id',
	);
	return {
		replicaId,
		userReplicaId,
		personaId,
		conversationId,
		videoId,
		lipsyncId,
		transcriptionId,
		replacementId,
		documentId,
		guardrailId,
		objectivesId,
		dictionaryId,
		toolId,
		deploymentId,
	};
}

function operationCase(parameters: IDataObject): OperationCase {
	const resource = String(parameters.resource);
	const operation = String(parameters.operation);
	return { resource, operation, label: `${resource} ${operation}`, parameters };
}

/**
 * One case per (resource, operation) of the node, in an order that can run one after the other
 * against one mock: creates and reads first, the deletes last (each deletes a fixture no later
 * case needs).
 */
export function operationCases(fixtures: Fixtures): OperationCase[] {
	const f = fixtures;
	return [
		// ---- Persona ----
		{
			resource: 'persona',
			operation: 'create',
			personaName: 'Life Coach',
			pipelineMode: 'full',
			systemPrompt: 'As a Life Coach, you help people set goals and keep them.',
			context: 'The user booked a 20-minute session.',
			defaultReplica: byId(f.replicaId),
			llmLayer: { model: 'tavus-gpt-oss', speculativeInference: true },
			ttsLayer: {
				ttsEngine: 'cartesia',
				externalVoiceId: 'voice-warm-1',
				pronunciationDictionaryId: byId(f.dictionaryId),
			},
			perceptionLayer: { perceptionModel: 'raven-1' },
			sttLayer: { sttEngine: 'tavus-auto', hotwords: 'Tavus, n8n' },
			conversationalFlowLayer: { turnDetectionModel: 'sparrow-1', turnTakingPatience: 'medium' },
			additionalFields: {
				documentIds: [f.documentId],
				objectivesId: byId(f.objectivesId),
				guardrailIds: [f.guardrailId],
			},
		},
		{
			// Finds the fixture persona by its name and updates it.
			resource: 'persona',
			operation: 'createOrUpdate',
			personaName: PERSONA_NAME,
			systemPrompt: 'You are a patient coach who helps new customers get started.',
			defaultReplica: byId(f.replicaId),
		},
		{
			// Plans the fixture persona as the whole desired set (Plan sends nothing).
			resource: 'persona',
			operation: 'sync',
			syncMode: 'plan',
			personaName: PERSONA_NAME,
			systemPrompt: 'You are a calm coach who helps new customers get started.',
			defaultReplica: byId(f.replicaId),
		},
		{ resource: 'persona', operation: 'get', persona: byId(f.personaId) },
		{ resource: 'persona', operation: 'getAll', returnAll: true },
		{
			resource: 'persona',
			operation: 'update',
			persona: byId(f.personaId),
			updateMode: 'fields',
			updateFields: { context: 'The customer signed up today.' },
			conversationalFlowLayer: { turnTakingPatience: 'high' },
		},
		{
			// Registry tools on the persona (PAL): attach, list, detach.
			resource: 'persona',
			operation: 'attachTools',
			persona: byId(f.personaId),
			toolIds: { tool: [{ tool: byId(f.toolId) }] },
		},
		{ resource: 'persona', operation: 'getTools', persona: byId(f.personaId) },
		// Google Meet conferencing: is the username still free? (GET /v2/pals/check-username)
		{ resource: 'persona', operation: 'checkUsername', username: 'Ada.Coach' },
		{
			resource: 'persona',
			operation: 'detachTool',
			persona: byId(f.personaId),
			tool: byId(f.toolId),
		},
		{
			// Skills on the persona (PAL): attach, list, update, replace all, detach.
			resource: 'persona',
			operation: 'attachSkill',
			persona: byId(f.personaId),
			skillType: 'presentation',
			documentIds: [f.documentId],
			slidesTrigger: 'on_demand',
			prompt: 'Present the onboarding deck when the customer asks how to start.',
		},
		{ resource: 'persona', operation: 'getSkills', persona: byId(f.personaId) },
		{
			resource: 'persona',
			operation: 'updateSkill',
			persona: byId(f.personaId),
			skillType: 'presentation',
			updateFields: { slidesTrigger: 'walk_the_deck' },
		},
		{
			resource: 'persona',
			operation: 'replaceSkills',
			persona: byId(f.personaId),
			skills: JSON.stringify({
				internet_search: {},
				presentation: { config: { document_ids: [f.documentId] } },
				magic_canvas: { config: { components: { chart: { enabled: false } } } },
			}),
		},
		{
			resource: 'persona',
			operation: 'detachSkill',
			persona: byId(f.personaId),
			skill: byId('internet_search'),
		},

		// ---- Conversation ----
		{
			resource: 'conversation',
			operation: 'create',
			persona: byId(f.personaId),
			replica: byId(f.replicaId),
			conversationName: 'Onboarding call with Ada',
			callbackUrl: HOOK,
			additionalFields: {
				conversationalContext: 'Ada signed up yesterday.',
				customGreeting: 'Hi Ada, great to meet you!',
				testMode: false,
			},
			conversationProperties: {
				maxCallDuration: 1800,
				participantLeftTimeout: 30,
				enableRecording: true,
				language: 'english',
			},
		},
		{
			resource: 'conversation',
			operation: 'get',
			conversationId: f.conversationId,
			verbose: true,
		},
		{ resource: 'conversation', operation: 'getAll', returnAll: true },
		{
			// While the conversation is active (End comes next).
			resource: 'conversation',
			operation: 'sendAppMessage',
			conversationId: f.conversationId,
			appEventType: 'conversation.tool_result',
			toolCallId: 'call_7f3a9c',
			toolOutput: 'It is 72 degrees and sunny in San Francisco.',
		},
		{ resource: 'conversation', operation: 'end', conversationId: f.conversationId },

		// ---- Replica ----
		{
			resource: 'replica',
			operation: 'create',
			trainVideoUrl: 'https://bucket.example.com/train-rio.mp4',
			replicaName: 'Rio',
			additionalFields: {
				consentVideoUrl: 'https://bucket.example.com/consent-rio.mp4',
				modelName: 'phoenix-3',
				callbackUrl: HOOK,
			},
		},
		{ resource: 'replica', operation: 'get', replica: byId(f.replicaId), verbose: true },
		{ resource: 'replica', operation: 'getAll', returnAll: true, filters: { verbose: true } },
		{
			resource: 'replica',
			operation: 'rename',
			replica: byId(f.userReplicaId),
			newName: 'Fixture Face (renamed)',
		},

		// ---- Video ----
		{
			resource: 'video',
			operation: 'generate',
			replica: byId(f.replicaId),
			script: 'Hi Ada, thanks for signing up! Here is a quick tour.',
			videoName: 'Welcome Ada',
			additionalFields: { backgroundUrl: 'https://example.com/pricing', callbackUrl: HOOK },
			...waitFast,
		},
		{ resource: 'video', operation: 'get', video: byId(f.videoId), verbose: true },
		{ resource: 'video', operation: 'getAll', returnAll: true },
		{ resource: 'video', operation: 'rename', video: byId(f.videoId), newName: 'Fixture video v2' },

		// ---- Voice ----
		{ resource: 'voice', operation: 'getAll', returnAll: true },

		// ---- Lipsync ----
		{
			resource: 'lipsync',
			operation: 'create',
			originalVideoUrl: VIDEO_URL,
			sourceAudioUrl: AUDIO_URL,
			additionalFields: { lipsyncName: 'French dub', callbackUrl: HOOK },
		},
		{ resource: 'lipsync', operation: 'get', lipsyncId: f.lipsyncId },
		{ resource: 'lipsync', operation: 'getAll', returnAll: true },

		// ---- Transcription ----
		{ resource: 'transcription', operation: 'create', fileUrl: VIDEO_URL, callbackUrl: HOOK },
		{ resource: 'transcription', operation: 'get', transcriptionId: f.transcriptionId },
		{ resource: 'transcription', operation: 'getAll', returnAll: true },

		// ---- Replacement ----
		{
			resource: 'replacement',
			operation: 'create',
			originalVideoUrl: VIDEO_URL,
			newTranscript: 'Hello John, meet our new product!',
			transcriptionId: f.transcriptionId,
			additionalFields: { replacementName: 'For John', callbackUrl: HOOK },
		},
		{ resource: 'replacement', operation: 'get', replacementId: f.replacementId },
		{ resource: 'replacement', operation: 'getAll', returnAll: true },

		// ---- Document ----
		{
			resource: 'document',
			operation: 'create',
			documentUrl: 'https://example.com/handbook.pdf',
			documentName: 'Company Handbook',
			additionalFields: { tags: 'handbook, hr', callbackUrl: HOOK },
			...waitFast,
		},
		{
			// Finds the fixture document by its name and replaces its tags.
			resource: 'document',
			operation: 'createOrUpdate',
			documentUrl: DOCUMENT_URL,
			documentName: DOCUMENT_NAME,
			additionalFields: { tags: 'help, faq, support' },
			...waitFast,
		},
		{ resource: 'document', operation: 'get', document: byId(f.documentId) },
		{ resource: 'document', operation: 'getAll', returnAll: true },
		{
			resource: 'document',
			operation: 'update',
			document: byId(f.documentId),
			updateFields: { documentName: 'Help Center (EN)', tags: 'help, support' },
		},
		{
			resource: 'document',
			operation: 'recrawl',
			document: byId(f.documentId),
			crawlOverride: { crawlMaxPages: 3 },
			...waitFast,
		},

		// ---- Guardrail (individual guardrails; legacy sets are the other Guardrail Type) ----
		{
			resource: 'guardrail',
			operation: 'create',
			guardrailName: 'no_competitor_talk',
			guardrailPrompt: 'Do not discuss or compare competitors’ products',
			additionalFields: {
				modality: 'verbal',
				callbackUrl: HOOK,
				tags: 'compliance, sales',
				appMessage: true,
			},
		},
		{
			// Finds the fixture guardrail by its name and updates its prompt.
			resource: 'guardrail',
			operation: 'createOrUpdate',
			guardrailName: GUARDRAIL_NAME,
			guardrailPrompt: 'Never give medical advice; suggest booking an appointment instead',
			additionalFields: { tags: 'compliance' },
		},
		{ resource: 'guardrail', operation: 'get', guardrail: byId(f.guardrailId) },
		{ resource: 'guardrail', operation: 'getAll', returnAll: true },
		{
			resource: 'guardrail',
			operation: 'update',
			guardrail: byId(f.guardrailId),
			updateMode: 'fields',
			updateFields: { tags: 'compliance, healthcare', appMessage: false },
		},

		// ---- Objective ----
		{
			resource: 'objective',
			operation: 'create',
			objectives: {
				objective: [
					{
						objectiveName: 'greet_patient',
						objectivePrompt: 'Greet the patient and ask how you can help',
						nextMode: 'required',
						nextRequiredObjective: 'book_appointment',
					},
					{
						objectiveName: 'book_appointment',
						objectivePrompt: 'Find a time for an appointment',
						confirmationMode: 'manual',
						outputVariables: 'appointment_time',
						callbackUrl: HOOK,
					},
				],
			},
		},
		{
			// Finds the fixture set by its first objective's name and updates it.
			resource: 'objective',
			operation: 'createOrUpdate',
			objectives: { objective: [intakeObjectives[0], intakeObjectives[1], confirmEmail] },
		},
		{ resource: 'objective', operation: 'get', objectivesSet: byId(f.objectivesId) },
		{ resource: 'objective', operation: 'getAll', returnAll: true },
		{
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(f.objectivesId),
			updateMode: 'fields',
			objectives: {
				objective: [
					intakeObjectives[0],
					{ ...intakeObjectives[1], objectivePrompt: 'Collect the name, email and phone number' },
					{ ...confirmEmail, modality: 'visual' },
				],
			},
		},

		// ---- Pronunciation Dictionary ----
		{
			resource: 'pronunciationDictionary',
			operation: 'create',
			dictionaryName: 'Product Names',
			rules: { rule: brandRules },
		},
		{
			// Finds the fixture dictionary by its name and replaces its rules.
			resource: 'pronunciationDictionary',
			operation: 'createOrUpdate',
			dictionaryName: DICTIONARY_NAME,
			rules: { rule: brandRules },
		},
		{
			resource: 'pronunciationDictionary',
			operation: 'get',
			pronunciationDictionary: byId(f.dictionaryId),
		},
		{ resource: 'pronunciationDictionary', operation: 'getAll', returnAll: true },
		{
			resource: 'pronunciationDictionary',
			operation: 'update',
			pronunciationDictionary: byId(f.dictionaryId),
			updateMode: 'fields',
			dictionaryName: 'Brand Terms (EN)',
		},

		// ---- Tool ----
		{
			// A post-call action: Tavus fills the open arguments from the transcript.
			resource: 'tool',
			operation: 'create',
			toolName: 'post_summary_to_slack',
			registryToolDescription: 'Post a call summary to Slack after the call',
			toolParameters: JSON.stringify({
				type: 'object',
				properties: {
					channel: { type: 'string', const: 'C0123456' },
					summary: { type: 'string', description: 'Three-sentence summary of the call' },
				},
				required: ['channel', 'summary'],
			}),
			toolTriggerType: 'post_call',
			toolDelivery: 'api',
			apiUrl: 'https://hooks.example.com/tavus',
			apiBodyTemplate: '{"channel": "{channel}", "text": "{summary}"}',
			apiAuthType: 'hmac',
			hmacSecret: ['hmac', 'secret', '7a8b9c'].join('-'),
		},
		{
			// Finds the fixture tool by its name and changes its description.
			resource: 'tool',
			operation: 'createOrUpdate',
			...weatherTool,
			registryToolDescription: 'Get the current weather for a city, in metric units',
		},
		{ resource: 'tool', operation: 'get', tool: byId(f.toolId) },
		{ resource: 'tool', operation: 'getAll', returnAll: true, filters: { type: 'all' } },
		{
			resource: 'tool',
			operation: 'update',
			tool: byId(f.toolId),
			updateFields: { toolOnCall: 'static_filler', toolStaticFiller: 'One moment, please.' },
		},

		// ---- Skill (the registry) ----
		{ resource: 'skill', operation: 'getAll', returnAll: true },

		// ---- Deployment ----
		{
			resource: 'deployment',
			operation: 'create',
			pal: byId(f.personaId),
			channel: 'embed',
			additionalFields: {
				name: 'Pricing page embed',
				customization: '{"embed": {"theme": "dark"}}',
				maxCallDuration: 600,
				dailyCallLimitPerUser: 3,
				allowedOrigins: 'https://example.com, https://www.example.com',
			},
		},
		{ resource: 'deployment', operation: 'get', deployment: byId(f.deploymentId) },
		{ resource: 'deployment', operation: 'getAll', returnAll: true },
		{
			resource: 'deployment',
			operation: 'update',
			deployment: byId(f.deploymentId),
			updateMode: 'fields',
			updateFields: { name: 'Support widget (EN)', maxCallDuration: 900 },
		},

		// ---- Deletes, last: conversations and deployments before the persona they use ----
		{ resource: 'conversation', operation: 'delete', conversationId: f.conversationId },
		{ resource: 'deployment', operation: 'delete', deployment: byId(f.deploymentId) },
		{ resource: 'persona', operation: 'delete', persona: byId(f.personaId) },
		{ resource: 'video', operation: 'delete', video: byId(f.videoId) },
		{ resource: 'replica', operation: 'delete', replica: byId(f.userReplicaId) },
		{ resource: 'lipsync', operation: 'delete', lipsyncId: f.lipsyncId },
		{ resource: 'replacement', operation: 'delete', replacementId: f.replacementId },
		{ resource: 'transcription', operation: 'delete', transcriptionId: f.transcriptionId },
		{ resource: 'document', operation: 'delete', document: byId(f.documentId) },
		{ resource: 'guardrail', operation: 'delete', guardrail: byId(f.guardrailId) },
		{ resource: 'objective', operation: 'delete', objectivesSet: byId(f.objectivesId) },
		{
			resource: 'pronunciationDictionary',
			operation: 'delete',
			pronunciationDictionary: byId(f.dictionaryId),
		},
		{ resource: 'tool', operation: 'delete', tool: byId(f.toolId) },
	].map(operationCase);
}
