import {
	type BodyField,
	type BodyFieldGroup,
	booleanField,
	enumField,
	extraBodyField,
	jsonField,
	pickListField,
	textField,
	textListField,
} from './bodyFields';
import {
	guardrailSetLocatorOptions,
	objectivesLocatorOptions,
	pronunciationDictionaryLocatorOptions,
} from '../methods/listSearchKnowledge';
import type { INodeProperties } from 'n8n-workflow';
import { replicaLocatorOptions, tavusLocator } from './locators';

const PIPELINE_MODES = ['full', 'echo'] as const;

/**
 * A model or engine Tavus documents (tavus-api-2026-11.md §12). Values offered once are never
 * removed (a saved workflow holding one must still open without an issue): deprecated ones say
 * so in their name. Each list has a free-text twin (Custom …) for names Tavus adds later.
 */
interface ListedModel {
	value: string;
	name?: string;
	description?: string;
}

function modelOptions(models: readonly ListedModel[]) {
	return models.map(({ value, name, description }) => ({
		name: name ?? value,
		value,
		...(description ? { description } : {}),
	}));
}

const HOSTED_LLM_MODELS: ListedModel[] = [
	{
		value: 'tavus-glm-4.7',
		description: 'Documented default in the June 2026 Tavus docs (up to 200,000 tokens of context)',
	},
	{ value: 'tavus-gpt-oss', description: 'Low-latency model (documented fallback)' },
	{ value: 'tavus-gemini-2.5-flash' },
	{ value: 'tavus-gemini-3-flash' },
	{ value: 'tavus-claude-haiku-4.5' },
	{ value: 'tavus-gpt-5.2' },
	{
		value: 'tavus-gpt-4.1',
		description: '(deprecated) Still accepted; Tavus recommends another model',
	},
	{ value: 'tavus-gpt-4o', description: '(legacy) Only on the older persona-era docs page' },
	{
		value: 'tavus-gpt-4o-mini',
		description: '(deprecated) Only on the older persona-era docs page',
	},
];
const TTS_ENGINES: ListedModel[] = [
	{ value: 'azure', name: 'Azure' },
	{ value: 'cartesia', name: 'Cartesia', description: 'Tavus default' },
	{ value: 'elevenlabs', name: 'ElevenLabs' },
	{ value: 'playht', name: 'PlayHT (Legacy)', description: 'Older accounts only' },
];
const PERCEPTION_MODELS: ListedModel[] = [
	{
		value: 'raven-1',
		name: 'Raven-1',
		description: 'Default: sees and hears; needed for vision and audio tools',
	},
	{ value: 'raven-0', name: 'Raven-0', description: 'The older, visual-only model' },
	{ value: 'off', name: 'Off' },
];
const STT_ENGINES: ListedModel[] = [
	{ value: 'tavus-auto', description: 'Tavus default' },
	{ value: 'tavus-parakeet' },
	{ value: 'tavus-soniox' },
	{ value: 'tavus-whisper' },
	{ value: 'tavus-deepgram-medical' },
	{ value: 'tavus-advanced', description: '(deprecated) Older engine' },
	{ value: 'tavus-turbo', description: '(legacy) Older engine, no longer in the Tavus docs' },
];
const TURN_DETECTION_MODELS: ListedModel[] = [
	{ value: 'sparrow-1', description: 'Documented default in the June 2026 Tavus docs' },
	{ value: 'sparrow-0', description: '(legacy) Older model, API only' },
	{
		value: 'time-based',
		description:
			'Turn ends after a fixed pause. Some Tavus pages spell it timebased: for that spelling use Custom Turn Detection Model.',
	},
];
/** A list of documented models: an options parameter whose values are the list. */
function listedModelField(
	api: string,
	models: readonly ListedModel[],
	property: Omit<INodeProperties, 'type' | 'options'>,
): BodyField {
	return { api, property: { type: 'options', options: modelOptions(models), ...property } };
}

/**
 * The free-text twin of a listed model, sent under the same key exactly as typed: a name Tavus
 * adds after this node version is never refused by the node.
 */
function customModelField(
	api: string,
	property: Omit<INodeProperties, 'type' | 'default'>,
): BodyField {
	return textField(api, property);
}

