import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { isPlainObject, ParameterError } from '../validation';
import { runLimitOf } from './concurrency';
import { otherItemSent, recall, remember, requestKey } from './once';
import {
	backoffDelay,
	classifyNetworkError,
	DEFAULT_POLICY,
	describeNetworkFailure,
	findNetworkCode,
	type FailureKind,
	isRetryable,
	parseRetryAfter,
	policyFromOptions,
	type RequestPolicy,
} from './policy';
import {
	collectParameterSecrets,
	collectSecrets,
	looksLikeMachineKey,
	nodeForErrors,
	redactText,
} from './secrets';
import { getParameter } from '../parameters';

const CREDENTIAL_NAME = 'tavusApi';

export type TavusContext = IExecuteFunctions | ILoadOptionsFunctions;

interface TavusRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. `/v2/personas`. */
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	/** Extra request headers (e.g. If-Match); the credential's x-api-key is added by n8n. */
	headers?: Record<string, string>;
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
	/**
	 * The request creates an object (its noun, e.g. "persona"): a 2xx answer must be a JSON object
	 * with the new object's ID, else the item fails with a message that the object may exist.
	 */
	creates?: string;
	/**
	 * The body was computed in this try from a read of the object (a diff to the desired state):
	 * after an earlier try that may have reached Tavus, what still differs is sent again (the diff
	 * of what already applied is empty), and the body sent is remembered for the rerun's output
	 * (also for an idempotent request).
	 */
	recomputed?: boolean;
}

interface TavusResponse {
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
	412: 'Precondition Failed',
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
	412: 'The object changed after the ETag given in If-Match was read: get it again and send its new ETag.',
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
 * What the transport reads once per node run rather than on every request: the credential
 * (decrypted once and handed to httpRequestWithAuthentication, which would otherwise decrypt it
 * again for every request), the secrets typed into the node's parameters, and each item's
 * Options policy. Keyed by the run's context object, so nothing outlives the run.
 */
interface Connection {
	baseUrl: string;
	origin: string;
	credentials: { id: string; name: string; type: string; data: ICredentialDataDecryptedObject };
	/** The credential's keys and the parameters' secrets: masked in every error text. */
	secrets: string[];
	/**
	 * The Tavus API key and the other keys (credential's, typed into the node) shaped like machine
	 * keys: masked in every output.
	 */
	keys: string[];
}
interface ExecutionFacts {
	connection?: Promise<Connection>;
	/** The secrets of the connection once it is open (for outputs, read synchronously). */
	secrets?: readonly string[];
	policies: Map<number, RequestPolicy>;
}
const executionFacts = new WeakMap<object, ExecutionFacts>();

function factsOf(context: TavusContext): ExecutionFacts {
	let facts = executionFacts.get(context);
	if (!facts) {
		facts = { policies: new Map() };
		executionFacts.set(context, facts);
	}
	return facts;
}

/**
 * The Base URL as the credential holds it, without trailing slashes or a trailing `/v2` (the
 * node's paths start with /v2; a Base URL typed with it would double it).
 */
function normalizeBaseUrl(value: unknown): string {
	const text = String(value || 'https://tavusapi.com').trim();
	return text.replace(/\/+$/, '').replace(/\/v2$/i, '').replace(/\/+$/, '');
}

async function openConnection(context: TavusContext, itemIndex: number): Promise<Connection> {
	const data = await context.getCredentials(CREDENTIAL_NAME, itemIndex);
	const baseUrl = normalizeBaseUrl(data.baseUrl);
	let origin: string;
	try {
		origin = new URL(baseUrl).origin;
	} catch {
		throw new NodeOperationError(
			nodeForErrors(context.getNode()),
			`The Base URL of the Tavus API credential is not a URL`,
			{ description: 'Enter it like https://tavusapi.com (the default).' },
		);
	}
	const reference = context.getNode().credentials?.[CREDENTIAL_NAME];
	const credentialKeys = [data.apiKey, data.llmApiKey, data.ttsApiKey].map((key) =>
		String(key ?? ''),
	);
	const parameters = context.getNode().parameters;
	return {
		baseUrl,
		origin,
		credentials: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_NAME,
			data,
		},
		secrets: [...credentialKeys, ...collectParameterSecrets(parameters)],
		keys: [
			credentialKeys[0],
			...[...credentialKeys.slice(1), ...collectParameterSecrets(parameters, '', [], true)].filter(
				looksLikeMachineKey,
			),
		],
	};
}

