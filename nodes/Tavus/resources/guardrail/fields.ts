import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	type BodyField,
	type BodyFieldGroup,
	callbackUrlField,
	enumOptions,
	tagsField,
} from '../../fields/bodyFields';
import { listFilters } from '../../fields/listFilters';
import { tavusLocator } from '../../fields/locators';
import {
	guardrailLocatorOptions,
	guardrailSetLocatorOptions,
} from '../../methods/listSearchKnowledge';
import type { IdParameter } from '../crud';
import { getParameter } from '../../parameters';

export const GUARDRAIL_MODALITIES = ['verbal', 'visual'] as const;

export type GuardrailType = 'individual' | 'legacySet';

/** Which of the two guardrail APIs an operation uses. */
export const guardrailTypeProperty: INodeProperties = {
	displayName: 'Guardrail Type',
	name: 'guardrailType',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Individual Guardrail',
			value: 'individual',
			description:
				'The current API: one guardrail per object (uuid), sent as {guardrail_name, guardrail_prompt, modality, callback_url, tags, app_message}. Attach it to a persona with Guardrails or Guardrail Tags.',
		},
		{
			name: 'Guardrail Set (Legacy)',
			value: 'legacySet',
			description:
				'The older API: a named set of guardrails (guardrails_id), sent as {name, data: [guardrails]}. Attach it to a persona with Guardrail Set (Legacy).',
		},
	],
	default: 'individual',
	description:
		'Which Tavus guardrail API to use. Both live under /v2/guardrails; Tavus tells them apart by the body and the ID.',
};

export function readGuardrailType(context: IExecuteFunctions, itemIndex: number): GuardrailType {
	return getParameter(context, 'guardrailType', itemIndex, 'individual') === 'legacySet'
		? 'legacySet'
		: 'individual';
}

const showIndividual = { show: { guardrailType: ['individual'] } };
const showLegacy = { show: { guardrailType: ['legacySet'] } };

/** The individual guardrail an operation works on (Get, Update, Delete). */
export const guardrailIdParameter: IdParameter = {
	property: {
		...tavusLocator({
			...guardrailLocatorOptions,
			name: 'guardrail',
			displayName: 'Guardrail',
			required: true,
			description:
				'The individual guardrail. Pick it from the list, or give its uuid, e.g. {{ $json.uuid }}.',
		}),
		displayOptions: showIndividual,
	},
};

/** The legacy guardrail set an operation works on (Get, Update, Delete). */
export const guardrailSetIdParameter: IdParameter = {
	property: {
		...tavusLocator({
			...guardrailSetLocatorOptions,
			name: 'guardrailSet',
			displayName: 'Guardrail Set',
			required: true,
			description:
				'The legacy guardrail set. Pick it from the list, or give its guardrails_id, e.g. {{ $json.guardrails_id }}.',
		}),
		displayOptions: showLegacy,
	},
};

export const guardrailNameField: BodyField = {
	api: 'guardrail_name',
	property: {
		displayName: 'Guardrail Name',
		name: 'guardrailName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. no_medical_advice',
		description:
			'Letters, digits and underscores, up to 100 characters (sent as guardrail_name). Create or Update finds the guardrail by it.',
	},
};

export const guardrailPromptField: BodyField = {
	api: 'guardrail_prompt',
	property: {
		displayName: 'Guardrail Prompt',
		name: 'guardrailPrompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Never give medical advice; suggest seeing a doctor instead',
		description:
			'The boundary the replica keeps, up to 1,000 characters (sent as guardrail_prompt)',
	},
};

export const guardrailModalityField: BodyField = {
	api: 'modality',
	property: {
		displayName: 'Modality',
		name: 'modality',
		type: 'options',
		options: enumOptions(GUARDRAIL_MODALITIES, { verbal: 'Verbal', visual: 'Visual' }),
		default: 'verbal',
		description:
			'Verbal: enforced on what the participant says. Visual: enforced on what Raven sees.',
	},
};

export const guardrailCallbackField: BodyField = callbackUrlField({
	description: 'Where Tavus POSTs when the guardrail is triggered (up to 2,048 characters)',
	placeholder: 'e.g. https://your-server.com/guardrails-webhook',
});

/** Optional fields of an individual guardrail. */
export const guardrailOptionalFields: BodyField[] = [
	guardrailModalityField,
	guardrailCallbackField,
	tagsField(
		'e.g. compliance, healthcare',
		'Labels (comma-separated, up to 32, each up to 64 characters). A persona’s Guardrail Tags attach every guardrail carrying one of them.',
	),
	{
		api: 'app_message',
		property: {
			displayName: 'App Message',
			name: 'appMessage',
			type: 'boolean',
			default: true,
			description: 'Whether Tavus sends an app message to the call when the guardrail is triggered',
		},
	},
];

export const guardrailAdditionalFields: BodyFieldGroup = {
	api: '',
	property: { displayName: 'Additional Fields', name: 'additionalFields' },
	fields: guardrailOptionalFields,
};

/** Every field of an individual guardrail, optional (Update). */
export const guardrailUpdateFields: BodyFieldGroup = {
	api: '',
	property: {
		displayName: 'Update Fields',
		name: 'updateFields',
		description:
			'The fields to change; the node reads the guardrail and sends a JSON Patch of what differs',
	},
	fields: [guardrailNameField, guardrailPromptField, ...guardrailOptionalFields].map((field) => {
		const property = { ...field.property };
		delete property.required;
		return { ...field, property };
	}),
};

/** One guardrail of a legacy set: one entry of the Guardrails list. */
export const setGuardrailFields: BodyField[] = [
	guardrailNameField,
	guardrailPromptField,
	guardrailModalityField,
	guardrailCallbackField,
];

export const guardrailSetNameProperty: INodeProperties = {
	displayName: 'Set Name',
	name: 'guardrailSetName',
	type: 'string',
	default: '',
	placeholder: 'e.g. Healthcare Compliance Guardrails',
	description: 'A name for the set (sent as name). Create or Update finds the set by it.',
};

export const setGuardrailsProperty: INodeProperties = {
	displayName: 'Guardrails',
	name: 'guardrails',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Guardrail',
	default: {},
	description: 'The guardrails of the set (sent as data)',
	options: [
		{
			displayName: 'Guardrail',
			name: 'guardrail',
			values: setGuardrailFields.map((field) => field.property),
		},
	],
};

export const sendsIndividualNotice: INodeProperties = {
	displayName:
		'Sends one individual guardrail: {"guardrail_name", "guardrail_prompt", "modality", "callback_url", "tags", "app_message"}',
	name: 'individualNotice',
	type: 'notice',
	default: '',
	displayOptions: showIndividual,
};

export const sendsLegacyNotice: INodeProperties = {
	displayName:
		'Sends a legacy guardrail set: {"name", "data": [{"guardrail_name", "guardrail_prompt", "modality", "callback_url"}]}',
	name: 'legacyNotice',
	type: 'notice',
	default: '',
	displayOptions: showLegacy,
};

/** Get Many of individual guardrails: Name or UUID, Sort and Tags. */
export const guardrailFilters: INodeProperties = listFilters({
	plural: 'guardrails',
	nameOrId: {
		displayName: 'Name or UUID',
		placeholder: 'e.g. no_medical or g1234567890ab',
		description: 'Only guardrails whose name contains this text, or with this uuid',
	},
	sortDescription: 'Order of the results',
	tagsMethod: 'getGuardrailTags',
	displayOptions: showIndividual,
});

export { showIndividual, showLegacy };