const SENSITIVITIES = ['superlow', 'verylow', 'low', 'medium', 'high'] as const;
const LOW_MEDIUM_HIGH = ['low', 'medium', 'high'] as const;
const VOICE_ISOLATION = ['off', 'near'] as const;
const IDLE_ENGAGEMENT = ['off', 'patient', 'eager'] as const;

const TOOLS_PLACEHOLDER =
	'[{"type": "function", "function": {"name": "get_current_weather", "description": "...", "parameters": {"type": "object", "properties": {...}, "required": [...]}}}]';

// ---------------------------------------------------------------------------------------------
// Top-level persona fields
// ---------------------------------------------------------------------------------------------

const personaNameField = textField('persona_name', {
	displayName: 'Persona Name',
	name: 'personaName',
	placeholder: 'e.g. Life Coach',
	description: 'A name for the persona (called a PAL in the Tavus app)',
});

const pipelineModeField = enumField(
	'pipeline_mode',
	PIPELINE_MODES,
	{
		displayName: 'Pipeline Mode',
		name: 'pipelineMode',
		default: 'full',
		description:
			'Full runs the whole pipeline (STT, LLM, TTS). Echo turns most of it off: the replica speaks the text or audio you send it in echo events.',
	},
	{ full: 'Full', echo: 'Echo' },
);
pipelineModeField.property.options = [
	{ name: 'Full', value: 'full', description: 'The default end-to-end experience' },
	{ name: 'Echo', value: 'echo', description: 'The replica speaks what you send it; no LLM' },
];

const systemPromptField = textField('system_prompt', {
	displayName: 'System Prompt',
	name: 'systemPrompt',
	typeOptions: { rows: 4 },
	placeholder: 'e.g. As a Life Coach, you are a dedicated professional who specializes in...',
	description: 'The system prompt the LLM uses. Required in Full pipeline mode.',
});

const contextField = textField('context', {
	displayName: 'Context',
	name: 'context',
	typeOptions: { rows: 3 },
	placeholder:
		'e.g. Here are a few times that you have helped an individual make a breakthrough in...',
	description:
		'Background knowledge for the LLM. Tavus now recommends putting this in the system prompt; the field is still accepted.',
});

const defaultReplicaField: BodyField = {
	api: 'default_replica_id',
	property: tavusLocator({
		...replicaLocatorOptions,
		name: 'defaultReplica',
		displayName: 'Default Replica',
		description:
			'The replica (Face) a conversation uses when it names none; the Conferencing Layer needs one. Pick it from the list or give its ID (a face_id is the same ID).',
	}),
};

/** The persona's own fields, in the order Create shows them. */
export const personaCoreFields: BodyField[] = [
	personaNameField,
	pipelineModeField,
	systemPromptField,
	contextField,
	defaultReplicaField,
];

// ---------------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------------

