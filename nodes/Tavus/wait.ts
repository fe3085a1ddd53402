import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { getParameter } from './parameters';
import { buildForItem } from './resources/common';
import { nodeForErrors } from './transport/secrets';
import { ParameterError, toBoolean, toNumber } from './validation';

/** How to poll one object until Tavus has finished with it. */
export interface WaitUntilOptions<T> {
	/** Reads the object's current state (one request through the transport). */
	fetch: () => Promise<T>;
	/** The object is finished: stop polling and hand it back. */
	isDone: (value: T) => boolean;
	/** The object is finished badly: stop polling and fail the item. */
	isFailed: (value: T) => boolean;
	/**
	 * The object's state in words, as the time-out message starts, e.g.
	 * `Video 8a4f94e736 is still 'generating'`.
	 */
	describe: (value: T) => string;
	/** The failure message (default: describe). E.g. `Video 8a4f94e736 ended in status 'error': ...`. */
	describeFailure?: (value: T) => string;
	/** What the user can do when the wait runs out (shown as the error's description). */
	timeoutHint?: string;
	/** What the user can do when the object failed. */
	failureHint?: string;
	/** Longest total wait, in milliseconds, counted from the call. */
	maxWaitMs: number;
	/** Pause between two polls, in milliseconds. */
	intervalMs: number;
	itemIndex: number;
	/** A state already known (e.g. the create response): checked before the first pause. */
	initial?: T;
}

/** Longest single pause, so that a cancelled execution stops waiting quickly. */
const SLEEP_SLICE_MS = 1000;

/** Seconds as people write them: 600, 0.5, 0.05. */
export function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	return String(Number(seconds.toFixed(3)));
}

function cancelled(context: IExecuteFunctions): boolean {
	const signal =
		typeof context.getExecutionCancelSignal === 'function'
			? context.getExecutionCancelSignal()
			: undefined;
	return signal?.aborted === true;
}

/**
 * Polls an object until `isDone` or `isFailed` holds, bounded by `maxWaitMs`. Generic: videos
 * use it for Wait Until Ready, documents can use it for processing. Pauses with n8n's `sleep`
 * (in slices, so that a cancelled execution stops waiting); every poll is one request through
 * the transport, which applies the retry policy of the node's Options.
 *
 * Throws a NodeOperationError naming the item when the object fails, when the time runs out
 * (the message says how long it waited and the last state) or when the execution is cancelled.
 */
export async function waitUntil<T>(
	context: IExecuteFunctions,
	options: WaitUntilOptions<T>,
): Promise<T> {
	const { itemIndex } = options;
	const started = Date.now();
	const deadline = started + options.maxWaitMs;
	let value: T | undefined = options.initial;
	const fail = (message: string, description?: string) => {
		const error = new NodeOperationError(
			nodeForErrors(context.getNode()),
			`${message} [item ${itemIndex}]`,
			{ itemIndex, description },
		);
		keepLastState(error, value);
		return error;
	};
	// A failed poll keeps the object's last known state too: the object exists at Tavus.
	const poll = async () =>
		await options.fetch().catch(async (error: unknown) => {
			keepLastState(error, value);
			return await Promise.reject(error);
		});

	value = value !== undefined ? value : await poll();
	for (;;) {
		if (options.isFailed(value)) {
			throw fail((options.describeFailure ?? options.describe)(value), options.failureHint);
		}
		if (options.isDone(value)) return value;
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw fail(
				`${options.describe(value)} after ${formatSeconds(options.maxWaitMs)} s, the maximum wait`,
				options.timeoutHint,
			);
		}
		let pause = Math.min(options.intervalMs, remaining);
		while (pause > 0) {
			if (cancelled(context)) {
				throw fail(`Stopped waiting: the execution was cancelled while ${options.describe(value)}`);
			}
			const slice = Math.min(pause, SLEEP_SLICE_MS);
			await sleep(slice);
			pause -= slice;
		}
		if (cancelled(context)) {
			throw fail(`Stopped waiting: the execution was cancelled while ${options.describe(value)}`);
		}
		value = await poll();
	}
}