/** The credential and base URL of this node run, read and decrypted once. */
export function connectionOf(context: TavusContext, itemIndex = 0): Promise<Connection> {
	const facts = factsOf(context);
	if (!facts.connection) {
		facts.connection = openConnection(context, itemIndex);
		// A failure is not remembered: the next item asks n8n again (and gets its own error).
		facts.connection.then(
			(connection) => {
				// Outputs are data: only values long enough to be keys are looked for in them.
				facts.secrets = connection.keys.filter((key) => key.length >= 8);
			},
			() => {
				facts.connection = undefined;
			},
		);
	}
	return facts.connection;
}

/** The secrets every output of this node run is cleaned of: none before its first request. */
export function outputSecretsOf(context: TavusContext): readonly string[] {
	return executionFacts.get(context)?.secrets ?? [];
}

function readPolicy(context: TavusContext, request: TavusRequest): RequestPolicy {
	if (request.policy) return request.policy;
	if (isExecuteContext(context)) {
		const itemIndex = request.itemIndex ?? 0;
		const { policies } = factsOf(context);
		let policy = policies.get(itemIndex);
		if (!policy) {
			const options = getParameter(context, 'options', itemIndex, {}) as IDataObject;
			try {
				policy = policyFromOptions(options);
			} catch (error) {
				const reason =
					error instanceof ParameterError
						? `${error.field} ${error.reason}`
						: (error as Error).message;
				throw new NodeOperationError(
					nodeForErrors(context.getNode()),
					`Options › ${reason} [item ${itemIndex}]`,
					{ itemIndex },
				);
			}
			policies.set(itemIndex, policy);
		}
		return policy;
	}
	// Pickers in the editor: fail fast rather than leave the dropdown spinning.
	return { ...DEFAULT_POLICY, maxAttempts: 2, timeoutMs: 15_000, maxRetryWaitMs: 5_000 };
}

/** Tavus puts its text under `error` or `message` (sometimes `error.message`). */
function tavusErrorText(body: unknown): string | undefined {
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
		if (isHtml(text)) {
			// An HTML error page from a gateway: keep its title or first heading.
			const title =
				/<title[^>]*>([^<]*)<\/title>/i.exec(text) ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text);
			return title ? `${title[1].trim()} (HTML page)` : 'an HTML page instead of JSON';
		}
		return text.length > 300 ? `${text.slice(0, 300)}…` : text;
	}
	return undefined;
}

function isHtml(text: string): boolean {
	return /^\s*</.test(text);
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
	/** Tavus may have acted on the request (reset, time-out, 5xx, an answer without an ID). */
	inDoubt?: boolean;
	/** A 2xx answer that cannot be Tavus's (HTML, no ID): what to tell the user. */
	badAnswer?: boolean;
	/** A redirect that was not followed. */
	redirect?: boolean;
	/** The Timeout ran out: not retried, so Timeout bounds the request, not each attempt. */
	deadline?: boolean;
}

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

/** The whole request, from sending to the last byte, is bounded by the policy's time-out. */
class DeadlineExceeded extends Error {
	constructor(readonly timeoutMs: number) {
		super(`no complete answer within ${Math.round(timeoutMs / 100) / 10} s (timed out)`);
	}
}

async function sendWithDeadline(
	context: TavusContext,
	options: IHttpRequestOptions,
	connection: Connection,
	timeoutMs: number,
): Promise<FullResponse> {
	const call = context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_NAME,
		options,
		{ credentialsDecrypted: connection.credentials },
	) as Promise<FullResponse>;
	// After the deadline the answer is no longer awaited; its late failure must not go unhandled.
	call.catch(() => undefined);
	// AbortSignal.timeout: a timer that does not keep the process alive; the listener is removed
	// as soon as the answer is in, so the deadline then never fires.
	const timer = AbortSignal.timeout(timeoutMs);
	let onTimeout = () => undefined as void;
	const deadline = new Promise<never>((_resolve, reject) => {
		onTimeout = () => reject(new DeadlineExceeded(timeoutMs));
		timer.addEventListener('abort', onTimeout, { once: true });
	});
	try {
		return await Promise.race([call, deadline]);
	} finally {
		timer.removeEventListener('abort', onTimeout);
	}
}