export const llmLayer: BodyFieldGroup = {
	api: 'layers.llm',
	property: {
		displayName: 'LLM Layer',
		name: 'llmLayer',
		description:
			'The language model: a Tavus-hosted model, or your own OpenAI-compatible endpoint (model, base URL, API key)',
	},
	fields: [
		listedModelField('model', HOSTED_LLM_MODELS, {
			displayName: 'Model',
			name: 'model',
			default: 'tavus-gpt-oss',
			description:
				'A Tavus-hosted model from the Tavus docs. Leave the field out to get Tavus’s current default. For a model this list does not have (a newer Tavus-hosted one, or your own), set Custom Model instead.',
		}),
		customModelField('model', {
			displayName: 'Custom Model',
			name: 'customModel',
			placeholder: 'e.g. gpt-4o or my-org/my-model',
			description:
				'Any model name, sent as layers.llm.model exactly as typed: a Tavus-hosted model newer than the Model list, or the model of your own OpenAI-compatible endpoint (with Base URL and API Key). Use it instead of Model.',
		}),
		textField('base_url', {
			displayName: 'Base URL',
			name: 'baseUrl',
			placeholder: 'e.g. https://api.openai.com/v1',
			description: 'Base URL of your OpenAI-compatible endpoint (without /chat/completions)',
		}),
		textField('api_key', {
			displayName: 'API Key',
			name: 'apiKey',
			typeOptions: { password: true },
			description:
				'API key of your OpenAI-compatible endpoint. Masked in outputs and errors, but stored with the workflow (and the copy n8n keeps with each execution): prefer Use LLM Key From Credential.',
		}),
		{
			api: 'api_key',
			kind: { type: 'flag' },
			property: {
				displayName: 'Use LLM Key From Credential',
				name: 'apiKeyFromCredential',
				type: 'boolean',
				default: true,
				description:
					'Whether to send the Custom LLM API Key stored in the Tavus API credential instead of the API Key field, so the key never sits in the workflow',
			},
		},
		jsonField('tools', 'tools', {
			displayName: 'Tools (JSON)',
			name: 'tools',
			placeholder: TOOLS_PLACEHOLDER,
			description:
				'Legacy inline tools (sent as layers.llm.tools): functions the LLM may call, in the OpenAI function-calling shape; Tavus emits a tool-call event and your app runs the tool. Tavus still runs them but calls the field legacy: for new tools use the Tool resource and attach them with Tools (or Persona → Attach Tools).',
		}),
		jsonField('headers', 'jsonObject', {
			displayName: 'Headers (JSON)',
			name: 'headers',
			placeholder: '{"Authorization": "Bearer ..."}',
			description: 'Extra HTTP headers Tavus sends to your LLM endpoint',
		}),
		jsonField('extra_body', 'jsonObject', {
			displayName: 'Extra Body (JSON)',
			name: 'extraBody',
			placeholder: '{"temperature": 0.5}',
			description: 'Extra fields Tavus adds to each LLM request, e.g. temperature or top_p',
		}),
		jsonField('default_query', 'jsonObject', {
			displayName: 'Default Query (JSON)',
			name: 'defaultQuery',
			placeholder: '{"api-version": "2024-06-01"}',
			description: 'Query parameters appended to your LLM base URL',
		}),
		booleanField('speculative_inference', {
			displayName: 'Speculative Inference',
			name: 'speculativeInference',
			default: true,
			description: 'Whether the LLM starts answering before the user has finished speaking',
		}),
	],
};

export const ttsLayer: BodyFieldGroup = {
	api: 'layers.tts',
	property: {
		displayName: 'TTS Layer',
		name: 'ttsLayer',
		description: 'The voice: text-to-speech engine, voice and its settings',
	},
	fields: [
		listedModelField('tts_engine', TTS_ENGINES, {
			displayName: 'TTS Engine',
			name: 'ttsEngine',
			default: 'cartesia',
			description:
				'Text-to-speech provider from the Tavus docs. PlayHT only works on older accounts. For an engine this list does not have, set Custom TTS Engine instead.',
		}),
		customModelField('tts_engine', {
			displayName: 'Custom TTS Engine',
			name: 'customTtsEngine',
			placeholder: 'Engine name as the Tavus docs give it',
			description:
				'Any TTS engine name, sent as tts_engine exactly as typed, for an engine newer than the TTS Engine list. Use it instead of TTS Engine.',
		}),
		textField('api_key', {
			displayName: 'API Key',
			name: 'apiKey',
			typeOptions: { password: true },
			description:
				'Your own TTS provider key, needed only for private voices. Masked in outputs and errors, but stored with the workflow (and the copy n8n keeps with each execution): prefer Use TTS Key From Credential.',
		}),
		{
			api: 'api_key',
			kind: { type: 'flag' },
			property: {
				displayName: 'Use TTS Key From Credential',
				name: 'apiKeyFromCredential',
				type: 'boolean',
				default: true,
				description:
					'Whether to send the TTS Provider API Key stored in the Tavus API credential instead of the API Key field, so the key never sits in the workflow',
			},
		},
		textField('external_voice_id', {
			displayName: 'External Voice ID',
			name: 'externalVoiceId',
			placeholder: 'e.g. en-US-JennyNeural',
			description: "The provider's voice ID",
		}),
		textField('tts_model_name', {
			displayName: 'TTS Model Name',
			name: 'ttsModelName',
			placeholder: 'e.g. sonic-3',
			description:
				"The provider's model, e.g. sonic-3, sonic-2 or eleven_turbo_v2_5 (not used with Azure)",
		}),
		booleanField('tts_emotion_control', {
			displayName: 'Emotion Control',
			name: 'ttsEmotionControl',
			default: true,
			description: 'Whether the voice adapts its emotion to the conversation',
		}),
		{
			api: 'voice_settings.speed',
			kind: { type: 'speed' },
			property: {
				displayName: 'Voice Speed',
				name: 'voiceSpeed',
				type: 'string',
				default: '',
				placeholder: 'e.g. normal or 1.1',
				description:
					'Speaking speed: a named speed such as "normal", or a number (ElevenLabs 0.7–1.2; Cartesia -1 to 1). Sent as voice_settings.speed.',
			},
		},
		textListField('voice_settings.emotion', {
			displayName: 'Voice Emotions',
			name: 'voiceEmotions',
			placeholder: 'e.g. positivity:high',
			description:
				'Cartesia emotions as "emotion:level", e.g. positivity:high or curiosity (anger, positivity, surprise, sadness, curiosity; low, medium, high). Sent as voice_settings.emotion.',
		}),
		jsonField('voice_settings', 'jsonObject', {
			displayName: 'Voice Settings (JSON)',
			name: 'voiceSettings',
			placeholder: '{"stability": 0.5, "similarity_boost": 0.75}',
			description:
				'Provider-specific voice settings, merged into voice_settings (e.g. ElevenLabs stability, similarity_boost, style, use_speaker_boost)',
		}),
		textField('playht_user_id', {
			displayName: 'PlayHT User ID',
			name: 'playhtUserId',
			description: 'Your PlayHT user ID (PlayHT engine, older accounts only)',
		}),
		{
			api: 'pronunciation_dictionary_id',
			property: tavusLocator({
				...pronunciationDictionaryLocatorOptions,
				name: 'pronunciationDictionaryId',
				displayName: 'Pronunciation Dictionary',
				description:
					'How the voice says brand names and terms. Pick a dictionary, or give its ID, e.g. {{ $json.pronunciation_dictionary_id }} from a Pronunciation Dictionary node.',
			}),
		},
	],
};

