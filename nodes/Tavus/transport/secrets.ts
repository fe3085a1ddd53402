import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from '../validation';

export const MASK = '********';

const SECRET_KEY = /(^|_)(api_?key|secret|password|token)$|^authorization$/i;

/** Values in a request body that must never be echoed back: api keys, auth headers. */
export function collectSecrets(value: unknown, found: string[] = []): string[] {
	if (Array.isArray(value)) {
		for (const entry of value) collectSecrets(entry, found);
	} else if (isPlainObject(value)) {
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
		if (isPlainObject(masked.headers)) {
			masked.headers = Object.fromEntries(
				Object.keys(masked.headers).map((header) => [header, MASK]),
			);
		}
		maskedLayers[name] = masked;
	}
	return { ...persona, layers: maskedLayers };
}
