import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { enumOptions } from '../../fields/bodyFields';
import { filtersProperty, sortProperty, updateFieldsCollection } from '../../fields/common';
import { locatorOptions, tavusLocator } from '../../fields/locators';
import type { IdParameter } from '../crud';

/*
 * The parameters of a tool (Tavus's tool registry, /v2/tools). The builder (buildToolBody.ts)
 * reads them by name; their display names are the labels its errors use.
 */

export const TRIGGER_TYPES = ['in_call', 'post_call'] as const;
export const ORIGINS = ['llm', 'vision', 'audio'] as const;
export const ON_CALL = ['generate_filler', 'static_filler', 'silent', 'passthrough'] as const;
export const ON_RESOLVE = [
	'generate_response',
	'response_in_result',
	'add_to_context',
	'fire_and_forget',
] as const;
export const DELIVERY_CHANNELS = ['appMessage', 'api'] as const;
export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const AUTH_TYPES = [
	'none',
	'bearer',
	'api_key',
	'basic',
	'oauth2_client_credentials',
	'hmac',
] as const;
export const API_KEY_LOCATIONS = ['header', 'query'] as const;

export const toolLocatorOptions = locatorOptions('tool', 'searchTools', 'tabc123def456');

/** The tool an operation works on (Get, Update, Delete). */
export const toolIdParameter: IdParameter = {
	property: tavusLocator({
		...toolLocatorOptions,
		name: 'tool',
		displayName: 'Tool',
		required: true,
		description:
			'The tool. Pick it from the list, or give its tool_id (e.g. {{ $json.tool_id }}); a system tool’s ID is its name, like end_call.',
	}),
};

// ---- What the tool is ---------------------------------------------------------------------------

export const toolNameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'toolName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. get_weather',
	description:
		'The function name the LLM calls (sent as name): letters, digits and _, starting with a letter or _, up to 64 characters. Unique per account; Create or Update finds the tool by it.',
};

/**
 * Not named `toolDescription`: n8n gives a node used as an AI agent's tool its own Tool Description
 * setting (descriptionType + toolDescription) only when the node has no property of that name.
 */
export const toolDescriptionProperty: INodeProperties = {
	displayName: 'Description',
	name: 'registryToolDescription',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder: 'e.g. Get the current weather for a city',
	description:
		'What the tool does and when to call it (sent as description). Description and Parameters together may have up to 10,000 characters.',
};

export const toolParametersProperty: INodeProperties = {
	displayName: 'Parameters (JSON Schema)',
	name: 'toolParameters',
	type: 'json',
	default: '{\n  "type": "object",\n  "properties": {},\n  "required": []\n}',
	description:
		'The arguments as a JSON Schema object (sent as parameters): {"type": "object", "properties": {...}, "required": [...]}. Property names may not start with tavus_ (Tavus reserves them). A property with "const" is a fixed value the AI never changes.',
};

export const toolTriggerTypeProperty: INodeProperties = {
	displayName: 'Trigger',
	name: 'toolTriggerType',
	type: 'options',
	options: [
		{
			name: 'In Call',
			value: 'in_call',
			description: 'Called by the PAL during the conversation',
		},
		{
			name: 'Post Call',
			value: 'post_call',
			description:
				'Run once after the conversation ends, with arguments filled from the transcript; needs API delivery',
		},
	],
	default: 'in_call',
	description: 'When Tavus runs the tool (sent as trigger_type)',
};

export const toolOriginProperty: INodeProperties = {
	displayName: 'Origin',
	name: 'toolOrigin',
	type: 'options',
	options: enumOptions(ORIGINS, { llm: 'LLM', vision: 'Vision', audio: 'Audio' }),
	default: 'llm',
	description:
		'What calls the tool (sent as origin): the LLM, or perception (vision or audio, needs raven-1 on the PAL). Not sent for Post Call tools.',
};

export const toolOnCallProperty: INodeProperties = {
	displayName: 'On Call',
	name: 'toolOnCall',
	type: 'options',
	options: enumOptions(ON_CALL, {
		generate_filler: 'Generate Filler',
		static_filler: 'Static Filler',
		silent: 'Silent',
		passthrough: 'Passthrough',
	}),
	default: 'generate_filler',
	description:
		'What the PAL says while the tool runs (sent as on_call). Not sent for vision and audio tools.',
};

export const toolStaticFillerProperty: INodeProperties = {
	displayName: 'Static Filler',
	name: 'toolStaticFiller',
	type: 'string',
	default: '',
	placeholder: 'e.g. Sure, let me grab that for you.',
	description: 'The words the PAL says while the tool runs (sent as static_filler)',
};

export const toolOnResolveProperty: INodeProperties = {
	displayName: 'On Resolve',
	name: 'toolOnResolve',
	type: 'options',
	options: enumOptions(ON_RESOLVE, {
		generate_response: 'Generate Response',
		response_in_result: 'Response in Result',
		add_to_context: 'Add to Context',
		fire_and_forget: 'Fire and Forget',
	}),
	default: 'fire_and_forget',
	description:
		'What the PAL does with the result (sent as on_resolve; Tavus’s default is Fire and Forget). Not sent for vision and audio tools.',
};