export const perceptionLayer: BodyFieldGroup = {
	api: 'layers.perception',
	property: {
		displayName: 'Perception Layer',
		name: 'perceptionLayer',
		description: 'What the replica sees and hears (Raven): awareness queries and perception tools',
	},
	fields: [
		listedModelField('perception_model', PERCEPTION_MODELS, {
			displayName: 'Perception Model',
			name: 'perceptionModel',
			default: 'raven-1',
			description:
				'Raven-1 (default) sees and hears; Raven-0 is the older, visual-only model. For a model this list does not have, set Custom Perception Model instead.',
		}),
		customModelField('perception_model', {
			displayName: 'Custom Perception Model',
			name: 'customPerceptionModel',
			placeholder: 'Model name as the Tavus docs give it',
			description:
				'Any perception model name, sent as perception_model exactly as typed, for a model newer than the Perception Model list. Use it instead of Perception Model.',
		}),
		textListField('visual_awareness_queries', {
			displayName: 'Visual Awareness Queries',
			name: 'visualAwarenessQueries',
			placeholder: 'e.g. Is the user showing an ID card?',
			description: 'Questions the model keeps answering about what it sees during the call',
		}),
		textField('visual_tool_prompt', {
			displayName: 'Visual Tool Prompt',
			name: 'visualToolPrompt',
			typeOptions: { rows: 2 },
			description: 'Tells the model when to call the visual tools',
		}),
		jsonField('visual_tools', 'tools', {
			displayName: 'Visual Tools (JSON)',
			name: 'visualTools',
			placeholder: TOOLS_PLACEHOLDER,
			description:
				'Legacy inline tools (sent as visual_tools) the perception model calls on what it sees (OpenAI function shape). For new tools use the Tool resource (origin Vision) and attach them with Tools (or Persona → Attach Tools).',
		}),
		textListField('audio_awareness_queries', {
			displayName: 'Audio Awareness Queries',
			name: 'audioAwarenessQueries',
			placeholder: 'e.g. Does the user sound stressed?',
			description: 'Questions about what the model hears (Raven-1 only)',
		}),
		textField('audio_tool_prompt', {
			displayName: 'Audio Tool Prompt',
			name: 'audioToolPrompt',
			typeOptions: { rows: 2 },
			description: 'Tells the model when to call the audio tools (Raven-1 only)',
		}),
		jsonField('audio_tools', 'tools', {
			displayName: 'Audio Tools (JSON)',
			name: 'audioTools',
			placeholder: TOOLS_PLACEHOLDER,
			description:
				'Legacy inline tools (sent as audio_tools) the perception model calls on what it hears (Raven-1 only). For new tools use the Tool resource (origin Audio) and attach them with Tools (or Persona → Attach Tools).',
		}),
		textListField('perception_analysis_queries', {
			displayName: 'Perception Analysis Queries',
			name: 'perceptionAnalysisQueries',
			placeholder: 'e.g. Was the user engaged throughout the call?',
			description:
				'Questions answered once at the end of the call, delivered in the perception analysis callback',
		}),
		textListField('ambient_awareness_queries', {
			displayName: 'Ambient Awareness Queries (Legacy)',
			name: 'ambientAwarenessQueries',
			placeholder: 'e.g. Is the user showing an ID card?',
			description:
				'Older name of Visual Awareness Queries, still accepted by Tavus (sent as ambient_awareness_queries)',
		}),
		textField('perception_tool_prompt', {
			displayName: 'Perception Tool Prompt (Legacy)',
			name: 'perceptionToolPrompt',
			typeOptions: { rows: 2 },
			description:
				'Older name of Visual Tool Prompt, still accepted by Tavus (sent as perception_tool_prompt)',
		}),
		jsonField('perception_tools', 'tools', {
			displayName: 'Perception Tools (JSON, Legacy)',
			name: 'perceptionTools',
			placeholder: TOOLS_PLACEHOLDER,
			description:
				'Older name of Visual Tools, still accepted by Tavus (sent as perception_tools). Legacy inline tools: for new tools use the Tool resource and attach them with Tools (or Persona → Attach Tools).',
		}),
	],
};

