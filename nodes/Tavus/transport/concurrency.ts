/**
 * How many requests one node run keeps in flight, adapted to Tavus's rate limit.
 *
 * The router starts up to Items per Batch items at once; every request those items send takes a
 * slot here first. The limit starts at Items per Batch. When Tavus answers 429, the limit drops
 * to the number of requests still in flight (what Tavus was accepting at that moment), so the
 * next requests wait for a slot instead of being refused; each run of `limit` successes in a row
 * raises it by one again, up to Items per Batch (additive increase, quick decrease). The 429'd
 * request itself waits for Retry-After (see request.ts) without holding a slot.
 */
export class AdaptiveLimit {
	private inFlight = 0;

	private successes = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(
		private readonly max: number,
		private current = max,
	) {}

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
	release(outcome: 'ok' | 'throttled' | 'other'): void {
		this.inFlight--;
		if (outcome === 'throttled') {
			this.current = Math.max(1, Math.min(this.current, this.inFlight));
			this.successes = 0;
		} else if (outcome === 'ok' && this.current < this.max) {
			this.successes++;
			if (this.successes >= this.current) {
				this.current++;
				this.successes = 0;
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
export function setRunLimit(context: object, itemsPerBatch: number): void {
	if (itemsPerBatch > 1) limits.set(context, new AdaptiveLimit(itemsPerBatch));
}

export function runLimitOf(context: object): AdaptiveLimit | undefined {
	return limits.get(context);
}
