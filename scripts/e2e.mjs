#!/usr/bin/env node
// npm run test:e2e — the packed package in a real n8n, the way a user installs it.
//
// For each leg of the matrix in n8n-host.mjs (TAVUS_E2E_LEGS=2,1 chooses; default: all, one after
// the other):
//   1. Node runtime + n8n from the cache (installed on first use)
//   2. the package built and packed once (npm run build, npm pack); the tarball must hold only
//      what a user needs: package.json, README.md, LICENSE.md and dist/ (no tests, sources,
//      tsbuildinfo)
//   3. a fresh user folder in a temp dir; `npm install --ignore-scripts <tgz>` in its .n8n/nodes
//   4. the Tavus test mock (test/harness/tavus-mock.js) and a "Tavus account" credential for it
//   5. examples/*.json imported; 01-03, 05, 06 executed headless (`n8n execute --id --rawOutput`) with
//      assertions on the requests the mock received and on the nodes' output. n8n runs with its
//      defaults (on 1.x: no task runners); on 1.x, 05 runs once more with task runners on
//   6. fault cases ("trust under real conditions"): small workflows built in code (Manual Trigger →
//      Code → Tavus node) against the mock's faults (redirect to another origin, dropped
//      connections before and after Tavus acts, a dripping answer, an HTML 200), with n8n's own
//      error output and Retry On Fail settings; each case is reported on its own and a failing
//      case does not stop the leg
//   7. `n8n start`: owner created, /types/nodes.json and /types/credentials.json must list the
//      node, its tool variant and the credential with icons that the server serves; every node of
//      every example (04, the AI agent, included) must be a type/version this n8n knows
//   8. n8n's own output must have no error or warning about loading the package
// Prints a summary with timings; exits 1 on any failure. Everything it starts runs in its own
// process group and is killed, and the temp folders are removed, on success, failure or Ctrl-C
// (TAVUS_E2E_KEEP=1 keeps the temp folders for debugging; TAVUS_E2E_ONLY=examples,faults,server
// runs only those parts of each leg).

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as host from './n8n-host.mjs';
import { retypeWorkflow } from './rename-package.mjs';
import { clip, createReporter, json } from './reporter.mjs';

const { REPO_DIR, formatMs } = host;
const EXAMPLES_DIR = path.join(REPO_DIR, 'examples');
const FIXTURES_DIR = path.join(REPO_DIR, 'test', 'fixtures');
const API_KEY = `tavus-e2e-${crypto.randomBytes(6).toString('hex')}`;
const CREDENTIAL = { id: 'tavusCredential01', name: 'Tavus account', type: 'tavusApi' };
const KEEP = process.env.TAVUS_E2E_KEEP === '1';
/** TAVUS_E2E_ONLY=examples,faults,server runs only those parts of each leg (default: all). */
const ONLY = process.env.TAVUS_E2E_ONLY?.split(',').map((s) => s.trim());
const wants = (part) => !ONLY || ONLY.includes(part);
const PKG = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));

// ------------------------------------------------------------------------------------------------
// Bookkeeping: steps, timings, cleanup
// ------------------------------------------------------------------------------------------------

const reporter = createReporter({ keep: KEEP });
// No "tavus" in the temp folders' names (makeTempDir): the log checks look for the package name.
const { say, step, softStep, note, makeTempDir, fail, cleanups } = reporter;

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// ------------------------------------------------------------------------------------------------
// The tarball
// ------------------------------------------------------------------------------------------------

/** The most the packed tarball may weigh (what users download; n8n loads only dist/). */
const MAX_TARBALL_BYTES = 250 * 1024;

