import type { IDataObject } from 'n8n-workflow';

/** Field labels whose values may hold a key: their messages never quote the value. */
const SECRET_FIELD = /key|header|token|secret|password|auth|extra body|default query|patch/i;

/**
 * A parameter value that cannot be sent. Thrown by the pure builders (which know nothing of
 * n8n's execution context); the operation turns it into a NodeOperationError that names the
 * field and the item. `field` is the label the user sees, e.g. "LLM Layer › Tools".
 */
export class ParameterError extends Error {
	readonly reason: string;

	constructor(
		readonly field: string,
		reason: string,
		readonly hint?: string,
	) {
		const safe = SECRET_FIELD.test(field) ? withoutQuotedText(reason) : reason;
		super(`${field}: ${safe}`);
		this.reason = safe;
		this.name = 'ParameterError';
	}
}

/** `got the text "Bearer sk-…"` → `got a text of 14 characters`: the value is not repeated. */
function withoutQuotedText(reason: string): string {
	return reason.replace(
		/the text "([\s\S]*)"/,
		(_match, text: string) => `a text of ${text.replace(/…$/, '').length} characters`,
	);
}

/** Two fields of which exactly one must be set: their labels and the hints of the two errors. */
export interface ExactlyOne {
	labels: [string, string];
	/** Why one of them is needed (neither set). */
	missingHint: string;
	/** What to do when both are set. */
	bothHint?: string;
}

/** Throws unless exactly one of the two fields is set (`set` says which are). */
export function requireExactlyOne(set: [boolean, boolean], rule: ExactlyOne): void {
	const [first, second] = rule.labels;
	if (!set[0] && !set[1]) {
		throw new ParameterError(`${first} or ${second}`, 'is required', rule.missingHint);
	}
	if (set[0] && set[1]) {
		throw new ParameterError(
			`${first} and ${second}`,
			'cannot be used together: set only one of them',
			rule.bothHint,
		);
	}
}

/** The body of an update when it changes something; with no key at all, a ParameterError. */
export function requireChanges(
	body: IDataObject,
	error: { field: string; reason: string; hint: string },
): IDataObject {
	if (Object.keys(body).length === 0)
		throw new ParameterError(error.field, error.reason, error.hint);
	return body;
}

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for values a user did not really fill in: undefined, null, '', [], {}. */
export function isEmptyValue(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	if (isPlainObject(value)) return Object.keys(value).length === 0;
	return false;
}

/** Parses a JSON parameter that may be a JSON string or an object/array from an expression. */
export function parseJsonValue(field: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return undefined;
	let problem: string;
	try {
		return JSON.parse(text);
	} catch (error) {
		problem = describeJsonError(text, (error as Error).message);
	}
	throw new ParameterError(
		field,
		`is not valid JSON (${problem})`,
		'Enter valid JSON, e.g. {"key": "value"} for an object or [ ... ] for a list.',
	);
}

/**
 * Where the JSON breaks, without quoting it: V8's message includes a slice of the input, and
 * the input may hold a key (an Authorization header, an api_key in Extra Body).
 */
function describeJsonError(text: string, message: string): string {
	const position = /position (\d+)/.exec(message);
	if (/end of (JSON )?input|Unterminated/i.test(message)) return 'it ends too early';
	if (position && Number(position[1]) >= text.length) return 'it ends too early';
	if (position) {
		const offset = Number(position[1]);
		const line = text.slice(0, offset).split('\n').length;
		return `unexpected character at position ${offset}, line ${line}`;
	}
	if (/end of (JSON )?input|Unterminated/i.test(message)) return 'it ends too early';
	const token = /Unexpected token '(.)'/.exec(message);
	return token ? `unexpected "${token[1]}"` : 'unexpected character';
}

export function parseJsonObject(field: string, value: unknown): IDataObject | undefined {
	const parsed = parseJsonValue(field, value);
	if (parsed === undefined || parsed === null) return undefined;
	if (!isPlainObject(parsed)) {
		throw new ParameterError(field, `must be a JSON object, got ${describeType(parsed)}`);
	}
	return parsed;
}

export function parseJsonArray(field: string, value: unknown): unknown[] | undefined {
	const parsed = parseJsonValue(field, value);
	if (parsed === undefined || parsed === null) return undefined;
	if (!Array.isArray(parsed)) {
		throw new ParameterError(field, `must be a JSON array, got ${describeType(parsed)}`);
	}
	return parsed;
}

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string')
		return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
	return `${typeof value} ${String(value)}`;
}

/** A text value: strings pass, numbers are written out, anything else is refused. */
export function toText(field: string, value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new ParameterError(field, `must be text, got ${describeType(value)}`);
}

/** A boolean: true/false, or the strings "true"/"false" that expressions and sheets produce. */
export function toBoolean(field: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	throw new ParameterError(field, `must be true or false, got ${describeType(value)}`);
}

export function toEnum(field: string, value: unknown, allowed: readonly string[]): string {
	if (typeof value === 'string' && allowed.includes(value)) return value;
	throw new ParameterError(
		field,
		`must be one of ${allowed.map((v) => `"${v}"`).join(', ')}, got ${describeType(value)}`,
	);
}

