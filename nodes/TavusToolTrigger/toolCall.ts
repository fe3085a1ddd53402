import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from '../Tavus/validation';

/*
 * What the Tavus Tool Trigger does with a request, as pure functions: check the auth Tavus adds to
 * an API-delivered tool call (§4.2), read the body, and shape the output item. The node file only
 * reads its parameters and answers.
 */

export const AUTH_TYPES = ['none', 'bearer', 'apiKey', 'hmac'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const SIGNATURE_HEADER = 'x-tavus-signature';

export interface AuthSettings {
	type: AuthType;
	/** hmac: the shared secret; bearer: the token; apiKey: the key's value. */
	secret: string;
	/** apiKey: the header (or query parameter) name. */
	keyName?: string;
	/** apiKey: where Tavus puts the key. */
	keyLocation?: 'header' | 'query';
}

export interface IncomingRequest {
	headers: Record<string, string | string[] | undefined>;
	query: IDataObject;
	/** The exact bytes n8n read (`request.rawBody`), undefined when n8n kept none. */
	rawBody: Buffer | undefined;
}

/** Why a request is refused (answered 401); the texts never contain a secret. */
export type AuthFailure = string;

/** Equal in constant time, whatever the lengths (both sides are hashed first). */
export function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b) && given.length === expected.length;
}