function checkTarball(files, size) {
	const problems = [];
	if (size > MAX_TARBALL_BYTES)
		problems.push(
			`the tarball is ${Math.round(size / 1024)} kB, over ${MAX_TARBALL_BYTES / 1024} kB`,
		);
	const rootAllowed = new Set(['package.json', 'README.md', 'LICENSE.md']);
	for (const f of files) {
		if (!f.startsWith('dist/')) {
			if (!rootAllowed.has(f))
				problems.push(
					`${f}: not needed by users (only package.json, README.md, LICENSE.md and dist/ are)`,
				);
			continue;
		}
		if (/\.tsbuildinfo$/.test(f)) problems.push(`${f}: TypeScript build info`);
		else if (/\.map$/.test(f)) problems.push(`${f}: a source map (n8n does not need it)`);
		else if (/\.d\.[cm]?ts$/.test(f))
			problems.push(`${f}: a declaration file (n8n does not need it)`);
		else if (f.startsWith('dist/docs/'))
			problems.push(`${f}: a README image (served from the repository)`);
		else if (f === 'dist/package.json')
			problems.push(`${f}: a second package.json (tsc output of the root package.json)`);
		else if (
			/(^|\/)(test|tests|__tests__|__mocks__|fixtures|harness)\//.test(f) ||
			/\.(test|spec)\.[cm]?[jt]s(\.map)?$/.test(f) ||
			/\.(test|spec)\.d\.ts$/.test(f)
		)
			problems.push(`${f}: test code`);
		else if (/\.[cm]?ts$/.test(f)) problems.push(`${f}: TypeScript source`);
		else if (/(^|\/)(scripts|examples)\//.test(f)) problems.push(`${f}: repository tooling`);
	}
	for (const required of ['package.json', 'README.md', 'LICENSE.md']) {
		if (!files.includes(required)) problems.push(`${required}: missing`);
	}
	const declared = [...(PKG.n8n?.nodes ?? []), ...(PKG.n8n?.credentials ?? [])];
	if (declared.length === 0) problems.push('package.json has no n8n.nodes / n8n.credentials');
	for (const p of declared)
		if (!files.includes(p))
			problems.push(`${p}: listed in package.json "n8n" but not in the tarball`);
	return problems;
}

// ------------------------------------------------------------------------------------------------
// The mock
// ------------------------------------------------------------------------------------------------

async function startMock(dir) {
	const mock = await host.startTavusMock({
		apiKey: API_KEY,
		logFile: path.join(dir, 'tavus-mock.log'),
	});
	cleanups.push(() => mock.stop());
	return mock;
}

const summarizeRequest = (r) => ({
	method: r.method,
	path: r.path,
	query: r.query,
	status: r.status,
	...(r.fault ? { fault: r.fault } : {}),
	body: r.body,
});

// ------------------------------------------------------------------------------------------------
// n8n output checks
// ------------------------------------------------------------------------------------------------

const LOADER_TROUBLE =
	/Skipping package|Failed to load|failed to load|is already loaded|Unknown credential name|Class could not be found|Unrecognized node type|Unrecognized credential type|UnrecognizedNodeTypeError|UnrecognizedCredentialTypeError|Cannot find module|n8nNodesApiVersion|isn't compatible with your version of n8n/;

/**
 * Lines of n8n output that are errors or warnings about the package: text or JSON log lines
 * mentioning the package (or a loader problem) at level warn/error, or loader failure messages.
 * The cache folder's path is removed first (it contains the package name).
 */
function packageProblems(output) {
	const cache = host.cacheDir();
	const hits = [];
	for (const raw of output.split('\n')) {
		const line = raw.split(cache).join('<cache>');
		let level;
		let text = line;
		if (line.startsWith('{"')) {
			try {
				const o = JSON.parse(line);
				level = o.level;
				text = `${o.message ?? ''} ${JSON.stringify(o.metadata ?? o)}`;
			} catch {
				// not JSON
			}
		}
		const mentionsPackage = /tavus/i.test(text);
		const looksBad = level
			? ['warn', 'warning', 'error'].includes(level)
			: /\b(error|warn(ing)?|fail(ed|ure)?)\b/i.test(text);
		if ((mentionsPackage && looksBad) || LOADER_TROUBLE.test(text)) hits.push(line.slice(0, 600));
	}
	return hits;
}

function assertNoPackageProblems(what, output) {
	const hits = packageProblems(output);
	if (hits.length)
		fail(`${what}: n8n reported errors/warnings about loading the package:\n${hits.join('\n')}`);
}

// ------------------------------------------------------------------------------------------------
// Examples
// ------------------------------------------------------------------------------------------------

function readExamples() {
	const files = fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
	return files.map((file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
		// the examples name the package in their node types; follow package.json's name
		return { file, workflow, retyped: retypeWorkflow(workflow, PKG.name) };
	});
}

function example(examples, prefix) {
	const e = examples.find((x) => x.file.startsWith(prefix));
	if (!e) fail(`examples/${prefix}-*.json not found`);
	return e;
}

/**
 * Runs `n8n execute` for a workflow; returns the execution (throws with evidence on failure).
 * n8n runs with its defaults; `ctx.runners` (true) turns task runners on for n8n 1.x.
 */
async function executeWorkflow(ctx, wf) {
	const r = await host.runN8n(ctx.host, ['execute', `--id=${wf.id}`, '--rawOutput'], {
		userFolder: ctx.userFolder,
		timeoutMs: 180_000,
		runners: ctx.runners,
	});
	ctx.cliOutput.push(r.stdout, r.stderr);
	const error = r.json ? host.executionError(r.json) : undefined;
	const crash = crashAfterFinishing(r);
	if (crash) note(`n8n execute --id=${wf.id}: ${crash}`);
	if ((r.code !== 0 && !crash) || !r.json || error) {
		const requests = await ctx.mock.requests().catch(() => []);
		fail(
			`n8n execute --id=${wf.id} ("${wf.name}") failed: exit ${r.code ?? r.signal}${r.timedOut ? ' (timed out)' : ''}; ${error ?? (r.json ? '' : 'no JSON output')}`,
			{
				'requests the mock received (method, path, status, body)': json(
					requests.map(summarizeRequest),
				),
				'n8n stdout (last 80 lines)': r.stdout.split('\n').slice(-80).join('\n'),
				'n8n stderr': clip(r.stderr),
			},
		);
	}
	return { execution: r.json, ms: r.ms };
}

/**
 * n8n sometimes dies of a signal while it shuts down after printing a finished execution (SIGSEGV
 * seen with both n8n versions, in their native modules' teardown): the run is complete and counts,
 * with a note in the summary. Returns that note, or undefined.
 */
function crashAfterFinishing(r) {
	if (r.code !== null || !r.signal || r.timedOut || r.json?.finished !== true) return undefined;
	return `n8n exited with ${r.signal} after printing the finished execution (status ${r.json.status})`;
}

function lastNodeOutput(execution) {
	const last = execution.data.resultData.lastNodeExecuted;
	return { node: last, items: host.nodeOutput(execution, last) ?? [] };
}

async function runExample01(ctx) {
	const { workflow: wf } = example(ctx.examples, '01');
	await ctx.mock.reset();
	const { execution, ms } = await executeWorkflow(ctx, wf);
	const requests = await ctx.mock.requests();
	const posts = requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	const evidence = { 'requests the mock received': json(requests.map(summarizeRequest)) };
	if (posts.length !== 1)
		fail(`01: expected exactly one POST /v2/personas, got ${posts.length}`, evidence);
	const expected = JSON.parse(
		fs.readFileSync(path.join(FIXTURES_DIR, 'seed-create-persona.body.json'), 'utf8'),
	);
	// The documented example sends "false" (a string); the API field is a boolean.
	expected.layers.tts.tts_emotion_control = false;
	try {
		assert.deepStrictEqual(posts[0].body, expected);
	} catch (e) {
		fail(
			`01: the POST /v2/personas body differs from test/fixtures/seed-create-persona.body.json (with tts_emotion_control: false):\n${e.message}`,
			{
				'body sent': json(posts[0].body),
			},
		);
	}
	if (posts[0].headers['x-api-key'] !== API_KEY)
		fail(
			`01: x-api-key header is ${JSON.stringify(posts[0].headers['x-api-key'])}, expected the credential's key`,
		);
	if (posts[0].status < 200 || posts[0].status >= 300)
		fail(`01: the mock answered ${posts[0].status}`, evidence);
	const { node, items } = lastNodeOutput(execution);
	if (items.length !== 1 || typeof items[0].persona_id !== 'string' || !items[0].persona_id)
		fail(`01: "${node}" should output one item with persona_id`, { output: json(items) });
	return `1 POST /v2/personas, body = fixture, persona_id ${items[0].persona_id}, execute ${formatMs(ms)}`;
}

async function runExample02(ctx) {
	const { workflow: wf } = example(ctx.examples, '02');
	await ctx.mock.reset();
	const first = await executeWorkflow(ctx, wf);
	const requests1 = await ctx.mock.requests();
	const posts1 = requests1.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	const out1 = lastNodeOutput(first.execution);
	const evidence1 = {
		'requests (first run)': json(requests1.map(summarizeRequest)),
		'output (first run)': json(out1.items),
	};
	if (posts1.length !== 3)
		fail(
			`02: first run should create 3 personas (3 POST /v2/personas), got ${posts1.length}`,
			evidence1,
		);
	if (posts1.some((p) => p.status !== 200 && p.status !== 201))
		fail('02: a persona POST was not answered with success', evidence1);
	if (out1.items.length !== 3)
		fail(`02: first run should output 3 items, got ${out1.items.length}`, evidence1);
	const names = posts1.map((p) => p.body?.persona_name).sort();
	const replicaOk = posts1.every((p) => p.body?.default_replica_id === 'r90bbd427f71');
	if (!replicaOk)
		fail('02: every created persona should have default_replica_id r90bbd427f71', evidence1);
	const created = out1.items.map((i) => i.action);
	if (!created.every((a) => a === 'created'))
		fail(`02: first run actions should all be "created", got ${json(created)}`, evidence1);

	const before = requests1.length;
	const second = await executeWorkflow(ctx, wf);
	const requests2 = (await ctx.mock.requests()).slice(before);
	const posts2 = requests2.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	const out2 = lastNodeOutput(second.execution);
	const evidence2 = {
		'requests (second run)': json(requests2.map(summarizeRequest)),
		'output (second run)': json(out2.items),
	};
	if (posts2.length !== 0)
		fail(
			`02: second run should create nothing (upsert by name), got ${posts2.length} POST /v2/personas`,
			evidence2,
		);
	if (out2.items.length !== 3)
		fail(`02: second run should output 3 items, got ${out2.items.length}`, evidence2);
	const actions = out2.items.map((i) => i.action);
	if (!actions.every((a) => a === 'unchanged' || a === 'updated'))
		fail(
			`02: second run actions should be "unchanged" or "updated", got ${json(actions)}`,
			evidence2,
		);
	const state = await ctx.mock.state();
	const userPersonas = Object.values(state.personas ?? {}).filter((p) =>
		names.includes(p.persona_name),
	);
	if (userPersonas.length !== 3)
		fail(
			`02: the mock should hold exactly 3 personas with these names, holds ${userPersonas.length}`,
			evidence2,
		);
	return `run 1: 3 POSTs (${names.join(', ')}); run 2: 0 POSTs, actions ${[...new Set(actions)].join('/')}; execute ${formatMs(first.ms)} + ${formatMs(second.ms)}`;
}

async function runExample03(ctx) {
	const { workflow: wf } = example(ctx.examples, '03');
	await ctx.mock.reset();
	const { execution, ms } = await executeWorkflow(ctx, wf);
	const requests = await ctx.mock.requests();
	const evidence = { 'requests the mock received': json(requests.map(summarizeRequest)) };
	const personaPosts = requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	const convPosts = requests.filter((r) => r.method === 'POST' && r.path === '/v2/conversations');
	if (personaPosts.length !== 1 || convPosts.length !== 1)
		fail(
			`03: expected one POST /v2/personas and one POST /v2/conversations, got ${personaPosts.length} and ${convPosts.length}`,
			evidence,
		);
	const state = await ctx.mock.state();
	const personas = Object.values(state.personas ?? {}).filter(
		(p) => p.persona_name === personaPosts[0].body?.persona_name,
	);
	if (personas.length !== 1) fail('03: the mock does not hold the created persona', evidence);
	const personaId = personas[0].persona_id;
	const personaOut = host.nodeOutput(execution, 'Create persona');
	if (personaOut?.[0]?.persona_id !== personaId)
		fail(
			`03: "Create persona" output persona_id ${personaOut?.[0]?.persona_id}, the mock created ${personaId}`,
			evidence,
		);
	if (convPosts[0].body?.persona_id !== personaId)
		fail(
			`03: the conversation POST carries persona_id ${JSON.stringify(convPosts[0].body?.persona_id)}, the persona POST returned ${personaId}`,
			evidence,
		);
	if (convPosts[0].body?.replica_id !== 'r90bbd427f71')
		fail('03: the conversation POST should carry replica_id r90bbd427f71', evidence);
	if (convPosts[0].body?.test_mode !== true)
		fail('03: the conversation POST should carry test_mode: true', evidence);
	const conversations = Object.values(state.conversations ?? {});
	if (conversations.length !== 1)
		fail(`03: the mock holds ${conversations.length} conversations, expected 1`, evidence);
	const { node, items } = lastNodeOutput(execution);
	const conv = conversations[0];
	if (
		items.length !== 1 ||
		items[0].conversation_url !== conv.conversation_url ||
		items[0].conversation_id !== conv.conversation_id
	) {
		fail(
			`03: the last node ("${node}") should output the mock's conversation_url ${conv.conversation_url} and conversation_id ${conv.conversation_id}`,
			{
				output: json(items),
			},
		);
	}
	const keys = Object.keys(items[0]).sort();
	if (keys.join(',') !== 'conversation_id,conversation_url')
		fail(
			`03: "${node}" should keep only conversation_url and conversation_id, has ${keys.join(', ')}`,
		);
	return `persona ${personaId} → conversation ${conv.conversation_id}, url ${conv.conversation_url}; execute ${formatMs(ms)}`;
}

const TRIGGER_EXAMPLE_ID = 'tavusExample0007';
const TOOL_EXAMPLE_ID = 'tavusExample0009';
const TOOL_RESPOND_ID = 'tavusExample0009r';

/**
 * Example 09 answering through n8n's Respond to Webhook node instead of "When Last Node Finishes":
 * the trigger set to responseNode, Respond to Webhook (version 1: from 1.1 it only accepts n8n's
 * own Webhook trigger) after the stub, with a header that shows it was that node that answered.
 */
function toolRespondVariant(example09) {
	const wf = structuredClone(example09);
	wf.id = TOOL_RESPOND_ID;
	wf.name = `${wf.name} (Respond to Webhook)`;
	wf.nodes = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
	const trigger = wf.nodes.find((n) => n.type === `${PKG.name}.tavusToolTrigger`);
	trigger.webhookId = '7a3e9c1d-2b4f-4a6e-9d8c-1f2e3d4c5b6b';
	trigger.parameters = { ...trigger.parameters, responseMode: 'responseNode' };
	delete trigger.parameters.responseData;
	const stub = wf.connections[trigger.name].main[0][0].node;
	wf.nodes.push({
		id: '9c0a7e52-1d3b-4f6a-8b2c-5e4d3c2b1a09',
		name: 'Respond to Webhook',
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1,
		position: [520, 0],
		parameters: {
			respondWith: 'firstIncomingItem',
			options: {
				responseHeaders: { entries: [{ name: 'X-Answered-By', value: 'respond-to-webhook' }] },
			},
		},
	});
	wf.connections[stub] = { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] };
	return wf;
}

async function runExample05(ctx) {
	const { workflow: wf } = example(ctx.examples, '05');
	await ctx.mock.reset();
	const { execution, ms } = await executeWorkflow(ctx, wf);
	const requests = await ctx.mock.requests();
	const evidence = { 'requests the mock received': json(requests.map(summarizeRequest)) };
	const posts = requests.filter((r) => r.method === 'POST' && r.path === '/v2/videos');
	const leads = host.nodeOutput(execution, 'Leads') ?? [];
	if (leads.length < 1 || posts.length !== leads.length)
		fail(
			`05: expected one POST /v2/videos per lead (${leads.length}), got ${posts.length}`,
			evidence,
		);
	for (const lead of leads) {
		if (
			!posts.some(
				(p) => typeof p.body?.script === 'string' && p.body.script.includes(`Hi ${lead.name},`),
			)
		)
			fail(`05: no video script greets ${lead.name}`, evidence);
	}
	const state = await ctx.mock.state();
	const { node, items } = lastNodeOutput(execution);
	if (items.length !== leads.length)
		fail(`05: "${node}" should output ${leads.length} items, got ${items.length}`, {
			output: json(items),
		});
	items.forEach((item, index) => {
		const video = Object.values(state.videos ?? {}).find((v) => v.hosted_url === item.hosted_url);
		if (item.name !== leads[index].name || !video || video.status !== 'ready')
			fail(
				`05: output item ${index} should pair ${leads[index].name} with a ready video's hosted_url`,
				{
					output: json(items),
				},
			);
	});
	return `${posts.length} videos generated and waited for until ready, each paired to its lead; execute ${formatMs(ms)}`;
}

/**
 * Example 06: for each definition, the persona of that name must reference the document, guardrail,
 * objectives and pronunciation dictionary made from the same definition (not another one's).
 * Returns what is wrong, one line per problem.
 */
