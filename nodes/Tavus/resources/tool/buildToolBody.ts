import type { IDataObject } from 'n8n-workflow';
import { deepEqual } from '../../jsonPatch';
import { AUTH_SECRETS, MASK } from '../../transport/secrets';
import {
	isEmptyValue,
	isPlainObject,
	ParameterError,
	parseJsonObject,
	toEnum,
	toNumber,
	toRequiredText,
	toText,
} from '../../validation';
import {
	API_KEY_LOCATIONS,
	API_METHODS,
	AUTH_TYPES,
	DELIVERY_CHANNELS,
	ON_CALL,
	ON_RESOLVE,
	ORIGINS,
	toolLabel,
	TRIGGER_TYPES,
} from './fields';

/*
 * The bodies of Tavus's tool registry (POST and merge PATCH /v2/tools). Pure: parameter values
 * (by parameter name) in, body out; a ParameterError names the field. Secret values never
 * appear in a message.
 */

/** OpenAI's function naming, which Tavus applies to tool names. */
export const TOOL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;
/** description + serialized parameters, at most (Tavus). */
export const TOOL_TEXT_LIMIT = 10_000;

type Label = (name: string) => string;

const topLabel: Label = (name) => toolLabel(name);
const updateLabel: Label = (name) => `Update Fields › ${toolLabel(name)}`;

function checkName(label: string, raw: unknown): string {
	const name = toRequiredText(label, raw);
	if (!TOOL_NAME.test(name)) {
		throw new ParameterError(
			label,
			`"${name.length > 70 ? `${name.slice(0, 70)}…` : name}" is not a valid tool name: letters, digits and _ only, starting with a letter or _, at most 64 characters`,
			'e.g. get_weather',
		);
	}
	return name;
}

/** The JSON Schema of the arguments; undefined when left empty. */
function readParameters(label: string, raw: unknown): IDataObject | undefined {
	const schema = parseJsonObject(label, raw);
	if (!schema || Object.keys(schema).length === 0) return undefined;
	if (schema.type !== 'object') {
		throw new ParameterError(
			label,
			'must be a JSON Schema object with "type": "object"',
			'e.g. {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}',
		);
	}
	if (!isPlainObject(schema.properties)) {
		throw new ParameterError(
			label,
			'needs "properties": an object of argument schemas (may be empty: {})',
			'e.g. {"type": "object", "properties": {"city": {"type": "string"}}}',
		);
	}
	const reserved = Object.keys(schema.properties).find((key) => key.startsWith('tavus_'));
	if (reserved !== undefined) {
		throw new ParameterError(
			label,
			`property "${reserved}" starts with tavus_, which Tavus reserves for the placeholders it fills in`,
			'Rename the property.',
		);
	}
	return schema;
}

function checkLength(
	label: string,
	description: string | undefined,
	parameters: IDataObject | undefined,
): void {
	const length = (description ?? '').length + (parameters ? JSON.stringify(parameters).length : 0);
	if (length > TOOL_TEXT_LIMIT) {
		throw new ParameterError(
			label,
			`must be at most 10,000 characters together with the serialized Parameters, got ${length}`,
			'Shorten the description or the property descriptions of the schema.',
		);
	}
}

/** An https URL with a fixed host ({placeholders} only in the path and query). Not quoted back. */
function checkHttpsUrl(label: string, raw: unknown): string {
	const text = toRequiredText(label, raw);
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:' || !url.hostname) {
		throw new ParameterError(label, 'must be an https:// URL', 'e.g. https://api.example.com/v1');
	}
	if (/[{}]|%7B|%7D/i.test(url.hostname)) {
		throw new ParameterError(
			label,
			'must have a fixed host name: {placeholders} are allowed only in the path and query string',
		);
	}
	return text;
}

/** A secret of the auth: required, and never the mask a Get returns. Its value is never quoted. */
function readSecret(label: string, raw: unknown): string {
	if (isEmptyValue(raw)) throw new ParameterError(label, 'is required');
	if (typeof raw !== 'string') throw new ParameterError(label, 'must be text');
	if (raw === MASK) {
		throw new ParameterError(
			label,
			'is the mask ******** that Tavus returns instead of the secret',
			'Enter the real secret (Tavus refuses the mask).',
		);
	}
	return raw;
}

function optionalJsonObject(label: string, raw: unknown): IDataObject | undefined {
	const object = parseJsonObject(label, raw);
	return object && Object.keys(object).length > 0 ? object : undefined;
}

/** Headers or query parameters: names to texts (numbers and booleans written out). Values are never quoted. */
function textMap(label: string, raw: unknown): IDataObject | undefined {
	const object = optionalJsonObject(label, raw);
	if (!object) return undefined;
	const map: IDataObject = {};
	for (const [name, value] of Object.entries(object)) {
		if (typeof value === 'string') map[name] = value;
		else if (typeof value === 'number' || typeof value === 'boolean') map[name] = String(value);
		else
			throw new ParameterError(
				label,
				`"${name}" must be text, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`,
			);
	}
	return map;
}