const MAX_SAME_ORIGIN_REDIRECTS = 3;

/**
 * One attempt: sends the request (redirects are never followed by n8n; a redirect on the same
 * origin is followed here, one to another origin is a failure, so the API key and the body
 * never leave the Base URL's origin) and returns Tavus's answer, or what went wrong.
 */
async function attemptOnce(
	context: TavusContext,
	request: TavusRequest,
	connection: Connection,
	policy: RequestPolicy,
): Promise<{ response?: FullResponse; body?: unknown; failure?: AttemptFailure }> {
	let url = `${connection.baseUrl}${request.path}`;
	let qs = request.qs && Object.keys(request.qs).length > 0 ? request.qs : undefined;
	for (let hop = 0; ; hop++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: policy.timeoutMs,
			headers: { accept: 'application/json', ...request.headers },
		};
		if (qs) options.qs = qs;
		if (request.body !== undefined) options.body = request.body;
		let response: FullResponse;
		try {
			response = await sendWithDeadline(context, options, connection, policy.timeoutMs);
		} catch (error) {
			if (error instanceof DeadlineExceeded) {
				return {
					failure: { network: 'inDoubt', text: error.message, inDoubt: true, deadline: true },
				};
			}
			const { code, messages } = findNetworkCode(error);
			const message = messages[0] ?? String(error);
			const network = classifyNetworkError(code, messages.join(' | '));
			return {
				failure: {
					network,
					text: describeNetworkFailure(code, message, policy.timeoutMs),
					inDoubt: network !== 'notDelivered',
				},
			};
		}
		const status = response.statusCode;
		const location = response.headers?.location;
		if (status >= 300 && status < 400 && typeof location === 'string' && location !== '') {
			let target: URL | undefined;
			try {
				target = new URL(location, url);
			} catch {
				target = undefined;
			}
			const sameOrigin = target?.origin === connection.origin;
			const keepsMethod = status === 307 || status === 308 || request.method === 'GET';
			if (target && sameOrigin && keepsMethod && hop < MAX_SAME_ORIGIN_REDIRECTS) {
				url = target.href;
				qs = undefined;
				continue;
			}
			const where = target ? (sameOrigin ? 'the same origin' : target.origin) : 'an invalid URL';
			return {
				failure: {
					status,
					redirect: true,
					text: `Tavus answered with a redirect to ${where}, which the node does not follow${sameOrigin ? '' : ' (the API key is only ever sent to the Base URL’s origin)'}`,
				},
			};
		}
		return { response, body: parseBody(response.body) };
	}
}

function throttleOutcome(status: number | undefined): 'ok' | 'throttled' | 'other' {
	if (status === 429) return 'throttled';
	return status !== undefined && status < 400 ? 'ok' : 'other';
}

/** A 2xx answer that cannot be Tavus's own: an HTML page, or a create without the new ID. */
function checkAnswer(request: TavusRequest, body: unknown): string | undefined {
	if (typeof body === 'string' && isHtml(body)) return 'an HTML page instead of JSON';
	if (request.creates) {
		if (!isPlainObject(body)) {
			return body === undefined || body === '' ? 'an empty answer' : 'an answer that is not JSON';
		}
		const hasId = Object.entries(body).some(
			([key, value]) => /(^|_)(id|uuid)$/.test(key) && typeof value === 'string' && value !== '',
		);
		if (!hasId) return `an answer without the new ${request.creates}’s ID`;
	}
	if (request.method === 'GET' && !isPlainObject(body) && !Array.isArray(body)) {
		return body === undefined || body === null || body === ''
			? 'an empty answer'
			: 'an answer that is not JSON';
	}
	return undefined;
}

function badAnswerText(request: TavusRequest, status: number, what: string): string {
	const text = `Tavus answered HTTP ${status} with ${what}`;
	if (!request.creates) return text;
	return `${text}: the ${request.creates} may have been created`;
}

