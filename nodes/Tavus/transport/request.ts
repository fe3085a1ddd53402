import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import { isPlainObject } from '../validation';
import {
	backoffDelay,
	classifyNetworkError,
	DEFAULT_POLICY,
	describeNetworkFailure,
	type FailureKind,
	isRetryable,
	parseRetryAfter,
	policyFromOptions,
	type RequestPolicy,
} from './policy';
import { collectParameterSecrets, collectSecrets, nodeForErrors, redact } from './secrets';
import { getParameter } from '../parameters';

export const CREDENTIAL_NAME = 'tavusApi';

export type TavusContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface TavusRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. `/v2/personas`. */
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	/** The input item this request belongs to (named in errors, selects the item's Options). */
	itemIndex?: number;
	/**
	 * Whether sending the request twice has the same effect as once. Defaults to true for GET
	 * and DELETE, false otherwise; End Conversation passes true.
	 */
	idempotent?: boolean;
	/** Overrides the policy read from the node's Options (list search uses a short one). */
	policy?: RequestPolicy;
	/**
	 * Statuses that mean "already done" when they answer a retry of a request whose earlier
	 * attempt may have reached Tavus (Delete, End: a 400 "Invalid ..._id" or 404 then means the
	 * first attempt did the job).
	 */
	alreadyDoneStatuses?: number[];
}

export interface TavusResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
	/** A retry found the work already done (see TavusRequest.alreadyDoneStatuses). */
	alreadyDone?: boolean;
}

interface FullResponse {
	statusCode: number;
	statusMessage?: string;
	body: unknown;
	headers: IDataObject;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	402: 'Payment Required',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

const STATUS_HINT: Record<number, string> = {
	400: 'Tavus refused the request as sent. Check the fields the message names.',
	401: 'Check the API key in the Tavus API credential (Tavus Developer Portal → API Keys).',
	403: 'The API key is not allowed to do this (an IP-restricted key, or another account’s object).',
	404: 'Check the ID: the object does not exist or belongs to another API key.',
	409: 'The object is busy; try again when its current processing has finished.',
	422: 'The request was well-formed JSON but Tavus could not apply it (for JSON Patch: check each path against the current object).',
	429: 'Tavus is throttling this account. Lower the batch size or add an interval between batches (Options → Batching).',
	500: 'Tavus failed to process the request. Try again later; if it persists, contact Tavus support.',
	502: 'A gateway in front of Tavus failed. Try again later.',
	503: 'Tavus is unavailable right now. Try again later.',
	504: 'A gateway in front of Tavus timed out. Try again later.',
};

function isExecuteContext(context: TavusContext): context is IExecuteFunctions {
	return typeof (context as IExecuteFunctions).getInputData === 'function';
}

/**
 * What the transport reads once per node execution rather than on every request: the secrets
 * typed into the node's parameters, and each item's Options policy. Keyed by the execution's
 * context object, so nothing outlives an execution.
 */
interface ExecutionFacts {
	parameterSecrets: string[];
	policies: Map<number, RequestPolicy>;
}
const executionFacts = new WeakMap<object, ExecutionFacts>();

function factsOf(context: TavusContext): ExecutionFacts {
	let facts = executionFacts.get(context);
	if (!facts) {
		facts = {
			parameterSecrets: collectParameterSecrets(context.getNode().parameters),
			policies: new Map(),
		};
		executionFacts.set(context, facts);
	}
	return facts;
}

function readPolicy(context: TavusContext, request: TavusRequest): RequestPolicy {
	if (request.policy) return request.policy;
	if (isExecuteContext(context)) {
		const itemIndex = request.itemIndex ?? 0;
		const { policies } = factsOf(context);
		let policy = policies.get(itemIndex);
		if (!policy) {
			policy = policyFromOptions(getParameter(context, 'options', itemIndex, {}) as IDataObject);
			policies.set(itemIndex, policy);
		}
		return policy;
	}
	// Pickers in the editor: fail fast rather than leave the dropdown spinning.
	return { ...DEFAULT_POLICY, maxAttempts: 2, timeoutMs: 15_000, maxRetryWaitMs: 5_000 };
}

/** Tavus puts its text under `error` or `message` (sometimes `error.message`). */
export function tavusErrorText(body: unknown): string | undefined {
	if (isPlainObject(body)) {
		for (const key of ['error', 'message', 'detail', 'details']) {
			const value = body[key];
			if (typeof value === 'string' && value.trim() !== '') return value.trim();
			if (isPlainObject(value) && typeof value.message === 'string') return value.message;
		}
		return undefined;
	}
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') return undefined;
		if (/^\s*</.test(text)) {
			// An HTML error page from a gateway: keep its title or first heading.
			const title =
				/<title[^>]*>([^<]*)<\/title>/i.exec(text) ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text);
			return title ? `${title[1].trim()} (HTML page)` : 'an HTML page instead of JSON';
		}
		return text.length > 300 ? `${text.slice(0, 300)}…` : text;
	}
	return undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string' && /^\s*[[{]/.test(body)) {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body;
}

interface AttemptFailure {
	status?: number;
	network?: FailureKind;
	text: string;
	body?: unknown;
	retryAfterMs?: number;
}