const inCall = { toolTriggerType: ['in_call'] };
const llmInCall = { ...inCall, toolOrigin: ['llm'] };

/** Create, Create or Update: what the tool is, with its display conditions. */
export const toolCoreProperties: INodeProperties[] = [
	toolNameProperty,
	toolDescriptionProperty,
	toolParametersProperty,
	toolTriggerTypeProperty,
	{ ...toolOriginProperty, displayOptions: { show: inCall } },
	{ ...toolOnCallProperty, displayOptions: { show: llmInCall } },
	{
		...toolStaticFillerProperty,
		required: true,
		displayOptions: { show: { ...llmInCall, toolOnCall: ['static_filler'] } },
	},
	{ ...toolOnResolveProperty, displayOptions: { show: llmInCall } },
];

/** Update → Update Fields: the same fields, all optional. */
export const toolUpdateFieldsProperty: INodeProperties = updateFieldsCollection(
	'The fields to change; only these are sent (Tavus’s merge PATCH keeps everything else)',
	[
		toolNameProperty,
		toolDescriptionProperty,
		toolParametersProperty,
		toolTriggerTypeProperty,
		toolOriginProperty,
		toolOnCallProperty,
		toolStaticFillerProperty,
		toolOnResolveProperty,
	]
		.map((property) => {
			const optional = { ...property };
			delete optional.required;
			return optional;
		})
		.sort((a, b) => a.displayName.localeCompare(b.displayName)),
);

export const toolChangeDeliveryProperty: INodeProperties = {
	displayName: 'Change Delivery',
	name: 'toolChangeDelivery',
	type: 'boolean',
	default: false,
	description:
		'Whether to replace how the tool is delivered (app message or API, with its auth) as a whole',
};

// ---- How the tool is delivered -------------------------------------------------------------------

const passwordString = (property: Omit<INodeProperties, 'type' | 'default'>): INodeProperties => ({
	type: 'string',
	typeOptions: { password: true },
	default: '',
	...property,
});

const api = { toolDelivery: ['api'] };
const auth = (type: string) => ({ ...api, apiAuthType: [type] });