function buildAuth(values: IDataObject, label: Label): IDataObject | undefined {
	const type = toEnum(label('apiAuthType'), values.apiAuthType ?? 'none', AUTH_TYPES);
	const text = (name: string) => toRequiredText(label(name), values[name]);
	const secret = (name: string) => readSecret(label(name), values[name]);
	switch (type) {
		case 'none':
			return undefined;
		case 'bearer':
			return { type, token: secret('bearerToken') };
		case 'api_key':
			return {
				type,
				name: text('keyName'),
				value: secret('apiKeyValue'),
				location: toEnum(
					label('apiKeyLocation'),
					values.apiKeyLocation ?? 'header',
					API_KEY_LOCATIONS,
				),
			};
		case 'basic':
			return { type, username: text('basicUsername'), password: secret('basicPassword') };
		case 'oauth2_client_credentials': {
			const auth: IDataObject = {
				type,
				token_url: checkHttpsUrl(label('oauthEndpoint'), values.oauthEndpoint),
				client_id: text('oauthClientId'),
				client_secret: secret('oauthClientSecret'),
			};
			if (!isEmptyValue(values.oauthScope))
				auth.scope = toText(label('oauthScope'), values.oauthScope).trim();
			return auth;
		}
		case 'hmac':
			return { type, secret: secret('hmacSecret') };
	}
	return undefined;
}

/**
 * The `delivery` object: `{app_message: true}`, or `{app_message: false, api: {...}}`. `values`
 * are the delivery parameters by name (see deliveryProperties).
 */
export function buildDelivery(values: IDataObject, label: Label = topLabel): IDataObject {
	const channel = toEnum(
		label('toolDelivery'),
		values.toolDelivery ?? 'appMessage',
		DELIVERY_CHANNELS,
	);
	if (channel === 'appMessage') return { app_message: true };
	const api: IDataObject = { url: checkHttpsUrl(label('apiUrl'), values.apiUrl) };
	api.method = toEnum(label('apiMethod'), values.apiMethod ?? 'POST', API_METHODS);
	if (values.apiTimeout !== undefined && values.apiTimeout !== null && values.apiTimeout !== '')
		api.timeout = toNumber(label('apiTimeout'), values.apiTimeout, { min: 1 });
	const headers = textMap(label('apiHeaders'), values.apiHeaders);
	if (headers) api.headers = headers;
	const query = textMap(label('apiQueryParameters'), values.apiQueryParameters);
	if (query) api.query_params = query;
	const bodyTemplate = optionalJsonObject(label('apiBodyTemplate'), values.apiBodyTemplate);
	if (bodyTemplate) api.body_template = bodyTemplate;
	if (!isEmptyValue(values.apiContentType))
		api.content_type = toText(label('apiContentType'), values.apiContentType).trim();
	const auth = buildAuth(values, label);
	if (auth) api.auth = auth;
	return { app_message: false, api };
}

/** Exactly one channel; a Post Call tool only over the API. */
function checkDelivery(
	delivery: IDataObject,
	triggerType: unknown,
	label: string = toolLabel('toolDelivery'),
): void {
	const channels = (delivery.app_message === true ? 1 : 0) + (isPlainObject(delivery.api) ? 1 : 0);
	if (channels !== 1) {
		throw new ParameterError(label, 'must be exactly one channel: App Message or API');
	}
	if (triggerType === 'post_call' && delivery.app_message === true) {
		throw new ParameterError(
			label,
			'must be API for a Post Call tool: Tavus sends post-call actions only to an API endpoint',
			'Set Delivery to API, or Trigger to In Call.',
		);
	}
}

/**
 * The body of POST /v2/tools (also the desired state of Create or Update). `values` are the
 * tool's parameters by name: toolName, registryToolDescription, toolParameters, toolTriggerType,
 * toolOrigin, toolOnCall, toolStaticFiller, toolOnResolve and the delivery parameters.
 * Fields that do not apply are left out: origin for Post Call tools; on_call, static_filler and
 * on_resolve unless the tool is an In Call LLM tool.
 */
export function buildToolBody(values: IDataObject): IDataObject {
	const label = topLabel;
	const body: IDataObject = {
		name: checkName(label('toolName'), values.toolName),
		description: toRequiredText(label('registryToolDescription'), values.registryToolDescription),
	};
	const parameters = readParameters(label('toolParameters'), values.toolParameters);
	if (parameters) body.parameters = parameters;
	const trigger = toEnum(
		label('toolTriggerType'),
		values.toolTriggerType ?? 'in_call',
		TRIGGER_TYPES,
	);
	body.trigger_type = trigger;
	if (trigger === 'in_call') {
		const origin = toEnum(label('toolOrigin'), values.toolOrigin ?? 'llm', ORIGINS);
		body.origin = origin;
		if (origin === 'llm') {
			const onCall = toEnum(label('toolOnCall'), values.toolOnCall ?? 'generate_filler', ON_CALL);
			body.on_call = onCall;
			if (onCall === 'static_filler') {
				body.static_filler = toRequiredText(label('toolStaticFiller'), values.toolStaticFiller);
			}
			body.on_resolve = toEnum(
				label('toolOnResolve'),
				values.toolOnResolve ?? 'fire_and_forget',
				ON_RESOLVE,
			);
		}
	}
	body.delivery = buildDelivery(values, label);
	checkDelivery(body.delivery as IDataObject, trigger);
	checkLength(label('registryToolDescription'), body.description as string, parameters);
	return body;
}