export function toNumber(
	field: string,
	value: unknown,
	rules: { integer?: boolean; min?: number; max?: number } = {},
): number {
	const number =
		typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : (value as number);
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new ParameterError(field, `must be a number, got ${describeType(value)}`);
	}
	if (rules.integer && !Number.isInteger(number)) {
		throw new ParameterError(field, `must be a whole number, got ${number}`);
	}
	if (rules.min !== undefined && number < rules.min) {
		throw new ParameterError(field, `must be at least ${rules.min}, got ${number}`);
	}
	if (rules.max !== undefined && number > rules.max) {
		throw new ParameterError(field, `must be at most ${rules.max}, got ${number}`);
	}
	return number;
}

/**
 * A list of strings: an array from an expression or a multi-value field (every entry must be
 * text), or, when `splitCommas`, a comma-separated string ("a, b, c").
 */
export function toStringList(field: string, value: unknown, splitCommas: boolean): string[] {
	if (Array.isArray(value)) {
		return (
			value
				// The editor stores an untouched entry of a multi-value field as []: skip it.
				.filter((entry) => !(Array.isArray(entry) && entry.length === 0))
				.map((entry, index) => {
					if (typeof entry !== 'string') {
						throw new ParameterError(
							field,
							`entry ${index + 1} must be text, got ${describeType(entry)}`,
						);
					}
					return entry;
				})
				.filter((entry) => entry.trim() !== '')
		);
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (text.startsWith('[')) return toStringList(field, parseJsonArray(field, text), splitCommas);
		if (!splitCommas) return text === '' ? [] : [value];
		return text
			.split(',')
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
	}
	throw new ParameterError(field, `must be a list of text entries, got ${describeType(value)}`);
}

const TAVUS_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** What an ID-like text must look like, for `toIdLike`. */
export interface IdRule {
	pattern: RegExp;
	maxLength: number;
	/** What it is, e.g. "Tavus ID". */
	noun: string;
	/** An example, e.g. "p5317866". */
	example: string;
	/** The rule in words, e.g. 'IDs are letters, digits, "-" and "_", like p5317866'. */
	rule: string;
}

/** A required text that follows `rule` (trimmed). Pure. */
export function toIdLike(field: string, value: unknown, rule: IdRule): string {
	const text = typeof value === 'string' ? value.trim() : value;
	if (text === undefined || text === null || text === '') {
		throw new ParameterError(field, 'is required');
	}
	if (typeof text !== 'string') {
		throw new ParameterError(
			field,
			`must be a ${rule.noun} (text like ${rule.example}), got ${describeType(text)}`,
		);
	}
	if (!rule.pattern.test(text) || text.length > rule.maxLength) {
		throw new ParameterError(
			field,
			`"${text.length > 60 ? text.slice(0, 60) + '…' : text}" is not a ${rule.noun} (${rule.rule})`,
		);
	}
	return text;
}

const TAVUS_ID_RULE: IdRule = {
	pattern: TAVUS_ID,
	maxLength: 128,
	noun: 'Tavus ID',
	example: 'p5317866',
	rule: 'IDs are letters, digits, "-" and "_", like p5317866',
};

/** Tavus IDs are letters, digits, "_" and "-" (p5317866, r79e1c033f, d8-5c71baca86fc, pd_abc123). */
export function toTavusId(field: string, value: unknown): string {
	return toIdLike(field, value, TAVUS_ID_RULE);
}

export function toHttpUrl(field: string, value: unknown): string {
	const text = toText(field, value).trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
		throw new ParameterError(field, `must be an http(s) URL, got ${describeType(value)}`);
	}
	return text;
}

/** OpenAI's rule for function names (Tavus passes tools to an OpenAI-compatible LLM). */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** OpenAI function-calling tools, the shape Tavus takes for LLM, visual and audio tools. */
export function toToolList(field: string, value: unknown): IDataObject[] | undefined {
	const list = parseJsonArray(field, value);
	if (list === undefined) return undefined;
	return list.map((tool, index) => {
		const where = `${field} (tool ${index + 1})`;
		if (!isPlainObject(tool) || tool.type !== 'function' || !isPlainObject(tool.function)) {
			throw new ParameterError(
				where,
				'must look like {"type": "function", "function": {"name": ..., "parameters": {...}}}',
			);
		}
		const fn = tool.function;
		if (typeof fn.name !== 'string' || !FUNCTION_NAME.test(fn.name)) {
			throw new ParameterError(
				where,
				`function name must be 1-64 letters, digits, "_" or "-" (like get_current_weather or getWeather), got ${describeType(fn.name)}`,
			);
		}
		if (fn.description !== undefined && typeof fn.description !== 'string') {
			throw new ParameterError(where, 'function description must be text');
		}
		if (!isPlainObject(fn.parameters) || fn.parameters.type !== 'object') {
			throw new ParameterError(
				where,
				'function parameters must be a JSON Schema object: {"type": "object", "properties": {...}, "required": [...]}',
			);
		}
		return tool;
	});
}

/** Deep-merges `extra` into `base` (objects merge, everything else is replaced). */
export function deepMerge(base: IDataObject, extra: IDataObject): IDataObject {
	const result: IDataObject = { ...base };
	for (const [key, value] of Object.entries(extra)) {
		const current = result[key];
		result[key] =
			isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
	}
	return result;
}

/** A text that must not be empty (names). */
export function toRequiredText(field: string, value: unknown): string {
	if (isEmptyValue(value)) throw new ParameterError(field, 'is required');
	const text = toText(field, value).trim();
	if (text === '') throw new ParameterError(field, 'is required');
	return text;
}