const sensitivityLabels = {
	superlow: 'Super Low',
	verylow: 'Very Low',
	low: 'Low',
	medium: 'Medium',
	high: 'High',
};

export const sttLayer: BodyFieldGroup = {
	api: 'layers.stt',
	property: {
		displayName: 'STT Layer',
		name: 'sttLayer',
		description: 'Speech-to-text: transcription engine, hotwords and (legacy) turn-taking settings',
	},
	fields: [
		listedModelField('stt_engine', STT_ENGINES, {
			displayName: 'STT Engine',
			name: 'sttEngine',
			default: 'tavus-auto',
			description:
				'Transcription engine from the Tavus docs (tavus-auto is the default). For an engine this list does not have, set Custom STT Engine instead.',
		}),
		customModelField('stt_engine', {
			displayName: 'Custom STT Engine',
			name: 'customSttEngine',
			placeholder: 'Engine name as the Tavus docs give it',
			description:
				'Any STT engine name, sent as stt_engine exactly as typed, for an engine newer than the STT Engine list. Use it instead of STT Engine.',
		}),
		enumField(
			'participant_pause_sensitivity',
			SENSITIVITIES,
			{
				displayName: 'Participant Pause Sensitivity',
				name: 'participantPauseSensitivity',
				default: 'medium',
				description:
					'How quickly a pause counts as the end of the turn (legacy; the Conversational Flow layer’s Turn-Taking Patience replaces it)',
			},
			sensitivityLabels,
		),
		enumField(
			'participant_interrupt_sensitivity',
			SENSITIVITIES,
			{
				displayName: 'Participant Interrupt Sensitivity',
				name: 'participantInterruptSensitivity',
				default: 'medium',
				description:
					'How easily the participant interrupts the replica (legacy; the Conversational Flow layer’s PAL Interruptibility replaces it)',
			},
			sensitivityLabels,
		),
		textField('hotwords', {
			displayName: 'Hotwords',
			name: 'hotwords',
			placeholder: "e.g. Roey is the name of the person you're speaking with.",
			description: 'Names and terms the transcription should favour (one text)',
		}),
		booleanField('smart_turn_detection', {
			displayName: 'Smart Turn Detection',
			name: 'smartTurnDetection',
			default: true,
			description:
				'Whether to use Sparrow-0 smart turn detection (legacy; the Conversational Flow layer replaces it)',
		}),
	],
};

