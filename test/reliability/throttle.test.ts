import type { IDataObject } from 'n8n-workflow';
import { AdaptiveLimit } from '../../nodes/Tavus/transport/concurrency';
import { FAST_OPTIONS, useTestbed } from '../helpers/testbed';

describe('AdaptiveLimit (requests in flight under a rate limit)', () => {
	it('drops to what was still in flight on a 429, stays there, and grows again after 5 s without a 429', async () => {
		let clock = 1_000_000;
		const limit = new AdaptiveLimit(4, 4, () => clock);
		for (let i = 0; i < 4; i++) await limit.acquire();
		let fifthStarted = false;
		const fifth = limit.acquire().then(() => {
			fifthStarted = true;
		});
		limit.release('throttled'); // 3 still in flight
		expect(limit.limit).toBe(3);
		await Promise.resolve();
		expect(fifthStarted).toBe(false);
		limit.release('ok');
		await fifth;
		expect(fifthStarted).toBe(true);
		// Successes do not probe past what Tavus accepted while the 429 is recent...
		for (let i = 0; i < 6; i++) {
			limit.release('ok');
			await limit.acquire();
		}
		expect(limit.limit).toBe(3);
		// ...but do after a quiet spell: one step per run of `limit` successes.
		clock += 5_000;
		for (let i = 0; i < 3; i++) {
			limit.release('ok');
			await limit.acquire();
		}
		expect(limit.limit).toBe(4);
	});

	it('never goes below one nor above the maximum', async () => {
		let clock = 0;
		const limit = new AdaptiveLimit(2, 2, () => clock);
		await limit.acquire();
		limit.release('throttled');
		expect(limit.limit).toBe(1);
		clock += 60_000;
		for (let i = 0; i < 10; i++) {
			await limit.acquire();
			limit.release('ok');
		}
		expect(limit.limit).toBe(2);
	});
});

describe('under a rate limit of 5 requests in flight', () => {
	const bed = useTestbed();

	it('creates 60 personas exactly once, with no error item and few 429s', async () => {
		bed.mock.configure({ maxInFlight: 5, throttleRetryAfter: 0.2 });
		bed.mock.setLatency(30);
		const names = Array.from({ length: 60 }, (_, index) => ({ name: `T${index}` }));
		const { items, error } = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: '={{ $json.name }}',
				systemPrompt: 'x',
				options: { ...FAST_OPTIONS, maxRetryWait: 60, batching: { batch: { batchSize: 20 } } },
			},
			names,
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(items.map((item) => item.json.persona_name)).toEqual(names.map((n) => n.name));
		const created = [...bed.mock.state.personas.values()].map(
			(p) => (p as IDataObject).persona_name,
		);
		expect(names.every((n) => created.filter((c) => c === n.name).length === 1)).toBe(true);
		// Without adapting, every round of 20 would meet 15 refusals (≈ 180 in all).
		expect(bed.mock.throttled).toBeLessThan(60);
	});
});
