import {
	type BodyField,
	type BodyFieldGroup,
	callbackUrlField,
	extraBodyField,
	textField,
	urlField,
} from './bodyFields';
import { enumOptions } from './bodyFields';
import { personaLocatorOptions, replicaLocatorOptions, tavusLocator } from './locators';
import { documentIdsField, documentTagsField } from './persona';

const RETRIEVAL_STRATEGIES = ['speed', 'balanced', 'quality'] as const;

const conversationPersonaField: BodyField = {
	api: 'persona_id',
	property: tavusLocator({
		...personaLocatorOptions,
		name: 'persona',
		displayName: 'Persona',
		description:
			'The persona (PAL) that drives the conversation. Pick it, or give its ID, e.g. {{ $json.persona_id }} from a Persona Create node. Leave empty to use the Tavus default persona.',
	}),
};

const conversationReplicaField: BodyField = {
	api: 'replica_id',
	property: tavusLocator({
		...replicaLocatorOptions,
		name: 'replica',
		displayName: 'Replica',
		description:
			"The replica (Face) that joins the call. Leave empty to use the persona's default replica.",
	}),
};

export const conversationTopFields: BodyField[] = [
	conversationPersonaField,
	conversationReplicaField,
	textField('conversation_name', {
		displayName: 'Conversation Name',
		name: 'conversationName',
		placeholder: 'e.g. Onboarding call with Ada',
		description: 'A name for the conversation',
	}),
	callbackUrlField({
		description:
			'Where Tavus POSTs the conversation events (replica joined, shutdown, transcript, recording, perception analysis). Use the URL of a Tavus Trigger node, or {{ $execution.resumeUrl }} with a Wait node.',
	}),
];

export const conversationAdditionalFields: BodyFieldGroup = {
	api: '',
	property: {
		displayName: 'Additional Fields',
		name: 'additionalFields',
	},
	fields: [
		textField('conversational_context', {
			displayName: 'Conversational Context',
			name: 'conversationalContext',
			typeOptions: { rows: 3 },
			placeholder: 'e.g. You are talking to Ada, who signed up yesterday.',
			description: "Context for this call only, appended to the persona's system prompt",
		}),
		textField('custom_greeting', {
			displayName: 'Custom Greeting',
			name: 'customGreeting',
			placeholder: 'e.g. Hi Ada, great to meet you!',
			description:
				'What the replica says first (it cannot be interrupted). With Enable Dynamic Greeting on, the PAL writes its own greeting and this one is the fallback.',
		}),
		{
			api: 'enable_dynamic_greeting',
			property: {
				displayName: 'Enable Dynamic Greeting',
				name: 'enableDynamicGreeting',
				type: 'boolean',
				default: true,
				description:
					'Whether the PAL’s LLM writes a greeting that fits the context instead of a fixed one. Tavus falls back to a static greeting (Custom Greeting, if set) automatically, so both may be set.',
			},
		},
		urlField('meeting_url', {
			displayName: 'Meeting URL',
			name: 'meetingUrl',
			placeholder: 'e.g. https://meet.google.com/abc-defg-hij',
			description:
				'Join an external meeting (Zoom, Microsoft Teams or Google Meet) instead of a Tavus (Daily) room: the https link of the meeting. Such conversations have no Magic Canvas.',
		}),
		{
			api: 'test_mode',
			property: {
				displayName: 'Test Mode',
				name: 'testMode',
				type: 'boolean',
				default: true,
				description:
					'Whether to create the conversation without the replica joining: no cost, no concurrency slot, status "ended"',
			},
		},
		{
			api: 'audio_only',
			property: {
				displayName: 'Audio Only',
				name: 'audioOnly',
				type: 'boolean',
				default: false,
				description: 'Whether the conversation is voice only (no video)',
			},
		},
		{
			api: 'require_auth',
			property: {
				displayName: 'Require Auth',
				name: 'requireAuth',
				type: 'boolean',
				default: false,
				description:
					'Whether the room is private: the output then carries a meeting_token that participants need to join',
			},
		},
		{
			api: 'max_participants',
			property: {
				displayName: 'Max Participants',
				name: 'maxParticipants',
				type: 'number',
				typeOptions: { minValue: 2 },
				default: 2,
				description: 'Most people in the room, the replica included (at least 2)',
			},
		},
		{
			api: 'memory_stores',
			kind: { type: 'csvList' },
			property: {
				displayName: 'Memory Stores',
				name: 'memoryStores',
				type: 'string',
				default: '',
				placeholder: 'e.g. user-42',
				description:
					'Memory store tags that let the persona remember across conversations (comma-separated)',
			},
		},
		documentIdsField('Knowledge base documents for this conversation'),
		documentTagsField('Documents carrying any of these tags are available in this conversation'),
		{
			api: 'document_retrieval_strategy',
			property: {
				displayName: 'Document Retrieval Strategy',
				name: 'documentRetrievalStrategy',
				type: 'options',
				options: enumOptions(RETRIEVAL_STRATEGIES, {
					speed: 'Speed',
					balanced: 'Balanced',
					quality: 'Quality',
				}),
				default: 'balanced',
				description: 'Trade-off between answer speed and retrieval quality',
			},
		},
		extraBodyField('Fields the node does not offer yet, deep-merged into the request body last'),
	],
};

export const conversationProperties: BodyFieldGroup = {
	api: 'properties',
	property: {
		displayName: 'Properties',
		name: 'conversationProperties',
		description: 'Call duration, timeouts, recording, captions, green screen and language',
	},
	fields: [
		{
			api: 'max_call_duration',
			property: {
				displayName: 'Max Call Duration (Seconds)',
				name: 'maxCallDuration',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 3600,
				description: 'The call ends after this many seconds (Tavus default 3600)',
			},
		},
		{
			api: 'participant_left_timeout',
			property: {
				displayName: 'Participant Left Timeout (Seconds)',
				name: 'participantLeftTimeout',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Seconds the call stays open after the last participant leaves',
			},
		},
		{
			api: 'participant_absent_timeout',
			property: {
				displayName: 'Participant Absent Timeout (Seconds)',
				name: 'participantAbsentTimeout',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 300,
				description: 'Seconds the call waits for someone to join before it ends',
			},
		},
		{
			api: 'enable_recording',
			property: {
				displayName: 'Enable Recording',
				name: 'enableRecording',
				type: 'boolean',
				default: false,
				description: 'Whether the call can be recorded (your app starts the recording)',
			},
		},
		{
			api: 'enable_closed_captions',
			property: {
				displayName: 'Enable Closed Captions',
				name: 'enableClosedCaptions',
				type: 'boolean',
				default: false,
				description: 'Whether closed captions are shown in the call',
			},
		},
		{
			api: 'apply_greenscreen',
			property: {
				displayName: 'Apply Green Screen',
				name: 'applyGreenscreen',
				type: 'boolean',
				default: false,
				description: "Whether to replace the replica's background with green (RGB 0, 255, 155)",
			},
		},
		textField('language', {
			displayName: 'Language',
			name: 'language',
			placeholder: 'e.g. spanish or multilingual',
			description:
				'The full language name (english, spanish, ...) or multilingual for automatic detection',
		}),
		{
			api: 'recording_storage',
			property: {
				displayName: 'Recording Storage (JSON)',
				name: 'recordingStorage',
				type: 'json',
				default: '{}',
				placeholder:
					'{"provider": "s3", "bucket_name": "...", "bucket_region": "us-east-1", "assume_role_arn": "..."}',
				description:
					'Where recordings are stored: provider s3, gcs or azure_blob with its fields (see the Tavus recording guide)',
			},
		},
	],
};
