#!/usr/bin/env node
// npm run bench — the package in a real n8n (2.41.1, the leg '2' of scripts/n8n-host.mjs; BENCH_LEG=1: 1.123.81), installed
// from its packed tarball the way a user installs it, against the Tavus stand-in
// (test/harness/tavus-mock.js) running as its own process with a fixed latency per request.
//
// It measures and prints figures; it asserts no timings. What it runs:
//   0. Every workflow but the memory ones starts with two unmeasured warm-up stages (10 items
//      through the HTTP Request node, 10 through the Tavus node; see warmUpStages): a long-running
//      n8n pays its one-time set-up once, `n8n execute` in every process.
//   1. Throughput: ONE `n8n execute` of one workflow: Manual Trigger → Code (N persona items) →
//      n8n's HTTP Request node (POST /v2/personas, Batching 10 / interval 0) → Code (N fresh items)
//      → Tavus Persona Create at Items per Batch 10 → Code → Tavus at 20 → Code → Tavus at 50.
//      Each node's time is its executionTime in the run data. Repeated BENCH_RUNS times: median and
//      min–max. Ideal = N × latency / concurrency (concurrency = items per batch).
//   2. Thread cost: the same workflow at latency 0: ms per item = time / N, the CPU each item costs
//      on n8n's one thread (the stand-in runs in another process).
//   3. Throttling: the stand-in answers 429 (Retry-After: 1 s) to a request arriving while 20 are in
//      flight; N Tavus Persona Creates at Items per Batch 20 and 50 (one execution each): time, ratio
//      to the limit's ideal (N × latency / 20), 429s, personas created vs N, duplicates, error items.
//   4. Memory: peak RSS (VmHWM, polled from /proc) of the n8n process for BENCH_MEMORY_ITEMS items
//      through the Tavus node (Items per Batch 10) and through the HTTP Request node, each in its
//      own execution, next to a baseline execution (the same Code node, no HTTP node after it).
// Ends with a markdown table for the README.
//
// Environment: BENCH_ITEMS (500), BENCH_RUNS (3), BENCH_LATENCY (50 ms), BENCH_MEMORY_ITEMS
// (10000), BENCH_SKIP_MEMORY=1, BENCH_SKIP_THROTTLE=1, BENCH_SKIP_CPU=1 (no latency-0 runs),
// BENCH_BATCHES (10,20,50: the Tavus node's Items per Batch in run 1), BENCH_LEG=1 (n8n 1.x), BENCH_KEEP=1 (keep the temp folder: user folder, workflows, logs).
// Everything it starts runs in its own process group and is killed at the end, on failure or Ctrl-C.

import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as host from './n8n-host.mjs';

const { formatMs } = host;

function envInt(name, fallback, min = 0) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min)
		throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
	return n;
}

const CFG = {
	items: envInt('BENCH_ITEMS', 500, 1),
	runs: envInt('BENCH_RUNS', 3, 1),
	latency: envInt('BENCH_LATENCY', 50),
	memoryItems: envInt('BENCH_MEMORY_ITEMS', 10_000, 1),
	skipMemory: process.env.BENCH_SKIP_MEMORY === '1',
	skipThrottle: process.env.BENCH_SKIP_THROTTLE === '1',
	skipCpu: process.env.BENCH_SKIP_CPU === '1',
	keep: process.env.BENCH_KEEP === '1',
	/** BENCH_PROFILE=1: only a CPU profile (--cpu-prof) of each node alone, summarized. */
	profile: process.env.BENCH_PROFILE === '1',
	httpBatch: 10,
	tavusBatches: (process.env.BENCH_BATCHES || '10,20,50').split(',').map(Number),
	throttle: { maxInFlight: 20, retryAfter: 1, batches: [20, 50] },
	memoryBatch: 10,
	/** BENCH_LEG=1: n8n 1.x (the second leg of scripts/n8n-host.mjs) instead of 2.x. */
	leg: process.env.BENCH_LEG === '1' ? '1' : '2',
};
const API_KEY = 'tavus-test-key';
const CREDENTIAL = { id: 'benchCredential1', name: 'Tavus bench', type: 'tavusApi' };
const TAVUS_TYPE = `${host.PACKAGE_NAME}.tavus`;
const WF = {
	main: 'benchMain0000001',
	throttle: (c) => `benchThrottle${String(c).padStart(3, '0')}`,
	memBase: 'benchMemBase0001',
	memTavus: 'benchMemTavus001',
	memHttp: 'benchMemHttp0001',
	profTavus: 'benchProfTavus01',
	profHttp: 'benchProfHttp001',
};

const cleanups = host.cleanupRegistry({ say: (m) => say(m) });

function say(msg = '') {
	process.stdout.write(`${msg}\n`);
}

// ------------------------------------------------------------------------------------------------
// Small maths and formatting
// ------------------------------------------------------------------------------------------------