/**
 * The merge PATCH of Update: the Update Fields given (`updateFields`, by parameter name) and,
 * with Change Delivery, the whole new delivery (`delivery`: the delivery parameters by name).
 */
export function buildToolUpdate(
	updateFields: IDataObject | undefined,
	delivery?: IDataObject,
): IDataObject {
	const fields = updateFields ?? {};
	if (!isPlainObject(fields)) throw new ParameterError('Update Fields', 'must be an object');
	const label = updateLabel;
	const given = (name: string) => name in fields && !isEmptyValue(fields[name]);
	const body: IDataObject = {};
	if (given('toolName')) body.name = checkName(label('toolName'), fields.toolName);
	if (given('registryToolDescription'))
		body.description = toRequiredText(
			label('registryToolDescription'),
			fields.registryToolDescription,
		);
	const parameters = given('toolParameters')
		? readParameters(label('toolParameters'), fields.toolParameters)
		: undefined;
	if (parameters) body.parameters = parameters;
	if (given('toolTriggerType'))
		body.trigger_type = toEnum(label('toolTriggerType'), fields.toolTriggerType, TRIGGER_TYPES);
	if (given('toolOrigin')) body.origin = toEnum(label('toolOrigin'), fields.toolOrigin, ORIGINS);
	if (given('toolOnCall')) body.on_call = toEnum(label('toolOnCall'), fields.toolOnCall, ON_CALL);
	if (given('toolStaticFiller'))
		body.static_filler = toText(label('toolStaticFiller'), fields.toolStaticFiller);
	if (given('toolOnResolve'))
		body.on_resolve = toEnum(label('toolOnResolve'), fields.toolOnResolve, ON_RESOLVE);
	if (delivery) {
		body.delivery = buildDelivery(delivery);
		checkDelivery(body.delivery as IDataObject, body.trigger_type);
	}
	if (Object.keys(body).length === 0) {
		throw new ParameterError(
			'Update Fields',
			'has no field to change',
			'Add at least one field, or turn on Change Delivery.',
		);
	}
	if (body.trigger_type === 'post_call' && body.origin !== undefined) {
		throw new ParameterError(label('toolOrigin'), 'cannot be set on a Post Call tool');
	}
	const perception = body.origin === 'vision' || body.origin === 'audio';
	if (perception && (body.on_call !== undefined || body.static_filler !== undefined)) {
		throw new ParameterError(
			label(body.on_call !== undefined ? 'toolOnCall' : 'toolStaticFiller'),
			'cannot be set on a vision or audio tool (Tavus leaves it empty)',
		);
	}
	if (perception && body.on_resolve !== undefined && body.on_resolve !== 'fire_and_forget') {
		throw new ParameterError(
			label('toolOnResolve'),
			'must be Fire and Forget for a vision or audio tool',
		);
	}
	if (body.on_call === 'static_filler' && isEmptyValue(body.static_filler)) {
		throw new ParameterError(
			label('toolStaticFiller'),
			'is required when On Call is Static Filler',
			'Add Static Filler to the Update Fields.',
		);
	}
	checkLength(label('registryToolDescription'), body.description as string | undefined, parameters);
	return body;
}

/** A delivery without null entries (Tavus may answer `api: null` for an app-message tool). */
function withoutNulls(value: unknown): unknown {
	if (!isPlainObject(value)) return value;
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry !== null && entry !== undefined) result[key] = withoutNulls(entry) as IDataObject;
	}
	return result;
}

/**
 * Whether the stored delivery already is the desired one. Tavus masks auth secrets as ********:
 * a masked secret counts as equal (its value cannot be compared).
 */
export function sameDelivery(current: unknown, desired: unknown): boolean {
	const have = withoutNulls(current);
	const want = withoutNulls(desired);
	if (!isPlainObject(have) || !isPlainObject(want)) return deepEqual(have, want);
	const haveAuth = isPlainObject(have.api) ? have.api.auth : undefined;
	const wantAuth = isPlainObject(want.api) ? want.api.auth : undefined;
	if (isPlainObject(haveAuth) && isPlainObject(wantAuth)) {
		for (const key of AUTH_SECRETS) {
			if (haveAuth[key] === MASK && key in wantAuth) haveAuth[key] = wantAuth[key];
		}
	}
	return deepEqual(have, want);
}

/**
 * The merge PATCH that makes the stored tool carry the desired body (Create or Update): each
 * desired key whose value differs, `delivery` whole. Keys the desired body leaves out are kept.
 */
export function toolChanges(current: IDataObject, desired: IDataObject): IDataObject {
	const changes: IDataObject = {};
	for (const [key, value] of Object.entries(desired)) {
		const same =
			key === 'delivery' ? sameDelivery(current.delivery, value) : deepEqual(current[key], value);
		if (!same) changes[key] = value;
	}
	return changes;
}
