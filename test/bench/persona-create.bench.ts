/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * Benchmark: Tavus → Persona → Create over N items through n8n-core's real engine
 * (`WorkflowExecute`, via test/harness/engine.ts) against the mock Tavus server.
 *
 *   npm run bench:jest   (the real-n8n benchmark is `npm run bench`, scripts/bench.mjs)
 *   BENCH_ITEMS=1000 BENCH_LATENCY_MS=50 BENCH_CONCURRENCY=10 npm run bench:jest
 *
 * - The mock runs in a child process (its CPU is not counted here), with a fixed latency per
 *   request; it is stopped after the run, and exits by itself if this process dies.
 * - The node's concurrency C is Options → Batching → Items per Batch.
 * - Baseline: a plain `fetch` loop (C workers pulling from a shared counter) sending the same
 *   POST /v2/personas to the same mock.
 * - Per-item CPU, at latency 0 (medians over BENCH_CPU_REPEATS rounds), of: the Tavus
 *   node; a minimal n8n node that sends the same POST through the same engine and the same
 *   n8n HTTP helper (`httpRequestWithAuthentication`) and reads the same parameters; and the
 *   plain fetch loop. The Tavus node's own overhead is the median over the rounds of
 *   (Tavus node − minimal node) / N, the two run back to back in alternating order: what
 *   this package adds (routing, validation, body building, retry policy, redaction). The gap
 *   to the fetch loop is reported too; most of it is n8n's (expression engine, axios stack),
 *   which every n8n node pays.
 * - Peak RSS / heap are sampled every 10 ms during the measured node runs.
 *
 * Targets are reported, never asserted: the test only fails when something breaks (errors, wrong
 * item count or pairing, requests missing at the mock).
 *
 * BENCH_CPU_PROFILE=/tmp/bench additionally records V8 CPU profiles of one extra node run and one
 * extra fetch loop at latency 0 (/tmp/bench-node.cpuprofile, /tmp/bench-fetch.cpuprofile; open them
 * in Chrome DevTools or VS Code). Profiling slows those runs; they are not part of the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { TavusApi } from '../../credentials/TavusApi.credentials';
import { Tavus } from '../../nodes/Tavus/Tavus.node';
import { clearLogs, createHarness } from '../harness/engine';
import { API_KEY, TAVUS_TYPE } from '../helpers/testbed';

const BASELINE_TYPE = 'bench.minimalTavusPost';

/**
 * The least an n8n node can do for the same work: read the same two parameters per item and
 * POST them through n8n's `httpRequestWithAuthentication` with the Tavus credential, C at a time.
 */