function median(values) {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (v.length === 0) return NaN;
	const mid = Math.floor(v.length / 2);
	return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function spread(values) {
	const v = values.filter((x) => Number.isFinite(x));
	return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

const fix = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const sec = (ms, d = 2) => fix(ms / 1000, d);
const mb = (kb) => (Number.isFinite(kb) && kb > 0 ? `${Math.round(kb / 1024)} MB` : 'n/a');

/** "1.23 s [1.20–1.30]" for a list of ms (just "1.23 s" for one value). */
function secSpread(msList) {
	const s = spread(msList);
	return s.n > 1 ? `${sec(s.median)} s [${sec(s.min)}–${sec(s.max)}]` : `${sec(s.median)} s`;
}

/** A plain text table: rows of cells, first row the header. */
function textTable(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
	const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
	return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
		.map((l) => `  ${l.trimEnd()}`)
		.join('\n');
}

function markdownTable(rows) {
	const line = (r) => `| ${r.join(' | ')} |`;
	return [line(rows[0]), line(rows[0].map(() => '---')), ...rows.slice(1).map(line)].join('\n');
}

// ------------------------------------------------------------------------------------------------
// Workflows
// ------------------------------------------------------------------------------------------------

const nodeId = () => crypto.randomUUID();

/** A Code node making `count` persona items: persona_name "<prefix> 00001", system_prompt. */
function itemsNode(name, prefix, count, position) {
	const jsCode = [
		`const n = ${count};`,
		'const items = new Array(n);',
		'for (let i = 0; i < n; i++) {',
		"\tconst id = String(i + 1).padStart(5, '0');",
		'\titems[i] = {',
		'\t\tjson: {',
		`\t\t\tpersona_name: ${JSON.stringify(prefix)} + ' ' + id,`,
		"\t\t\tsystem_prompt: 'You are benchmark persona ' + id + '. Greet the user and answer briefly.',",
		'\t\t},',
		'\t};',
		'}',
		'return items;',
	].join('\n');
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { jsCode },
	};
}

function tavusNode(name, batchSize, position) {
	return {
		id: nodeId(),
		name,
		type: TAVUS_TYPE,
		typeVersion: 1,
		position,
		onError: 'continueRegularOutput',
		parameters: {
			resource: 'persona',
			operation: 'create',
			personaName: '={{ $json.persona_name }}',
			systemPrompt: '={{ $json.system_prompt }}',
			options: { batching: { batch: { batchSize, batchInterval: 0 } } },
		},
		credentials: { tavusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
	};
}

/** n8n's HTTP Request node (v4.2) sending the body the Tavus node sends, with x-api-key. */
function httpNode(name, mockUrl, batchSize, position) {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		onError: 'continueRegularOutput',
		parameters: {
			method: 'POST',
			url: `${mockUrl}/v2/personas`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'x-api-key', value: API_KEY }] },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'persona_name', value: '={{ $json.persona_name }}' },
					{ name: 'pipeline_mode', value: 'full' },
					{ name: 'system_prompt', value: '={{ $json.system_prompt }}' },
				],
			},
			options: { batching: { batch: { batchSize, batchInterval: 0 } } },
		},
	};
}

/**
 * Manual Trigger, then for each stage a Code node making `count` items and the stage's node, all
 * in series (each measured node gets exactly the Code node's items). A stage with no `make` ends
 * at its Code node (the memory baseline).
 */
function chainWorkflow(id, name, count, stages) {
	const trigger = {
		id: nodeId(),
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes = [trigger];
	const connections = {};
	const link = (from, to) => {
		connections[from] = { main: [[{ node: to, type: 'main', index: 0 }]] };
	};
	let previous = trigger.name;
	let x = 220;
	for (const stage of stages) {
		const items = itemsNode(`Items for ${stage.label}`, stage.prefix, stage.count ?? count, [x, 0]);
		nodes.push(items);
		link(previous, items.name);
		previous = items.name;
		x += 220;
		if (!stage.make) continue;
		const node = stage.make(stage.label, [x, 0]);
		nodes.push(node);
		link(previous, node.name);
		previous = node.name;
		x += 220;
	}
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Stages that run first in a workflow and are not measured: 100 items (BENCH_WARM_UP_ITEMS) through
 * the HTTP Request node and through the Tavus node. The first node in an n8n process that reads a credential pays
 * n8n's one-time set-up of credential resolution (70–140 ms here, inside n8n's getCredentials),
 * and the first requests pay for code that runs for the first time. A server pays that once after
 * it starts; `n8n execute` is a new process each time, so without these stages whichever node
 * comes first would carry it.
 */
const WARM_UP_ITEMS = envInt('BENCH_WARM_UP_ITEMS', 100);

function warmUpStages(mockUrl) {
	return [
		{
			label: 'Warm-up: HTTP Request',
			prefix: 'bench-warmup-http',
			count: WARM_UP_ITEMS,
			make: (name, pos) => httpNode(name, mockUrl, 10, pos),
		},
		{
			label: 'Warm-up: Tavus',
			prefix: 'bench-warmup-tavus',
			count: WARM_UP_ITEMS,
			make: (name, pos) => tavusNode(name, 10, pos),
		},
	];
}

/** The measured stages of the main workflow: label (node name), prefix, concurrency, make. */
function mainStages(mockUrl) {
	const http = {
		kind: 'http',
		label: `HTTP Request (batch ${CFG.httpBatch})`,
		prefix: 'bench-http',
		batch: CFG.httpBatch,
		make: (name, pos) => httpNode(name, mockUrl, CFG.httpBatch, pos),
	};
	const tavus = CFG.tavusBatches.map((batch) => ({
		kind: 'tavus',
		label: `Tavus (batch ${batch})`,
		prefix: `bench-tavus${batch}`,
		batch,
		make: (name, pos) => tavusNode(name, batch, pos),
	}));
	return [http, ...tavus];
}

function allWorkflows(mockUrl) {
	const stages = mainStages(mockUrl);
	const warmUp = warmUpStages(mockUrl);
	const list = [
		chainWorkflow(WF.main, 'Bench: HTTP Request vs Tavus', CFG.items, [...warmUp, ...stages]),
	];
	for (const batch of CFG.throttle.batches) {
		const stage = {
			label: `Tavus throttled (batch ${batch})`,
			prefix: `bench-throttle${batch}`,
			make: (name, pos) => tavusNode(name, batch, pos),
		};
		list.push(
			// Only the Tavus warm-up: the HTTP Request node would send its 100 at once into the limit.
			chainWorkflow(WF.throttle(batch), `Bench: throttled ${batch}`, CFG.items, [warmUp[1], stage]),
		);
	}
	const memory = (id, label, make) =>
		chainWorkflow(id, `Bench: memory, ${label}`, CFG.memoryItems, [
			{ label, prefix: `bench-mem-${label.split(' ')[0].toLowerCase()}`, make },
		]);
	const [http, tavus10] = stages;
	list.push(
		chainWorkflow(WF.profTavus, 'Bench: profile, Tavus', CFG.items, [...warmUp, tavus10]),
		chainWorkflow(WF.profHttp, 'Bench: profile, HTTP Request', CFG.items, [...warmUp, http]),
		memory(WF.memBase, 'baseline'),
		memory(WF.memTavus, `Tavus (batch ${CFG.memoryBatch})`, (n, p) =>
			tavusNode(n, CFG.memoryBatch, p),
		),
		memory(WF.memHttp, `HTTP Request (batch ${CFG.httpBatch})`, (n, p) =>
			httpNode(n, mockUrl, CFG.httpBatch, p),
		),
	);
	return { list, stages };
}

// ------------------------------------------------------------------------------------------------
// Set-up: build + pack, n8n, user folder, stand-in, credential and workflows
// ------------------------------------------------------------------------------------------------

/** npm run build + npm pack; the sources may be mid-edit: a failed build is retried a few times. */
async function buildAndPack(outDir) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await host.packPackage({ outDir, log: () => {} });
		} catch (error) {
			if (attempt >= 5) throw error;
			const first = error.message.split('\n').slice(0, 6).join('\n    ');
			say(`  build/pack failed (attempt ${attempt}/5), retrying in 60 s:\n    ${first}`);
			await host.sleep(60_000);
		}
	}
}