export const conversationalFlowLayer: BodyFieldGroup = {
	api: 'layers.conversational_flow',
	property: {
		displayName: 'Conversational Flow Layer',
		name: 'conversationalFlowLayer',
		description:
			'Turn-taking (Sparrow), interruptions, voice isolation, wake phrase and idle engagement. Setting any field turns the layer on; unset fields take Tavus defaults.',
	},
	fields: [
		listedModelField('turn_detection_model', TURN_DETECTION_MODELS, {
			displayName: 'Turn Detection Model',
			name: 'turnDetectionModel',
			default: 'sparrow-1',
			description:
				'The model that decides when the participant has finished speaking. For a model this list does not have, set Custom Turn Detection Model instead.',
		}),
		customModelField('turn_detection_model', {
			displayName: 'Custom Turn Detection Model',
			name: 'customTurnDetectionModel',
			placeholder: 'Model name as the Tavus docs give it',
			description:
				'Any turn detection model name, sent as turn_detection_model exactly as typed, for a model newer than the Turn Detection Model list. Use it instead of Turn Detection Model.',
		}),
		enumField(
			'turn_taking_patience',
			LOW_MEDIUM_HIGH,
			{
				displayName: 'Turn-Taking Patience',
				name: 'turnTakingPatience',
				default: 'medium',
				description: 'How long the replica waits before taking its turn',
			},
			{ low: 'Low', medium: 'Medium', high: 'High' },
		),
		enumField(
			'replica_interruptibility',
			LOW_MEDIUM_HIGH,
			{
				displayName: 'Replica Interruptibility',
				name: 'replicaInterruptibility',
				default: 'medium',
				description:
					'Older name of PAL Interruptibility, still accepted by Tavus (sent as replica_interruptibility). Set one of the two, not both.',
			},
			{ low: 'Low', medium: 'Medium', high: 'High' },
		),
		enumField(
			'pal_interruptibility',
			LOW_MEDIUM_HIGH,
			{
				displayName: 'PAL Interruptibility',
				name: 'palInterruptibility',
				default: 'medium',
				description:
					'How easily the participant can interrupt the PAL (sent as pal_interruptibility, the current name). Set it or Replica Interruptibility, not both.',
			},
			{ low: 'Low', medium: 'Medium', high: 'High' },
		),
		enumField(
			'voice_isolation',
			VOICE_ISOLATION,
			{
				displayName: 'Voice Isolation',
				name: 'voiceIsolation',
				default: 'near',
				description: 'Whether to filter out voices other than the nearest speaker',
			},
			{ off: 'Off', near: 'Near' },
		),
		textField('wake_phrase', {
			displayName: 'Wake Phrase',
			name: 'wakePhrase',
			placeholder: 'e.g. Hey Anna',
			description: 'A phrase the replica waits for before it responds',
		}),
		enumField(
			'idle_engagement',
			IDLE_ENGAGEMENT,
			{
				displayName: 'Idle Engagement',
				name: 'idleEngagement',
				default: 'off',
				description: 'Whether and how eagerly the replica speaks up when the participant is silent',
			},
			{ off: 'Off', patient: 'Patient', eager: 'Eager' },
		),
	],
};

export const conferencingLayer: BodyFieldGroup = {
	api: 'layers.conferencing',
	property: {
		displayName: 'Conferencing Layer',
		name: 'conferencingLayer',
		description:
			'Google Meet: the PAL gets the address &lt;username&gt;@tavusinvite.com. Invite it to a Google Calendar event with a Meet link and it joins the meeting. Needs a Default Replica (Face) and Pipeline Mode Full.',
	},
	fields: [
		textField('username', {
			displayName: 'Username',
			name: 'username',
			placeholder: 'e.g. anna',
			description:
				'The part before @tavusinvite.com: at least 2 letters, digits, ".", "_" or "-", starting and ending with a letter or digit; botN names (bot1, bot42) are reserved. Unique across Tavus (check it with Persona → Check Conferencing Username). Sent in lowercase, as Tavus stores it.',
		}),
		textListField('allowlist', {
			displayName: 'Allowlist',
			name: 'allowlist',
			placeholder: 'e.g. alex@acme.com or .*@acme\\.com',
			description:
				'Who may invite the PAL: each entry an exact email address or a regular expression matched against the sender (checked to compile before sending)',
		}),
	],
};

export const personaLayers: BodyFieldGroup[] = [
	llmLayer,
	ttsLayer,
	perceptionLayer,
	sttLayer,
	conversationalFlowLayer,
	conferencingLayer,
];

