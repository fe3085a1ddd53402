import { sleep } from 'n8n-workflow';

/** Starts are kept at least this share of (average item time / items in flight) apart. */
const SHARE_OF_EVEN_SPACING = 0.8;
/** A start never waits more than this for its turn, whatever the average item time. */
const MAX_SPACING_MS = 50;
/** Weight of the newest item time in the running average. */
const NEWEST_WEIGHT = 0.2;

export interface PacerClock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

const realClock: PacerClock = { now: () => Date.now(), sleep };

/**
 * Spreads the starts of the node's sliding window (Options → Batching with no interval) over the
 * time an item takes.
 *
 * Without it, items whose answers arrive at the same moment start their next requests at the
 * same moment, all on n8n's one thread: each of them waits for the others' processing before its
 * request leaves, the requests reach Tavus together and come back together, and the window runs
 * as a convoy for the rest of the execution, every request paying for the whole batch's processing.
 * Bursts are also what API rate limits punish.
 *
 * The pacer keeps consecutive starts at least 0.8 × (average item time / requests allowed in flight) apart,
 * never more than 50 ms. That is faster than the window can start items anyway once they are
 * spread evenly (one per item time / items per batch), so it never limits throughput; it only
 * spreads a burst over one round. The first round starts at once: no item time is known yet.
 */
export class StartPacer {
	private nextStartAt = 0;

	private averageMs: number | undefined;

	/**
	 * @param itemsInFlight how many requests may be in flight now: the run's adaptive limit, which
	 * drops below Items per Batch when Tavus answers 429 (spacing starts for 50 when only 20 may
	 * be in flight lets the 20 run as a convoy).
	 */
	constructor(
		private readonly itemsInFlight: () => number,
		private readonly clock: PacerClock = realClock,
	) {}

	/** The spacing between starts that the pacer keeps now, in milliseconds (0 = none yet). */
	get spacingMs(): number {
		const inFlight = this.itemsInFlight();
		if (this.averageMs === undefined || inFlight < 2) return 0;
		return Math.min((SHARE_OF_EVEN_SPACING * this.averageMs) / inFlight, MAX_SPACING_MS);
	}

	/** Resolves when the next item may start; each call takes the next free turn. */
	async waitTurn(): Promise<void> {
		const spacing = this.spacingMs;
		if (spacing === 0) return;
		const now = this.clock.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + spacing;
		const wait = startAt - now;
		// Timers have a resolution of a millisecond: shorter waits are not worth a timer.
		if (wait >= 1) await this.clock.sleep(wait);
	}

	/** Records how long an item took from its start to its end. */
	record(durationMs: number): void {
		if (!Number.isFinite(durationMs) || durationMs < 0) return;
		this.averageMs =
			this.averageMs === undefined
				? durationMs
				: (1 - NEWEST_WEIGHT) * this.averageMs + NEWEST_WEIGHT * durationMs;
	}
}
