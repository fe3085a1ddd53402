import { NodeApiError } from 'n8n-workflow';
import type { FaultSpec } from '../harness/tavus-mock';
import { FAST_OPTIONS, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

type Operation = 'create' | 'get' | 'update' | 'delete';

/** Two items per run: item 0 meets the fault, item 1 does not (unless the fault persists). */
const operations: Record<
	Operation,
	{
		method: string;
		path: RegExp;
		parameters: (ids: string[]) => Record<string, unknown>;
		idempotent: boolean;
	}
> = {
	create: {
		method: 'POST',
		path: /^\/v2\/personas$/,
		idempotent: false,
		parameters: () => ({
			resource: 'persona',
			operation: 'create',
			personaName: '={{ $json.name }}',
			systemPrompt: 'Hi',
		}),
	},
	get: {
		method: 'GET',
		path: /^\/v2\/personas\/p/,
		idempotent: true,
		parameters: () => ({ resource: 'persona', operation: 'get', persona: byId('={{ $json.id }}') }),
	},
	update: {
		method: 'PATCH',
		path: /^\/v2\/personas\/p/,
		idempotent: false,
		parameters: () => ({
			resource: 'persona',
			operation: 'update',
			persona: byId('={{ $json.id }}'),
			updateFields: { systemPrompt: '={{ $json.name }}' },
		}),
	},
	delete: {
		method: 'DELETE',
		path: /^\/v2\/personas\/p/,
		idempotent: true,
		parameters: () => ({
			resource: 'persona',
			operation: 'delete',
			persona: byId('={{ $json.id }}'),
		}),
	},
};

interface FaultCase {
	name: string;
	fault: FaultSpec;
	/** Whether the fault is retried away for this operation. */
	retried: (op: Operation) => boolean;
	/** The error message item 0 gets when the fault is not retried. */
	message: RegExp;
	httpCode?: string;
}

const transient = (op: Operation) => operations[op].idempotent;

const cases: FaultCase[] = [
	{
		name: '429 with Retry-After',
		fault: { status: 429, headers: { 'retry-after': '1' }, body: { error: 'Too many requests' } },
		retried: () => true,
		message: /./,
	},
	{
		name: '429 without Retry-After',
		fault: { status: 429, body: { message: 'Rate limited' } },
		retried: () => true,
		message: /./,
	},
	{
		name: '500',
		fault: { status: 500, body: { error: 'Internal error' } },
		retried: () => false,
		message: /^Tavus API error 500 Internal Server Error: Internal error$/,
		httpCode: '500',
	},
	{
		name: '502 HTML page',
		fault: { kind: 'html', status: 502 },
		retried: () => false,
		message: /^Tavus API error 502 Bad Gateway: 502 Bad Gateway \(HTML page\)$/,
		httpCode: '502',
	},
	{
		name: '503',
		fault: { status: 503, body: { message: 'Service Unavailable' } },
		retried: transient,
		message: /^Tavus API error 503 Service Unavailable: Service Unavailable$/,
		httpCode: '503',
	},
	{
		name: 'empty 503',
		fault: { kind: 'empty', status: 503 },
		retried: transient,
		message: /^Tavus API error 503 Service Unavailable: Service Unavailable with an empty body$/,
		httpCode: '503',
	},
	{
		name: 'connection reset',
		fault: { kind: 'reset' },
		retried: transient,
		message: /^Could not reach the Tavus API: /,
		httpCode: undefined,
	},
	{
		name: 'time-out',
		fault: { kind: 'timeout' },
		// Timeout is a deadline for the request: never retried, also for reads.
		retried: () => false,
		message: /^Could not reach the Tavus API: .*timed out/,
	},
	{
		name: '400',
		fault: { status: 400, body: { error: 'Invalid persona_id' } },
		retried: () => false,
		message: /^Tavus API error 400 Bad Request: Invalid persona_id$/,
		httpCode: '400',
	},
	{
		name: '401',
		fault: { status: 401, body: { message: 'Invalid access token' } },
		retried: () => false,
		message: /^Tavus API error 401 Unauthorized: Invalid access token$/,
		httpCode: '401',
	},
	{
		name: '404',
		fault: { status: 404, body: { message: 'Not found' } },
		retried: () => false,
		message: /^Tavus API error 404 Not Found: Not found$/,
		httpCode: '404',
	},
	{
		name: '422',
		fault: { status: 422, body: { message: 'Invalid JSON patch format' } },
		retried: () => false,
		message: /^Tavus API error 422 Unprocessable Entity: Invalid JSON patch format$/,
		httpCode: '422',
	},
];

async function seedTwoPersonas(): Promise<string[]> {
	const ids = ['pfault0000001', 'pfault0000002'];
	bed.mock.seed({
		personas: ids.map((id, index) => ({
			persona_id: id,
			persona_name: `P${index}`,
			persona_type: 'user',
			system_prompt: 'old',
		})),
	});
	bed.mock.clearRequests();
	return ids;
}

/** A short time-out only where the case waits for it; elsewhere a wide one that load cannot eat. */
const optionsFor = (faultCase: { fault: { kind?: string } }) => ({
	...FAST_OPTIONS,
	timeout: faultCase.fault.kind === 'timeout' ? 1000 : 30_000,
});

describe.each(Object.keys(operations) as Operation[])('fault matrix: Persona %s', (op) => {
	const spec = operations[op];

	it.each(cases)('$name', async (faultCase) => {
		for (const continueOnFail of [true, false]) {
			bed.mock.reset();
			const ids = await seedTwoPersonas();
			bed.mock.addFault({ ...faultCase.fault, method: spec.method, path: spec.path, times: 1 });
			const items = [
				{ id: ids[0], name: 'first' },
				{ id: ids[1], name: 'second' },
			];
			const result = await bed.run(
				{ ...spec.parameters(ids), options: optionsFor(faultCase) },
				items,
				{
					onError: continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
				},
			);
			const attempts = bed.sent(spec.method, spec.path);
			const retried = faultCase.retried(op);
			if (retried) {
				// The fault is absorbed: both items succeed, in order, once each.
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(2);
				expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				expect(result.items.every((item) => item.json.error === undefined)).toBe(true);
				expect(attempts).toHaveLength(3); // item 0 twice, item 1 once
			} else if (continueOnFail) {
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(2);
				expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				expect(String(result.items[0].json.error)).toMatch(faultCase.message);
				expect(result.items[0].json.httpCode).toBe(faultCase.httpCode);
				expect(result.items[1].json.error).toBeUndefined();
				expect(attempts).toHaveLength(2); // once each: never repeated
			} else {
				expect(result.error).toBeInstanceOf(NodeApiError);
				expect(result.error?.message).toMatch(faultCase.message);
				expect((result.error as NodeApiError).context.itemIndex).toBe(0);
				expect(attempts).toHaveLength(1); // stopped at item 0
			}
			if (
				!spec.idempotent &&
				!retried &&
				(faultCase.fault.kind === 'reset' ||
					faultCase.fault.kind === 'timeout' ||
					faultCase.fault.status === 503)
			) {
				const description = continueOnFail
					? String(result.items[0].json.description)
					: String((result.error as NodeApiError).description);
				expect(description).toContain('not repeated automatically because Tavus may');
			}
		}
	});
});

describe('retry policy limits', () => {
	it('gives up after Max Attempts on a persistent 429 and says so', async () => {
		bed.mock.addFault({
			method: 'POST',
			path: '/v2/personas',
			status: 429,
			body: { error: 'Too many requests' },
			times: 'Infinity',
		});
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'x',
			systemPrompt: 'y',
			options: { ...FAST_OPTIONS, maxAttempts: 3 },
		});
		expect(error?.message).toBe(
			'Tavus API error 429 Too Many Requests: Too many requests after 3 attempts',
		);
		expect(bed.sent('POST')).toHaveLength(3);
	});

	it('stops when Retry-After would pass the retry budget', async () => {
		bed.mock.addFault({
			method: 'GET',
			path: '/v2/faces',
			status: 429,
			headers: { 'retry-after': '120' },
			body: { error: 'Slow down' },
			times: 'Infinity',
		});
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'getAll',
			limit: 1,
			options: { ...FAST_OPTIONS, maxRetryWait: 10 },
		});
		expect(error?.message).toBe(
			'Tavus API error 429 Too Many Requests: Slow down (not retried: the next wait of 120 s would pass the 10 s retry budget)',
		);
		expect(bed.sent('GET')).toHaveLength(1);
	});

	it('sends every request once when Retry is off', async () => {
		bed.mock.addFault({
			method: 'GET',
			path: '/v2/faces',
			status: 503,
			body: { message: 'down' },
			times: 'Infinity',
		});
		const { error } = await bed.run({
			resource: 'replica',
			operation: 'getAll',
			limit: 1,
			options: { ...FAST_OPTIONS, retry: false },
		});
		expect(error?.message).toBe('Tavus API error 503 Service Unavailable: down');
		expect(bed.sent('GET')).toHaveLength(1);
	});

	it('retries a create whose connection was refused (it never reached Tavus)', async () => {
		// Nothing listens on port 9: every attempt is refused, so all of them are made.
		const { error } = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: 'x',
				systemPrompt: 'y',
				options: { ...FAST_OPTIONS, maxAttempts: 3 },
			},
			[{}],
			{ credentials: { baseUrl: 'http://127.0.0.1:9' } },
		);
		expect(error?.message).toBe(
			'Could not reach the Tavus API: the connection was refused after 3 attempts',
		);
	});

	it('applies the per-request time-out', async () => {
		bed.mock.setLatency(4000);
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'x',
			systemPrompt: 'y',
			options: { ...FAST_OPTIONS, timeout: 1000 },
		});
		expect(error?.message).toMatch(/^Could not reach the Tavus API: .*timed out/);
		expect(bed.sent('POST')).toHaveLength(1);
	});
});