class MinimalTavusPost implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Minimal Tavus POST',
		name: 'minimalTavusPost',
		group: ['transform'],
		version: 1,
		description: 'Benchmark baseline',
		defaults: { name: 'Minimal' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tavusApi', required: true }],
		usableAsTool: true,
		properties: [
			{ displayName: 'Persona Name', name: 'personaName', type: 'string', default: '' },
			{ displayName: 'System Prompt', name: 'systemPrompt', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 1 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = new Array(items.length);
		const credentials = await this.getCredentials('tavusApi');
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const i = next++;
				const body = {
					persona_name: this.getNodeParameter('personaName', i) as string,
					pipeline_mode: 'full',
					system_prompt: this.getNodeParameter('systemPrompt', i) as string,
				};
				const json = await this.helpers.httpRequestWithAuthentication.call(this, 'tavusApi', {
					method: 'POST',
					url: `${String(credentials.baseUrl)}/v2/personas`,
					body,
					json: true,
				});
				output[i] = { json, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return [output];
	}
}

const harness = createHarness({
	nodeTypes: { [TAVUS_TYPE]: new Tavus(), [BASELINE_TYPE]: new MinimalTavusPost() },
	credentialTypes: { tavusApi: new TavusApi() },
});

// ---------------------------------------------------------------------------------------------
// Knobs
// ---------------------------------------------------------------------------------------------

function intFromEnv(name: string, fallback: number, min: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) {
		throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
	}
	return value;
}

const N = intFromEnv('BENCH_ITEMS', 1000, 1);
const LATENCY_MS = intFromEnv('BENCH_LATENCY_MS', 50, 0);
const C = intFromEnv('BENCH_CONCURRENCY', 10, 1);
const CPU_REPEATS = intFromEnv('BENCH_CPU_REPEATS', 7, 1);
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE;
const WARMUP_ITEMS = Math.min(N, 200);

const TARGET_IDEAL_RATIO = 0.9;
const TARGET_CPU_MS_PER_ITEM = 0.2;
const SYSTEM_PROMPT = 'You are a helpful coach.';

/** Generous: the default run takes ~20 s; the limit only guards against a hang. */
const TEST_TIMEOUT_MS =
	120_000 + 3 * Math.ceil((N * LATENCY_MS) / C) * 2 + 20 * N * (CPU_REPEATS + 2);

// ---------------------------------------------------------------------------------------------
// Mock Tavus in a child process
// ---------------------------------------------------------------------------------------------

interface MockProcess {
	child: ChildProcess;
	baseUrl: string;
}

const MOCK_SCRIPT = resolve(__dirname, '../harness/tavus-mock.js');
const EXIT_WITH_PARENT = resolve(__dirname, 'exit-with-parent.js');

async function startMockProcess(): Promise<MockProcess> {
	const child = spawn(
		process.execPath,
		[
			'--require',
			EXIT_WITH_PARENT,
			MOCK_SCRIPT,
			...['--port', '0', '--api-key', API_KEY, '--latency', String(LATENCY_MS)],
		],
		// stdin stays open: the child exits when it closes (see exit-with-parent.js).
		{ stdio: ['pipe', 'pipe', 'pipe'] },
	);
	let stderr = '';
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (chunk: string) => {
		stderr += chunk;
	});
	const baseUrl = await new Promise<string>((resolvePromise, reject) => {
		let stdout = '';
		const timer = setTimeout(() => {
			fail(new Error('the mock did not print TAVUS_MOCK_URL within 15 s'));
		}, 15_000);
		const fail = (error: Error) => {
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(new Error(`${error.message}${stderr ? `\nmock stderr:\n${stderr}` : ''}`));
		};
		child.once('error', fail);
		child.once('exit', (code, signal) => {
			fail(new Error(`the mock exited before it was ready (code ${code}, signal ${signal})`));
		});
		child.stdout?.setEncoding('utf8');
		child.stdout?.on('data', (chunk: string) => {
			stdout += chunk;
			const newline = stdout.indexOf('\n');
			if (newline < 0) return;
			const match = /^TAVUS_MOCK_URL=(\S+)/.exec(stdout.slice(0, newline).trim());
			clearTimeout(timer);
			child.removeAllListeners('exit');
			child.removeAllListeners('error');
			if (match) resolvePromise(match[1]);
			else fail(new Error(`unexpected first line from the mock: ${stdout.slice(0, newline)}`));
		});
	});
	return { child, baseUrl };
}

async function stopMockProcess(mock: MockProcess | undefined): Promise<void> {
	if (!mock) return;
	const { child } = mock;
	if (child.exitCode !== null || child.signalCode !== null) return;
	await new Promise<void>((resolvePromise) => {
		const hardKill = setTimeout(() => child.kill('SIGKILL'), 3_000);
		child.once('exit', () => {
			clearTimeout(hardKill);
			resolvePromise();
		});
		child.kill('SIGTERM');
	});
}

async function control(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<unknown> {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers: body === undefined ? undefined : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json: unknown = await response.json();
	if (!response.ok)
		throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
	return json;
}

/** Clears the mock (requests + stored personas) and sets the latency for the next phase. */
async function prepareMock(baseUrl: string, latencyMs: number): Promise<void> {
	clearLogs(); // what n8n-core logged in the harness's collector so far (kept in memory)
	await control(baseUrl, 'POST', '/__mock/reset');
	await control(baseUrl, 'POST', '/__mock/latency', { ms: latencyMs });
}

interface RecordedRequestSummary {
	method: string;
	path: string;
	status: number | null;
	body?: { persona_name?: unknown };
}

/** Checks the mock received exactly `count` POST /v2/personas (all 200) and nothing else. */
async function verifyMockRequests(baseUrl: string, count: number, phase: string): Promise<void> {
	const requests = (await control(baseUrl, 'GET', '/__mock/requests')) as RecordedRequestSummary[];
	const posts = requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	const problems: string[] = [];
	if (requests.length !== count) problems.push(`${requests.length} requests recorded`);
	if (posts.length !== count) problems.push(`${posts.length} POST /v2/personas`);
	const notOk = posts.filter((r) => r.status !== 200);
	if (notOk.length > 0) {
		problems.push(`${notOk.length} not answered 200 (first: ${JSON.stringify(notOk[0].status)})`);
	}
	const names = new Set(posts.map((r) => r.body?.persona_name));
	if (names.size !== count) problems.push(`${names.size} distinct persona names`);
	if (problems.length > 0) {
		throw new Error(
			`${phase}: expected ${count} POST /v2/personas at the mock, got ${problems.join(', ')}`,
		);
	}
}

// ---------------------------------------------------------------------------------------------
// The two workloads
// ---------------------------------------------------------------------------------------------

function nodeParameters(concurrency: number): INodeParameters {
	return {
		resource: 'persona',
		operation: 'create',
		personaName: '={{ $json.name }}',
		systemPrompt: SYSTEM_PROMPT,
		options: {
			batching: { batch: { batchSize: concurrency, batchInterval: 0 } },
		},
	};
}

const inputItems = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ json: { name: `Bench ${i}` } }));

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired.length === 1 ? paired[0].item : undefined;
	return paired?.item;
}