/**
 * The one way this package talks to Tavus. Applies the credential (x-api-key) through n8n's
 * httpRequestWithAuthentication, keeps the key on the Base URL's origin, bounds each request by
 * the time-out, retries where it is safe (see policy.ts), never repeats a change that an earlier
 * try of the node already made (see once.ts), and turns failures into NodeApiErrors that carry
 * Tavus's own message and the HTTP status, with every secret masked.
 */
export async function tavusApiRequest(
	this: TavusContext,
	request: TavusRequest,
): Promise<TavusResponse> {
	const connection = await connectionOf(this, request.itemIndex ?? 0);
	const secrets = [...connection.secrets, ...collectSecrets(request.body)];
	const policy = readPolicy(this, request);
	const idempotent =
		request.idempotent ?? (request.method === 'GET' || request.method === 'DELETE');

	// Exactly once under n8n's Retry On Fail: see once.ts.
	const onceKey =
		(!idempotent || request.recomputed) && isExecuteContext(this) && request.itemIndex !== undefined
			? requestKey(this, request.itemIndex, request.method, request.path)
			: undefined;
	if (onceKey) {
		const earlier = recall(this as IExecuteFunctions, onceKey);
		if (earlier?.kind === 'success') {
			return {
				statusCode: earlier.statusCode,
				body: structuredClone(earlier.body),
				headers: { ...(earlier.headers as IDataObject) },
			};
		}
		if (earlier?.kind === 'inDoubt' && !resendable(this as IExecuteFunctions, request))
			throw notRepeatedError(this, request, earlier.reason);
	}

	const attempts = policy.retry ? Math.max(1, policy.maxAttempts) : 1;
	let waited = 0;
	let failure: AttemptFailure | undefined;
	let inDoubt = false;
	let attempt = 0;
	const limit = runLimitOf(this);
	for (attempt = 1; attempt <= attempts; attempt++) {
		// A slot of the run's adaptive limit (see concurrency.ts) for the time of the attempt only:
		// a request waiting for its Retry-After does not hold one.
		await limit?.acquire();
		const sentAt = Date.now();
		let outcome: Awaited<ReturnType<typeof attemptOnce>> | undefined;
		try {
			outcome = await attemptOnce(this, request, connection, policy);
		} finally {
			limit?.release(throttleOutcome(outcome?.response?.statusCode), Date.now() - sentAt);
		}
		failure = outcome.failure;
		const response = outcome.response;
		if (response && !failure) {
			const body = outcome.body;
			const headers = response.headers ?? {};
			if (response.statusCode < 400) {
				const bad = checkAnswer(request, body);
				if (!bad) {
					if (onceKey) {
						remember(this as IExecuteFunctions, onceKey, {
							kind: 'success',
							statusCode: response.statusCode,
							body: structuredClone(body),
							headers,
							...sentOf(request),
						});
					}
					return { statusCode: response.statusCode, body, headers };
				}
				failure = {
					status: response.statusCode,
					text: badAnswerText(request, response.statusCode, bad),
					badAnswer: true,
					// Whatever answered, Tavus may have acted on the request.
					inDoubt: true,
				};
			} else if (inDoubt && request.alreadyDoneStatuses?.includes(response.statusCode)) {
				return { statusCode: response.statusCode, body, headers, alreadyDone: true };
			} else {
				failure = {
					status: response.statusCode,
					body,
					text: tavusErrorText(body) ?? '',
					retryAfterMs: parseRetryAfter(headers['retry-after']),
					inDoubt: response.statusCode >= 500,
				};
			}
		}
		failure = failure as AttemptFailure;
		if (attempt >= attempts || failure.redirect || failure.deadline) break;
		if (!(failure.badAnswer ? idempotent : isRetryable(failure, idempotent))) break;
		if (failure.inDoubt) inDoubt = true;
		const delay = backoffDelay(policy, attempt, failure.retryAfterMs);
		if (waited + delay > policy.maxRetryWaitMs) {
			failure.text += ` (not retried: the next wait of ${Math.ceil(delay / 1000)} s would pass the ${Math.round(policy.maxRetryWaitMs / 1000)} s retry budget)`;
			break;
		}
		waited += delay;
		if (delay > 0) await sleep(delay);
	}

	const final = failure as AttemptFailure;
	const error = buildApiError(this, request, final, {
		attempts: Math.min(attempt, attempts),
		idempotent,
		secrets,
	});
	if (onceKey && final.inDoubt) {
		remember(this as IExecuteFunctions, onceKey, {
			kind: 'inDoubt',
			reason: error.message,
			...sentOf(request),
		});
	}
	throw error;
}