describe('batching', () => {
	/**
	 * Ten Persona Create items, five in flight (no interval), at the given mock latency. Checks
	 * the output's order and pairing; returns the arrival times of the requests at the mock.
	 */
	async function runTenFiveAtATime(latencyMs: number): Promise<number[]> {
		bed.mock.setLatency(latencyMs);
		const items = Array.from({ length: 10 }, (_, index) => ({ name: `Batch ${index}` }));
		const { items: output, error } = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: '={{ $json.name }}',
				systemPrompt: 'Hi',
				options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 5, batchInterval: 0 } } },
			},
			items,
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.persona_name, item.pairedItem])).toEqual(
			items.map((item, index) => [item.name, { item: index }]),
		);
		return bed
			.sent('POST')
			.map((request) => Date.parse(request.time))
			.sort((a, b) => a - b);
	}

	it('sends the items of a batch concurrently and keeps output order and pairing', async () => {
		const arrivals = await runTenFiveAtATime(500);
		const firstBatch = arrivals.filter((time) => time < arrivals[0] + 400);
		expect(firstBatch).toHaveLength(5); // the second batch waits for the first one's answers
	});

	it('spreads the starts of later rounds over the item time instead of sending bursts', async () => {
		const arrivals = await runTenFiveAtATime(200);
		// The first five start at once. The five answers come back together, and the next five
		// start 0.8 × ~200 ms / 5 = ~32 ms apart: ~128 ms from the first to the last (more when
		// the machine is slow, since the spacing follows the measured item time). Arrival times
		// are taken at the stand-in, so a busy machine can delay the first of them and squeeze
		// the span: the bound only tells a spread round (≥ 50 ms) from a burst (a few ms).
		expect(arrivals[4] - arrivals[0]).toBeLessThan(150);
		expect(arrivals[9] - arrivals[5]).toBeGreaterThanOrEqual(50);
	});

	it('waits the batch interval between batches', async () => {
		const { error } = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: '={{ $json.name }}',
				systemPrompt: 'Hi',
				options: { ...FAST_OPTIONS, batching: { batch: { batchSize: 2, batchInterval: 300 } } },
			},
			[{ name: 'a' }, { name: 'b' }, { name: 'c' }],
		);
		expect(error).toBeUndefined();
		const arrivals = bed.sent('POST').map((request) => Date.parse(request.time));
		expect(arrivals[2] - arrivals[0]).toBeGreaterThanOrEqual(290);
	});
});