/** Runs the Tavus node over `count` items through WorkflowExecute and checks the output. */
async function runNode(baseUrl: string, count: number, phase: string): Promise<void> {
	const items = inputItems(count);
	const result = await harness.runNode(nodeParameters(C), items, {
		nodeType: TAVUS_TYPE,
		credentials: { tavusApi: { apiKey: API_KEY, baseUrl } },
	});
	if (result.error) {
		throw new Error(`${phase}: the node failed: ${result.error.message}`, {
			cause: result.error,
		});
	}
	if (result.status !== 'success') throw new Error(`${phase}: execution status ${result.status}`);
	if (result.items.length !== count) {
		throw new Error(`${phase}: expected ${count} output items, got ${result.items.length}`);
	}
	for (let i = 0; i < count; i++) {
		const item = result.items[i];
		if (pairedIndex(item) !== i) {
			throw new Error(`${phase}: output item ${i} is paired to ${JSON.stringify(item.pairedItem)}`);
		}
		if (item.json.persona_name !== `Bench ${i}` || typeof item.json.persona_id !== 'string') {
			throw new Error(`${phase}: output item ${i} is ${JSON.stringify(item.json)}`);
		}
	}
}

/** The minimal n8n node over `count` items (same engine, same HTTP helper). */
async function runBaseline(baseUrl: string, count: number, phase: string): Promise<void> {
	const result = await harness.runNode(
		{ personaName: '={{ $json.name }}', systemPrompt: SYSTEM_PROMPT, concurrency: C },
		inputItems(count),
		{ nodeType: BASELINE_TYPE, credentials: { tavusApi: { apiKey: API_KEY, baseUrl } } },
	);
	if (result.error) throw new Error(`${phase}: ${result.error.message}`, { cause: result.error });
	if (result.items.length !== count) {
		throw new Error(`${phase}: expected ${count} output items, got ${result.items.length}`);
	}
}

/** The baseline: C workers pulling from a shared counter, one POST per item, JSON read. */
async function runFetchLoop(baseUrl: string, count: number, phase: string): Promise<void> {
	const url = `${baseUrl}/v2/personas`;
	const headers = { 'x-api-key': API_KEY, 'content-type': 'application/json' };
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const response = await fetch(url, {
				method: 'POST',
				headers,
				body: JSON.stringify({
					persona_name: `Bench ${i}`,
					pipeline_mode: 'full',
					system_prompt: SYSTEM_PROMPT,
				}),
			});
			const json = (await response.json()) as { persona_id?: unknown };
			if (response.status !== 200 || typeof json.persona_id !== 'string') {
				throw new Error(`${phase}: item ${i} → ${response.status} ${JSON.stringify(json)}`);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(C, count) }, worker));
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

interface Measurement {
	wallMs: number;
	cpuMs: number;
}

