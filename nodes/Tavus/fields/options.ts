import type { INodeProperties } from 'n8n-workflow';

/** The Options collection every operation shares: batching, retries, time-out. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			placeholder: 'Add Batching',
			type: 'fixedCollection',
			typeOptions: { multipleValues: false },
			default: { batch: {} },
			description:
				'Send the items in batches: the items of one batch are sent at the same time, output order and pairing are kept',
			options: [
				{
					displayName: 'Batching',
					name: 'batch',
					values: [
						{
							displayName: 'Items per Batch',
							name: 'batchSize',
							type: 'number',
							typeOptions: { minValue: 1 },
							default: 10,
							description: 'How many items to send at the same time (1 = one after the other)',
						},
						{
							displayName: 'Batch Interval (Ms)',
							name: 'batchInterval',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 0,
							description: 'Time to wait between batches, in milliseconds',
						},
					],
				},
			],
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 4,
			description:
				'Attempts per request, the first included. Throttled (429) requests and requests that never reached Tavus are retried; reads and deletes are also retried after outages (503) and network failures. A create is never repeated when Tavus may already have acted on it.',
		},
		{
			displayName: 'Max Total Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 3600 },
			default: 60,
			description: 'Upper bound for all waits between the attempts of one request (0–3600)',
		},
		{
			displayName: 'Retry',
			name: 'retry',
			type: 'boolean',
			default: true,
			description:
				'Whether to retry throttled and failed requests where it is safe (see Max Attempts). Off sends every request once.',
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 100, maxValue: 600000 },
			default: 1000,
			description:
				'First wait before a retry (100–600,000), doubled on each further one. A Retry-After header from Tavus takes precedence.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000, maxValue: 600000 },
			default: 60000,
			description:
				'Longest time one request may take, from sending it to the last byte of the answer (1,000–600,000, i.e. 1 s to 10 min).',
		},
	],
};
