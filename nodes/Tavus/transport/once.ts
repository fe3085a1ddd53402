import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Exactly once under n8n's Retry On Fail.
 *
 * When a node fails and its "Retry On Fail" setting is on, n8n runs the node again with the same
 * input in the same execution. Without help, every item whose create already went through would
 * be created a second time. This module remembers, for one node run and its reruns only, what
 * happened to each request that changes something (POST, PATCH without `idempotent`):
 * - it succeeded: a rerun gets Tavus's first answer back, and nothing is sent;
 * - it failed in a way that may have reached Tavus (connection reset, time-out, 5xx, an answer
 *   without the object's ID): a rerun does not send it again and fails the item with that reason
 *   (except a `recomputed` patch, diffed from a fresh read, that no other item of the run sent to
 *   the same path: see transport/request.ts);
 * - it failed before reaching Tavus (refused connection, 4xx): nothing is remembered, a rerun sends it.
 *
 * The key is the object n8n hands to every try of one node run (`getExecuteData()`: the same
 * object across Retry On Fail tries, a new one for the next run of the node and for every
 * execution) in a WeakMap, so memory is freed with the execution and nothing is shared between
 * executions or persisted.
 */

interface RememberedSuccess {
	kind: 'success';
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
	/** The body sent, kept for requests whose body was recomputed from a read (see `recomputed`). */
	sent?: unknown;
}

interface RememberedDoubt {
	kind: 'inDoubt';
	/** What happened on the earlier try, in words (already free of secrets). */
	reason: string;
	sent?: unknown;
}

export type Remembered = RememberedSuccess | RememberedDoubt;

/** The longest list an entry of one node run may hold (bounded memory for huge inputs). */
const MAX_ENTRIES_PER_RUN = 200_000;

const byRun = new WeakMap<object, Map<string, Remembered>>();
/** Per try (execute context): how many times each (item, method, path) was sent in this try. */
const ordinals = new WeakMap<object, Map<string, number>>();

function runKeyOf(context: IExecuteFunctions): object | undefined {
	const getExecuteData = (context as { getExecuteData?: () => unknown }).getExecuteData;
	if (typeof getExecuteData !== 'function') return undefined;
	try {
		const data = getExecuteData.call(context);
		return typeof data === 'object' && data !== null ? data : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The key of one request within one try: the item, the method and path, and how many times the
 * item sent that same method and path before in this try (an operation that posts twice to the
 * same path keeps two entries). Bodies are left out on purpose: an expression such as {{ $now }}
 * in a name must not turn a rerun into a new persona.
 */
export function requestKey(
	context: IExecuteFunctions,
	itemIndex: number,
	method: string,
	path: string,
): string {
	let counts = ordinals.get(context);
	if (!counts) {
		counts = new Map();
		ordinals.set(context, counts);
	}
	const base = `${itemIndex} ${method} ${path}`;
	const ordinal = counts.get(base) ?? 0;
	counts.set(base, ordinal + 1);
	return `${base} #${ordinal}`;
}

/**
 * What an earlier try of this node run got for this item's first `method path`: Tavus's answer,
 * or that the answer was lost after it may have reached Tavus. Undefined: not sent before.
 */
export function earlierTry(
	context: IExecuteFunctions,
	itemIndex: number,
	method: string,
	path: string,
): Remembered | undefined {
	return recall(context, `${itemIndex} ${method} ${path} #0`);
}

export function recall(context: IExecuteFunctions, key: string): Remembered | undefined {
	const run = runKeyOf(context);
	return run ? byRun.get(run)?.get(key) : undefined;
}

export function remember(context: IExecuteFunctions, key: string, outcome: Remembered): void {
	const run = runKeyOf(context);
	if (!run) return;
	let entries = byRun.get(run);
	if (!entries) {
		entries = new Map();
		byRun.set(run, entries);
	}
	if (entries.size >= MAX_ENTRIES_PER_RUN && !entries.has(key)) return;
	entries.set(key, outcome);
}

/**
 * Whether another item of this node run sent `method path` (in any try): then a rerun must not
 * send this item's in-doubt change again, or it could undo the other item's later write.
 */
export function otherItemSent(
	context: IExecuteFunctions,
	itemIndex: number,
	method: string,
	path: string,
): boolean {
	const run = runKeyOf(context);
	const entries = run ? byRun.get(run) : undefined;
	if (!entries) return false;
	const own = `${itemIndex} `;
	const request = ` ${method} ${path} #`;
	for (const key of entries.keys()) {
		if (!key.startsWith(own) && key.slice(key.indexOf(' ')).startsWith(request)) return true;
	}
	return false;
}
