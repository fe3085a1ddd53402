import { StartPacer, type PacerClock } from '../../nodes/Tavus/pacing';

/** A clock that only moves when told to; sleep() records the wait and moves it. */
function fakeClock(startAt = 1_000) {
	let now = startAt;
	const waits: number[] = [];
	const clock: PacerClock = {
		now: () => now,
		sleep: async (ms: number) => {
			waits.push(ms);
		},
	};
	return {
		clock,
		waits,
		advance: (ms: number) => {
			now += ms;
		},
	};
}

describe('StartPacer', () => {
	it('lets the first round start at once: no item time is known yet', async () => {
		const { clock, waits } = fakeClock();
		const pacer = new StartPacer(() => 10, clock);
		for (let i = 0; i < 10; i++) await pacer.waitTurn();
		expect(waits).toEqual([]);
		expect(pacer.spacingMs).toBe(0);
	});

	it('spaces starts that come together by 0.8 × average item time / items in flight', async () => {
		const { clock, waits } = fakeClock();
		const pacer = new StartPacer(() => 10, clock);
		pacer.record(100); // spacing 0.8 × 100 / 10 = 8 ms
		expect(pacer.spacingMs).toBe(8);
		for (let i = 0; i < 4; i++) await pacer.waitTurn();
		expect(waits).toEqual([8, 16, 24]);
	});

	it('does not hold back a start whose turn has already come', async () => {
		const { clock, waits, advance } = fakeClock();
		const pacer = new StartPacer(() => 10, clock);
		pacer.record(100);
		await pacer.waitTurn();
		advance(8);
		await pacer.waitTurn();
		advance(30);
		await pacer.waitTurn();
		expect(waits).toEqual([]);
	});

	it('keeps a running average of item times (newest weighs 0.2)', () => {
		const { clock } = fakeClock();
		const pacer = new StartPacer(() => 10, clock);
		pacer.record(100);
		pacer.record(200); // 0.8 × 100 + 0.2 × 200 = 120
		expect(pacer.spacingMs).toBeCloseTo(9.6, 10);
		pacer.record(Number.NaN);
		pacer.record(-5);
		expect(pacer.spacingMs).toBeCloseTo(9.6, 10);
	});

	it('never spaces starts more than 50 ms apart, however slow the items', async () => {
		const { clock, waits } = fakeClock();
		const pacer = new StartPacer(() => 2, clock);
		pacer.record(60_000); // a Wait Until Ready item
		expect(pacer.spacingMs).toBe(50);
		for (let i = 0; i < 3; i++) await pacer.waitTurn();
		expect(waits).toEqual([50, 100]);
	});

	it('skips waits under a millisecond and does not pace one item at a time', async () => {
		const fast = fakeClock();
		const pacer = new StartPacer(() => 10, fast.clock);
		pacer.record(5); // spacing 0.4 ms
		await pacer.waitTurn();
		await pacer.waitTurn(); // due in 0.4 ms: not worth a timer
		await pacer.waitTurn(); // due in 0.8 ms
		await pacer.waitTurn(); // due in 1.2 ms
		expect(fast.waits).toEqual([expect.closeTo(1.2, 10)]);

		const single = fakeClock();
		const one = new StartPacer(() => 1, single.clock);
		one.record(1_000);
		expect(one.spacingMs).toBe(0);
		await one.waitTurn();
		await one.waitTurn();
		expect(single.waits).toEqual([]);
	});

	it('spaces starts over what the adaptive limit allows now, not over Items per Batch', () => {
		const { clock } = fakeClock();
		let allowed = 50;
		const pacer = new StartPacer(() => allowed, clock);
		pacer.record(50);
		expect(pacer.spacingMs).toBeCloseTo(0.8, 10); // 0.8 × 50 / 50
		allowed = 20; // Tavus answered 429 with 20 in flight
		expect(pacer.spacingMs).toBeCloseTo(2, 10); // 0.8 × 50 / 20
	});
});
