import type { IDataObject } from 'n8n-workflow';
import { escapePointerKey, type PatchOperation } from '../../jsonPatch';
import {
	describeType,
	isEmptyValue,
	isPlainObject,
	ParameterError,
	parseJsonObject,
	toBoolean,
	toEnum,
	toNumber,
	toStringList,
	toTavusId,
	toText,
} from '../../validation';
import { CHANNELS, deploymentLabel, EMBED_SCRIPT, LIMIT_KEYS } from './fields';

/** One checked origin: http(s)://host[:port], as a browser sends it in Origin (no path). */
export function toOrigin(field: string, value: string): string {
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	const problem = 'must be an origin like https://example.com or http://localhost:3000 (no path)';
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
		throw new ParameterError(field, `${problem}, got ${describeType(value)}`);
	}
	if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
		throw new ParameterError(field, `${problem}, got ${describeType(value)}`);
	}
	// A trailing "/" is tolerated; the scheme and host are written the way browsers send them.
	return `${url.protocol}//${url.host}`;
}

/** Allowed Origins: a comma-separated text or a list (from an expression), each an origin. */
export function buildAllowedOrigins(value: unknown): string[] | undefined {
	const label = deploymentLabel('allowedOrigins');
	if (value === undefined || value === null) return undefined;
	const list = toStringList(label, value, true);
	return list.map((entry, index) =>
		toOrigin(list.length > 1 ? `${label} (entry ${index + 1})` : label, entry.trim()),
	);
}

/** A whole number of at least 1 (a limit). */
function toLimit(field: string, value: unknown): number {
	return toNumber(field, value, { integer: true, min: 1 });
}

/**
 * Limits from the JSON object and the two limit fields (the fields are added to the JSON; a key
 * given both ways is refused). Undefined when none is given.
 */
export function buildLimits(fields: IDataObject): IDataObject | undefined {
	const jsonLabel = deploymentLabel('limits');
	const limits: IDataObject = { ...(parseJsonObject(jsonLabel, fields.limits) ?? {}) };
	for (const key of LIMIT_KEYS) {
		if (limits[key] !== undefined && limits[key] !== null)
			limits[key] = toLimit(`${jsonLabel} › ${key}`, limits[key]);
	}
	const pairs: Array<[string, (typeof LIMIT_KEYS)[number]]> = [
		['maxCallDuration', 'max_call_duration'],
		['dailyCallLimitPerUser', 'daily_call_limit_per_user'],
	];
	for (const [name, key] of pairs) {
		if (isEmptyValue(fields[name])) continue;
		const label = deploymentLabel(name);
		if (key in limits) {
			throw new ParameterError(
				label,
				`is also given in ${jsonLabel} (${key})`,
				'Give each limit once: either as its own field or in the JSON.',
			);
		}
		limits[key] = toLimit(label, fields[name]);
	}
	return Object.keys(limits).length > 0 ? limits : undefined;
}

function buildPassword(value: unknown, label = deploymentLabel('password')): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const password = toText(label, value);
	if (password.trim() === '') throw new ParameterError(label, 'must not be only spaces');
	return password;
}

function buildName(value: unknown): string | undefined {
	if (isEmptyValue(value)) return undefined;
	return toText(deploymentLabel('name'), value).trim();
}

function buildCustomization(value: unknown): IDataObject | undefined {
	return parseJsonObject(deploymentLabel('customization'), value);
}

/** The body of POST /v2/deployments. Pure. */
export function buildDeploymentBody(
	pal: unknown,
	channel: unknown,
	fields: IDataObject,
): IDataObject {
	const body: IDataObject = {
		pal_id: toTavusId('PAL', pal),
		channel: toEnum('Channel', channel, CHANNELS),
	};
	const name = buildName(fields.name);
	if (name) body.name = name;
	const password = buildPassword(fields.password);
	if (password !== undefined) body.password = password;
	const customization = buildCustomization(fields.customization);
	if (customization && Object.keys(customization).length > 0) body.customization = customization;
	const limits = buildLimits(fields);
	if (limits) body.limits = limits;
	if (!isEmptyValue(fields.allowedOrigins)) {
		const origins = buildAllowedOrigins(fields.allowedOrigins);
		if (origins && origins.length > 0) body.allowed_origins = origins;
	}
	return body;
}