/** The delivery parameters (Create, Create or Update, and Update with Change Delivery). */
export const deliveryProperties: INodeProperties[] = [
	{
		displayName: 'Delivery',
		name: 'toolDelivery',
		type: 'options',
		options: [
			{
				name: 'App Message',
				value: 'appMessage',
				description:
					'Tavus sends a conversation.tool_call app message to the call; your app answers with conversation.tool_result',
			},
			{
				name: 'API',
				value: 'api',
				description: 'Tavus calls your HTTPS endpoint itself and uses its answer',
			},
		],
		default: 'appMessage',
		description: 'How Tavus delivers a call of the tool (sent as delivery; exactly one channel)',
	},
	{
		displayName: 'URL',
		name: 'apiUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://api.example.com/v1/weather/{city}',
		description:
			'The public HTTPS endpoint Tavus calls (sent in delivery.api). {placeholders} in the path and query string are filled from the arguments; the host name must be fixed.',
		displayOptions: { show: api },
	},
	{
		displayName: 'Method',
		name: 'apiMethod',
		type: 'options',
		options: enumOptions(API_METHODS),
		default: 'POST',
		description: 'The HTTP method of the call (sent as delivery.api.method)',
		displayOptions: { show: api },
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'apiTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'How long Tavus waits for your endpoint (sent as delivery.api.timeout)',
		displayOptions: { show: api },
	},
	{
		displayName: 'Headers (JSON)',
		name: 'apiHeaders',
		type: 'json',
		default: '{}',
		placeholder: '{"X-Service": "weather-bot"}',
		description: 'Static headers sent with every call (sent as delivery.api.headers)',
		displayOptions: { show: api },
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'apiQueryParameters',
		type: 'json',
		default: '{}',
		placeholder: '{"units": "metric"}',
		description: 'Static query parameters (sent as delivery.api.query_params)',
		displayOptions: { show: api },
	},
	{
		displayName: 'Body Template (JSON)',
		name: 'apiBodyTemplate',
		type: 'json',
		default: '{}',
		placeholder: '{"city": "{city}", "units": "metric"}',
		description:
			'The request body (sent as delivery.api.body_template). {placeholder} fields, e.g. "{city}", are replaced by the arguments of the same name.',
		displayOptions: { show: api },
	},
	{
		displayName: 'Content Type',
		name: 'apiContentType',
		type: 'string',
		default: 'application/json',
		placeholder: 'e.g. application/json',
		description: 'The Content-Type of the body (sent as delivery.api.content_type)',
		displayOptions: { show: api },
	},
	{
		displayName: 'Auth',
		name: 'apiAuthType',
		type: 'options',
		options: [
			{
				name: 'API Key',
				value: 'api_key',
				description: 'A key in a header or a query parameter',
			},
			{
				name: 'Basic',
				value: 'basic',
				description: 'Authorization: Basic with a username and password',
			},
			{
				name: 'Bearer Token',
				value: 'bearer',
				description: 'Authorization: Bearer and the token',
			},
			{
				name: 'HMAC',
				value: 'hmac',
				description: 'Tavus signs the body with a shared secret (X-Tavus-Signature, hex)',
			},
			{ name: 'None', value: 'none' },
			{
				name: 'OAuth2 Client Credentials',
				value: 'oauth2_client_credentials',
				description: 'Tavus fetches (and refreshes) a token with the client credentials grant',
			},
		],
		default: 'none',
		description:
			'How Tavus authenticates to your endpoint (sent as delivery.api.auth). Secrets are never shown in the output: Tavus returns them as ********.',
		displayOptions: { show: api },
	},
	passwordString({
		displayName: 'Token',
		name: 'bearerToken',
		required: true,
		description: 'The bearer token (sent as delivery.api.auth.token)',
		displayOptions: { show: auth('bearer') },
	}),
	{
		displayName: 'Key Name',
		name: 'keyName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. X-API-Key',
		description: 'The header or query parameter name (sent as delivery.api.auth.name)',
		displayOptions: { show: auth('api_key') },
	},
	passwordString({
		displayName: 'Key Value',
		name: 'apiKeyValue',
		required: true,
		description: 'The key (sent as delivery.api.auth.value)',
		displayOptions: { show: auth('api_key') },
	}),
	{
		displayName: 'Key Location',
		name: 'apiKeyLocation',
		type: 'options',
		options: enumOptions(API_KEY_LOCATIONS, { header: 'Header', query: 'Query' }),
		default: 'header',
		description: 'Where the key goes (sent as delivery.api.auth.location)',
		displayOptions: { show: auth('api_key') },
	},
	{
		displayName: 'Username',
		name: 'basicUsername',
		type: 'string',
		default: '',
		required: true,
		description: 'Sent as delivery.api.auth.username',
		displayOptions: { show: auth('basic') },
	},
	passwordString({
		displayName: 'Password',
		name: 'basicPassword',
		required: true,
		description: 'Sent as delivery.api.auth.password',
		displayOptions: { show: auth('basic') },
	}),
	{
		displayName: 'Token URL',
		name: 'oauthEndpoint',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://auth.example.com/oauth/token',
		description: 'The HTTPS token endpoint (sent as delivery.api.auth.token_url)',
		displayOptions: { show: auth('oauth2_client_credentials') },
	},
	{
		displayName: 'Client ID',
		name: 'oauthClientId',
		type: 'string',
		default: '',
		required: true,
		description: 'Sent as delivery.api.auth.client_id',
		displayOptions: { show: auth('oauth2_client_credentials') },
	},
	passwordString({
		displayName: 'Client Secret',
		name: 'oauthClientSecret',
		required: true,
		description: 'Sent as delivery.api.auth.client_secret',
		displayOptions: { show: auth('oauth2_client_credentials') },
	}),
	{
		displayName: 'Scope',
		name: 'oauthScope',
		type: 'string',
		default: '',
		placeholder: 'e.g. read:weather',
		description: 'Optional scope of the token (sent as delivery.api.auth.scope)',
		displayOptions: { show: auth('oauth2_client_credentials') },
	},
	passwordString({
		displayName: 'Secret',
		name: 'hmacSecret',
		required: true,
		description:
			'The shared secret Tavus signs each call with (sent as delivery.api.auth.secret); your endpoint checks X-Tavus-Signature',
		displayOptions: { show: auth('hmac') },
	}),
];

/** The delivery parameters with an extra display condition (Update: only with Change Delivery). */
export function deliveryPropertiesWhen(show: IDisplayOptions['show']): INodeProperties[] {
	return deliveryProperties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, ...show } },
	}));
}

/** The names of the delivery parameters, in the order the builder reads them. */
export const deliveryParameterNames = deliveryProperties.map((property) => property.name);

/** The display name of a tool parameter (the label errors use). */
export function toolLabel(name: string): string {
	const property =
		[...toolCoreProperties, ...deliveryProperties].find((entry) => entry.name === name) ??
		toolUpdateFieldsProperty.options?.find((entry) => entry.name === name);
	return property && 'displayName' in property ? property.displayName : name;
}

/** Get Many → Filters: Name or ID, Type, Sort. */
export const toolFilters = filtersProperty([
	{
		displayName: 'Name or ID',
		name: 'nameOrUuid',
		type: 'string',
		default: '',
		placeholder: 'e.g. weather or tabc123def456',
		description: 'Only tools whose name contains this text (any case), or with this tool_id',
	},
	sortProperty(
		[
			['Ascending', 'asc'],
			['Descending', 'desc'],
		],
		'Order by creation time',
	),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'User', value: 'user', description: 'Tools this account created' },
			{ name: 'System', value: 'system', description: 'Tavus’s own tools, like end_call' },
			{ name: 'All', value: 'all', description: 'Both, system tools first' },
		],
		default: 'user',
		description: 'Which tools to list',
	},
]);
