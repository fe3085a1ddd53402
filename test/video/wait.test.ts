import { type IExecuteFunctions, type INode, NodeOperationError, sleep } from 'n8n-workflow';
import { toWaitSettings, waitUntil } from '../../nodes/Tavus/wait';
import { ParameterError } from '../../nodes/Tavus/validation';
import { nodeType } from '../harness/engine';

const node: INode = {
	id: 'n1',
	name: 'Tavus',
	type: nodeType('tavus'),
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function fakeContext(signal?: AbortSignal): IExecuteFunctions {
	return {
		getNode: () => node,
		getExecutionCancelSignal: () => signal,
	} as unknown as IExecuteFunctions;
}

interface Job {
	status: string;
	status_details?: string;
}

function poller(states: string[]) {
	let calls = 0;
	const fetch = jest.fn(async (): Promise<Job> => {
		const status = states[Math.min(calls, states.length - 1)];
		calls++;
		return { status, status_details: status === 'error' ? 'It broke.' : undefined };
	});
	return {
		fetch,
		isDone: (job: Job) => job.status === 'ready',
		isFailed: (job: Job) => job.status === 'error',
		describe: (job: Job) => `Video v1 is still '${job.status}'`,
		describeFailure: (job: Job) =>
			`Video v1 ended in status '${job.status}': ${job.status_details}`,
	};
}

describe('waitUntil (generic polling)', () => {
	afterEach(() => {
		jest.useRealTimers();
	});

	it('returns the first state that is done, fetching once per interval', async () => {
		const job = poller(['queued', 'generating', 'ready']);
		const result = await waitUntil(fakeContext(), {
			...job,
			maxWaitMs: 5000,
			intervalMs: 5,
			itemIndex: 0,
		});
		expect(result).toEqual({ status: 'ready' });
		expect(job.fetch).toHaveBeenCalledTimes(3);
	});

	it('starts from a known state without fetching it again', async () => {
		const job = poller(['ready']);
		const result = await waitUntil(fakeContext(), {
			...job,
			initial: { status: 'queued' },
			maxWaitMs: 5000,
			intervalMs: 5,
			itemIndex: 0,
		});
		expect(result.status).toBe('ready');
		expect(job.fetch).toHaveBeenCalledTimes(1);
	});

	it('returns a done initial state without any request', async () => {
		const job = poller(['ready']);
		await waitUntil(fakeContext(), {
			...job,
			initial: { status: 'ready' },
			maxWaitMs: 5000,
			intervalMs: 5,
			itemIndex: 0,
		});
		expect(job.fetch).not.toHaveBeenCalled();
	});

	it('fails with the failure description, naming the item', async () => {
		const job = poller(['generating', 'error']);
		const error = await waitUntil(fakeContext(), {
			...job,
			maxWaitMs: 5000,
			intervalMs: 5,
			itemIndex: 3,
			failureHint: 'Try again.',
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			"Video v1 ended in status 'error': It broke. [item 3]",
		);
		expect((error as NodeOperationError).description).toBe('Try again.');
		expect((error as NodeOperationError).context.itemIndex).toBe(3);
	});

	it('is bounded: after 600 s of polling every 10 s it says so (fake clock)', async () => {
		jest.useFakeTimers();
		const job = poller(['generating']);
		const outcome = waitUntil(fakeContext(), {
			...job,
			maxWaitMs: 600_000,
			intervalMs: 10_000,
			itemIndex: 0,
			timeoutHint: 'Raise Max Wait.',
		}).catch((caught: unknown) => caught);
		await jest.advanceTimersByTimeAsync(601_000);
		const error = (await outcome) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			"Video v1 is still 'generating' after 600 s, the maximum wait [item 0]",
		);
		expect(error.description).toBe('Raise Max Wait.');
		expect(job.fetch).toHaveBeenCalledTimes(61); // the first look, then one per 10 s
	});

	it('never pauses past the deadline (the last pause is shortened)', async () => {
		jest.useFakeTimers();
		const job = poller(['generating']);
		const outcome = waitUntil(fakeContext(), {
			...job,
			maxWaitMs: 25_000,
			intervalMs: 10_000,
			itemIndex: 0,
		}).catch((caught: unknown) => caught);
		await jest.advanceTimersByTimeAsync(25_000);
		const error = (await outcome) as NodeOperationError;
		expect(error.message).toContain('after 25 s');
		expect(job.fetch).toHaveBeenCalledTimes(4); // 0 s, 10 s, 20 s, 25 s
	});

	it('stops when the execution is cancelled', async () => {
		const controller = new AbortController();
		const job = poller(['generating']);
		const outcome = waitUntil(fakeContext(controller.signal), {
			...job,
			maxWaitMs: 60_000,
			intervalMs: 20,
			itemIndex: 0,
		}).catch((caught: unknown) => caught);
		void sleep(60).then(() => controller.abort());
		const error = (await outcome) as NodeOperationError;
		expect(error.message).toBe(
			"Stopped waiting: the execution was cancelled while Video v1 is still 'generating' [item 0]",
		);
	});
});

describe('toWaitSettings (Wait Until Ready values)', () => {
	it('turns seconds (fractions allowed) into milliseconds', () => {
		expect(toWaitSettings({ waitUntilReady: true, maxWait: 600, pollInterval: 10 })).toEqual({
			enabled: true,
			maxWaitMs: 600_000,
			intervalMs: 10_000,
		});
		expect(toWaitSettings({ waitUntilReady: true, maxWait: '0.5', pollInterval: 1.5 })).toEqual({
			enabled: true,
			maxWaitMs: 500,
			intervalMs: 1500,
		});
	});

	it('ignores the values when off', () => {
		expect(toWaitSettings({ waitUntilReady: false, maxWait: -1, pollInterval: 'x' })).toEqual({
			enabled: false,
			maxWaitMs: 0,
			intervalMs: 0,
		});
	});

	it.each([
		[{ maxWait: 0, pollInterval: 1 }, 'Max Wait (Seconds): must be greater than 0, got 0'],
		[{ maxWait: -5, pollInterval: 1 }, 'Max Wait (Seconds): must be greater than 0, got -5'],
		[{ maxWait: 3601, pollInterval: 1 }, 'Max Wait (Seconds): must be at most 3600, got 3601'],
		[
			{ maxWait: 'soon', pollInterval: 1 },
			'Max Wait (Seconds): must be a number, got the text "soon"',
		],
		[{ maxWait: 10, pollInterval: 0 }, 'Poll Interval (Seconds): must be at least 1, got 0'],
		[{ maxWait: 10, pollInterval: 0.01 }, 'Poll Interval (Seconds): must be at least 1, got 0.01'],
		[
			{ maxWait: 10, pollInterval: 3601 },
			'Poll Interval (Seconds): must be at most 3600, got 3601',
		],
	])('refuses %p', (values, message) => {
		let caught: unknown;
		try {
			toWaitSettings({ waitUntilReady: true, ...values });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ParameterError);
		expect((caught as ParameterError).message).toBe(message);
	});
});