function wrongParts(definitions, state) {
	const find = (kind, test) => Object.values(state[kind] ?? {}).find(test);
	const problems = [];
	for (const def of definitions) {
		const persona = find('personas', (p) => p.persona_name === def.persona_name);
		const parts = {
			document_ids: [find('documents', (d) => d.document_name === def.knowledge.name)?.document_id],
			guardrail_ids: [find('guardrails', (g) => g.guardrail_name === def.guardrail.name)?.uuid],
			objectives_id: find(
				'objectives',
				(o) => o.data?.[0]?.objective_name === def.objectives[0].objective_name,
			)?.objectives_id,
			pronunciation_dictionary_id: find(
				'pronunciationDictionaries',
				(d) => d.name === def.pronunciations.name,
			)?.pronunciation_dictionary_id,
		};
		const has = {
			document_ids: persona?.document_ids,
			guardrail_ids: persona?.guardrail_ids,
			objectives_id: persona?.objectives_id,
			pronunciation_dictionary_id: persona?.layers?.tts?.pronunciation_dictionary_id,
		};
		for (const [key, want] of Object.entries(parts))
			if (JSON.stringify(has[key]) !== JSON.stringify(want) || want === undefined)
				problems.push(
					`"${def.persona_name}": ${key} is ${JSON.stringify(has[key])}, expected ${JSON.stringify(want)}`,
				);
	}
	return problems;
}

async function runExample06(ctx) {
	const { workflow: wf } = example(ctx.examples, '06');
	await ctx.mock.reset();
	const counts = (state) => ({
		documents: Object.keys(state.documents ?? {}).length,
		guardrails: Object.keys(state.guardrails ?? {}).length,
		objectives: Object.keys(state.objectives ?? {}).length,
		dictionaries: Object.keys(state.pronunciationDictionaries ?? {}).length,
		personas: Object.values(state.personas ?? {}).filter((p) => p.persona_type !== 'system').length,
		conversations: Object.keys(state.conversations ?? {}).length,
	});
	const first = await executeWorkflow(ctx, wf);
	const definitions = (host.nodeOutput(first.execution, 'Persona definitions') ?? []).length;
	const after1 = counts(await ctx.mock.state());
	const expected1 = {
		documents: definitions,
		guardrails: definitions,
		objectives: definitions,
		dictionaries: definitions,
		personas: definitions,
		conversations: definitions,
	};
	try {
		assert.deepStrictEqual(after1, expected1);
	} catch {
		fail(`06: after the first run the mock holds ${json(after1)}, expected ${json(expected1)}`, {
			'requests the mock received': json((await ctx.mock.requests()).map(summarizeRequest)),
		});
	}
	const defs = host.nodeOutput(first.execution, 'Persona definitions') ?? [];
	const wrong = wrongParts(defs, await ctx.mock.state());
	if (wrong.length)
		fail(`06: personas do not reference their own parts:\n${wrong.join('\n')}`, {
			'requests the mock received': json((await ctx.mock.requests()).map(summarizeRequest)),
		});
	const before = (await ctx.mock.requests()).length;
	const second = await executeWorkflow(ctx, wf);
	const after2 = counts(await ctx.mock.state());
	const expected2 = { ...expected1, conversations: 2 * definitions };
	const requests2 = (await ctx.mock.requests()).slice(before);
	const creates = requests2.filter(
		(r) => r.method === 'POST' && !r.path.startsWith('/v2/conversations'),
	);
	if (creates.length > 0 || JSON.stringify(after2) !== JSON.stringify(expected2))
		fail(
			`06: the second run must create nothing but conversations; the mock holds ${json(after2)}`,
			{
				'POSTs of the second run': json(creates.map(summarizeRequest)),
			},
		);
	const persona = host.nodeOutput(second.execution, 'Create or update persona') ?? [];
	if (!persona.every((item) => item.action === 'unchanged' || item.action === 'updated'))
		fail(
			`06: the second run's persona actions should be unchanged/updated, got ${json(persona.map((i) => i.action))}`,
		);
	return `${definitions} complete personas; run 2 created nothing but ${definitions} test conversations; execute ${formatMs(first.ms)} + ${formatMs(second.ms)}`;
}

// ------------------------------------------------------------------------------------------------
// Trust under real conditions: the Tavus node against the stand-in's faults
// ------------------------------------------------------------------------------------------------
//
// Each case is a small workflow built here (Manual Trigger → Code node making the items → one
// Tavus node with the case's settings), imported once per leg and run with `n8n execute
// --rawOutput`. The checks read the run data and what the stand-in recorded (its requests, its
// state, what the "elsewhere" origin received). A failing case is reported with its evidence and
// does not stop the leg.

const TAVUS_TYPE = `${PKG.name}.tavus`;
const FAULT_NODE = 'Tavus';
const ANNA = 'r90bbd427f71';
const STOCK_PERSONAS = ['pcb7a34da5fe', 'p1af207b8189'];
const UNKNOWN_PERSONA = 'p0000000e404';
/** A registry tool and a PAL of the account, seeded into the stand-in by the PAL-era cases. */
const E2E_TOOL = { tool_id: 'te2e0tool0001', name: 'e2e_lookup', description: 'Look something up' };
const E2E_PAL = {
	persona_id: 'pe2e0pal0001',
	persona_name: 'E2E PAL',
	system_prompt: 'You are the e2e PAL.',
	default_replica_id: 'r90bbd427f71',
};
const E2E_UPDATED_PROMPT = 'You are the updated e2e PAL.';
const E2E_HMAC_SECRET = ['e2e', 'hmac', crypto.randomBytes(4).toString('hex')].join('-');
const E2E_DEPLOYMENT_PASSWORD = ['e2e', 'pass', crypto.randomBytes(4).toString('hex')].join('-');
/** The stand-in's latency while a fault waits for the second request (see armOnSecond). */
const ARM_LATENCY_MS = 800;
/** Wall time within which an item whose answer drips must have failed (Options → Timeout 3 s). */
const DEADLINE_LIMIT_MS = 10_000;

const locator = (value) => ({ __rl: true, mode: 'id', value });

const personaCreate = (options) => ({
	resource: 'persona',
	operation: 'create',
	personaName: '={{ $json.persona_name }}',
	pipelineMode: 'full',
	systemPrompt: 'You are a short-lived persona of the e2e fault cases.',
	defaultReplica: locator(ANNA),
	...(options ? { options } : {}),
});

const personaGet = (options) => ({
	resource: 'persona',
	operation: 'get',
	persona: locator('={{ $json.persona_id }}'),
	...(options ? { options } : {}),
});

const conversationCreate = () => ({
	resource: 'conversation',
	operation: 'create',
	persona: locator(STOCK_PERSONAS[0]),
	replica: locator(ANNA),
	conversationName: '={{ $json.conversation_name }}',
	additionalFields: { testMode: true },
});