/**
 * The one way this package talks to Tavus. Applies the credential (x-api-key) through n8n's
 * httpRequestWithAuthentication, retries where it is safe (see policy.ts), and turns failures
 * into NodeApiErrors that carry Tavus's own message and the HTTP status, with every secret
 * (the Tavus key, provider keys in the body) masked.
 */
export async function tavusApiRequest(
	this: TavusContext,
	request: TavusRequest,
): Promise<TavusResponse> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME, request.itemIndex ?? 0);
	const baseUrl = String(credentials.baseUrl || 'https://tavusapi.com').replace(/\/+$/, '');
	const secrets = [
		...[credentials.apiKey, credentials.llmApiKey, credentials.ttsApiKey].map((key) =>
			String(key ?? ''),
		),
		...collectSecrets(request.body),
		...factsOf(this).parameterSecrets,
	];
	const policy = readPolicy(this, request);
	const idempotent =
		request.idempotent ?? (request.method === 'GET' || request.method === 'DELETE');

	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: policy.timeoutMs,
		headers: { accept: 'application/json' },
	};
	if (request.qs && Object.keys(request.qs).length > 0) options.qs = request.qs;
	if (request.body !== undefined) options.body = request.body;

	const attempts = policy.retry ? Math.max(1, policy.maxAttempts) : 1;
	let waited = 0;
	let failure: AttemptFailure | undefined;
	let inDoubt = false;
	let attempt = 0;
	for (attempt = 1; attempt <= attempts; attempt++) {
		failure = undefined;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_NAME,
				options,
			)) as FullResponse;
			const body = parseBody(response.body);
			if (response.statusCode < 400) {
				return { statusCode: response.statusCode, body, headers: response.headers ?? {} };
			}
			if (inDoubt && request.alreadyDoneStatuses?.includes(response.statusCode)) {
				return {
					statusCode: response.statusCode,
					body,
					headers: response.headers ?? {},
					alreadyDone: true,
				};
			}
			failure = {
				status: response.statusCode,
				body,
				text: tavusErrorText(body) ?? '',
				retryAfterMs: parseRetryAfter(response.headers?.['retry-after']),
			};
		} catch (error) {
			const err = error as { code?: string; cause?: { code?: string }; message?: string };
			const code = err.code ?? err.cause?.code;
			const message = String(err.message ?? error);
			failure = {
				network: classifyNetworkError(code, message),
				text: describeNetworkFailure(code, message, policy.timeoutMs),
			};
		}
		if (attempt >= attempts || !isRetryable(failure, idempotent)) break;
		if (failure.network === 'inDoubt' || (failure.status !== undefined && failure.status >= 500))
			inDoubt = true;
		const delay = backoffDelay(policy, attempt, failure.retryAfterMs);
		if (waited + delay > policy.maxRetryWaitMs) {
			failure.text += ` (not retried: the next wait of ${Math.ceil(delay / 1000)} s would pass the ${Math.round(policy.maxRetryWaitMs / 1000)} s retry budget)`;
			break;
		}
		waited += delay;
		if (delay > 0) await sleep(delay);
	}

	throw buildApiError(this, request, failure as AttemptFailure, {
		attempts: Math.min(attempt, attempts),
		retried: attempt > 1,
		idempotent,
		secrets,
	});
}

function buildApiError(
	context: TavusContext,
	request: TavusRequest,
	failure: AttemptFailure,
	info: { attempts: number; retried: boolean; idempotent: boolean; secrets: string[] },
): NodeApiError {
	const where = `${request.method} ${request.path}`;
	const tries = info.attempts > 1 ? ` after ${info.attempts} attempts` : '';
	let message: string;
	let description: string;
	if (failure.status !== undefined) {
		const status = failure.status;
		const statusText = STATUS_TEXT[status] ?? '';
		const text = failure.text || `${statusText || 'error'} with an empty body`;
		message = `Tavus API error ${status}${statusText ? ` ${statusText}` : ''}: ${text}${tries}`;
		const hint = STATUS_HINT[status] ?? (status >= 500 ? STATUS_HINT[500] : STATUS_HINT[400]);
		description = `${where} answered HTTP ${status}. ${hint}`;
		if (
			(status === 503 || status === 500 || status === 502 || status === 504) &&
			!info.idempotent
		) {
			description +=
				' The request was not repeated automatically because Tavus may already have acted on it; check before running it again.';
		}
	} else {
		message = `Could not reach the Tavus API: ${failure.text}${tries}`;
		description = `${where} failed before Tavus answered. Check the Base URL in the credential and the network.`;
		if (failure.network === 'inDoubt' && !info.idempotent) {
			description +=
				' The request was not repeated automatically because Tavus may have received it; check before running it again.';
		}
	}
	message = redact(message, info.secrets);
	description = redact(description, info.secrets);
	const errorResponse: JsonObject = {
		message,
		...(failure.status !== undefined ? { httpCode: String(failure.status) } : {}),
	};
	return new NodeApiError(nodeForErrors(context.getNode(), info.secrets), errorResponse, {
		message,
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex: request.itemIndex,
	});
}