async function setUp() {
	const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-bench-'));
	cleanups.push(async () => {
		if (CFG.keep) say(`(kept ${tmp})`);
		else await fsp.rm(tmp, { recursive: true, force: true });
	});
	const ctx = { tmp, userFolder: path.join(tmp, 'user') };
	say('▶ n8n (cache; installed on first use, waits for a running install)');
	ctx.host = await host.ensureN8n(CFG.leg, { log: (m) => say(`    ${m}`) });
	say(`  n8n ${ctx.host.version} on Node ${ctx.host.runtime.version}: ${ctx.host.dir}`);
	say('▶ npm run build + npm pack');
	const pack = await buildAndPack(path.join(tmp, 'pack'));
	say(`  ${path.basename(pack.tgz)} (${pack.files.length} files) in ${formatMs(pack.ms)}`);
	say('▶ install the tarball into a fresh user folder');
	const inst = await host.installPackageTarball(ctx.userFolder, pack.tgz, {
		runtime: ctx.host.runtime,
		log: () => {},
	});
	say(`  ${inst.packageDir} in ${formatMs(inst.ms)}`);
	say('▶ start the Tavus stand-in');
	ctx.mock = await host.startTavusMock({
		apiKey: API_KEY,
		latencyMs: CFG.latency,
		logFile: path.join(tmp, 'tavus-mock.log'),
	});
	cleanups.push(() => ctx.mock.stop());
	say(`  ${ctx.mock.url} (pid ${ctx.mock.child.pid}, latency ${CFG.latency} ms)`);
	await importAll(ctx);
	return ctx;
}

async function importAll(ctx) {
	say('▶ import the credential and the workflows');
	const credFile = path.join(ctx.tmp, 'credentials.json');
	const data = { apiKey: API_KEY, baseUrl: ctx.mock.url };
	fs.writeFileSync(credFile, JSON.stringify([{ ...CREDENTIAL, data }], null, 2));
	const wfDir = path.join(ctx.tmp, 'workflows');
	fs.mkdirSync(wfDir, { recursive: true });
	const { list, stages } = allWorkflows(ctx.mock.url);
	for (const wf of list) fs.writeFileSync(path.join(wfDir, `${wf.id}.json`), JSON.stringify(wf));
	ctx.stages = stages;
	const opts = { userFolder: ctx.userFolder };
	const c = await host.runN8n(ctx.host, ['import:credentials', `--input=${credFile}`], opts);
	if (c.code !== 0) throw new Error(`import:credentials failed:\n${c.stdout}\n${c.stderr}`);
	const w = await host.runN8n(
		ctx.host,
		['import:workflow', '--separate', `--input=${wfDir}`],
		opts,
	);
	if (w.code !== 0) throw new Error(`import:workflow failed:\n${w.stdout}\n${w.stderr}`);
	say(`  credential → ${ctx.mock.url}; ${list.length} workflows (${formatMs(c.ms + w.ms)})`);
}

// ------------------------------------------------------------------------------------------------
// The stand-in
// ------------------------------------------------------------------------------------------------

async function mockCall(ctx, method, urlPath, body) {
	const r = await host.httpRequest(`${ctx.mock.url}${urlPath}`, {
		method,
		body,
		timeoutMs: 120_000,
	});
	if (r.status !== 200)
		throw new Error(
			`${method} ${urlPath} on the stand-in: HTTP ${r.status} ${r.body.slice(0, 200)}`,
		);
	return r.json;
}

/** Fresh state (no requests, no personas, no 429 count), then latency and rate limit. */
async function prepareMock(ctx, { latency, maxInFlight = null, retryAfter = 1 }) {
	await mockCall(ctx, 'POST', '/__mock/reset');
	await mockCall(ctx, 'POST', '/__mock/config', { maxInFlight, throttleRetryAfter: retryAfter });
	await mockCall(ctx, 'POST', '/__mock/latency', { ms: latency });
}