function header(request: IncomingRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** hex(HMAC-SHA256(secret, raw body bytes)), lowercase: the signature Tavus sends. */
export function signBody(secret: string, rawBody: Buffer | string): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Checks X-Tavus-Signature against the raw body: hex (any case), an optional `sha256=` prefix,
 * compared in constant time. Without the raw bytes nothing can be verified: refused.
 */
export function checkSignature(request: IncomingRequest, secret: string): AuthFailure | undefined {
	const given = header(request, SIGNATURE_HEADER)?.trim();
	if (!given) return 'Missing X-Tavus-Signature header';
	const hex = given.replace(/^sha256=/i, '').trim();
	if (!/^[0-9a-f]{64}$/i.test(hex)) return 'Wrong X-Tavus-Signature';
	if (request.rawBody === undefined) {
		return 'Cannot check X-Tavus-Signature: n8n did not keep the raw request body';
	}
	const expected = createHmac('sha256', secret).update(request.rawBody).digest();
	return timingSafeEqual(Buffer.from(hex, 'hex'), expected) ? undefined : 'Wrong X-Tavus-Signature';
}

/** Undefined when the request carries the auth Tavus was told to add, else why not. */
export function checkAuth(request: IncomingRequest, auth: AuthSettings): AuthFailure | undefined {
	// An empty secret would let anyone sign (HMAC with an empty key): nothing is accepted.
	if (auth.type !== 'none' && auth.secret === '') {
		return 'The trigger has no secret set: every call is refused';
	}
	switch (auth.type) {
		case 'none':
			return undefined;
		case 'hmac':
			return checkSignature(request, auth.secret);
		case 'bearer': {
			const match = /^\s*bearer\s+(.+?)\s*$/i.exec(header(request, 'authorization') ?? '');
			if (!match) return 'Missing Authorization: Bearer header';
			return sameSecret(match[1], auth.secret) ? undefined : 'Wrong bearer token';
		}
		case 'apiKey': {
			const name = (auth.keyName ?? '').trim();
			if (auth.keyLocation === 'query') {
				const value = request.query[name];
				const given = Array.isArray(value) ? value[0] : value;
				if (typeof given !== 'string' || given === '') return `Missing ${name} query parameter`;
				return sameSecret(given, auth.secret) ? undefined : `Wrong ${name}`;
			}
			const given = header(request, name);
			if (given === undefined || given === '') return `Missing ${name} header`;
			return sameSecret(given, auth.secret) ? undefined : `Wrong ${name}`;
		}
		default:
			// An Authentication this version does not know (an imported workflow, a later option).
			return 'The trigger’s Authentication is not one it knows: every call is refused';
	}
}

/**
 * The body as a JSON object: the raw bytes parsed (what Tavus sent, whatever the content type),
 * or n8n's parsed body when no raw bytes were kept. Undefined when it is not a JSON object.
 */
export function readBody(parsed: unknown, rawBody: Buffer | undefined): IDataObject | undefined {
	let source: string;
	if (rawBody !== undefined) source = rawBody.toString('utf8');
	else if (typeof parsed === 'string') source = parsed;
	else return isPlainObject(parsed) && Object.keys(parsed).length > 0 ? parsed : undefined;
	try {
		const value: unknown = JSON.parse(source.replace(/^\uFEFF/, ''));
		return isPlainObject(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Where a tool call's fields may sit: at the top (the guessed Tavus shape), under `properties`
 * (the app-message envelope, §4.1) or under `function` (OpenAI's tool-call shape).
 */
function envelopes(body: IDataObject): IDataObject[] {
	return [body, body.properties, body.function].filter(isPlainObject);
}

export interface ToolCallItem extends IDataObject {
	toolName?: string;
	toolCallId?: string;
	conversationId?: string;
	/**
	 * The call's arguments. Not named `arguments`: n8n's expression sandbox refuses that property
	 * name (`$json.arguments` → "Cannot access "arguments" due to security concerns").
	 */
	args: IDataObject | string;
	/** Set when the arguments were a string that is not a JSON object (then kept as is). */
	argsError?: string;
	body: IDataObject;
}

/** arguments: a JSON string is parsed, an object kept; anything else is kept raw and flagged. */
function readArguments(value: unknown): Pick<ToolCallItem, 'args' | 'argsError'> {
	if (isPlainObject(value)) return { args: value };
	if (typeof value === 'string') {
		if (value.trim() === '') return { args: {} };
		try {
			const parsed: unknown = JSON.parse(value);
			if (isPlainObject(parsed)) return { args: parsed };
			return { args: value, argsError: 'arguments is JSON but not an object' };
		} catch (error) {
			return { args: value, argsError: `arguments is not valid JSON: ${(error as Error).message}` };
		}
	}
	if (value === undefined || value === null) return { args: {} };
	return { args: JSON.stringify(value), argsError: 'arguments is not an object' };
}

/** What the item says about the call; an argument of one of these names is only in `args`. */
const ITEM_KEYS = new Set([
	'toolName',
	'toolCallId',
	'conversationId',
	'args',
	'argsError',
	'body',
]);

/** The arguments as top-level fields of the item (`{{ $json.city }}`), as far as no key clashes. */
function argumentFields(args: IDataObject | string): IDataObject {
	if (typeof args === 'string') return {};
	return Object.fromEntries(Object.entries(args).filter(([key]) => !ITEM_KEYS.has(key)));
}

/**
 * The output item: the arguments as fields (and as `args`), then what names the call. A body with
 * `arguments` is a tool call (Tavus's shape for HMAC delivery): its arguments, name, tool_call_id and conversation_id. Any other body is what the tool's
 * body_template produced (other auth types, post-call actions): the arguments are the body itself,
 * and only explicit tool_name / tool_call_id / conversation_id keys name the call.
 */
export function shapeToolCall(body: IDataObject): ToolCallItem {
	const places = envelopes(body);
	const withArguments = places.find((place) => 'arguments' in place);
	const first = (...keys: string[]): string | undefined => {
		for (const place of places)
			for (const key of keys) {
				const value = text(place[key]);
				if (value !== undefined) return value;
			}
		return undefined;
	};
	const toolName = withArguments ? first('name', 'tool_name') : text(body.tool_name);
	const toolCallId = withArguments ? first('tool_call_id', 'id') : text(body.tool_call_id);
	const conversationId = first('conversation_id');
	const read = withArguments ? readArguments(withArguments.arguments) : { args: body };
	return {
		...argumentFields(read.args),
		...(toolName !== undefined && { toolName }),
		...(toolCallId !== undefined && { toolCallId }),
		...(conversationId !== undefined && { conversationId }),
		args: read.args,
		...(read.argsError !== undefined && { argsError: read.argsError }),
		body,
	};
}

/** The names in the Tool Name filter (comma-separated), empty when there is no filter. */
export function toolNameFilter(value: string): string[] {
	return value
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
}
