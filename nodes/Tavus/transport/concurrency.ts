/**
 * How many requests one node run keeps in flight, adapted to Tavus's rate limit.
 *
 * The router starts up to Items per Batch items at once; every request those items send takes a
 * slot here first. The limit starts at Items per Batch. When Tavus answers 429, the limit drops
 * to the number of requests still in flight (what Tavus was accepting at that moment), so the
 * next requests wait for a slot instead of being refused. Successes raise it again by one per
 * run of `limit` successes (additive increase, quick decrease), but not past what Tavus accepted
 * when it last said 429, until 5 s have passed without a 429 (then one more at a time, up to
 * Items per Batch): probing the limit costs a Retry-After wait each time. The 429'd request
 * itself waits for Retry-After (see request.ts) without holding a slot.
 */
export class AdaptiveLimit {
	private inFlight = 0;

	private successes = 0;

	/** The most that Tavus accepted when it last said 429; raised again only after a quiet spell. */
	private ceiling: number;

	private lastThrottledAt = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(
		private readonly max: number,
		private current = max,
		private readonly now: () => number = Date.now,
		/** How long without a 429 before the limit may grow past what Tavus last accepted. */
		private readonly quietMs = 5_000,
		/** Told how long each successful request took (the router's start pacer learns from it). */
		private readonly onRequestTime?: (ms: number) => void,
	) {
		this.ceiling = max;
	}

	get limit(): number {
		return this.current;
	}

	async acquire(): Promise<void> {
		if (this.inFlight < this.current) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	/** Frees the slot of a request that ended: `throttled` for a 429, `ok` for an answer < 400. */
	release(outcome: 'ok' | 'throttled' | 'other', durationMs?: number): void {
		this.inFlight--;
		if (outcome === 'ok' && durationMs !== undefined) this.onRequestTime?.(durationMs);
		if (outcome === 'throttled') {
			// What was still in flight is what Tavus was accepting when it refused this one.
			this.current = Math.max(1, Math.min(this.current, this.inFlight));
			this.ceiling = this.current;
			this.lastThrottledAt = this.now();
			this.successes = 0;
		} else if (outcome === 'ok') {
			if (this.ceiling < this.max && this.now() - this.lastThrottledAt >= this.quietMs) {
				this.ceiling++;
			}
			if (this.current < Math.min(this.max, this.ceiling)) {
				this.successes++;
				if (this.successes >= this.current) {
					this.current++;
					this.successes = 0;
				}
			}
		}
		while (this.inFlight < this.current && this.waiting.length > 0) {
			this.inFlight++;
			this.waiting.shift()!();
		}
	}
}

const limits = new WeakMap<object, AdaptiveLimit>();

/** The router sets the limit of a node run (its execute context) that sends items in parallel. */
export function setRunLimit(
	context: object,
	itemsPerBatch: number,
	onRequestTime?: (ms: number) => void,
): AdaptiveLimit | undefined {
	if (itemsPerBatch <= 1) return undefined;
	const limit = new AdaptiveLimit(itemsPerBatch, itemsPerBatch, Date.now, 5_000, onRequestTime);
	limits.set(context, limit);
	return limit;
}

export function runLimitOf(context: object): AdaptiveLimit | undefined {
	return limits.get(context);
}
