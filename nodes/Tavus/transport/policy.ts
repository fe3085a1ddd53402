import type { IDataObject } from 'n8n-workflow';
import { toBoolean, toNumber } from '../validation';

/** How the transport treats one request: retries, waiting, time-out. */
export interface RequestPolicy {
	/** Retry throttled (429), unavailable (503) and network-failed requests, where safe. */
	retry: boolean;
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** First back-off wait; doubles on every further retry. */
	retryDelayMs: number;
	/** Upper bound for all back-off waits of one request added together. */
	maxRetryWaitMs: number;
	/** Per-attempt time-out. */
	timeoutMs: number;
}

export const DEFAULT_POLICY: RequestPolicy = {
	retry: true,
	maxAttempts: 4,
	retryDelayMs: 1000,
	maxRetryWaitMs: 60_000,
	timeoutMs: 60_000,
};

/** The bounds of each Options value, in the units the user types. */
const POLICY_BOUNDS = {
	maxAttempts: { label: 'Max Attempts', min: 1, max: 10, integer: true },
	retryDelay: { label: 'Retry Delay (Ms)', min: 100, max: 600_000, integer: false },
	maxRetryWait: { label: 'Max Total Retry Wait (Seconds)', min: 0, max: 3_600, integer: false },
	timeout: { label: 'Timeout (Ms)', min: 1_000, max: 600_000, integer: false },
} as const;

/**
 * Reads the policy from the node's Options collection (see fields/options.ts). A value outside
 * its bounds (typed by an expression, where the editor's limits do not apply) is refused with
 * a ParameterError naming the option, rather than quietly replaced.
 */
export function policyFromOptions(options: IDataObject | undefined): RequestPolicy {
	const policy = { ...DEFAULT_POLICY };
	if (!options) return policy;
	const read = (key: keyof typeof POLICY_BOUNDS): number | undefined => {
		const value = options[key];
		if (value === undefined || value === null || value === '') return undefined;
		const { label, ...rules } = POLICY_BOUNDS[key];
		return toNumber(label, value, rules);
	};
	if (options.retry !== undefined) policy.retry = toBoolean('Retry', options.retry);
	policy.maxAttempts = read('maxAttempts') ?? policy.maxAttempts;
	policy.retryDelayMs = read('retryDelay') ?? policy.retryDelayMs;
	const maxWaitSeconds = read('maxRetryWait');
	if (maxWaitSeconds !== undefined) policy.maxRetryWaitMs = maxWaitSeconds * 1000;
	policy.timeoutMs = read('timeout') ?? policy.timeoutMs;
	return policy;
}

/** Failures that happened before Tavus could have acted on the request. */
const NOT_DELIVERED_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'];
/** Failures after which the request may or may not have been processed. */
const IN_DOUBT_CODES = ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT'];

export type FailureKind = 'notDelivered' | 'inDoubt' | 'other';

/**
 * n8n's NodeApiError replaces a network error's message with a text of its own (and n8n 1.x
 * drops the code on the way): these texts name the code they came from.
 */
const N8N_NETWORK_TEXTS: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/closed unexpectedly, perhaps it is offline/i, 'ECONNRESET'],
	[/incorrect host \(domain\)/i, 'ENOTFOUND'],
	[/connection timed out/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
];

const CODE_IN_TEXT =
	/\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|ECONNABORTED|EPIPE|ESOCKETTIMEDOUT)\b/;

/**
 * The network error code of a failed request, wherever the n8n version put it: on the error,
 * on its `cause` chain (n8n 2.x), deeper inside a NodeApiError (n8n 1.x: `cause`, `error`,
 * `errorResponse`, `context`), or only in the texts. Returns the code and every message seen.
 */
export function findNetworkCode(error: unknown): { code?: string; messages: string[] } {
	const seen = new Set<unknown>();
	const queue: Array<{ value: unknown; depth: number }> = [{ value: error, depth: 0 }];
	const messages: string[] = [];
	let code: string | undefined;
	while (queue.length > 0) {
		const { value, depth } = queue.shift()!;
		if (typeof value !== 'object' || value === null || seen.has(value) || depth > 6) continue;
		seen.add(value);
		const record = value as Record<string, unknown>;
		if (!code && typeof record.code === 'string' && /^E[A-Z_]{3,}$/.test(record.code)) {
			code = record.code;
		}
		for (const key of ['message', 'description']) {
			if (typeof record[key] === 'string') messages.push(record[key] as string);
		}
		for (const key of ['cause', 'error', 'errorResponse', 'context', 'errors', 'originalError']) {
			const next = record[key];
			if (Array.isArray(next))
				next.forEach((entry) => queue.push({ value: entry, depth: depth + 1 }));
			else queue.push({ value: next, depth: depth + 1 });
		}
	}
	if (!code) {
		for (const message of messages) {
			code = CODE_IN_TEXT.exec(message)?.[1];
			if (code) break;
			code = N8N_NETWORK_TEXTS.find(([pattern]) => pattern.test(message))?.[1];
			if (code) break;
		}
	}
	return { code, messages };
}

export function classifyNetworkError(code: string | undefined, message: string): FailureKind {
	if (code && NOT_DELIVERED_CODES.includes(code)) return 'notDelivered';
	if (code && IN_DOUBT_CODES.includes(code)) return 'inDoubt';
	if (/timeout|timed out|socket hang up|aborted/i.test(message)) return 'inDoubt';
	return 'other';
}

/**
 * Whether a failed attempt may be sent again. Idempotent requests (GET, DELETE, End) are
 * retried after throttling, outages and network failures. Requests that create something
 * (POST) or patch (PATCH) are retried only when Tavus provably did not act on them: a 429, or a
 * connection that was refused before anything was sent. A 503 or a reset on a POST may have
 * created the object already, so it is reported, not repeated.
 */
export function isRetryable(
	failure: { status?: number; network?: FailureKind },
	idempotent: boolean,
): boolean {
	if (failure.status === 429) return true;
	if (failure.network === 'notDelivered') return true;
	if (!idempotent) return false;
	return failure.status === 503 || failure.network === 'inDoubt';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or bad. */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** The wait before retry number `retry` (1 = first retry): Retry-After, else exponential. */
export function backoffDelay(policy: RequestPolicy, retry: number, retryAfterMs?: number): number {
	if (retryAfterMs !== undefined) return retryAfterMs;
	return policy.retryDelayMs * 2 ** (retry - 1);
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	EPIPE: 'the connection broke',
};

/**
 * A network failure in words. n8n's NodeApiError replaces any message that contains a raw
 * code such as ECONNREFUSED with a generic text of its own, so codes are spelled out here.
 */
export function describeNetworkFailure(
	code: string | undefined,
	message: string,
	timeoutMs: number,
): string {
	const known = code ? NETWORK_WORDS[code] : undefined;
	if (known) return known;
	if (/timeout|timed out/i.test(message)) return `no answer within ${timeoutMs} ms (timed out)`;
	if (/socket hang up/i.test(message)) return 'the server closed the connection without answering';
	const words = message.replace(
		/\b(E[A-Z_]{3,}|GETADDRINFO)\b/g,
		(token) => NETWORK_WORDS[token] ?? 'network failure',
	);
	return words.trim() || 'network failure';
}