describe('a retried delete whose first attempt may have worked', () => {
	it('counts a 400 "Invalid persona_id" after an in-doubt failure as deleted', async () => {
		// The first attempt meets a 503 (it may have been processed); the persona is gone when the
		// retry arrives, as it would be if the first attempt had deleted it.
		bed.mock.addFault({
			method: 'DELETE',
			path: /^\/v2\/personas\//,
			status: 503,
			body: { message: 'down' },
		});
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'delete',
			persona: byId('pgone00000001'),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toStrictEqual({ deleted: true, persona_id: 'pgone00000001' });
		expect(bed.sent('DELETE').map((request) => request.status)).toEqual([503, 400]);
	});

	it('still reports a 400 on the first attempt as an error', async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'delete',
			persona: byId('pgone00000001'),
		});
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid persona_id');
	});
});

describe("2xx answers that cannot be Tavus's", () => {
	it.each([
		['an empty 200', { kind: 'empty' as const, status: 200 }, 'an empty answer'],
		['a 200 HTML page', { kind: 'html' as const, status: 200 }, 'an HTML page instead of JSON'],
	])('a read that gets %s is retried, then fails naming it', async (_label, fault, what) => {
		bed.mock.addFault({
			...fault,
			method: 'GET',
			path: /^\/v2\/conversations\//,
			times: 'Infinity',
		});
		const { items, error } = await bed.run(
			{
				resource: 'conversation',
				operation: 'get',
				conversationId: 'c123456',
				options: { ...FAST_OPTIONS, maxAttempts: 2 },
			},
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toBe(
			`Tavus API error 200: Tavus answered HTTP 200 with ${what} after 2 attempts`,
		);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(bed.sent('GET')).toHaveLength(2);
	});
});
