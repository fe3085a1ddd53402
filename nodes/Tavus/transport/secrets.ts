import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { isPlainObject } from '../validation';

export const MASK = '********';

const SECRET_KEY = /(^|_)(api_?key|secret|password|token)$|^authorization$/i;

/** Values in a request body that must never be echoed back: api keys, auth headers. */
export function collectSecrets(value: unknown, found: string[] = []): string[] {
	if (Array.isArray(value)) {
		for (const entry of value) collectSecrets(entry, found);
	} else if (isPlainObject(value)) {
		// A JSON Patch operation that sets a key: {"op": "replace", "path": "/layers/llm/api_key", "value": "..."}
		if (
			typeof value.path === 'string' &&
			typeof value.value === 'string' &&
			value.value.length >= 4
		) {
			const last = value.path.split('/').pop() ?? '';
			if (SECRET_KEY.test(last) || value.path.includes('/headers')) found.push(value.value);
		}
		for (const [key, entry] of Object.entries(value)) {
			if (typeof entry === 'string' && entry.length >= 4 && SECRET_KEY.test(key)) {
				found.push(entry);
				const bearer = /^bearer\s+(.+)$/i.exec(entry);
				if (bearer) found.push(bearer[1]);
			} else if (key === 'headers' && isPlainObject(entry)) {
				for (const header of Object.values(entry)) {
					if (typeof header === 'string' && header.length >= 8) found.push(header);
				}
				collectSecrets(entry, found);
			} else {
				collectSecrets(entry, found);
			}
		}
	}
	return found;
}

/** Replaces every known secret in a text by a mask. */
export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join(MASK);
	}
	return result;
}

/**
 * Masks provider keys that Tavus returns inside a persona (layers.llm.api_key,
 * layers.tts.api_key, LLM header values) so they never reach execution data.
 */
export function maskPersonaSecrets<T>(persona: T): T {
	if (!isPlainObject(persona)) return persona;
	const layers = persona.layers;
	if (!isPlainObject(layers)) return persona;
	const maskedLayers: IDataObject = { ...layers };
	for (const [name, layer] of Object.entries(layers)) {
		if (!isPlainObject(layer)) continue;
		const masked: IDataObject = { ...layer };
		for (const key of Object.keys(masked)) {
			if (SECRET_KEY.test(key) && typeof masked[key] === 'string' && masked[key] !== '') {
				masked[key] = MASK;
			}
		}
		for (const key of ['headers', 'default_query']) {
			const entries = masked[key];
			if (isPlainObject(entries)) {
				masked[key] = Object.fromEntries(Object.keys(entries).map((name) => [name, MASK]));
			}
		}
		maskedLayers[name] = masked;
	}
	return { ...persona, layers: maskedLayers };
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

/** Secret values typed into node parameters (provider keys, header values, raw patches). */
export function collectParameterSecrets(value: unknown, key = '', found: string[] = []): string[] {
	if (typeof value === 'string') {
		if (key && SECRET_PARAMETER.test(key) && value.trim() !== '') {
			let parsed: unknown;
			try {
				parsed = JSON.parse(value);
			} catch {
				parsed = undefined;
			}
			if (parsed !== undefined && typeof parsed === 'object') collectSecrets(parsed, found);
			else if (!/^=/.test(value) && value.length >= 4) found.push(value);
		}
	} else if (Array.isArray(value)) {
		for (const entry of value) collectParameterSecrets(entry, '', found);
	} else if (isPlainObject(value)) {
		for (const [name, entry] of Object.entries(value)) collectParameterSecrets(entry, name, found);
	}
	return found;
}

/** Masks the `token` query parameter of a URL (the Tavus Trigger's secret token). */
export function hideUrlToken(url: string): string {
	return url.replace(/([?&]token=)[^&#]*/gi, `$1${MASK}`);
}

/** An object as output, with the token of its callback_url masked. */
export function hideCallbackToken<T>(value: T): T {
	if (isPlainObject(value) && typeof value.callback_url === 'string') {
		return { ...value, callback_url: hideUrlToken(value.callback_url) };
	}
	return value;
}