/**
 * Update → Fields: one JSON Patch operation per field given (replace for what every deployment
 * has, add for the password, which it never shows, and for single limits). Pure.
 */
export function buildDeploymentPatch(fields: IDataObject): PatchOperation[] {
	const operations: PatchOperation[] = [];
	if (fields.name !== undefined) {
		const name = buildName(fields.name);
		if (!name) throw new ParameterError(deploymentLabel('name'), 'must not be empty');
		operations.push({ op: 'replace', path: '/name', value: name });
	}
	const remove =
		fields.removePassword !== undefined &&
		toBoolean(deploymentLabel('removePassword'), fields.removePassword);
	const password = buildPassword(fields.password);
	if (remove && password !== undefined) {
		throw new ParameterError(
			deploymentLabel('removePassword'),
			'is on while Password is set',
			'Either set a new password or remove it.',
		);
	}
	if (fields.password !== undefined && password === undefined && !remove) {
		throw new ParameterError(
			deploymentLabel('password'),
			'is empty',
			'Enter the new password, or use Remove Password to drop it.',
		);
	}
	if (password !== undefined) operations.push({ op: 'add', path: '/password', value: password });
	if (remove) operations.push({ op: 'add', path: '/password', value: null });
	if (fields.customization !== undefined) {
		const customization = buildCustomization(fields.customization);
		if (!customization)
			throw new ParameterError(deploymentLabel('customization'), 'must be a JSON object');
		operations.push({ op: 'replace', path: '/customization', value: customization });
	}
	const limits = buildLimits(fields);
	for (const [key, value] of Object.entries(limits ?? {})) {
		operations.push({ op: 'add', path: `/limits/${escapePointerKey(key)}`, value });
	}
	if (fields.allowedOrigins !== undefined && !isEmptyValue(fields.allowedOrigins)) {
		const origins = buildAllowedOrigins(fields.allowedOrigins) ?? [];
		operations.push({ op: 'replace', path: '/allowed_origins', value: origins });
	}
	if (operations.length === 0) {
		throw new ParameterError(
			'Update Fields',
			'is empty: nothing to change',
			'Add a field to change, or use JSON Patch mode.',
		);
	}
	return operations;
}

/** The If-Match header from the If-Match (ETag) field; undefined when empty. */
export function buildIfMatch(value: unknown): Record<string, string> | undefined {
	if (isEmptyValue(value)) return undefined;
	const etag = toText('If-Match (ETag)', value).trim();
	if (/[\r\n]/.test(etag))
		throw new ParameterError('If-Match (ETag)', 'must be one line (an ETag like "a1b2c3")');
	return { 'If-Match': etag };
}

const escapeAttribute = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The embed snippet for a deployment (built by the node, not returned by Tavus). */
export function embedSnippet(deploymentId: string): IDataObject {
	return {
		script: EMBED_SCRIPT,
		tag: `<tavus-embed deployment-id="${escapeAttribute(deploymentId)}"></tavus-embed>`,
	};
}

/**
 * A deployment as the node outputs it: Tavus's object (unwrapped from `data` if wrapped, without
 * any password field), its `embed` snippet and, when Tavus sent one, the `etag` for If-Match.
 */
export function deploymentOutput(body: unknown, etag?: unknown): IDataObject {
	let deployment: unknown = body;
	if (isPlainObject(body) && !('deployment_id' in body) && isPlainObject(body.data))
		deployment = body.data;
	if (!isPlainObject(deployment)) return {};
	const output: IDataObject = { ...deployment };
	delete output.password;
	if (typeof output.deployment_id === 'string' && output.deployment_id !== '')
		output.embed = embedSnippet(output.deployment_id);
	const tag = Array.isArray(etag) ? etag[0] : etag;
	if (typeof tag === 'string' && tag !== '') output.etag = tag;
	return output;
}