/**
 * Whether an in-doubt change may be sent again on a rerun: a `recomputed` patch (what still
 * differs from a fresh read) that no other item of this node run sent to the same object.
 */
function resendable(context: IExecuteFunctions, request: TavusRequest): boolean {
	return (
		request.recomputed === true &&
		!otherItemSent(context, request.itemIndex ?? 0, request.method, request.path)
	);
}

/** What once.ts keeps of the body sent: only for a recomputed one (see TavusRequest). */
const sentOf = (request: TavusRequest) =>
	request.recomputed ? { sent: structuredClone(request.body) } : {};

/** The error of a change that an earlier try of this node may already have made. */
function notRepeatedError(context: TavusContext, request: TavusRequest, reason: string) {
	return new NodeOperationError(
		nodeForErrors(context.getNode()),
		`Not sent again: an earlier try of this node in this execution sent ${request.method} ${request.path} and Tavus may have acted on it (${reason})`,
		{
			itemIndex: request.itemIndex,
			description: `n8n’s Retry On Fail ran the node again. To never create or change anything twice, the node repeats neither this request nor the ones that already succeeded (their first answers are output again). ${
				request.creates
					? `Check in Tavus whether the ${request.creates} exists (e.g. Get Many, by name) before running the workflow again.`
					: 'Check in Tavus whether it took effect before running the workflow again.'
			}`,
		},
	);
}

function buildApiError(
	context: TavusContext,
	request: TavusRequest,
	failure: AttemptFailure,
	info: { attempts: number; idempotent: boolean; secrets: string[] },
): NodeApiError {
	const where = `${request.method} ${request.path}`;
	const tries = info.attempts > 1 ? ` after ${info.attempts} attempts` : '';
	let message: string;
	let description: string;
	if (failure.redirect || failure.badAnswer) {
		message = `Tavus API error ${failure.status}: ${failure.text}${tries}`;
		description = failure.redirect
			? `${where} answered HTTP ${failure.status}. Nothing was sent to the redirect's target. Check the Base URL in the credential (it should be Tavus's API root, like https://tavusapi.com).`
			: `${where} answered HTTP ${failure.status}, but not as Tavus does. Check the Base URL in the credential; a proxy or captive portal may be answering instead of Tavus.`;
		if (request.creates) {
			description += ` The ${request.creates} may have been created: look for it (Get Many, by name) before running the workflow again.`;
		}
	} else if (failure.status !== undefined) {
		const status = failure.status;
		const statusText = STATUS_TEXT[status] ?? '';
		const text = failure.text || `${statusText || 'error'} with an empty body`;
		message = `Tavus API error ${status}${statusText ? ` ${statusText}` : ''}: ${text}${tries}`;
		const hint =
			status === 404 && /^\/v2\/[a-z_-]+\/?$/i.test(request.path)
				? 'Check the Base URL in the credential: it should be Tavus’s API root, like https://tavusapi.com.'
				: (STATUS_HINT[status] ?? (status >= 500 ? STATUS_HINT[500] : STATUS_HINT[400]));
		description = `${where} answered HTTP ${status}. ${hint}`;
		if (status >= 500 && !info.idempotent) {
			description +=
				' The request was not repeated automatically because Tavus may already have acted on it; check before running it again.';
		}
	} else {
		message = `Could not reach the Tavus API: ${failure.text}${tries}`;
		description = `${where} failed before Tavus answered. Check the Base URL in the credential and the network.`;
		if (failure.network !== 'notDelivered' && !info.idempotent) {
			description +=
				' The request was not repeated automatically because Tavus may have received it; check before running it again.';
		}
	}
	message = redactText(message, info.secrets);
	description = redactText(description, info.secrets);
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