/**
 * Keeps the object's last known state on an error (context.lastState), so that with Continue On
 * Fail the error item still carries its ID and status: a video or document that was created but
 * did not become ready in time is not lost.
 */
function keepLastState(error: unknown, value: unknown): void {
	const context = (error as { context?: Record<string, unknown> })?.context;
	if (context && typeof value === 'object' && value !== null && !Array.isArray(value)) {
		context.lastState = value;
	}
}

/** The Wait Until Ready settings of one item, checked. */
export interface WaitSettings {
	enabled: boolean;
	maxWaitMs: number;
	intervalMs: number;
}

/**
 * The longest wait the node accepts: one hour. Longer waits hold an n8n worker for nothing;
 * a Callback URL and n8n's Wait node are the answer there (see the README).
 */
export const MAX_WAIT_SECONDS = 3_600;
/** The shortest pause between two polls. */
export const MIN_POLL_SECONDS = 1;

/** Max Wait and Poll Interval defaults, in seconds. */
export interface WaitDefaults {
	maxWait: number;
	pollInterval: number;
}

/**
 * Wait Until Ready + Max Wait + Poll Interval, the UI of `waitUntil`. `noun` names what is
 * waited for ("video").
 */
export function waitProperties(
	noun: string,
	readyWord: string,
	defaults: WaitDefaults,
): INodeProperties[] {
	const { maxWait, pollInterval } = defaults;
	return [
		{
			displayName: 'Wait Until Ready',
			name: 'waitUntilReady',
			type: 'boolean',
			default: false,
			description: `Whether to poll the ${noun} until its status is '${readyWord}' (or 'error') and output it then, instead of right away`,
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: MAX_WAIT_SECONDS, numberPrecision: 1 },
			default: maxWait,
			description: `How long to wait for the ${noun} at most before the item fails with a time-out (up to 3600 s; for longer, use a Callback URL and n8n's Wait node)`,
			displayOptions: { show: { waitUntilReady: [true] } },
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: MIN_POLL_SECONDS, maxValue: MAX_WAIT_SECONDS, numberPrecision: 1 },
			default: pollInterval,
			description: `Time between two status checks of the ${noun} (at least 1 s)`,
			displayOptions: { show: { waitUntilReady: [true] } },
		},
	];
}

function positiveSeconds(field: string, value: unknown, max?: number): number {
	const seconds = toNumber(field, value, { max });
	if (seconds <= 0) {
		throw new ParameterError(field, `must be greater than 0, got ${seconds}`);
	}
	return seconds;
}

/** Reads and checks the parameters of `waitProperties` (pure: raw values in). */
export function toWaitSettings(raw: {
	waitUntilReady: unknown;
	maxWait: unknown;
	pollInterval: unknown;
}): WaitSettings {
	const enabled =
		raw.waitUntilReady === undefined ? false : toBoolean('Wait Until Ready', raw.waitUntilReady);
	if (!enabled) return { enabled, maxWaitMs: 0, intervalMs: 0 };
	const maxWait = positiveSeconds('Max Wait (Seconds)', raw.maxWait, MAX_WAIT_SECONDS);
	const interval = toNumber('Poll Interval (Seconds)', raw.pollInterval, {
		min: MIN_POLL_SECONDS,
		max: MAX_WAIT_SECONDS,
	});
	return {
		enabled,
		maxWaitMs: Math.round(maxWait * 1000),
		intervalMs: Math.max(1, Math.round(interval * 1000)),
	};
}

/** Reads and checks one item's `waitProperties`; throws (naming field and item) before any request. */
export function readWaitSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	defaults: WaitDefaults,
): WaitSettings {
	const raw = {
		waitUntilReady: getParameter(context, 'waitUntilReady', itemIndex, false),
		maxWait: getParameter(context, 'maxWait', itemIndex, defaults.maxWait),
		pollInterval: getParameter(context, 'pollInterval', itemIndex, defaults.pollInterval),
	};
	return buildForItem(context, itemIndex, () => toWaitSettings(raw));
}