/**
 * What the stand-in saw for persona names starting with `prefix`: POSTs by status, personas
 * created, distinct names, duplicates (personas beyond the first per name), and the peak number
 * of requests in flight estimated from arrival times (each answered request holds `latency` ms).
 */
function mockSummary(requests, state, prefix, latency) {
	const mine = (name) => typeof name === 'string' && name.startsWith(`${prefix} `);
	const posts = requests.filter(
		(r) => r.method === 'POST' && r.path === '/v2/personas' && mine(r.body?.persona_name),
	);
	const byStatus = {};
	for (const p of posts) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
	const perName = new Map();
	for (const p of Object.values(state.personas ?? {})) {
		if (mine(p.persona_name)) perName.set(p.persona_name, (perName.get(p.persona_name) ?? 0) + 1);
	}
	const created = [...perName.values()].reduce((a, b) => a + b, 0);
	return {
		posts: posts.length,
		byStatus,
		created,
		names: perName.size,
		duplicates: created - perName.size,
		peakInFlight: peakInFlight(
			posts.filter((p) => p.status !== 429),
			latency,
		),
		firstBody: posts[0]?.body,
	};
}

function peakInFlight(records, latency) {
	if (!(latency > 0) || records.length === 0) return NaN;
	const t = records.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
	let peak = 0;
	for (let lo = 0, hi = 0; hi < t.length; hi++) {
		while (t[hi] - t[lo] >= latency) lo++;
		peak = Math.max(peak, hi - lo + 1);
	}
	return peak;
}

async function mockSnapshot(ctx) {
	const [requests, state, throttled] = await Promise.all([
		mockCall(ctx, 'GET', '/__mock/requests'),
		mockCall(ctx, 'GET', '/__mock/state'),
		mockCall(ctx, 'GET', '/__mock/throttled'),
	]);
	return { requests, state, throttled: throttled.throttled };
}

// ------------------------------------------------------------------------------------------------
// Running n8n: one execution, with the peak RSS of the n8n process
// ------------------------------------------------------------------------------------------------

function readStatusKb(pid, key) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text);
		return m ? Number(m[1]) : 0;
	} catch {
		return 0;
	}
}

function childPids(pid) {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/))
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

/**
 * Polls VmHWM (the kernel's peak resident set size) of `pid` — the n8n process — and of its
 * children (the Code node's task runner) until stop().
 */
function watchPeakRss(pid, intervalMs = 20) {
	const peaks = { main: 0, children: 0 };
	const sample = () => {
		peaks.main = Math.max(peaks.main, readStatusKb(pid, 'VmHWM'));
		for (const child of childPids(pid))
			peaks.children = Math.max(peaks.children, readStatusKb(child, 'VmHWM'));
	};
	const timer = setInterval(sample, intervalMs);
	sample();
	return {
		stop: () => {
			clearInterval(timer);
			return peaks;
		},
	};
}

