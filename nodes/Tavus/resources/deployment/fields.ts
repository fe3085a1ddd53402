import type { INodeProperties } from 'n8n-workflow';
import { updateFieldsCollection } from '../../fields/common';
import { locatorOptions, personaLocatorOptions, tavusLocator } from '../../fields/locators';
import type { IdParameter } from '../crud';

/*
 * The parameters of a deployment (Tavus's hosted channels of a PAL, /v2/deployments,
 * tavus-api-2026-11.md §7). The builder (buildDeployment.ts) reads them by name; their display
 * names are the labels its errors use.
 */

export const CHANNELS = ['widget', 'embed', 'landing-page'] as const;
export const LIMIT_KEYS = ['max_call_duration', 'daily_call_limit_per_user'] as const;

/** The embed snippet Tavus documents (Magic Canvas quickstart); the node fills in the ID. */
export const EMBED_SCRIPT = '<script src="https://unpkg.com/@tavus/embed"></script>';

export const deploymentLocatorOptions = locatorOptions(
	'deployment',
	'searchDeployments',
	'd1234567890abcdef',
);

/** The deployment an operation works on (Get, Update, Delete). */
export const deploymentIdParameter: IdParameter = {
	property: tavusLocator({
		...deploymentLocatorOptions,
		name: 'deployment',
		displayName: 'Deployment',
		required: true,
		description:
			'The deployment. Pick it from the list, or give its deployment_id, e.g. {{ $json.deployment_id }}.',
	}),
};

/** Create: the PAL (persona) the deployment puts online, sent as pal_id. */
export const palProperty: INodeProperties = tavusLocator({
	...personaLocatorOptions,
	name: 'pal',
	displayName: 'PAL',
	required: true,
	description:
		'The PAL (persona) visitors talk to (sent as pal_id). Pick it from the list, or give its ID, e.g. {{ $json.persona_id }}.',
});

export const channelProperty: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	required: true,
	options: [
		{
			name: 'Widget',
			value: 'widget',
			description: 'A floating call button on your website',
		},
		{
			name: 'Embed',
			value: 'embed',
			description: 'The call inside your page, where you put the tavus-embed tag',
		},
		{
			name: 'Landing Page',
			value: 'landing-page',
			description: 'A page Tavus hosts, to share as a link',
		},
	],
	default: 'widget',
	description: 'Where visitors meet the PAL (sent as channel)',
};

const nameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Support widget',
	description: 'A name for the deployment (sent as name)',
};

const passwordProperty: INodeProperties = {
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'Visitors must enter this password before a call starts (sent as password). Never shown in the output: the deployment only says has_password.',
};

const customizationProperty: INodeProperties = {
	displayName: 'Customization (JSON)',
	name: 'customization',
	type: 'json',
	default: '{}',
	placeholder: '{"widget": {"position": "bottom-right"}}',
	description:
		'Visual and conversation settings of the channel as a JSON object, as Tavus takes it (sent as customization)',
};

const limitsJsonProperty: INodeProperties = {
	displayName: 'Limits (JSON)',
	name: 'limits',
	type: 'json',
	default: '{}',
	placeholder: '{"max_call_duration": 600, "daily_call_limit_per_user": 3}',
	description:
		'Call limits as a JSON object (sent as limits). Max Call Duration and Daily Call Limit per User are added to it.',
};

/** One of the limits (sent under limits): a whole number of at least 1. */
function limitProperty(
	displayName: string,
	name: string,
	fallback: number,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 1 },
		default: fallback,
		description,
	};
}

const maxCallDurationProperty = limitProperty(
	'Max Call Duration (Seconds)',
	'maxCallDuration',
	600,
	'The longest a call may last (sent as limits.max_call_duration)',
);

const dailyCallLimitProperty = limitProperty(
	'Daily Call Limit per User',
	'dailyCallLimitPerUser',
	3,
	'How many calls one visitor may start per day (sent as limits.daily_call_limit_per_user)',
);

const allowedOriginsProperty: INodeProperties = {
	displayName: 'Allowed Origins',
	name: 'allowedOrigins',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com, https://app.example.com:8443',
	description:
		'The websites allowed to load the widget or embed, comma-separated origins: http(s)://host with an optional :port, no path (sent as allowed_origins)',
};

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** Create → Additional Fields. */
export const createFieldsProperty: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		nameProperty,
		passwordProperty,
		customizationProperty,
		limitsJsonProperty,
		maxCallDurationProperty,
		dailyCallLimitProperty,
		allowedOriginsProperty,
	].sort(byName),
};

/** Update (Fields mode) → Update Fields: each field given becomes one JSON Patch operation. */
export const updateFieldsProperty: INodeProperties = updateFieldsCollection(
	'The fields to change, sent as JSON Patch operations: Name, Customization and Allowed Origins replace the current value as a whole; each limit given is set and the other limits are kept',
	(
		[
			nameProperty,
			{
				...passwordProperty,
				description:
					'A new password visitors must enter (sent as a JSON Patch of /password). Never shown in the output.',
			},
			{
				displayName: 'Remove Password',
				name: 'removePassword',
				type: 'boolean',
				default: false,
				description: 'Whether to let visitors in without a password (sets /password to null)',
			},
			{
				...customizationProperty,
				description:
					'The new customization as a JSON object; it replaces the current one whole (for single settings use JSON Patch mode, e.g. path /customization/widget/position)',
			},
			{
				...limitsJsonProperty,
				description:
					'Limits to set, as a JSON object; each key given is set, the others are kept. Max Call Duration and Daily Call Limit per User are added to it.',
			},
			maxCallDurationProperty,
			dailyCallLimitProperty,
			{
				...allowedOriginsProperty,
				description:
					'The new list of origins allowed to load the widget or embed, comma-separated (http(s)://host with an optional :port, no path); replaces the current list. [] clears it.',
			},
		] as INodeProperties[]
	).sort(byName),
);

export const ifMatchProperty: INodeProperties = {
	displayName: 'If-Match (ETag)',
	name: 'ifMatch',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.etag }}',
	description:
		'The etag of a Get of this deployment (sent as the If-Match header): Tavus then applies the change only if nobody changed the deployment since. Leave empty to change it whatever its state.',
};

/** The display name of a parameter (the label errors use). */
export function deploymentLabel(name: string): string {
	const options = [
		...(createFieldsProperty.options ?? []),
		...(updateFieldsProperty.options ?? []),
	] as INodeProperties[];
	return options.find((option) => option.name === name)?.displayName ?? name;
}