/** A listed field and its free-text twin: one of the two may be set. */
export interface FreeTextPair {
	layer: BodyFieldGroup;
	listed: BodyField;
	custom: BodyField;
}

function pairOf(layer: BodyFieldGroup, listedName: string, customName: string): FreeTextPair {
	const find = (name: string) => {
		const field = layer.fields.find((candidate) => candidate.property.name === name);
		if (!field) throw new Error(`${layer.property.name} has no field ${name}`);
		return field;
	};
	return { layer, listed: find(listedName), custom: find(customName) };
}

/** Every model and engine list of the layers, with its free-text twin. */
export const freeTextPairs: FreeTextPair[] = [
	pairOf(llmLayer, 'model', 'customModel'),
	pairOf(ttsLayer, 'ttsEngine', 'customTtsEngine'),
	pairOf(perceptionLayer, 'perceptionModel', 'customPerceptionModel'),
	pairOf(sttLayer, 'sttEngine', 'customSttEngine'),
	pairOf(conversationalFlowLayer, 'turnDetectionModel', 'customTurnDetectionModel'),
];

// ---------------------------------------------------------------------------------------------
// Additional fields
// ---------------------------------------------------------------------------------------------

/**
 * Knowledge base documents by ID: a multi-select of the account's documents (n8n's resource
 * locator holds one value only); an expression may give an array or comma-separated IDs.
 * Shared with Conversation Create.
 */
export function documentIdsField(purpose: string): BodyField {
	return documentPickList('document_ids', 'idList', purpose);
}

/** Document tags: a multi-select of the tags the account's documents carry (or an expression). */
export function documentTagsField(purpose: string): BodyField {
	return documentPickList('document_tags', 'csvList', purpose);
}

/** The two pick lists of documents: label, parameter name and the method that loads the list. */
const DOCUMENT_PICK_LISTS = {
	document_ids: ['Document Names or IDs', 'documentIds', 'getDocuments'],
	document_tags: ['Document Tag Names or IDs', 'documentTags', 'getDocumentTags'],
} as const;

function documentPickList(
	api: keyof typeof DOCUMENT_PICK_LISTS,
	list: 'idList' | 'csvList',
	purpose: string,
): BodyField {
	const [displayName, name, loadOptionsMethod] = DOCUMENT_PICK_LISTS[api];
	return pickListField(api, list, {
		displayName,
		name,
		loadOptionsMethod,
		description: `${purpose} (sent as ${api}). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	});
}

export const personaAdditionalFields: BodyFieldGroup = {
	api: '',
	property: {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		description: 'Knowledge base documents, objectives and guardrails attached to the persona',
	},
	fields: [
		documentIdsField('Knowledge base documents available in every conversation of the persona'),
		documentTagsField('Documents carrying any of these tags are available in every conversation'),
		{
			api: 'objectives_id',
			property: tavusLocator({
				...objectivesLocatorOptions,
				name: 'objectivesId',
				displayName: 'Objectives',
				description:
					'The objectives set the conversation works through. Pick it, or give its ID, e.g. {{ $json.objectives_id }} from an Objective node.',
			}),
		},
		{
			api: 'guardrails_id',
			property: tavusLocator({
				...guardrailSetLocatorOptions,
				name: 'guardrailsId',
				displayName: 'Guardrail Set (Legacy)',
				description:
					'A legacy guardrail set (sent as guardrails_id). Individual guardrails are attached with Guardrails or Guardrail Tags.',
			}),
		},
		pickListField('guardrail_ids', 'idList', {
			displayName: 'Guardrail Names or IDs',
			name: 'guardrailIds',
			loadOptionsMethod: 'getGuardrails',
			description:
				'Individual guardrails to attach (sent as guardrail_ids, up to 50). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		}),
		pickListField('guardrail_tags', 'csvList', {
			displayName: 'Guardrail Tag Names or IDs',
			name: 'guardrailTags',
			loadOptionsMethod: 'getGuardrailTags',
			description:
				'Attach every individual guardrail carrying one of these tags (sent as guardrail_tags, up to 50). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		}),
		extraBodyField(
			'Fields the node does not offer yet, deep-merged into the request body last (they win over the fields above)',
			'{"layers": {"llm": {"new_field": true}}}',
		),
	],
};
