import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { isPlainObject } from '../validation';

export const MASK = '********';

const SECRET_KEY = /(^|[_-])(api[_-]?key|secret|password|token)$|^authorization$/i;

/** The secrets of a tool's `delivery.api.auth` (Tavus masks exactly these on Get Tool). */
export const AUTH_SECRETS = ['token', 'password', 'value', 'secret', 'client_secret'];

/** A tool's auth object with its secrets masked: {type: 'bearer', token: '********'}. */
export function maskAuth(auth: IDataObject): IDataObject {
	const masked: IDataObject = { ...auth };
	for (const name of AUTH_SECRETS) {
		if (typeof masked[name] === 'string' && masked[name] !== '') masked[name] = MASK;
	}
	return masked;
}

/**
 * Values in a request body that must never be echoed back: api keys, auth headers. With
 * `keysOnly`, only values under secret-named keys (not every header value, e.g. a Content-Type):
 * what outputs, which are data, are cleaned of.
 */
export function collectSecrets(value: unknown, found: string[] = [], keysOnly = false): string[] {
	if (Array.isArray(value)) {
		for (const entry of value) collectSecrets(entry, found, keysOnly);
	} else if (isPlainObject(value)) {
		// A JSON Patch operation that sets a key: {"op": "replace", "path": "/layers/llm/api_key", "value": "..."}
		if (
			typeof value.path === 'string' &&
			typeof value.value === 'string' &&
			value.value.length >= 4
		) {
			const last = value.path.split('/').pop() ?? '';
			if (SECRET_KEY.test(last) || (!keysOnly && value.path.includes('/headers')))
				found.push(value.value);
		}
		for (const [key, entry] of Object.entries(value)) {
			if (key === 'auth' && isPlainObject(entry)) {
				// A tool's delivery.api.auth: its `value` (an API key) is a secret too.
				for (const name of AUTH_SECRETS) {
					const secret = entry[name];
					if (typeof secret === 'string' && secret.length >= 4) found.push(secret);
				}
			}
			if (typeof entry === 'string' && entry.length >= 4 && SECRET_KEY.test(key)) {
				found.push(entry);
				const bearer = /^bearer\s+(.+)$/i.exec(entry);
				if (bearer) found.push(bearer[1]);
			} else if (key === 'headers' && isPlainObject(entry)) {
				for (const header of Object.values(entry)) {
					if (!keysOnly && typeof header === 'string' && header.length >= 8) found.push(header);
				}
				collectSecrets(entry, found, keysOnly);
			} else {
				collectSecrets(entry, found, keysOnly);
			}
		}
	}
	return found;
}

/** Replaces every known secret in a text by a mask. */
function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join(MASK);
	}
	return result;
}

/** Keys whose values are masked wherever they appear: a layer's headers and query parameters. */
const MASKED_MAPS = ['headers', 'default_query'];

function maskLayer(value: unknown, depth: number): unknown {
	if (depth > 12) return value;
	if (Array.isArray(value)) return value.map((entry) => maskLayer(entry, depth + 1));
	if (!isPlainObject(value)) return value;
	const masked: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (SECRET_KEY.test(key) && typeof entry === 'string' && entry !== '') masked[key] = MASK;
		else if (MASKED_MAPS.includes(key) && isPlainObject(entry))
			masked[key] = Object.fromEntries(Object.keys(entry).map((name) => [name, MASK]));
		else masked[key] = maskLayer(entry, depth + 1) as IDataObject[string];
	}
	return masked;
}

/**
 * A value written into a persona's layers (a JSON Patch value, a diff): secret-named keys and
 * the values of header / query maps masked at any depth.
 */
export function maskLayerValue(value: unknown): unknown {
	return maskLayer(value, 0);
}

/** Whether a key names a secret (api_key, x-api-key, client_secret, access_token, password, ...). */
export function isSecretKey(key: string): boolean {
	return SECRET_KEY.test(key);
}

/**
 * Masks provider keys that Tavus returns inside a persona's layers, at any depth
 * (layers.llm.api_key, layers.tts.api_key, layers.llm.extra_body.api_key, header and
 * default_query values) so they never reach execution data.
 */
export function maskPersonaSecrets<T>(persona: T): T {
	if (!isPlainObject(persona) || !isPlainObject(persona.layers)) return persona;
	return { ...persona, layers: maskLayer(persona.layers, 0) } as T;
}

/** A JSON Patch operation (or a diff entry) that writes a secret: its value is masked. */
function isSecretPatch(value: IDataObject): boolean {
	if (typeof value.path !== 'string' || !('value' in value)) return false;
	const segments = value.path.split('/');
	const last = segments[segments.length - 1] ?? '';
	return (
		SECRET_KEY.test(last) ||
		segments.some((segment) => MASKED_MAPS.includes(segment) || segment === 'extra_body')
	);
}

function maskPatchValue(value: unknown): unknown {
	if (typeof value === 'string') return value === '' ? value : MASK;
	if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((k) => [k, MASK]));
	return value;
}

/**
 * What every output item and every error's last state goes through: secret-bearing URL
 * parameters (the Tavus Trigger's token in a callback_url, at any depth), provider keys inside
 * `layers` (persona reads, echoes and patches), the secrets of any `auth` object (a tool's
 * delivery.api.auth: token, password, value, secret, client_secret), and secret values of JSON
 * Patch operations.
 */