/** Manual Trigger → Code ("Items", returns c.items) → Tavus (c.parameters, node settings c.settings). */
function faultWorkflow(c, n) {
	const node = (k, name, type, extra) => ({
		id: `e2e0fa17-0000-4000-8000-${String(n * 10 + k).padStart(12, '0')}`,
		name,
		type,
		typeVersion: k === 2 ? 2 : 1,
		position: [220 * (k - 1), 0],
		...extra,
	});
	const to = (name) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	const code = `return ${JSON.stringify(c.items)}.map((json) => ({ json }));`;
	return {
		id: `tavusFault${String(n).padStart(6, '0')}`,
		name: `e2e fault case ${n}: ${c.name}`,
		active: false,
		nodes: [
			node(1, 'Start', 'n8n-nodes-base.manualTrigger', { parameters: {} }),
			node(2, 'Items', 'n8n-nodes-base.code', { parameters: { jsCode: code } }),
			node(3, FAULT_NODE, TAVUS_TYPE, {
				credentials: { tavusApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
				parameters: c.parameters,
				...c.settings,
			}),
		],
		connections: { Start: to('Items'), Items: to(FAULT_NODE) },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

// ---- reading a run ------------------------------------------------------------------------------

const pairIndex = (item) => {
	const p = Array.isArray(item?.pairedItem) ? item.pairedItem[0] : item?.pairedItem;
	return typeof p === 'number' ? p : p?.item;
};
const errorText = (e) => (e ? [e.message, e.description].filter(Boolean).join(' | ') : '');
/** The part of `text` around the first match of `re` (the whole text when short). */
function around(text, re, width = 200) {
	if (text.length <= width) return text;
	const at = Math.max(0, text.search(re) - width / 2);
	return `${at > 0 ? '…' : ''}${text.slice(at, at + width)}…`;
}
const matches = (spec) => (r) => r.method === spec.method && r.path === spec.path;

/** The Tavus node's last run: its outputs (full items), its error, the execution's error. */
function tavusRun(execution) {
	const rd = execution?.data?.resultData;
	const runs = rd?.runData?.[FAULT_NODE] ?? [];
	const last = runs[runs.length - 1];
	const outputs = last?.data?.main ?? [];
	const errorItems = outputs.flat().filter((item) => item?.json?.error !== undefined);
	return {
		runs: runs.length,
		outputs,
		error: last?.error ?? rd?.error,
		errorItems,
		executionMs: last?.executionTime,
	};
}

/** The error a case expects: the node's (or execution's) error, else the first error item's json. */
function failureOf(run) {
	if (run.node.error) return { where: 'node error', text: errorText(run.node.error) };
	const item = run.node.errorItems[0];
	if (item)
		return {
			where: `error item ${pairIndex(item)}`,
			text: errorText({ message: item.json.error, description: item.json.description }),
		};
	return undefined;
}

function faultEvidence(run) {
	const error = run.node.error;
	return {
		'n8n execute': `exit ${run.code ?? run.signal}${run.timedOut ? ' (killed: timed out)' : ''}, ${formatMs(run.ms)} wall; the Tavus node ran ${run.node.runs} time(s)${run.node.executionMs !== undefined ? `, last run ${formatMs(run.node.executionMs)}` : ''}`,
		'Tavus node error': error
			? json({ message: error.message, description: error.description, httpCode: error.httpCode })
			: '(none)',
		'Tavus node outputs (json, pairedItem)': json(
			run.node.outputs.map((items) =>
				(items ?? []).map((i) => ({ json: i.json, pairedItem: i.pairedItem })),
			),
		),
		'requests the stand-in received': json(run.requests.map(summarizeRequest)),
		'requests the other origin received': json(run.elsewhere.requests),
		...(run.execution
			? {}
			: {
					'n8n stdout (last 60 lines)': run.stdout.split('\n').slice(-60).join('\n'),
					'n8n stderr': clip(run.stderr),
				}),
	};
}

/** Fails the case with the run's evidence. */
function caseFail(run, message) {
	fail(message, faultEvidence(run));
}

/**
 * Adds `spec` (times 1) as a fault once the first request matching it has been answered, so that
 * it hits the second one. The stand-in's latency (ARM_LATENCY_MS, set before the run) holds every
 * request that long before it looks at its faults, far longer than this poll needs.
 */
function armOnSecond(ctx, spec) {
	let stopped = false;
	const done = (async () => {
		while (!stopped) {
			const requests = await ctx.mock.requests().catch(() => []);
			const first = requests.find(matches(spec));
			if (first && first.status !== null) {
				await ctx.mock.fault({ ...spec, times: 1 });
				return first.id;
			}
			await host.sleep(25);
		}
		return undefined;
	})();
	return { done, stop: () => (stopped = true) };
}

/** Checks that an armed fault hit the second matching request (else the harness is at fault). */
function checkArmed(run, spec) {
	const hit = run.requests.filter(matches(spec));
	if (hit.length < 2 || hit[1].fault !== spec.kind || hit[0].fault)
		caseFail(
			run,
			`HARNESS: the ${spec.kind} fault was meant for the 2nd ${spec.method} ${spec.path}; the stand-in's records of those requests show faults ${json(hit.map((r) => r.fault ?? null))}`,
		);
}

async function runFaultCase(ctx, c) {
	await ctx.mock.reset();
	if (c.seed) await ctx.mock.seed(c.seed);
	for (const spec of c.faults ?? []) await ctx.mock.fault(spec);
	if (c.faultOnSecond) await ctx.mock.latency(ARM_LATENCY_MS);
	const armed = c.faultOnSecond ? armOnSecond(ctx, c.faultOnSecond) : undefined;
	const r = await host.runN8n(ctx.host, ['execute', `--id=${c.workflow.id}`, '--rawOutput'], {
		userFolder: ctx.userFolder,
		timeoutMs: c.timeoutMs ?? 180_000,
	});
	armed?.stop();
	await armed?.done;
	const run = {
		...r,
		items: c.items,
		execution: r.json,
		node: tavusRun(r.json),
		requests: await ctx.mock.requests(),
		state: await ctx.mock.state(),
		elsewhere: await ctx.mock.elsewhere(),
	};
	if (!run.execution && !r.timedOut)
		caseFail(run, `n8n execute printed no execution JSON (exit ${r.code})`);
	if (c.faultOnSecond) checkArmed(run, c.faultOnSecond);
	return c.check(run);
}

// ---- the checks ---------------------------------------------------------------------------------

function checkRedirect(run) {
	const to = new URL(run.elsewhere.url);
	const got = failureOf(run);
	const posts = run.requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	if (run.elsewhere.requests.length > 0)
		caseFail(
			run,
			`the redirect was followed: ${to.origin} received ${run.elsewhere.requests.length} request(s) (with the credential's headers: ${JSON.stringify(run.elsewhere.requests[0].headers['x-api-key'] === API_KEY)})`,
		);
	if (JSON.stringify(run.execution).includes('p_elsewhere'))
		caseFail(run, 'the output carries persona_id "p_elsewhere", the other origin\'s answer');
	if (!got)
		caseFail(run, 'the node neither failed nor gave an error item on a 307 to another origin');
	if (!/redirect/i.test(got.text) || !got.text.includes(to.host))
		caseFail(
			run,
			`the ${got.where} should mention a redirect and its target ${to.origin}; it says: ${got.text}`,
		);
	return `0 requests at ${to.origin}; ${posts.length} POST at the stand-in; ${got.where}: ${around(got.text, /redirect/i)}`;
}

function checkErrorOutput(run) {
	const [success = [], errors = []] = run.node.outputs;
	const detail = `success branch items ${JSON.stringify(success.map(pairIndex))}, error branch items ${JSON.stringify(errors.map(pairIndex))}`;
	if (run.node.error)
		caseFail(run, `the node failed instead of routing item 1: ${errorText(run.node.error)}`);
	if (success.map(pairIndex).join() !== '0,2') {
		// n8n moves an item to the error output when the item has `error` set, or when its json is
		// only { error } or { error, message } (1.123) / only error, message, details (2.41).
		const stray = success.find((item) => item.json.error !== undefined);
		const why = stray
			? `; the error item has item.error ${stray.error ? 'set' : 'unset'} and json keys ${JSON.stringify(Object.keys(stray.json))}`
			: '';
		caseFail(run, `output 0 (success) should hold exactly items 0 and 2: ${detail}${why}`);
	}
	if (success.some((item, i) => item.json.persona_id !== STOCK_PERSONAS[i]))
		caseFail(run, `output 0 should hold personas ${STOCK_PERSONAS.join(', ')}`);
	if (errors.length !== 1 || pairIndex(errors[0]) !== 1 || !errors[0].json.error)
		caseFail(run, `output 1 (error) should hold exactly item 1 with json.error set: ${detail}`);
	return `${detail}; error: ${String(errors[0].json.error).slice(0, 120)}`;
}

function checkRegularOutput(run) {
	const [items = [], extra = []] = run.node.outputs;
	if (run.node.error)
		caseFail(run, `the node failed instead of continuing: ${errorText(run.node.error)}`);
	if (extra.length > 0 || items.map(pairIndex).join() !== '0,1,2')
		caseFail(
			run,
			`one output with items 0, 1, 2 expected; got ${json(run.node.outputs.map((o) => (o ?? []).map(pairIndex)))}`,
		);
	const withError = items.map((item) => item.json.error !== undefined);
	if (withError.join() !== 'false,true,false')
		caseFail(
			run,
			`only the middle item should carry json.error; json.error set: ${json(withError)}`,
		);
	if (
		items[0].json.persona_id !== STOCK_PERSONAS[0] ||
		items[2].json.persona_id !== STOCK_PERSONAS[1]
	)
		caseFail(run, 'items 0 and 2 should be the two stock personas');
	return `items 0, 1, 2 in one output; item 1: ${String(items[1].json.error).slice(0, 120)}`;
}

/** n8n's Retry On Fail around a create whose 2nd request got `resetAfter` (Tavus acted, no answer). */
function checkRetryOnFail(kind) {
	const [path, nameKey, stateKey] =
		kind === 'persona'
			? ['/v2/personas', 'persona_name', 'personas']
			: ['/v2/conversations', 'conversation_name', 'conversations'];
	return (run) => {
		const posts = run.requests.filter((r) => r.method === 'POST' && r.path === path);
		const names = run.items.map((item) => item[nameKey]);
		const held = Object.values(run.state[stateKey] ?? {});
		const count = names.map((name) => held.filter((o) => o[nameKey] === name).length);
		const got = failureOf(run);
		const detail = `${posts.length} POST ${path}; held per name ${JSON.stringify(count)}`;
		if (count.some((n) => n > 1)) caseFail(run, `duplicates: ${detail}`);
		if (posts.length !== 2)
			caseFail(run, `expected exactly 2 POST ${path} (items 0 and 1, never 2): ${detail}`);
		if (!run.node.error)
			caseFail(run, `the execution should fail at item 1: ${detail}; ${got?.text ?? 'no error'}`);
		// The in-doubt warning, in the words of the first try ("may have received it") or of a
		// later one that refuses to send again ("may have acted on it").
		const inDoubt = /may have (received|acted on)/i;
		if (!inDoubt.test(got.text))
			caseFail(run, `the error should say Tavus may have received the request: ${got.text}`);
		const where = inDoubt.test(run.node.error.description ?? '') ? 'description' : 'message';
		return `${detail}; the ${where} says: ${around(got.text, inDoubt)}`;
	};
}

/** n8n's Retry On Fail around an Update (Fields) whose PATCH got `resetAfter` (applied, no answer). */
function checkUpdateRerun(run) {
	const path = `/v2/personas/${E2E_PAL.persona_id}`;
	const patches = run.requests.filter((r) => r.method === 'PATCH' && r.path === path);
	const item = onlyItem(run);
	const expected = [{ op: 'replace', path: '/system_prompt', value: E2E_UPDATED_PROMPT }];
	if (patches.length !== 1)
		caseFail(run, `expected exactly 1 PATCH ${path}, got ${patches.length}`);
	if (item.action !== 'updated' || JSON.stringify(item.patch) !== JSON.stringify(expected))
		caseFail(run, `expected action "updated" with the patch sent: ${JSON.stringify(item)}`);
	const held = run.state.personas?.[E2E_PAL.persona_id]?.system_prompt;
	if (held !== E2E_UPDATED_PROMPT) caseFail(run, `the stand-in holds the prompt ${json(held)}`);
	const reads = run.requests.filter((r) => r.method === 'GET' && r.path === path).length;
	return `${reads} GET + 1 PATCH (answer lost, applied); the rerun re-read and reported updated`;
}

function checkReadRetried(run) {
	const gets = run.requests.filter(
		(r) => r.method === 'GET' && r.path === `/v2/personas/${STOCK_PERSONAS[0]}`,
	);
	const [items = []] = run.node.outputs;
	if (run.node.error)
		caseFail(run, `the GET was not retried after a reset: ${errorText(run.node.error)}`);
	if (items.length !== 1 || items[0].json.persona_id !== STOCK_PERSONAS[0])
		caseFail(run, `expected one item with persona_id ${STOCK_PERSONAS[0]}`);
	if (gets.length !== 2)
		caseFail(run, `expected 2 GETs (reset, then success), the stand-in saw ${gets.length}`);
	return `2 GETs (${gets.map((g) => g.fault ?? g.status).join(', ')}), persona ${items[0].json.persona_id}`;
}

function checkCreateInDoubt(run) {
	const posts = run.requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	const got = failureOf(run);
	if (posts.length !== 1)
		caseFail(run, `expected exactly 1 POST /v2/personas, got ${posts.length}`);
	if (!got) caseFail(run, 'the create answered by a dropped connection did not fail');
	if (!got.text.includes('may have received it'))
		caseFail(run, `the ${got.where} should contain "may have received it": ${got.text}`);
	return `1 POST; ${got.where}: ${around(got.text, /may have received it/)}`;
}

/** The Tavus node's first output item, or a case failure naming what came instead. */
function onlyItem(run) {
	if (run.node.error) caseFail(run, `the node failed: ${errorText(run.node.error)}`);
	const [items = []] = run.node.outputs;
	if (items.length !== 1) caseFail(run, `expected 1 output item, got ${items.length}`);
	return items[0].json;
}

function checkCreateWithTools(run) {
	const item = onlyItem(run);
	const posts = run.requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
	const attach = run.requests.filter(
		(r) => r.method === 'POST' && r.path === `/v2/pals/${item.persona_id}/tools`,
	);
	if (posts.length !== 1) caseFail(run, `expected 1 POST /v2/personas, got ${posts.length}`);
	if (
		attach.length !== 1 ||
		JSON.stringify(attach[0].body) !== JSON.stringify({ tool_ids: [E2E_TOOL.tool_id] })
	)
		caseFail(
			run,
			`expected one attach of ${E2E_TOOL.tool_id}, got ${JSON.stringify(attach.map((r) => r.body))}`,
		);
	const tools = Array.isArray(item.tools) ? item.tools.map((t) => t.tool_id) : [];
	if (tools.join() !== E2E_TOOL.tool_id)
		caseFail(
			run,
			`the output's tools should be [${E2E_TOOL.tool_id}], got ${JSON.stringify(item.tools)}`,
		);
	return `persona ${item.persona_id} created, ${E2E_TOOL.tool_id} attached (POST /v2/pals/…/tools)`;
}

function checkToolCreate(run) {
	const item = onlyItem(run);
	const [post] = run.requests.filter((r) => r.method === 'POST' && r.path === '/v2/tools');
	if (post?.body?.delivery?.api?.auth?.secret !== E2E_HMAC_SECRET)
		caseFail(run, 'the HMAC secret did not reach the stand-in as delivery.api.auth.secret');
	if (JSON.stringify(run.execution).includes(E2E_HMAC_SECRET))
		caseFail(run, 'the HMAC secret appears in the execution data');
	return `tool ${item.tool_id} created; the secret sent, not in the execution data`;
}

function checkDeploymentCreate(run) {
	const item = onlyItem(run);
	const [post] = run.requests.filter((r) => r.method === 'POST' && r.path === '/v2/deployments');
	if (post?.body?.password !== E2E_DEPLOYMENT_PASSWORD || post?.body?.pal_id !== E2E_PAL.persona_id)
		caseFail(
			run,
			`the create body should carry pal_id and the password: ${JSON.stringify(post?.body && Object.keys(post.body))}`,
		);
	if (JSON.stringify(run.execution).includes(E2E_DEPLOYMENT_PASSWORD))
		caseFail(run, 'the deployment password appears in the execution data');
	const tag = item.embed?.tag ?? '';
	if (!tag.includes(`deployment-id="${item.deployment_id}"`))
		caseFail(run, `the output's embed tag should name ${item.deployment_id}: ${tag}`);
	return `deployment ${item.deployment_id}, embed ${tag}; password sent, not in the execution data`;
}

function checkAttachSkill(run) {
	const item = onlyItem(run);
	const [put] = run.requests.filter(
		(r) => r.method === 'PUT' && r.path === `/v2/pals/${E2E_PAL.persona_id}/skills/internet_search`,
	);
	if (!put || JSON.stringify(put.body) !== JSON.stringify({ config: {} }))
		caseFail(
			run,
			`expected PUT …/skills/internet_search {"config":{}}, got ${JSON.stringify(put?.body)}`,
		);
	if (item.skill_id !== 'internet_search' || item.persona_id !== E2E_PAL.persona_id)
		caseFail(run, `unexpected output ${JSON.stringify(item)}`);
	return `PUT /v2/pals/${E2E_PAL.persona_id}/skills/internet_search {"config":{}} → attached`;
}

function checkFaceGet(run) {
	const item = onlyItem(run);
	const gets = run.requests.filter((r) => r.method === 'GET' && r.path === `/v2/faces/${ANNA}`);
	if (gets.length !== 1) caseFail(run, `expected 1 GET /v2/faces/${ANNA}, got ${gets.length}`);
	if (item.face_id !== ANNA || item.replica_id !== ANNA || item.replica_name !== item.face_name)
		caseFail(run, `expected face_id and replica_id ${ANNA}: ${JSON.stringify(item)}`);
	return `GET /v2/faces/${ANNA} → face_id = replica_id = ${ANNA}, name ${item.face_name}`;
}

function checkSyncPlan(run) {
	if (run.node.error) caseFail(run, `the node failed: ${errorText(run.node.error)}`);
	const [items = []] = run.node.outputs;
	const actions = items.map((i) => `${i.json.persona_name}:${i.json.action}`).sort();
	if (actions.join() !== 'E2E sync A:unchanged,E2E sync B:create')
		caseFail(run, `expected A unchanged and B create, got ${actions.join(', ')}`);
	const writes = run.requests.filter((r) => r.method !== 'GET' && !r.path.startsWith('/__'));
	if (writes.length > 0)
		caseFail(
			run,
			`Plan must send nothing but reads, sent ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`,
		);
	return `plan: ${actions.join(', ')}; ${run.requests.filter((r) => r.method === 'GET').length} GET(s), no writes`;
}

/** When the requests arrived, relative to the first one: "+0 s, +4.1 s, ...". */
function attemptTimes(requests) {
	const t0 = Date.parse(requests[0]?.time);
	return requests.map((r) => `+${formatMs(Date.parse(r.time) - t0)}`).join(', ');
}

function checkDeadline(run) {
	const gets = run.requests.filter((r) => r.method === 'GET').length;
	if (run.timedOut)
		caseFail(
			run,
			`no deadline: n8n execute was still running after ${formatMs(run.ms)} (${gets} GETs dripping)`,
		);
	const [items = []] = run.node.outputs;
	if (items.some((item) => item.json.persona_id))
		caseFail(run, 'the dripping GET came back as a success');
	const got = failureOf(run);
	if (!got || !/time(d)?[ -]?out/i.test(got.text))
		caseFail(run, `the item should fail saying it timed out: ${got?.text ?? 'no error'}`);
	const ms = run.node.executionMs;
	if (!(ms <= DEADLINE_LIMIT_MS))
		caseFail(
			run,
			`the item failed after ${formatMs(ms)} (node run), more than ${formatMs(DEADLINE_LIMIT_MS)}; ${gets} GETs, sent at ${attemptTimes(run.requests)}`,
		);
	return `failed after ${formatMs(ms)} (node run; ${formatMs(run.ms)} for n8n execute), ${gets} GET(s); ${got.text.slice(0, 140)}`;
}

function checkHtml200(run) {
	const posts = run.requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas').length;
	const [items = []] = run.node.outputs;
	const bare = items.filter((item) => !item.json.persona_id && item.json.error === undefined);
	if (bare.length > 0)
		caseFail(
			run,
			`an HTML 200 became ${bare.length} output item(s) without persona_id: ${json(bare[0].json).slice(0, 300)}`,
		);
	const got = failureOf(run);
	if (!got) caseFail(run, 'an HTML 200 to a create did not fail');
	return `${posts} POST; ${got.where}: ${got.text.slice(0, 160)}`;
}

// ---- the cases ----------------------------------------------------------------------------------

const stockAndUnknown = [
	{ persona_id: STOCK_PERSONAS[0] },
	{ persona_id: UNKNOWN_PERSONA },
	{ persona_id: STOCK_PERSONAS[1] },
];
const retrySettings = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };

const FAULT_CASES = [
	{
		name: 'redirect (307 to another origin) on Persona Create is not followed',
		items: [{ persona_name: 'E2E redirect' }],
		parameters: personaCreate(),
		faults: [{ kind: 'redirect', method: 'POST', path: '/v2/personas', times: 1 }],
		check: checkRedirect,
	},
	{
		name: 'On Error "continueErrorOutput": the 404 item alone on the error output',
		items: stockAndUnknown,
		parameters: personaGet(),
		settings: { onError: 'continueErrorOutput' },
		// The stand-in answers an unknown persona with 400 "Invalid persona_id" (as Tavus documents);
		// this case gets a 404 for it, the other (continueRegularOutput) the stand-in's own 400.
		faults: [
			{ kind: 'status', status: 404, method: 'GET', path: `/v2/personas/${UNKNOWN_PERSONA}` },
		],
		check: checkErrorOutput,
	},
	{
		name: 'On Error "continueRegularOutput": 3 items, the middle one with json.error',
		items: stockAndUnknown,
		parameters: personaGet(),
		settings: { onError: 'continueRegularOutput' },
		check: checkRegularOutput,
	},
	{
		name: "n8n's Retry On Fail + a dropped answer to the 2nd Persona Create: no duplicates",
		items: ['A', 'B', 'C'].map((x) => ({ persona_name: `E2E retry persona ${x}` })),
		parameters: personaCreate(),
		settings: retrySettings,
		faultOnSecond: { kind: 'resetAfter', method: 'POST', path: '/v2/personas' },
		check: checkRetryOnFail('persona'),
	},
	{
		name: "n8n's Retry On Fail + a dropped answer to the 2nd Conversation Create: no duplicates",
		items: ['A', 'B', 'C'].map((x) => ({ conversation_name: `E2E retry call ${x}` })),
		parameters: conversationCreate(),
		settings: retrySettings,
		faultOnSecond: { kind: 'resetAfter', method: 'POST', path: '/v2/conversations' },
		check: checkRetryOnFail('conversation'),
	},
	{
		name: "n8n's Retry On Fail + a dropped answer to a Persona Update (Fields): 1 PATCH, updated",
		items: [{ persona_id: E2E_PAL.persona_id }],
		seed: { personas: [E2E_PAL] },
		parameters: {
			resource: 'persona',
			operation: 'update',
			persona: locator('={{ $json.persona_id }}'),
			updateMode: 'fields',
			updateFields: { systemPrompt: E2E_UPDATED_PROMPT },
		},
		settings: retrySettings,
		faults: [
			{
				kind: 'resetAfter',
				method: 'PATCH',
				path: `/v2/personas/${E2E_PAL.persona_id}`,
				times: 1,
			},
		],
		check: checkUpdateRerun,
	},
	{
		name: 'Persona Get after a connection reset: retried, succeeds',
		items: [{ persona_id: STOCK_PERSONAS[0] }],
		parameters: personaGet(),
		faults: [{ kind: 'reset', method: 'GET', path: `/v2/personas/${STOCK_PERSONAS[0]}`, times: 1 }],
		check: checkReadRetried,
	},
	{
		name: 'Persona Create whose answer is lost (resetAfter): in-doubt error, 1 POST',
		items: [{ persona_name: 'E2E in doubt' }],
		parameters: personaCreate(),
		faults: [{ kind: 'resetAfter', method: 'POST', path: '/v2/personas', times: 1 }],
		check: checkCreateInDoubt,
	},
	{
		name: 'deadline: Persona Get dripping 1 byte / 500 ms with Timeout 3000 ms fails in time',
		items: [{ persona_id: STOCK_PERSONAS[0] }],
		parameters: personaGet({ timeout: 3000 }),
		// Every attempt drips, so no retry can turn it into a success.
		faults: [
			{ kind: 'drip', method: 'GET', path: '/v2/personas/', intervalMs: 500, times: 'Infinity' },
		],
		timeoutMs: 60_000,
		check: checkDeadline,
	},
	{
		name: 'HTML page with status 200 on Persona Create is an error',
		items: [{ persona_name: 'E2E html' }],
		parameters: personaCreate(),
		faults: [{ kind: 'html', status: 200, method: 'POST', path: '/v2/personas', times: 1 }],
		check: checkHtml200,
	},
	// ---- The PAL-era operations as users run them (not faults): what the engine tests cover,
	// once through a real n8n, where parameters go through its expression runtime and its checks
	// of resource locators (also inside a list, as in Persona → Tools).
	{
		name: 'PAL era: Persona Create with Tools (a list of tool pickers) attaches the tool',
		items: [{ persona_name: 'E2E with tools' }],
		seed: { tools: [E2E_TOOL] },
		parameters: { ...personaCreate(), toolIds: { tool: [{ tool: locator(E2E_TOOL.tool_id) }] } },
		check: checkCreateWithTools,
	},
	{
		name: 'PAL era: Tool Create (API delivery, HMAC): the secret reaches Tavus, not the output',
		items: [{ tool: 'e2e_weather' }],
		parameters: {
			resource: 'tool',
			operation: 'create',
			toolName: '={{ $json.tool }}',
			registryToolDescription: 'Get the current weather for a city',
			toolParameters: { type: 'object', properties: { city: { type: 'string' } } },
			toolDelivery: 'api',
			apiUrl: 'https://hooks.example.com/tavus-tool',
			apiMethod: 'POST',
			apiAuthType: 'hmac',
			hmacSecret: E2E_HMAC_SECRET,
		},
		check: checkToolCreate,
	},
	{
		name: 'PAL era: Deployment Create with a password: embed snippet, no password in the output',
		items: [{ name: 'E2E widget' }],
		seed: { personas: [E2E_PAL] },
		parameters: {
			resource: 'deployment',
			operation: 'create',
			pal: locator(E2E_PAL.persona_id),
			channel: 'widget',
			additionalFields: { name: '={{ $json.name }}', password: E2E_DEPLOYMENT_PASSWORD },
		},
		check: checkDeploymentCreate,
	},
	{
		name: 'PAL era: Persona Attach Skill (internet search) on a PAL of the account',
		items: [{ persona_id: E2E_PAL.persona_id }],
		seed: { personas: [E2E_PAL] },
		parameters: {
			resource: 'persona',
			operation: 'attachSkill',
			persona: locator('={{ $json.persona_id }}'),
			skillType: 'internet_search',
		},
		check: checkAttachSkill,
	},
	{
		name: 'PAL era: Persona Sync Plan (2 desired, scope "E2E sync "): one list read, nothing written',
		items: [{ persona_name: 'E2E sync A' }, { persona_name: 'E2E sync B' }],
		seed: {
			personas: [
				{
					...E2E_PAL,
					persona_id: 'pe2e0sync0001',
					persona_name: 'E2E sync A',
					pipeline_mode: 'full',
					system_prompt: personaCreate().systemPrompt,
				},
			],
		},
		parameters: {
			...personaCreate(),
			operation: 'sync',
			syncMode: 'plan',
			scopePrefix: 'E2E sync ',
			prune: true,
		},
		check: checkSyncPlan,
	},
	{
		name: 'PAL era: Replica Get goes to /v2/faces and outputs face_id and replica_id',
		items: [{ face: ANNA }],
		parameters: { resource: 'replica', operation: 'get', replica: locator('={{ $json.face }}') },
		check: checkFaceGet,
	},
];

/** Builds the cases' workflows into <tmp>/fault-workflows and imports them in one go. */
async function importFaultWorkflows(ctx) {
	const dir = path.join(ctx.tmp, 'fault-workflows');
	fs.mkdirSync(dir, { recursive: true });
	ctx.faultCases = FAULT_CASES.map((c, i) => ({ ...c, workflow: faultWorkflow(c, i + 1) }));
	for (const c of ctx.faultCases)
		fs.writeFileSync(path.join(dir, `${c.workflow.id}.json`), json(c.workflow));
	const w = await host.runN8n(ctx.host, ['import:workflow', '--separate', `--input=${dir}`], {
		userFolder: ctx.userFolder,
	});
	ctx.cliOutput.push(w.stdout, w.stderr);
	const out = `${w.stdout}\n${w.stderr}`;
	const m = out.match(/Successfully imported (\d+) workflows?/);
	if (w.code !== 0 || !m || Number(m[1]) !== ctx.faultCases.length)
		fail(`n8n import:workflow of the fault-case workflows failed (exit ${w.code})`, {
			output: clip(out),
		});
	return `${m[1]} workflows (${formatMs(w.ms)})`;
}

/** Every fault case as a step of its own; a failing case is recorded and the leg goes on. */
async function runFaultCases(ctx, leg) {
	await step(leg, 'fault cases: import their workflows', () => importFaultWorkflows(ctx));
	for (const c of ctx.faultCases) {
		await softStep(leg, `fault: ${c.name}`, () => runFaultCase(ctx, c));
	}
}

// ------------------------------------------------------------------------------------------------
// The server checks (types, icons, example 04)
// ------------------------------------------------------------------------------------------------

/** n8n start with debug logs in JSON, then the owner account; the server goes to ctx.server. */
async function startServer(ctx) {
	const srv = await host.startN8n(ctx.host, {
		userFolder: ctx.userFolder,
		logLevel: 'debug',
		env: { N8N_LOG_FORMAT: 'json' },
		name: 'n8n-server',
	});
	cleanups.push(() => srv.stop());
	const t = Date.now();
	srv.cookie = await host.setupOwner(srv.url);
	ctx.server = srv;
	return {
		srv,
		detail: `healthy after ${formatMs(srv.startMs)}, owner after ${formatMs(Date.now() - t)} more, ${srv.url}`,
	};
}

/** /types/nodes.json and /types/credentials.json list ours, with icons the server serves. */
async function checkTypesAndIcons(ctx) {
	const srv = ctx.server;
	const nodes = await host.restGet(srv.url, srv.cookie, '/types/nodes.json');
	const creds = await host.restGet(srv.url, srv.cookie, '/types/credentials.json');
	ctx.types = nodes;
	const ours = nodes.filter((n) => n.name.startsWith(`${PKG.name}.`));
	const names = ours.map((n) => n.name);
	for (const required of [
		`${PKG.name}.tavus`,
		`${PKG.name}.tavusTool`,
		`${PKG.name}.tavusTrigger`,
	]) {
		if (!names.includes(required))
			fail(
				`/types/nodes.json does not list ${required} (it lists: ${names.join(', ') || 'nothing from the package'})`,
			);
	}
	const cred = creds.find((c) => c.name === 'tavusApi');
	if (!cred) fail('/types/credentials.json does not list tavusApi');
	const icons = [];
	const iconsOf = (what, t) => {
		const u = t.iconUrl;
		if (!u)
			fail(
				`${what} has no iconUrl (icon: ${JSON.stringify(t.icon)}): n8n did not resolve its file: icon`,
			);
		return typeof u === 'string' ? [u] : [u.light, u.dark].filter(Boolean);
	};
	for (const t of ours) icons.push(...iconsOf(t.name, t).map((u) => [t.name, u]));
	icons.push(...iconsOf('credential tavusApi', cred).map((u) => [cred.name, u]));
	for (const [who, u] of icons) {
		const r = await host.httpRequest(`${srv.url}/${u.replace(/^\//, '')}`, {
			headers: { cookie: srv.cookie },
		});
		if (r.status !== 200 || !/<svg[\s>]/.test(r.body))
			fail(`icon of ${who} (${u}) is not served: HTTP ${r.status} ${r.headers['content-type']}`);
	}
	return `${names.join(', ')}; credential tavusApi; ${icons.length} icons served (${[...new Set(icons.map(([, u]) => u))].join(', ')})`;
}

/** The output schemas the editor shows before a run. */
async function checkOutputSchemas(ctx) {
	const srv = ctx.server;
	// The editor asks for /schemas/<node type>/<version>/<resource>/<operation>.json; n8n serves
	// it from the __schema__ folder next to the node in the installed package.
	const checks = [
		['persona', 'create', 'persona_id'],
		['conversation', 'create', 'conversation_url'],
		['video', 'generate', 'video_id'],
	];
	for (const [resource, operation, field] of checks) {
		const url = `${srv.url}/schemas/${PKG.name}.tavus/1.0.0/${resource}/${operation}.json`;
		const r = await host.httpRequest(url, { headers: { cookie: srv.cookie } });
		let schema;
		try {
			schema = JSON.parse(r.body);
		} catch {
			schema = undefined;
		}
		if (r.status !== 200 || schema?.type !== 'object' || !schema.properties?.[field])
			fail(
				`${url}: HTTP ${r.status}, expected an object schema with "${field}": ${r.body.slice(0, 200)}`,
			);
	}
	return checks.map(([resource, operation]) => `${resource}/${operation}`).join(', ');
}

/**
 * The credential's Test button, as the editor sends it (POST /rest/credentials/test): a Base URL
 * typed with /v2/ works, a redirect to another origin fails the test without the key going there,
 * a wrong key fails with a message (Tavus's rule on n8n 2.x; n8n 1.x shows its own text).
 */
async function checkCredentialTest(ctx) {
	const srv = ctx.server;
	const testWith = async (data) => {
		const r = await host.httpRequest(`${srv.url}/rest/credentials/test`, {
			method: 'POST',
			headers: { cookie: srv.cookie },
			body: {
				credentials: { ...CREDENTIAL, data: { apiKey: API_KEY, baseUrl: ctx.mock.url, ...data } },
			},
			timeoutMs: 60_000,
		});
		const result = r.json?.data;
		if (r.status !== 200 || !result)
			fail(`credential test: HTTP ${r.status} ${r.body.slice(0, 200)}`);
		return result;
	};
	const expect = (label, result, status, message) => {
		if (result.status !== status || (message && result.message !== message))
			fail(
				`${label}: got ${json(result)}, expected status ${status}${message ? ` and "${message}"` : ''}`,
			);
	};
	await ctx.mock.reset();
	expect('Base URL ending in /v2/', await testWith({ baseUrl: `${ctx.mock.url}/v2/` }), 'OK');
	const wrongKey =
		ctx.host.major >= 2 ? 'Invalid access token (Tavus rejected the API key)' : undefined;
	const wrong = await testWith({ apiKey: `${API_KEY}-wrong` });
	expect('wrong key', wrong, 'Error', wrongKey);
	await ctx.mock.fault({ kind: 'redirect', method: 'GET', path: '/v2/replicas', status: 302 });
	const redirected = await testWith({});
	const elsewhere = await ctx.mock.elsewhere();
	if (elsewhere.requests.length > 0)
		fail(
			`the test followed a redirect: ${elsewhere.url} received ${elsewhere.requests.length} request(s)`,
		);
	expect(
		'302 to another origin',
		redirected,
		'Error',
		ctx.host.major >= 2
			? 'The Base URL answered with a redirect (302); the API key is never sent on to another address. Enter the address it redirects to as the Base URL.'
			: undefined,
	);
	await ctx.mock.reset();
	return `/v2/ Base URL OK; wrong key: "${wrong.message}"; 302 elsewhere: "${redirected.message}", nothing sent there`;
}

/** Every example stored by n8n with all its nodes, each a type/version this n8n knows. */
async function checkExamplesAccepted(ctx) {
	const srv = ctx.server;
	const known = new Map();
	for (const t of ctx.types) {
		const versions = Array.isArray(t.version) ? t.version : [t.version];
		const set = known.get(t.name) ?? new Set();
		versions.forEach((v) => set.add(v));
		known.set(t.name, set);
	}
	const problems = [];
	for (const { file, workflow } of ctx.examples) {
		const r = await host.httpRequest(`${srv.url}/rest/workflows/${workflow.id}`, {
			headers: { cookie: srv.cookie },
		});
		if (r.status !== 200) {
			problems.push(
				`${file}: GET /rest/workflows/${workflow.id} → HTTP ${r.status} ${r.body.slice(0, 200)}`,
			);
			continue;
		}
		const stored = r.json.data ?? r.json;
		if (stored.nodes.length !== workflow.nodes.length)
			problems.push(
				`${file}: stored with ${stored.nodes.length} nodes, file has ${workflow.nodes.length}`,
			);
		for (const n of stored.nodes) {
			if (!known.has(n.type)) problems.push(`${file}: node "${n.name}" has unknown type ${n.type}`);
			else if (!known.get(n.type).has(n.typeVersion))
				problems.push(
					`${file}: node "${n.name}" (${n.type}) has typeVersion ${n.typeVersion}; this n8n knows ${[...known.get(n.type)].join(', ')}`,
				);
		}
	}
	problems.push(...agentExampleProblems(ctx));
	if (problems.length) fail(`examples not accepted:\n${problems.join('\n')}`);
	return `${ctx.examples.map((e) => e.file.slice(0, 2)).join(', ')} stored; ${ctx.examples.reduce((a, e) => a + e.workflow.nodes.length, 0)} nodes, all known`;
}

/** Example 04 (the AI agent): Tavus tools connected by ai_tool, filled with $fromAI(). */
function agentExampleProblems(ctx) {
	const problems = [];
	const agent = ctx.examples.find((e) => e.file.startsWith('04'));
	if (!agent) return problems;
	const tools = agent.workflow.nodes.filter((n) => n.type === `${PKG.name}.tavusTool`);
	if (tools.length === 0) problems.push(`${agent.file}: has no ${PKG.name}.tavusTool node`);
	for (const t of tools) {
		const conn = agent.workflow.connections[t.name]?.ai_tool?.[0]?.[0];
		if (!conn || conn.type !== 'ai_tool')
			problems.push(
				`${agent.file}: tool "${t.name}" is not connected to the agent by an ai_tool connection`,
			);
		if (!JSON.stringify(t.parameters).includes('$fromAI('))
			problems.push(`${agent.file}: tool "${t.name}" uses no $fromAI() expression`);
	}
	return problems;
}

/** A workflow's executions, polled (10 s at most) until there is one and none is running or new. */
async function settledExecutions(srv, workflowId) {
	let executions = [];
	for (let i = 0; i < 40; i++) {
		const list = await host.restGet(
			srv.url,
			srv.cookie,
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		executions =
			(list.results ?? list.data?.results ?? list).filter?.((e) => e.workflowId === workflowId) ??
			[];
		if (
			executions.length > 0 &&
			executions.every((e) => e.status !== 'running' && e.status !== 'new')
		)
			break;
		await host.sleep(250);
	}
	return executions;
}

/** Example 07 active: callbacks to its production URL, refused, ignored and run as they should. */
async function checkTavusTrigger(ctx) {
	const srv = ctx.server;
	const example07 = example(ctx.examples, '07').workflow;
	const trigger = example07.nodes.find((n) => n.type === `${PKG.name}.tavusTrigger`);
	const token = trigger.parameters.secretToken;
	const url = `${srv.url}/webhook/${trigger.webhookId}/tavus`;
	const transcript = {
		conversation_id: 'c123456',
		event_type: 'application.transcription_ready',
		message_type: 'application',
		timestamp: '2025-07-11T06:45:47.472000Z',
		properties: {
			replica_id: 'r90bbd427f71',
			transcript: [
				{ role: 'user', content: 'Hello' },
				{ role: 'assistant', content: 'Hi there!' },
			],
		},
	};
	const post = async (query, body) =>
		await host.httpRequest(`${url}${query}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	const noToken = await post('', transcript);
	if (noToken.status !== 401)
		fail(`a callback without the token got HTTP ${noToken.status}, expected 401`, {
			body: noToken.body,
		});
	const other = await post(`?token=${encodeURIComponent(token)}`, {
		...transcript,
		event_type: 'system.shutdown',
	});
	if (other.status !== 200 || !/"ignored":\s*true/.test(other.body))
		fail(`an unselected event got HTTP ${other.status} ${other.body}, expected 200 ignored`);
	const malformed = await post(`?token=${encodeURIComponent(token)}`, { hello: 'world' });
	if (malformed.status !== 400)
		fail(`a body without event_type got HTTP ${malformed.status}, expected 400`);
	const ok = await post(`?token=${encodeURIComponent(token)}`, transcript);
	if (ok.status !== 200) fail(`the transcript callback got HTTP ${ok.status} ${ok.body}`);
	// Exactly one execution (the transcript): the refused and ignored calls start nothing.
	const executions = await settledExecutions(srv, TRIGGER_EXAMPLE_ID);
	if (executions.length !== 1 || executions[0].status !== 'success')
		fail(
			`expected 1 successful execution of example 07, found ${JSON.stringify(executions.map((e) => ({ id: e.id, status: e.status })))}`,
		);
	return `401 without token, 200 ignored for an unselected event, 400 for a non-callback, 200 + 1 successful execution for the transcript (${url})`;
}

const TOOL_CALL_ID = 'call_e2e_0001';
const TOOL_ANSWER = 'It is 21 degrees and sunny in Paris.';

/** Examples 09 and its Respond to Webhook variant active: signed tool calls to their URLs. */
async function checkToolTrigger(ctx) {
	const srv = ctx.server;
	const example09 = example(ctx.examples, '09').workflow;
	const trigger = example09.nodes.find((n) => n.type === `${PKG.name}.tavusToolTrigger`);
	const secret = trigger.parameters.hmacSecret;
	// Tavus's body for an HMAC tool (a guess, reference §4.3), signed over the exact bytes.
	const raw = JSON.stringify({
		tool_call_id: TOOL_CALL_ID,
		conversation_id: 'c123456',
		name: 'get_weather',
		arguments: JSON.stringify({ city: 'Paris' }),
	});
	const sign = (key) => crypto.createHmac('sha256', key).update(raw).digest('hex');
	const cases = [
		[TOOL_EXAMPLE_ID, trigger.webhookId, 'When Last Node Finishes'],
		[TOOL_RESPOND_ID, toolRespondVariant(example09).nodes[0].webhookId, 'Respond to Webhook'],
	];
	for (const [workflowId, webhookId, mode] of cases)
		await checkToolCalls(srv, { workflowId, webhookId, mode }, { raw, sign, secret });
	// One successful execution per workflow: the refused calls started nothing.
	for (const [workflowId, , mode] of cases) {
		const executions = await settledExecutions(srv, workflowId);
		if (executions.length !== 1 || executions[0].status !== 'success')
			fail(
				`${mode}: expected 1 successful execution of ${workflowId}, found ${JSON.stringify(executions.map((e) => ({ id: e.id, status: e.status })))}`,
			);
	}
	return `401 for a wrong and a missing signature, 200 {"result": "${TOOL_ANSWER}"} for the signed call (sha256= prefix), answered by the last node and by Respond to Webhook v1; 1 successful execution each`;
}

/** One tool-call URL: 401 when badly signed or unsigned, the tool's answer when signed. */
async function checkToolCalls(srv, { workflowId, webhookId, mode }, { raw, sign, secret }) {
	const url = `${srv.url}/webhook/${webhookId}/tool`;
	const post = async (signature) =>
		await host.httpRequest(url, {
			method: 'POST',
			headers: signature === undefined ? {} : { 'x-tavus-signature': signature },
			body: raw,
			timeoutMs: 60_000,
		});
	const forged = await post(sign('not-the-secret'));
	if (forged.status !== 401)
		fail(`${mode}: a badly signed call got HTTP ${forged.status}, expected 401`, {
			body: forged.body,
		});
	const unsigned = await post(undefined);
	if (unsigned.status !== 401)
		fail(`${mode}: an unsigned call got HTTP ${unsigned.status}, expected 401`, {
			body: unsigned.body,
		});
	const ok = await post(`sha256=${sign(secret)}`);
	if (ok.status !== 200) {
		// what went wrong in the run (n8n answers 500 "Error in workflow" then)
		const detail = await lastExecutionDetail(srv, workflowId);
		fail(`${mode}: the signed call got HTTP ${ok.status} ${ok.body}`, {
			execution: clip(detail?.body ?? 'none found', 6000),
		});
	}
	if (
		ok.status !== 200 ||
		ok.json?.result !== TOOL_ANSWER ||
		ok.json?.tool_call_id !== TOOL_CALL_ID
	)
		fail(
			`${mode}: the signed call got HTTP ${ok.status} ${ok.body}, expected 200 {"result": "${TOOL_ANSWER}", "tool_call_id": "${TOOL_CALL_ID}"}`,
		);
	if (mode === 'Respond to Webhook' && ok.headers['x-answered-by'] !== 'respond-to-webhook')
		fail(`${mode}: the answer lacks the Respond to Webhook node's header X-Answered-By`, {
			headers: json(ok.headers),
		});
}

/** GET /rest/executions/<id> of a workflow's latest execution (undefined when it has none). */
async function lastExecutionDetail(srv, workflowId) {
	const list = await host.restGet(
		srv.url,
		srv.cookie,
		`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
	);
	const last = (list.results ?? list.data?.results ?? list)?.[0];
	return last
		? await host.httpRequest(`${srv.url}/rest/executions/${last.id}`, {
				headers: { cookie: srv.cookie },
			})
		: undefined;
}

/** n8n's log says it loaded the package and has nothing to say against it (nor has the CLI). */
async function checkServerLog(ctx) {
	const output = ctx.server.output();
	if (
		!new RegExp(
			`Loaded all credentials and nodes from ${escapeRegExp(PKG.name)}|Lazy-loading nodes and credentials from ${escapeRegExp(PKG.name)}`,
		).test(output)
	)
		fail(`n8n's debug log has no line saying it loaded ${PKG.name}`);
	assertNoPackageProblems('n8n start', output);
	assertNoPackageProblems('n8n CLI (import/execute)', ctx.cliOutput.join('\n'));
	const others = output.split('\n').filter((l) => /"level":"(warn|error)"/.test(l)).length;
	return `loader line found; 0 package problems (${others} unrelated warn/error lines, e.g. no internet for n8n's own services)`;
}

async function stopServer(ctx) {
	const srv = ctx.server;
	await srv.stop();
	if (srv.alive()) fail('n8n is still running after stop');
	return `exit ${srv.child.exitCode ?? srv.child.signalCode}`;
}

/** The server checks in order, each reported as a step of its own; the first failure ends them. */
const SERVER_CHECKS = [
	{ name: 'n8n start (healthz) + owner setup', run: startServer },
	{ name: 'loaded node and credential types, with icons', run: checkTypesAndIcons },
	{ name: 'output schemas served (what the editor shows before a run)', run: checkOutputSchemas },
	{
		name: 'examples accepted (workflows stored, every node type/version known)',
		run: checkExamplesAccepted,
	},
	{
		name: 'credential Test: /v2/ Base URL, wrong key, no redirect to another origin',
		run: checkCredentialTest,
	},
	{
		name: 'Tavus Trigger: callbacks to the production URL of an active workflow',
		run: checkTavusTrigger,
	},
	{
		name: 'Tavus Tool Trigger: signed tool calls to the production URL of an active workflow',
		run: checkToolTrigger,
	},
	{ name: "n8n's log: package loaded, no errors or warnings about it", run: checkServerLog },
	{ name: 'n8n stop', run: stopServer },
];

async function serverChecks(ctx, leg) {
	for (const check of SERVER_CHECKS) await step(leg, check.name, () => check.run(ctx, leg));
}

// ------------------------------------------------------------------------------------------------
// A leg
// ------------------------------------------------------------------------------------------------

/** A fresh user folder with the package installed, the mock, the credential and the examples. */
async function prepareLeg(ctx, name, pack) {
	ctx.tmp = await makeTempDir(`n8n-e2e-${ctx.leg.id}-`);
	ctx.userFolder = path.join(ctx.tmp, 'user');
	await step(
		name,
		'install the tarball into a fresh user folder (npm install --ignore-scripts <tgz>)',
		async () => {
			const r = await host.installPackageTarball(ctx.userFolder, pack.tgz, {
				runtime: ctx.host.runtime,
				log: (m) => say(`    ${m}`),
			});
			const installed = JSON.parse(
				fs.readFileSync(path.join(r.packageDir, 'package.json'), 'utf8'),
			);
			if (installed.version !== PKG.version)
				fail(`installed ${installed.name}@${installed.version}, expected ${PKG.version}`);
			return `${path.relative(ctx.tmp, r.packageDir)} (${installed.version})`;
		},
	);
	ctx.mock = await step(name, 'start the Tavus mock', async () => {
		const m = await startMock(ctx.tmp);
		return { ...m, detail: m.url };
	});
	await step(name, 'import the credential and the examples', async () => {
		const credFile = path.join(ctx.tmp, 'credentials.json');
		fs.writeFileSync(
			credFile,
			json([{ ...CREDENTIAL, data: { apiKey: API_KEY, baseUrl: ctx.mock.url } }]),
		);
		const c = await host.runN8n(ctx.host, ['import:credentials', `--input=${credFile}`], {
			userFolder: ctx.userFolder,
		});
		ctx.cliOutput.push(c.stdout, c.stderr);
		if (c.code !== 0)
			fail(`n8n import:credentials failed (exit ${c.code})`, {
				output: clip(`${c.stdout}\n${c.stderr}`),
			});
		let examplesDir = EXAMPLES_DIR;
		if (ctx.examples.some((e) => e.retyped > 0)) {
			// node types rewritten to `${PKG.name}.…`: import those copies
			examplesDir = path.join(ctx.tmp, 'examples');
			fs.mkdirSync(examplesDir, { recursive: true });
			for (const e of ctx.examples)
				fs.writeFileSync(path.join(examplesDir, e.file), json(e.workflow));
		}
		const w = await host.runN8n(
			ctx.host,
			['import:workflow', '--separate', `--input=${examplesDir}`],
			{
				userFolder: ctx.userFolder,
			},
		);
		ctx.cliOutput.push(w.stdout, w.stderr);
		const out = `${w.stdout}\n${w.stderr}`;
		if (w.code !== 0) fail(`n8n import:workflow failed (exit ${w.code})`, { output: clip(out) });
		const m = out.match(/Successfully imported (\d+) workflows?/);
		if (
			!m ||
			Number(m[1]) !== ctx.examples.length ||
			/Skipped workflow|Skipping invalid workflow/.test(out)
		)
			fail(`n8n imported ${m ? m[1] : 'no'} of ${ctx.examples.length} example workflows`, {
				output: clip(out),
			});
		return `credential ${CREDENTIAL.id} → ${ctx.mock.url}; ${m[1]} workflows (credentials ${formatMs(c.ms)}, workflows ${formatMs(w.ms)})`;
	});
}

/** Examples 01-03, 05, 06 run headless (and, on n8n 1.x, 05 again with task runners on). */
async function runExamples(ctx, name) {
	await step(name, 'example 01: create the Life Coach persona', () => runExample01(ctx));
	await step(name, 'example 02: provisioning twice (create, then upsert by name)', () =>
		runExample02(ctx),
	);
	await step(name, 'example 03: persona → conversation → Set', () => runExample03(ctx));
	await step(name, 'example 05: personalized videos, waiting until ready', () => runExample05(ctx));
	await step(name, 'example 06: provision complete personas twice', () => runExample06(ctx));
	if (ctx.host.major < 2) {
		// The runs above used n8n 1.x's defaults (Code node in-process, no task runners). Example 05
		// (Code node → Tavus → Merge → Set) once more with task runners on, as 1.x users may have
		// them; 06 is left out there (its two runs take about 50 s, polling a document).
		await step(name, 'example 05 with task runners on (N8N_RUNNERS_ENABLED=true)', () =>
			runExample05({ ...ctx, runners: true }),
		);
	}
}

async function activateTriggerExample(ctx, name) {
	const { leg } = ctx;
	await step(name, 'activate example 07 (Tavus Trigger)', async () => {
		// 2.x publishes a workflow version; 1.x flips the active flag.
		const args = leg.n8n.startsWith('1.')
			? ['update:workflow', `--id=${TRIGGER_EXAMPLE_ID}`, '--active=true']
			: ['publish:workflow', `--id=${TRIGGER_EXAMPLE_ID}`];
		const r = await host.runN8n(ctx.host, args, { userFolder: ctx.userFolder });
		ctx.cliOutput.push(r.stdout, r.stderr);
		if (r.code !== 0)
			fail(`n8n ${args[0]} failed (exit ${r.code})`, {
				output: clip(`${r.stdout}\n${r.stderr}`),
			});
		return `n8n ${args.join(' ')}`;
	});
}

async function activateToolTriggerExample(ctx, name) {
	const { leg } = ctx;
	await step(
		name,
		'activate example 09 (Tavus Tool Trigger) and its Respond to Webhook variant',
		async () => {
			const file = path.join(ctx.tmp, 'tool-respond-variant.json');
			fs.writeFileSync(file, json(toolRespondVariant(example(ctx.examples, '09').workflow)));
			const imported = await host.runN8n(ctx.host, ['import:workflow', `--input=${file}`], {
				userFolder: ctx.userFolder,
			});
			ctx.cliOutput.push(imported.stdout, imported.stderr);
			if (imported.code !== 0)
				fail(
					`n8n import:workflow (the Respond to Webhook variant) failed (exit ${imported.code})`,
					{
						output: clip(`${imported.stdout}\n${imported.stderr}`),
					},
				);
			const done = [];
			for (const id of [TOOL_EXAMPLE_ID, TOOL_RESPOND_ID]) {
				// 2.x publishes a workflow version; 1.x flips the active flag.
				const args = leg.n8n.startsWith('1.')
					? ['update:workflow', `--id=${id}`, '--active=true']
					: ['publish:workflow', `--id=${id}`];
				const r = await host.runN8n(ctx.host, args, { userFolder: ctx.userFolder });
				ctx.cliOutput.push(r.stdout, r.stderr);
				if (r.code !== 0)
					fail(`n8n ${args[0]} failed (exit ${r.code})`, {
						output: clip(`${r.stdout}\n${r.stderr}`),
					});
				done.push(`n8n ${args.join(' ')}`);
			}
			return done.join('; ');
		},
	);
}

async function runLeg(leg, pack) {
	const name = `n8n ${leg.n8n}`;
	const legStarted = Date.now();
	const ctx = { leg, cliOutput: [], examples: readExamples() };
	try {
		ctx.host = await step(
			name,
			`Node ${leg.node} + n8n ${leg.n8n} (cache ${host.cacheDir()})`,
			async () => {
				const h = await host.ensureN8n(leg, { log: (m) => say(`    ${m}`) });
				return { ...h, detail: h.dir };
			},
		);
		await prepareLeg(ctx, name, pack);
		if (wants('examples')) await runExamples(ctx, name);
		if (wants('faults')) await runFaultCases(ctx, name);
		if (wants('server')) {
			await activateTriggerExample(ctx, name);
			await activateToolTriggerExample(ctx, name);
			await serverChecks(ctx, name);
		}
		return { ok: true, ms: Date.now() - legStarted };
	} finally {
		ctx.legMs = Date.now() - legStarted;
		reporter.legTotal(name, ctx.legMs);
		// Stop this leg's processes and remove its temp folder before the next leg.
		await cleanups.run();
	}
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	const wanted = (process.env.TAVUS_E2E_LEGS ?? host.MATRIX.map((l) => l.id).join(','))
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const legs = wanted.map((w) => host.getLeg(w));
	say(
		`n8n-nodes-tavus e2e: legs ${legs.map((l) => `n8n ${l.n8n} on Node ${l.node}`).join(', ')}; cache ${host.cacheDir()}`,
	);
	const failures = [];
	try {
		const packDir = await makeTempDir('n8n-e2e-pack-');
		const pack = await step('package', 'npm run build + npm pack', async () => {
			const p = await host.packPackage({ outDir: packDir, log: () => {} });
			return {
				...p,
				detail: `${path.basename(p.tgz)}, ${p.files.length} files, ${Math.round(p.size / 1024)} kB`,
			};
		});
		// A wrong tarball is reported but the legs still run, so one run shows every problem.
		await step('package', 'tarball holds only what a user needs', async () => {
			const problems = checkTarball(pack.files, pack.size);
			if (problems.length)
				fail(`the tarball ${path.basename(pack.tgz)} is not right: ${problems.join('; ')}`, {
					'files in the tarball': pack.files.join('\n'),
				});
			const kinds = {};
			for (const f of pack.files) {
				const k = f.startsWith('dist/')
					? `dist/*${f.endsWith('.d.ts') ? '.d.ts' : path.extname(f)}`
					: f;
				kinds[k] = (kinds[k] ?? 0) + 1;
			}
			return Object.entries(kinds)
				.map(([k, n]) => (n > 1 ? `${n} ${k}` : k))
				.join(', ');
		}).catch((e) => failures.push(e));
		const packCleanups = cleanups.take(); // keep the tarball across legs
		try {
			for (const leg of legs) {
				try {
					await runLeg(leg, pack);
				} catch (e) {
					failures.push(e);
					say(`\n✗ n8n ${leg.n8n} failed: ${e.message.split('\n')[0]}`);
				}
			}
		} finally {
			cleanups.push(...packCleanups);
		}
	} catch (e) {
		failures.push(e);
	} finally {
		await cleanups.run();
	}
	// the failures of soft steps (which do not stop their leg) after the others
	reporter.finish('e2e', Date.now() - started, [...failures, ...reporter.failures]);
}

await main();