async function measure(work: () => Promise<void>): Promise<Measurement> {
	const cpuBefore = process.cpuUsage();
	const start = performance.now();
	await work();
	const wallMs = performance.now() - start;
	const cpu = process.cpuUsage(cpuBefore);
	return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

class MemorySampler {
	peakRss = 0;
	peakHeapUsed = 0;
	peakHeapTotal = 0;
	samples = 0;
	private timer: ReturnType<typeof setInterval> | undefined;

	sample = () => {
		const { rss, heapUsed, heapTotal } = process.memoryUsage();
		this.samples++;
		if (rss > this.peakRss) this.peakRss = rss;
		if (heapUsed > this.peakHeapUsed) this.peakHeapUsed = heapUsed;
		if (heapTotal > this.peakHeapTotal) this.peakHeapTotal = heapTotal;
	};

	async during<T>(work: () => Promise<T>): Promise<T> {
		this.sample();
		this.timer = setInterval(this.sample, 10);
		try {
			return await work();
		} finally {
			clearInterval(this.timer);
			this.timer = undefined;
			this.sample();
		}
	}
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Records V8 CPU profiles (in this process, so only the client side) of one node run and one
 * fetch loop at latency 0: `<prefix>-node.cpuprofile` and `<prefix>-fetch.cpuprofile`.
 */
async function profileRuns(baseUrl: string, prefix: string): Promise<string[]> {
	const session = new Session();
	session.connect();
	const post = <T>(method: string, params?: object) =>
		new Promise<T>((resolvePromise, reject) => {
			session.post(method, params, (error, result) =>
				error ? reject(error) : resolvePromise(result as T),
			);
		});
	const written: string[] = [];
	const profile = async (name: string, work: () => Promise<void>) => {
		await prepareMock(baseUrl, 0);
		await post('Profiler.start');
		let result: { profile: object } | undefined;
		try {
			await work();
		} finally {
			result = await post<{ profile: object }>('Profiler.stop');
		}
		const path = `${prefix}-${name}.cpuprofile`;
		writeFileSync(path, JSON.stringify(result.profile));
		written.push(path);
	};
	try {
		await post('Profiler.enable');
		await post('Profiler.setSamplingInterval', { interval: 100 });
		await profile('node', async () => await runNode(baseUrl, N, 'profiled node run'));
		await profile('fetch', async () => await runFetchLoop(baseUrl, N, 'profiled fetch loop'));
	} finally {
		session.disconnect();
	}
	return written;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

interface Report {
	node: Measurement;
	baselineLatency: Measurement;
	fetchLoop: Measurement;
	nodeCpuRuns: number[];
	baselineCpuRuns: number[];
	fetchCpuRuns: number[];
	nodeZeroWallMs: number;
	fetchZeroWallMs: number;
	memoryLatency: MemorySampler;
	memoryZero: MemorySampler;
	baselineRss: number;
	baselineHeapUsed: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fixed = (value: number, digits: number) =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

function renderReport(r: Report): string {
	const idealMs = (N * LATENCY_MS) / C;
	const nodeRate = (N / r.node.wallMs) * 1000;
	const fetchRate = (N / r.fetchLoop.wallMs) * 1000;
	const idealRatio = idealMs > 0 ? idealMs / r.node.wallMs : NaN;
	const nodeCpu = median(r.nodeCpuRuns);
	const fetchCpu = median(r.fetchCpuRuns);
	const baselineCpu = median(r.baselineCpuRuns);
	// Median of the per-round differences: each round runs both nodes back to back, so a busy
	// moment of the machine weighs on both sides of one difference rather than on one median.
	const overheadPerItem =
		median(r.nodeCpuRuns.map((cpu, round) => cpu - r.baselineCpuRuns[round])) / N;
	const overFetchPerItem = (nodeCpu - fetchCpu) / N;

	const verdict = (met: boolean | undefined) => (met === undefined ? 'n/a' : met ? 'yes' : 'NO');
	const idealMet = idealMs > 0 && C === 10 ? idealRatio >= TARGET_IDEAL_RATIO : undefined;
	const idealTarget =
		C === 10
			? `≥ ${TARGET_IDEAL_RATIO.toFixed(2)}`
			: `(≥ ${TARGET_IDEAL_RATIO.toFixed(2)} at C=10)`;

	const rows: Array<[string, string, string, string]> = [
		[`Node throughput (latency ${LATENCY_MS} ms)`, `${fixed(nodeRate, 1)} items/s`, '', ''],
		['Node wall time', `${fixed(r.node.wallMs / 1000, 3)} s`, '', ''],
		['Ideal time (N × latency / C)', `${fixed(idealMs / 1000, 3)} s`, '', ''],
		['Actual / ideal throughput', fixed(idealRatio, 3), idealTarget, verdict(idealMet)],
		[
			'Minimal n8n node, same POSTs: actual / ideal',
			fixed(idealMs > 0 ? idealMs / r.baselineLatency.wallMs : NaN, 3),
			'',
			'',
		],
		[`Plain fetch loop throughput`, `${fixed(fetchRate, 1)} items/s`, '', ''],
		['Plain fetch loop wall time', `${fixed(r.fetchLoop.wallMs / 1000, 3)} s`, '', ''],
		[
			'Plain fetch loop actual / ideal',
			fixed(idealMs > 0 ? idealMs / r.fetchLoop.wallMs : NaN, 3),
			'',
			'',
		],
		['Node / fetch loop throughput', fixed(nodeRate / fetchRate, 3), '', ''],
		[
			`CPU, Tavus node run (latency 0, median of ${r.nodeCpuRuns.length})`,
			`${fixed(nodeCpu, 0)} ms`,
			'',
			'',
		],
		[
			`CPU, minimal n8n node, same POSTs (median of ${r.baselineCpuRuns.length})`,
			`${fixed(baselineCpu, 0)} ms`,
			'',
			'',
		],
		[
			`CPU, plain fetch loop (median of ${r.fetchCpuRuns.length})`,
			`${fixed(fetchCpu, 0)} ms`,
			'',
			'',
		],
		[
			"Tavus node's own CPU per item (median of node − minimal node, per round)",
			`${fixed(overheadPerItem, 3)} ms`,
			`< ${TARGET_CPU_MS_PER_ITEM.toFixed(2)} ms`,
			verdict(overheadPerItem < TARGET_CPU_MS_PER_ITEM),
		],
		['Tavus node CPU per item over a plain fetch loop', `${fixed(overFetchPerItem, 3)} ms`, '', ''],
		['Node CPU per item (total, latency 0)', `${fixed(nodeCpu / N, 3)} ms`, '', ''],
		['Fetch loop CPU per item (latency 0)', `${fixed(fetchCpu / N, 3)} ms`, '', ''],
		[
			'Throughput at latency 0 (node / fetch)',
			`${fixed((N / r.nodeZeroWallMs) * 1000, 0)} / ${fixed((N / r.fetchZeroWallMs) * 1000, 0)} items/s`,
			'',
			'',
		],
		[
			`Peak RSS / heap used, node run (latency ${LATENCY_MS} ms)`,
			`${mb(r.memoryLatency.peakRss)} / ${mb(r.memoryLatency.peakHeapUsed)}`,
			'',
			'',
		],
		[
			'Peak RSS / heap used, node runs (latency 0)',
			`${mb(r.memoryZero.peakRss)} / ${mb(r.memoryZero.peakHeapUsed)}`,
			'',
			'',
		],
		['RSS / heap used before the runs', `${mb(r.baselineRss)} / ${mb(r.baselineHeapUsed)}`, '', ''],
	];
	const header: [string, string, string, string] = ['Metric', 'Value', 'Target', 'Met'];
	const widths = [0, 1, 2, 3].map((c) =>
		Math.max(...[header, ...rows].map((row) => row[c].length)),
	);
	const line = (row: string[]) =>
		row
			.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
			.join('  ')
			.trimEnd();
	const rule = widths.map((w) => '-'.repeat(w)).join('  ');

	const title =
		`Tavus node benchmark: Persona → Create through n8n-core WorkflowExecute\n` +
		`N = ${N} items, mock latency = ${LATENCY_MS} ms, concurrency C = ${C} (Items per Batch), ` +
		`Node ${process.version}, memory sampled every 10 ms ` +
		`(${r.memoryLatency.samples + r.memoryZero.samples} samples)\n` +
		`CPU runs at latency 0: node ${r.nodeCpuRuns.map((v) => v.toFixed(0)).join('/')} ms, ` +
		`minimal node ${r.baselineCpuRuns.map((v) => v.toFixed(0)).join('/')} ms, ` +
		`fetch loop ${r.fetchCpuRuns.map((v) => v.toFixed(0)).join('/')} ms`;
	return ['', title, '', line(header), rule, ...rows.map(line), ''].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The bench
// ---------------------------------------------------------------------------------------------

describe('benchmark: Tavus Persona → Create through the real engine', () => {
	let mock: MockProcess | undefined;

	beforeAll(async () => {
		mock = await startMockProcess();
	}, 30_000);

	afterAll(async () => {
		await stopMockProcess(mock);
		mock = undefined;
	});

	it(
		`creates ${N} personas at concurrency ${C} (latency ${LATENCY_MS} ms) and reports the figures`,
		async () => {
			if (!mock) throw new Error('the mock is not running');
			const { baseUrl } = mock;
			const memoryLatency = new MemorySampler();
			const memoryZero = new MemorySampler();

			// Warm-up (JIT, connection pools, module loading), not measured.
			for (let round = 0; round < 2; round++) {
				await prepareMock(baseUrl, 0);
				await runNode(baseUrl, WARMUP_ITEMS, 'warm-up node run');
				await verifyMockRequests(baseUrl, WARMUP_ITEMS, 'warm-up node run');
				await prepareMock(baseUrl, 0);
				await runFetchLoop(baseUrl, WARMUP_ITEMS, 'warm-up fetch loop');
				await prepareMock(baseUrl, 0);
				await runBaseline(baseUrl, WARMUP_ITEMS, 'warm-up minimal node');
				await verifyMockRequests(baseUrl, WARMUP_ITEMS, 'warm-up fetch loop');
			}
			const { rss: baselineRss, heapUsed: baselineHeapUsed } = process.memoryUsage();

			// Throughput at the configured latency.
			await prepareMock(baseUrl, LATENCY_MS);
			const node = await memoryLatency.during(
				async () => await measure(async () => await runNode(baseUrl, N, 'node run')),
			);
			await verifyMockRequests(baseUrl, N, 'node run');

			await prepareMock(baseUrl, LATENCY_MS);
			const baselineLatency = await measure(
				async () => await runBaseline(baseUrl, N, 'minimal node'),
			);
			await verifyMockRequests(baseUrl, N, 'minimal node');

			await prepareMock(baseUrl, LATENCY_MS);
			const fetchLoop = await measure(async () => await runFetchLoop(baseUrl, N, 'fetch loop'));
			await verifyMockRequests(baseUrl, N, 'fetch loop');

			// CPU at latency 0: the Tavus node and the minimal node (in alternating order), then the fetch loop.
			const nodeCpuRuns: number[] = [];
			const baselineCpuRuns: number[] = [];
			const fetchCpuRuns: number[] = [];
			const nodeWall: number[] = [];
			const fetchWall: number[] = [];
			for (let round = 0; round < CPU_REPEATS; round++) {
				const runTavusNode = async () => {
					await prepareMock(baseUrl, 0);
					const n = await memoryZero.during(
						async () =>
							await measure(async () => await runNode(baseUrl, N, 'node run at latency 0')),
					);
					await verifyMockRequests(baseUrl, N, 'node run at latency 0');
					nodeCpuRuns.push(n.cpuMs);
					nodeWall.push(n.wallMs);
				};
				const runMinimalNode = async () => {
					await prepareMock(baseUrl, 0);
					const b = await measure(
						async () => await runBaseline(baseUrl, N, 'minimal node at latency 0'),
					);
					await verifyMockRequests(baseUrl, N, 'minimal node at latency 0');
					baselineCpuRuns.push(b.cpuMs);
				};
				// Alternate which of the two goes first: garbage one run leaves behind is collected
				// (and paid for) in the next, so a fixed order would favour one of them.
				if (round % 2 === 0) {
					await runTavusNode();
					await runMinimalNode();
				} else {
					await runMinimalNode();
					await runTavusNode();
				}

				await prepareMock(baseUrl, 0);
				const f = await measure(
					async () => await runFetchLoop(baseUrl, N, 'fetch loop at latency 0'),
				);
				await verifyMockRequests(baseUrl, N, 'fetch loop at latency 0');
				fetchCpuRuns.push(f.cpuMs);
				fetchWall.push(f.wallMs);
			}

			const profiles = CPU_PROFILE ? await profileRuns(baseUrl, CPU_PROFILE) : [];

			process.stdout.write(
				renderReport({
					node,
					baselineLatency,
					fetchLoop,
					nodeCpuRuns,
					baselineCpuRuns,
					fetchCpuRuns,
					nodeZeroWallMs: median(nodeWall),
					fetchZeroWallMs: median(fetchWall),
					memoryLatency,
					memoryZero,
					baselineRss,
					baselineHeapUsed,
				}) +
					(profiles.length > 0 ? `CPU profiles (latency 0): ${profiles.join(', ')}\n` : '') +
					'\n',
			);
		},
		TEST_TIMEOUT_MS,
	);
});