export function maskOutput<T>(value: T, depth = 0): T {
	if (depth > 20) return value;
	if (typeof value === 'string') return (URL_SECRET.test(value) ? hideUrlToken(value) : value) as T;
	if (Array.isArray(value)) return value.map((entry) => maskOutput(entry, depth + 1)) as T;
	if (!isPlainObject(value)) return value;
	const masked: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (key === 'layers') masked[key] = maskOutput(maskLayer(entry, 0), depth + 1) as IDataObject;
		// A tool's delivery.api.auth (Create, Update, Create or Update answers and their changes).
		else if (key === 'auth' && isPlainObject(entry))
			masked[key] = maskOutput(maskAuth(entry), depth + 1);
		else masked[key] = maskOutput(entry, depth + 1) as IDataObject[string];
	}
	if (isSecretPatch(masked)) masked.value = maskPatchValue(masked.value) as IDataObject[string];
	return masked as T;
}

const SECRET_PARAMETER =
	/api_?key|secret|token|password|^headers$|patchOperations|extraBody|defaultQuery/i;
const SECRET_MENTION = /api[_-]?key|authorization|secret|token|password|bearer/i;

function maskParameters(value: unknown, secrets: readonly string[], key = ''): unknown {
	if (typeof value === 'string') {
		if (key && SECRET_PARAMETER.test(key) && value !== '') return MASK;
		// JSON typed into a parameter (possibly invalid, so it cannot be parsed) that mentions a key.
		if (/^\s*[[{]/.test(value) && SECRET_MENTION.test(value)) return MASK;
		return redact(value, secrets);
	}
	if (Array.isArray(value)) return value.map((entry) => maskParameters(entry, secrets));
	if (isPlainObject(value)) {
		return Object.fromEntries(
			Object.entries(value).map(([name, entry]) => [name, maskParameters(entry, secrets, name)]),
		);
	}
	return value;
}

/**
 * The node as errors carry it. n8n stores an error's `node` (with its parameters) in the
 * execution data; provider keys typed into the node must not travel with it.
 */
export function nodeForErrors(node: INode, secrets: readonly string[] = []): INode {
	return { ...node, parameters: maskParameters(node.parameters, secrets) as INodeParameters };
}

/** Parameters whose names look secret but whose values are not (Key Location: header / query). */
const NOT_SECRET_PARAMETER = /Location$|FromCredential$/i;

/**
 * A value shaped like a machine-made key (sk-…, a token): 16 characters or more, no spaces,
 * letters and digits. Outputs are data: a short or word-like value (a placeholder LLM key such as
 * "not-needed", a password a person chose) is not looked for in them.
 */
export function looksLikeMachineKey(value: string): boolean {
	return value.length >= 16 && !/\s/.test(value) && /[a-z]/i.test(value) && /\d/.test(value);
}

/** Parameters that hold JSON (headers, patches, extra fields) rather than a key. */
const JSON_PARAMETER = /^headers$|patchOperations|extraBody|defaultQuery/i;

/**
 * Secret values typed into node parameters (provider keys, header values, raw patches). With
 * `keysOnly`, only keys (see collectSecrets): what outputs are cleaned of.
 */
export function collectParameterSecrets(
	value: unknown,
	key = '',
	found: string[] = [],
	keysOnly = false,
): string[] {
	if (typeof value === 'string') {
		if (
			key &&
			SECRET_PARAMETER.test(key) &&
			!NOT_SECRET_PARAMETER.test(key) &&
			!(keysOnly && /password/i.test(key)) &&
			value.trim() !== ''
		) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(value);
			} catch {
				parsed = undefined;
			}
			if (parsed !== undefined && typeof parsed === 'object')
				collectSecrets(parsed, found, keysOnly);
			else if (!/^=/.test(value) && value.length >= 4 && !(keysOnly && JSON_PARAMETER.test(key)))
				found.push(value);
		}
	} else if (Array.isArray(value)) {
		for (const entry of value) collectParameterSecrets(entry, '', found, keysOnly);
	} else if (isPlainObject(value)) {
		for (const [name, entry] of Object.entries(value))
			collectParameterSecrets(entry, name, found, keysOnly);
	}
	return found;
}

/** URL query parameters that carry a secret (the Tavus Trigger’s token, keys, secrets; signed download links are left intact). */
const URL_SECRET = /[?&](token|api_?key|key|secret)=/i;
const URL_SECRET_VALUES = /([?&](?:token|api_?key|key|secret)=)[^&#\s"'<>]*/gi;

/** Masks secret-bearing query parameters of a URL (or of URLs inside a text). */
export function hideUrlToken(url: string): string {
	return url.replace(URL_SECRET_VALUES, `$1${MASK}`);
}

/**
 * An output with every known secret value masked wherever it appears (the credential's keys and
 * the keys typed into the node, should an answer ever echo one). Values are copied only where a
 * secret is found.
 */
export function redactOutput<T>(value: T, secrets: readonly string[], depth = 0): T {
	if (secrets.length === 0 || depth > 20) return value;
	if (typeof value === 'string') {
		return (
			secrets.some((secret) => secret.length >= 4 && value.includes(secret))
				? redact(value, secrets)
				: value
		) as T;
	}
	if (Array.isArray(value)) {
		const entries = value.map((entry) => redactOutput(entry, secrets, depth + 1));
		return (entries.some((entry, index) => entry !== value[index]) ? entries : value) as T;
	}
	if (!isPlainObject(value)) return value;
	let copy: IDataObject | undefined;
	for (const [key, entry] of Object.entries(value)) {
		const redacted = redactOutput(entry, secrets, depth + 1);
		if (redacted !== entry) {
			copy ??= { ...value };
			copy[key] = redacted as IDataObject[string];
		}
	}
	return (copy ?? value) as T;
}

/** An error text with every known secret and every secret URL parameter masked. */
export function redactText(text: string, secrets: readonly string[]): string {
	return hideUrlToken(redact(text, secrets));
}