/** `n8n execute --id=<id> --rawOutput`; returns { execution, ms, peaks }; throws on failure. */
async function execute(ctx, workflowId, { timeoutMs = 60 * 60_000, profileDir } = {}) {
	const env = host.n8nEnv(ctx.host, {
		userFolder: ctx.userFolder,
		brokerPort: await host.freePort(),
	});
	const started = Date.now();
	const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
	const child = host.spawnGroup(
		ctx.host.runtime.bin,
		[...profile, ctx.host.bin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{ cwd: ctx.userFolder, env },
	);
	const out = [];
	const err = [];
	child.stdout.on('data', (c) => out.push(c));
	child.stderr.on('data', (c) => err.push(c));
	const watch = watchPeakRss(child.pid);
	const timer = setTimeout(() => host.killGroup(child, { graceMs: 5000 }), timeoutMs);
	const { code, signal } = await child.exited;
	clearTimeout(timer);
	const peaks = watch.stop();
	const ms = Date.now() - started;
	const stdout = Buffer.concat(out).toString();
	const execution = host.parseRawOutput(stdout);
	const error = execution ? host.executionError(execution) : 'no JSON output';
	if (code !== 0 || !execution || error) {
		const tail = `${stdout.slice(-3000)}\n${Buffer.concat(err).toString().slice(-3000)}`;
		throw new Error(
			`n8n execute --id=${workflowId}: exit ${code ?? signal}; ${error ?? ''}\n${tail}`,
		);
	}
	return { execution, ms, peaks };
}

/** A node's figures from the run data: time (executionTime), items out, error items. */
function nodeRun(execution, nodeName) {
	const r = execution.data.resultData.runData[nodeName]?.[0];
	if (!r) throw new Error(`node "${nodeName}" did not run`);
	const items = r.data?.main?.[0] ?? [];
	const errors = items.filter((i) => i.error || (i.json && i.json.error !== undefined)).length;
	return { ms: r.executionTime, items: items.length, errors, firstError: firstError(items) };
}

function firstError(items) {
	const item = items.find((i) => i.error || (i.json && i.json.error !== undefined));
	if (!item) return undefined;
	const e = item.error ?? item.json.error;
	return (typeof e === 'string' ? e : (e?.message ?? JSON.stringify(e))).slice(0, 200);
}

// ------------------------------------------------------------------------------------------------
// 1 + 2. Throughput (latency L) and thread cost (latency 0): the main workflow, R executions
// ------------------------------------------------------------------------------------------------

/** One execution of the main workflow at `latency`: per stage the node's and the stand-in's figures. */
async function mainRun(ctx, latency) {
	await prepareMock(ctx, { latency });
	const { execution, ms, peaks } = await execute(ctx, WF.main);
	const snap = await mockSnapshot(ctx);
	const rows = ctx.stages.map((stage) => ({
		stage,
		...nodeRun(execution, stage.label),
		mock: mockSummary(snap.requests, snap.state, stage.prefix, latency),
	}));
	return { rows, ms, peaks };
}

function warnIfIncomplete(rows, n) {
	for (const r of rows) {
		const problems = [];
		if (r.items !== n) problems.push(`${r.items} items out`);
		if (r.errors) problems.push(`${r.errors} error items (first: ${r.firstError})`);
		if (r.mock.posts !== n) problems.push(`${r.mock.posts} POSTs at the stand-in`);
		if (r.mock.created !== n) problems.push(`${r.mock.created} personas created`);
		if (problems.length) say(`    ! ${r.stage.label}: ${problems.join('; ')} (expected ${n})`);
	}
}

/** R executions of the main workflow; per stage the list of its rows over the runs. */
async function throughput(ctx, latency, title) {
	say(`\n▶ ${title}`);
	const all = [];
	for (let r = 1; r <= CFG.runs; r++) {
		const run = await mainRun(ctx, latency);
		all.push(run);
		const parts = run.rows.map((x) => `${x.stage.label} ${sec(x.ms)} s`);
		say(`  run ${r}/${CFG.runs} (n8n execute ${formatMs(run.ms)}): ${parts.join(', ')}`);
		warnIfIncomplete(run.rows, CFG.items);
	}
	const first = all[0].rows;
	const http = first.find((x) => x.stage.kind === 'http')?.mock.firstBody;
	const tavus = first.find((x) => x.stage.kind === 'tavus')?.mock.firstBody;
	const keys = (b) =>
		Object.keys(b ?? {})
			.sort()
			.join(',');
	if (keys(http) !== keys(tavus))
		say(`    ! bodies differ: HTTP Request sends {${keys(http)}}, Tavus sends {${keys(tavus)}}`);
	return ctx.stages.map((stage, i) => ({ stage, runs: all.map((a) => a.rows[i]) }));
}

/** Figures of one stage over the runs at latency L (ideal = N × L / concurrency). */
function stageFigures(entry, latency, n = CFG.items) {
	const times = entry.runs.map((r) => r.ms);
	const t = spread(times);
	const ideal = (n * latency) / entry.stage.batch;
	return {
		label: entry.stage.label,
		batch: entry.stage.batch,
		items: median(entry.runs.map((r) => r.items)),
		errors: Math.max(...entry.runs.map((r) => r.errors)),
		times,
		t,
		itemsPerSec: (n / t.median) * 1000,
		ideal,
		// As the issue states it: the share of the ideal reached (1 = as fast as latency allows).
		ratio: ideal / t.median,
		excessPerItem: (t.median - ideal) / n,
		// Concurrency the stand-in actually saw (N × L / time), and its peak from arrival times.
		effective: (n * latency) / t.median,
		peak: median(entry.runs.map((r) => r.mock.peakInFlight)),
	};
}

function printThroughput(result, latency) {
	const figs = result.map((e) => stageFigures(e, latency));
	const rows = [
		[
			'node',
			'items',
			'time median [min–max]',
			'items/s',
			'ideal',
			'ratio',
			'excess ms/item',
			'concurrency seen (avg / peak)',
		],
	];
	for (const f of figs) {
		rows.push([
			f.label,
			`${f.items}${f.errors ? ` (${f.errors} err)` : ''}`,
			secSpread(f.times),
			fix(f.itemsPerSec, 0),
			`${sec(f.ideal)} s`,
			fix(f.ratio),
			fix(f.excessPerItem),
			`${fix(f.effective, 1)} / ${Number.isFinite(f.peak) ? f.peak : 'n/a'}`,
		]);
	}
	say(textTable(rows));
	say(
		`  ideal = N × latency / items per batch (${CFG.items} × ${latency} ms / C); ratio = ideal / time (1 = as fast as the latency allows);` +
			'\n  excess ms/item = (time − ideal) / N, an estimate of what each item costs beyond waiting;' +
			'\n  concurrency seen: avg = N × latency / time, peak = most requests arriving within one latency.',
	);
	const http = figs.find((f) => f.label.startsWith('HTTP'));
	if (http)
		say(
			`  HTTP Request node: ratio with concurrency ${CFG.httpBatch} = ${fix(http.ratio)}; ` +
				`with all ${CFG.items} in flight (ideal ${latency} ms) = ${fix(latency / http.t.median)}`,
		);
	return figs;
}

function printThreadCost(result) {
	const rows = [['node', 'time median [min–max]', 'ms/item (thread cost)', 'items/s']];
	const figs = result.map((e) => {
		const times = e.runs.map((r) => r.ms);
		const m = median(times);
		rows.push([
			e.stage.label,
			secSpread(times),
			fix(m / CFG.items),
			fix((CFG.items / m) * 1000, 0),
		]);
		return { label: e.stage.label, perItem: m / CFG.items, times };
	});
	say(textTable(rows));
	say("  at latency 0 the node is bound by its own work on n8n's thread: ms/item = time / N.");
	return figs;
}

// ------------------------------------------------------------------------------------------------
// 3. Throttled: the stand-in answers 429 beyond 20 requests in flight
// ------------------------------------------------------------------------------------------------

async function throttleRun(ctx, batch) {
	const { maxInFlight, retryAfter } = CFG.throttle;
	await prepareMock(ctx, { latency: CFG.latency, maxInFlight, retryAfter });
	const { execution, ms } = await execute(ctx, WF.throttle(batch));
	const snap = await mockSnapshot(ctx);
	if (process.env.BENCH_TIMELINE === '1') printTimeline(snap.requests, batch);
	return {
		batch,
		executeMs: ms,
		node: nodeRun(execution, `Tavus throttled (batch ${batch})`),
		mock: mockSummary(snap.requests, snap.state, `bench-throttle${batch}`, CFG.latency),
		// 429s to this stage's own requests (the warm-up stays under the limit).
		throttled: snap.requests.filter(
			(r) => r.status === 429 && String(r.body?.persona_name).startsWith(`bench-throttle${batch} `),
		).length,
	};
}

/** BENCH_TIMELINE=1: requests arriving at the stand-in per 100 ms (accepted / refused). */
function printTimeline(requests, batch) {
	const posts = requests.filter(
		(r) =>
			r.method === 'POST' &&
			r.path === '/v2/personas' &&
			String(r.body?.persona_name).startsWith(`bench-throttle${batch} `),
	);
	if (posts.length === 0) return;
	const start = Date.parse(posts[0].time);
	const buckets = [];
	for (const r of posts) {
		const b = Math.floor((Date.parse(r.time) - start) / 100);
		buckets[b] ??= { ok: 0, refused: 0 };
		buckets[b][r.fault === 'throttled' ? 'refused' : 'ok']++;
	}
	const line = Array.from(buckets, (b, i) => `${i * 100}:${b ? `${b.ok}/${b.refused}` : '0/0'}`);
	say(`  timeline batch ${batch} (ms:accepted/refused per 100 ms): ${line.join(' ')}`);
}

async function throttling(ctx) {
	const { maxInFlight, retryAfter, batches } = CFG.throttle;
	const ideal = (CFG.items * CFG.latency) / maxInFlight;
	say(
		`\n▶ 3. Throttled: ${CFG.items} Tavus Persona Creates, stand-in limit ${maxInFlight} in flight ` +
			`(429, Retry-After ${retryAfter} s), latency ${CFG.latency} ms; one execution per batch size`,
	);
	const results = [];
	for (const batch of batches) results.push(await throttleRun(ctx, batch));
	const rows = [
		[
			'node',
			'time',
			"limit's ideal",
			'ratio',
			'429s',
			'POSTs',
			'created / N',
			'duplicates',
			'missing',
			'error items',
		],
	];
	for (const r of results) {
		r.ratio = ideal / r.node.ms;
		r.missing = CFG.items - r.mock.names;
		rows.push([
			`Tavus (batch ${r.batch})`,
			`${sec(r.node.ms)} s`,
			`${sec(ideal)} s`,
			fix(r.ratio),
			r.throttled,
			r.mock.posts,
			`${r.mock.created} / ${CFG.items}`,
			r.mock.duplicates,
			r.missing,
			r.node.errors,
		]);
	}
	say(textTable(rows));
	say(`  limit's ideal = N × latency / ${maxInFlight}; duplicates = personas beyond one per name.`);
	for (const r of results)
		if (r.node.errors) say(`  batch ${r.batch}: first error item: ${r.node.firstError}`);
	return { results, ideal };
}

// ------------------------------------------------------------------------------------------------
// 4. Memory: peak RSS of the n8n process, M items, one execution each
// ------------------------------------------------------------------------------------------------

async function memoryRun(ctx, { id, label, node }) {
	await prepareMock(ctx, { latency: CFG.latency });
	const { execution, ms, peaks } = await execute(ctx, id);
	const run = { label, executeMs: ms, peaks };
	if (node) {
		run.node = nodeRun(execution, node.name);
		const snap = await mockSnapshot(ctx);
		run.mock = mockSummary(snap.requests, snap.state, node.prefix, CFG.latency);
	}
	const detail = run.node
		? `; node ${sec(run.node.ms)} s, ${run.node.items} items, ${run.node.errors} errors, ` +
			`${run.mock.created} created, peak ${run.mock.peakInFlight} in flight`
		: '';
	say(
		`  ${label}: n8n peak RSS ${mb(peaks.main)} (task runner ${mb(peaks.children)})${detail}; ` +
			`execute ${formatMs(ms)}`,
	);
	return run;
}

async function memory(ctx) {
	const m = CFG.memoryItems;
	say(
		`\n▶ 4. Memory: peak RSS (VmHWM) of the n8n process, ${m.toLocaleString('en-US')} items, ` +
			`latency ${CFG.latency} ms, one execution each`,
	);
	const tavusName = `Tavus (batch ${CFG.memoryBatch})`;
	const httpName = `HTTP Request (batch ${CFG.httpBatch})`;
	const base = await memoryRun(ctx, { id: WF.memBase, label: 'baseline: Code node only' });
	const tavus = await memoryRun(ctx, {
		id: WF.memTavus,
		label: tavusName,
		node: { name: tavusName, prefix: 'bench-mem-tavus' },
	});
	const http = await memoryRun(ctx, {
		id: WF.memHttp,
		label: httpName,
		node: { name: httpName, prefix: 'bench-mem-http' },
	});
	const over = (r) => r.peaks.main - base.peaks.main;
	const rows = [['execution', 'node time', 'n8n peak RSS', 'over baseline', 'task runner peak']];
	for (const r of [base, tavus, http])
		rows.push([
			r.label,
			r.node ? `${sec(r.node.ms)} s` : '—',
			mb(r.peaks.main),
			r === base ? '—' : mb(over(r)),
			mb(r.peaks.children),
		]);
	say(textTable(rows));
	const ratio = tavus.peaks.main / http.peaks.main;
	const ratioOver = over(tavus) / over(http);
	say(`  Tavus / HTTP Request: peak ${fix(ratio)}×, over baseline ${fix(ratioOver)}×`);
	return { base, tavus, http, ratio, ratioOver, over };
}

// ------------------------------------------------------------------------------------------------
// The README table and main
// ------------------------------------------------------------------------------------------------

function environmentLine(ctx) {
	const cpu = os.cpus()[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
	const day = new Date().toISOString().slice(0, 10);
	return (
		`n8n ${ctx.host.version} on Node ${ctx.host.runtime.version}, ${os.cpus().length} cores (${cpu}), ` +
		`Tavus stand-in on 127.0.0.1 with ${CFG.latency} ms latency, ${day}`
	);
}

function markdownThroughput(report) {
	const n = CFG.items.toLocaleString('en-US');
	const cpu = new Map((report.cpu ?? []).map((c) => [c.label, c.perItem]));
	const rows = [
		[
			`Node (${n} Persona Creates, one execution)`,
			'Time, median [min–max]',
			'Items/s',
			'Ratio to ideal',
			'Thread ms/item (latency 0)',
		],
	];
	for (const f of report.throughput) {
		const ratio = f.label.startsWith('HTTP')
			? `${fix(f.ratio)} (C = ${f.batch}; it does not bound what is in flight)`
			: fix(f.ratio);
		const label = f.label.replace(/ \(batch (\d+)\)/, ', items per batch $1');
		rows.push([
			label,
			secSpread(f.times),
			fix(f.itemsPerSec, 0),
			ratio,
			cpu.has(f.label) ? fix(cpu.get(f.label)) : '—',
		]);
	}
	return markdownTable(rows);
}

function markdownThrottle({ results, ideal }) {
	const { maxInFlight, retryAfter } = CFG.throttle;
	const rows = [
		[
			`Throttled (429 beyond ${maxInFlight} in flight, Retry-After ${retryAfter} s)`,
			'Time',
			`Ratio to ${sec(ideal)} s`,
			'429s',
			'Personas created',
			'Duplicates',
			'Error items',
		],
	];
	for (const r of results)
		rows.push([
			`Tavus, items per batch ${r.batch}`,
			`${sec(r.node.ms)} s`,
			fix(r.ratio),
			r.throttled,
			`${r.mock.created} / ${CFG.items}`,
			r.mock.duplicates,
			r.node.errors,
		]);
	return markdownTable(rows);
}

function markdownMemory(mem) {
	const m = CFG.memoryItems.toLocaleString('en-US');
	const rows = [[`Peak RSS of n8n, ${m} items`, 'Node time', 'Peak RSS', 'Over baseline']];
	rows.push(['Code node only (baseline)', '—', mb(mem.base.peaks.main), '—']);
	for (const r of [mem.tavus, mem.http])
		rows.push([
			r.label.replace(/ \(batch (\d+)\)/, ', items per batch $1'),
			`${sec(r.node.ms)} s`,
			mb(r.peaks.main),
			mb(mem.over(r)),
		]);
	rows.push(['Tavus / HTTP Request', '', `${fix(mem.ratio)}×`, `${fix(mem.ratioOver)}×`]);
	return markdownTable(rows);
}

function printMarkdown(ctx, report) {
	say('\n================ README table (markdown) ================\n');
	say(`Measured with \`npm run bench\`: ${environmentLine(ctx)}.`);
	say('Ideal = items × latency / items per batch; thread ms/item = time per item at latency 0.\n');
	say(markdownThroughput(report));
	if (report.floor) {
		const f = report.floor;
		say(
			`\nA bare Node.js client (no n8n, ${f.concurrency} in flight, a new connection per request) gets ` +
				`${sec(f.median)} s [${sec(f.min)}–${sec(f.max)}] from the same stand-in: ratio ${fix(f.ratio)}, ` +
				'the ceiling for any client here.',
		);
	}
	if (report.throttle) say(`\n${markdownThrottle(report.throttle)}`);
	if (report.memory) say(`\n${markdownMemory(report.memory)}`);
}

// ------------------------------------------------------------------------------------------------
// Floor: what a bare client gets from the same stand-in (no n8n at all)
// ------------------------------------------------------------------------------------------------

/** One POST /v2/personas on a new connection (as n8n sends every request), from this process. */
function barePost(ctx, name) {
	const body = JSON.stringify({
		persona_name: name,
		pipeline_mode: 'full',
		system_prompt: 'You are a benchmark persona. Greet the user and answer briefly.',
	});
	return new Promise((resolve, reject) => {
		const request = http.request(
			`${ctx.mock.url}/v2/personas`,
			{
				method: 'POST',
				agent: false,
				headers: {
					'x-api-key': API_KEY,
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
				},
			},
			(response) => {
				response.resume();
				response.on('end', () =>
					response.statusCode < 300
						? resolve()
						: reject(new Error(`bare client: HTTP ${response.statusCode}`)),
				);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/**
 * N creates from a bare Node.js client (this script's process, no n8n) keeping `concurrency` in
 * flight: the best any client reaches against this stand-in at this latency on this machine
 * (timers, loopback connections and the stand-in's own work already cost a few ms per request).
 */
async function floor(ctx, concurrency = CFG.httpBatch) {
	say(
		`
▶ Floor: ${CFG.items} creates from a bare Node.js client (no n8n), ${concurrency} in flight, ` +
			`a new connection per request, ${CFG.runs} runs`,
	);
	const times = [];
	for (let run = 0; run < CFG.runs; run++) {
		await prepareMock(ctx, { latency: CFG.latency });
		let next = 0;
		const started = performance.now();
		const worker = async () => {
			while (next < CFG.items) await barePost(ctx, `bench-floor ${run}-${next++}`);
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		times.push(performance.now() - started);
	}
	const ideal = (CFG.items * CFG.latency) / concurrency;
	const sorted = [...times].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)];
	const result = { concurrency, median, min: sorted[0], max: sorted.at(-1), ratio: ideal / median };
	say(
		`  ${sec(median)} s [${sec(result.min)}–${sec(result.max)}], ratio to ideal ${fix(result.ratio)} ` +
			'(the ceiling for any client, n8n node or not, against this stand-in here)',
	);
	return result;
}

/**
 * The Tavus stages at Items per Batch 10 against the bare client's ratio of the same bench run:
 * the machine's speed varies from run to run (the ceiling itself measured 0.87–0.93 here), the
 * share of the ceiling a node reaches varies less.
 */
function printAgainstCeiling(figs, floorResult) {
	for (const f of figs) {
		if (!f.label.startsWith('Tavus') || f.batch !== floorResult.concurrency) continue;
		say(
			`  ${f.label}: ${fix(f.ratio)} of the ideal = ${fix(f.ratio / floorResult.ratio)} of this run's ` +
				`ceiling (bare client ${fix(floorResult.ratio)})`,
		);
	}
}

async function runAll(ctx) {
	const report = {};
	const n = CFG.items;
	if (CFG.latency > 0) report.floor = await floor(ctx);
	const thr = await throughput(
		ctx,
		CFG.latency,
		`1. Throughput: ${n} items per node in one execution, latency ${CFG.latency} ms, ${CFG.runs} executions`,
	);
	say(`\n  ${n} items, latency ${CFG.latency} ms:`);
	report.throughput = printThroughput(thr, CFG.latency);
	if (report.floor) printAgainstCeiling(report.throughput, report.floor);
	if (!CFG.skipCpu) {
		const cpu = await throughput(
			ctx,
			0,
			`2. Thread cost: the same workflow at latency 0, ${CFG.runs} executions`,
		);
		say(`\n  ${n} items, latency 0:`);
		report.cpu = printThreadCost(cpu);
	}
	if (!CFG.skipThrottle) report.throttle = await throttling(ctx);
	if (!CFG.skipMemory) report.memory = await memory(ctx);
	printMarkdown(ctx, report);
}

// ------------------------------------------------------------------------------------------------
// CPU profile (BENCH_PROFILE=1): where n8n's thread spends its time, per package
// ------------------------------------------------------------------------------------------------

function profileOwner(url) {
	if (!url) return '(native / V8)';
	if (url.includes(`/node_modules/${host.PACKAGE_NAME}/`)) return host.PACKAGE_NAME;
	const at = url.lastIndexOf('node_modules/');
	if (at >= 0) {
		const [first, second] = url.slice(at + 'node_modules/'.length).split('/');
		return first.startsWith('@') ? `${first}/${second}` : first;
	}
	return url.startsWith('node:') || !url.includes('/') ? 'node internals' : 'other';
}

/** Self time per package and the top functions of one .cpuprofile. */
function summarizeProfile(file) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map();
	profile.samples.forEach((id, index) => {
		self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
	});
	const owners = new Map();
	const functions = new Map();
	for (const [id, micros] of self) {
		const { functionName, url, lineNumber } = byId.get(id).callFrame;
		if (['(idle)', '(program)'].includes(functionName)) continue;
		const owner =
			functionName === '(garbage collector)' ? '(garbage collector)' : profileOwner(url);
		owners.set(owner, (owners.get(owner) ?? 0) + micros);
		const key = `${functionName || '(anonymous)'} ${owner} ${path.basename(url || '')}:${lineNumber + 1}`;
		functions.set(key, (functions.get(key) ?? 0) + micros);
	}
	const top = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
	return { owners: top(owners, 12), functions: top(functions, 25) };
}

async function profileRuns(ctx) {
	await prepareMock(ctx, { latency: CFG.latency });
	for (const [id, label, node] of [
		[WF.profTavus, 'Tavus (batch 10)', 'Tavus (batch 10)'],
		[WF.profHttp, `HTTP Request (batch ${CFG.httpBatch})`, `HTTP Request (batch ${CFG.httpBatch})`],
	]) {
		const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'bench-prof-'));
		const { execution } = await execute(ctx, id, { profileDir: dir });
		const run = nodeRun(execution, node);
		const [file] = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
		const { owners, functions } = summarizeProfile(path.join(dir, file));
		say(
			`\n▶ CPU profile: ${label}, ${CFG.items} items (node ${sec(run?.ms ?? NaN)} s), ${path.join(dir, file)}`,
		);
		say('  self time by package (whole n8n execute, idle excluded):');
		for (const [owner, micros] of owners)
			say(`    ${(micros / 1000).toFixed(0).padStart(7)} ms  ${owner}`);
		say('  top functions by self time:');
		for (const [name, micros] of functions)
			say(`    ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`);
		await prepareMock(ctx, { latency: CFG.latency });
	}
}

async function main() {
	const started = Date.now();
	say(
		`n8n-nodes-tavus bench: N=${CFG.items}, runs=${CFG.runs}, latency=${CFG.latency} ms, ` +
			`memory ${CFG.skipMemory ? 'skipped' : `${CFG.memoryItems} items`}, ` +
			`throttle ${CFG.skipThrottle ? 'skipped' : 'on'}, latency-0 runs ${CFG.skipCpu ? 'skipped' : 'on'}`,
	);
	let failure;
	try {
		const ctx = await setUp();
		if (CFG.profile) await profileRuns(ctx);
		else await runAll(ctx);
	} catch (error) {
		failure = error;
	} finally {
		await cleanups.run();
	}
	if (failure) {
		say(`\nbench failed: ${failure.stack ?? failure.message}`);
		process.exitCode = 1;
	}
	say(`\ntotal ${formatMs(Date.now() - started)}`);
}

await main();
