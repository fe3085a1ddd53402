#!/usr/bin/env node
// npm run test:e2e:agent — the packed package as an AI Agent's tool in a real n8n, offline.
//
// For each leg of the matrix in n8n-host.mjs (TAVUS_E2E_LEGS=2,1 chooses; default: all, one after
// the other):
//   1. Node runtime + n8n from the cache (installed on first use)
//   2. the package built and packed once (npm run build, npm pack), then installed the way users
//      install it (`npm install --ignore-scripts <tgz>`) into a fresh user folder in a temp dir
//   3. the Tavus stand-in (test/harness/tavus-mock.js) and a fake OpenAI-compatible model server
//      (in this process: POST /v1/chat/completions, GET /v1/models; every request recorded)
//   4. a "Tavus account" and an "OpenAI" credential (→ the stand-in, → the fake model) and the
//      workflows imported. The workflows are built from examples/04-ai-agent-with-tavus-tool.json's
//      own nodes: its AI Agent (with its system message, a fixed prompt, n8n's default version of
//      the node), its OpenAI Chat Model (Chat Completions, not the Responses API) and its two Tavus
//      tool nodes unchanged, behind a Manual Trigger in place of the Chat Trigger
//   5. the cases (CASES), each `n8n execute --id --rawOutput`, each reported on its own:
//      - success: the model is offered both Tavus tools with example 04's descriptions and a JSON
//        schema of their $fromAI() fields; two calls of the create tool, each one POST
//        /v2/personas with that call's arguments and its own new persona_id (each tool call is
//        sent as asked); the first with the model's arguments and
//        the credential's key; the new persona_id goes back to the model, which starts a
//        conversation with it; the agent's answer holds the persona_id
//      - Tavus refuses the create (400) and the tools' On Error is Continue: the model gets
//        Tavus's message, the workflow succeeds, no conversation
//      - Tavus refuses the create with the tools' default settings: on n8n 2.x as above; on n8n 1.x
//        the workflow stops with Tavus's error (n8n 1.x stops on any tool's error)
//      and in every case no Tavus API key in anything sent to the model or in n8n's output.
// The scripted model: call the tool whose schema has persona_name; given a tool result with a
// persona_id, call the one whose schema has conversation_name; then answer with what it got.
// Prints a summary with timings; exits 1 on any failure. Everything it starts runs in its own
// process group and is stopped, and the temp folders are removed, on success, failure or Ctrl-C
// (TAVUS_E2E_KEEP=1 keeps them for debugging: workflows, n8n's output, the model's requests).

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as host from './n8n-host.mjs';
import { retypeWorkflow } from './rename-package.mjs';
import { clip, createReporter, json } from './reporter.mjs';

const { REPO_DIR, formatMs } = host;
const PKG = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));
const EXAMPLE_FILE = path.join(REPO_DIR, 'examples', '04-ai-agent-with-tavus-tool.json');
const KEEP = process.env.TAVUS_E2E_KEEP === '1';
const TAVUS_KEY = `tavus-agent-${crypto.randomBytes(6).toString('hex')}`;
const OPENAI_KEY = `sk-fake-agent-${crypto.randomBytes(6).toString('hex')}`;
const OPENAI_CREDENTIAL = { id: 'openAiAgentCred1', name: 'Fake OpenAI', type: 'openAiApi' };
const CREATE_TOOL = 'Create Tavus persona';
const CONVERSATION_TOOL = 'Start Tavus conversation';
const CHOSEN = {
	persona_name: 'Agent Check Coach',
	system_prompt: 'You are a calm study coach. Ask one question at a time. (agent check)',
};
/** A second persona in the same agent run: each tool call must be sent as asked. */
const CHOSEN_SECOND = {
	persona_name: 'Agent Check Second Coach',
	system_prompt: 'You are a patient language coach. (agent check, second call)',
};
const CONVERSATION_NAME = 'Agent check trial call';
const REFUSAL = 'Invalid system_prompt: agent check refusal';

// ------------------------------------------------------------------------------------------------
// Bookkeeping: steps, timings, cleanup
// ------------------------------------------------------------------------------------------------

const reporter = createReporter({ keep: KEEP });
const { say, step, softStep, makeTempDir, fail, cleanups } = reporter;

// ------------------------------------------------------------------------------------------------
// The fake OpenAI-compatible model
// ------------------------------------------------------------------------------------------------

const messageText = (m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content));
const personaIdIn = (text) => /"persona_id"\s*:\s*"([^"]+)"/.exec(text)?.[1];

/**
 * The scripted model: create a persona, create a second one (the same tool called twice in one
 * agent run), start a conversation with the first, then answer.
 */
function decide(body) {
	const tools = body.tools ?? [];
	const withParam = (p) => tools.find((t) => t.function?.parameters?.properties?.[p]);
	const createTool = withParam('persona_name');
	const conversationTool = withParam('conversation_name');
	const toolResults = (body.messages ?? []).filter((m) => m.role === 'tool').map(messageText);
	if (toolResults.length === 0) {
		if (!createTool) return { content: 'NO_CREATE_TOOL_OFFERED' };
		return { toolCall: { name: createTool.function.name, args: CHOSEN } };
	}
	const personaId = personaIdIn(toolResults[0]);
	if (!personaId) return { content: `The Tavus tool failed. Tool said: ${toolResults[0]}` };
	if (toolResults.length === 1 && createTool)
		return { toolCall: { name: createTool.function.name, args: CHOSEN_SECOND } };
	if (toolResults.length === 2 && conversationTool) {
		const args = { persona_id: personaId, conversation_name: CONVERSATION_NAME };
		return { toolCall: { name: conversationTool.function.name, args } };
	}
	const url = /"conversation_url"\s*:\s*"([^"]+)"/.exec(toolResults.at(-1))?.[1];
	return { content: `Created persona ${personaId}. Join the call: ${url ?? '(no conversation)'}` };
}

function completion(body, d, n) {
	const call = d.toolCall && {
		id: `call_agent_${n}`,
		type: 'function',
		function: { name: d.toolCall.name, arguments: JSON.stringify(d.toolCall.args) },
	};
	const message = call
		? { role: 'assistant', content: null, tool_calls: [call] }
		: { role: 'assistant', content: d.content };
	return {
		id: `chatcmpl-agent-${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model ?? 'fake',
		choices: [{ index: 0, message, finish_reason: call ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as server-sent events (n8n asks for `stream: true` in some setups). */
function sendStream(res, c) {
	const base = { id: c.id, object: 'chat.completion.chunk', created: c.created, model: c.model };
	const m = c.choices[0].message;
	const delta = m.tool_calls
		? { ...m, tool_calls: m.tool_calls.map((t, index) => ({ index, ...t })) }
		: m;
	const chunks = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: c.choices[0].finish_reason }] },
	];
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
	res.end('data: [DONE]\n\n');
}

function answerModelRequest(req, res, rec, counter) {
	const send = (status, obj) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(obj));
	};
	if (req.method === 'GET' && req.url.endsWith('/models'))
		return send(200, { object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model' }] });
	if (req.method === 'POST' && req.url.endsWith('/chat/completions')) {
		const body = rec.body ?? {};
		rec.answer = decide(body);
		const c = completion(body, rec.answer, ++counter.n);
		if (body.stream) return sendStream(res, c);
		return send(200, c);
	}
	return send(404, { error: { message: `fake model: no route ${req.method} ${req.url}` } });
}

async function startFakeModel() {
	const requests = [];
	const counter = { n: 0 };
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = undefined;
			}
			const rec = { method: req.method, url: req.url, headers: req.headers, raw, body };
			requests.push(rec);
			answerModelRequest(req, res, rec, counter);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const model = {
		url: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		chats: () => requests.filter((r) => r.url.endsWith('/chat/completions')),
		clear: () => (requests.length = 0),
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
	cleanups.push(() => model.stop());
	return model;
}

// ------------------------------------------------------------------------------------------------
// The workflows: example 04's nodes behind a Manual Trigger
// ------------------------------------------------------------------------------------------------

function readExample() {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
	// the example names the package in its node types; follow package.json's name
	retypeWorkflow(workflow, PKG.name);
	for (const name of [CREATE_TOOL, CONVERSATION_TOOL]) {
		const node = workflow.nodes.find((n) => n.name === name);
		if (node?.type !== `${PKG.name}.tavusTool`)
			fail(`example 04 has no ${PKG.name}.tavusTool node named "${name}"`);
	}
	return workflow;
}

/** Example 04's agent, model and Tavus tools; the tools' On Error set when `onError` is given. */
function agentWorkflow(ctx, { id, onError }) {
	const node = (name) => structuredClone(ctx.example.nodes.find((n) => n.name === name));
	const agent = node('AI Agent');
	agent.typeVersion = ctx.host.major >= 2 ? 3.1 : 3; // the default version in each n8n
	agent.parameters = {
		promptType: 'define',
		text: 'Create a study-coach persona and start a test call with it.',
		options: agent.parameters.options,
	};
	const model = node('OpenAI Chat Model');
	model.parameters = {
		model: { __rl: true, mode: 'id', value: 'gpt-4.1-mini' },
		responsesApiEnabled: false, // Chat Completions (1.3 defaults to the Responses API)
		options: {},
	};
	model.credentials = {
		openAiApi: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name },
	};
	const tools = [node(CREATE_TOOL), node(CONVERSATION_TOOL)];
	if (onError) for (const t of tools) t.onError = onError;
	const trigger = {
		id: 'b0f1c2d3-0000-4000-8000-000000000001',
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections = structuredClone(ctx.example.connections);
	delete connections['When chat message received'];
	connections['Manual Trigger'] = { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] };
	return {
		id,
		name: `agent check: ${id}`,
		active: false,
		nodes: [trigger, agent, model, ...tools],
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

// ------------------------------------------------------------------------------------------------
// Checks on a case's run: { r (n8n execute), execution, chats, tavus (requests), state }
// ------------------------------------------------------------------------------------------------

const toolResults = (run) =>
	run.chats.flatMap((c) => (c.body?.messages ?? []).filter((m) => m.role === 'tool'));
const tavusPosts = (run, p) => run.tavus.filter((q) => q.method === 'POST' && q.path === p);
const agentAnswer = (run) => host.nodeOutput(run.execution, 'AI Agent')?.[0]?.output;
const runSummary = (run) => ({
	'n8n execute': `exit ${run.r.code}; status ${run.execution?.status}; error: ${host.executionError(run.execution) ?? 'none'}`,
	'requests to the model': json(run.chats.map((c) => ({ body: c.body, answer: c.answer }))),
	'requests to the Tavus stand-in': json(
		run.tavus.map((q) => ({ method: q.method, path: q.path, status: q.status, body: q.body })),
	),
	'n8n execute output': clip(`${run.r.stdout}\n${run.r.stderr}`, 8000),
});
const check = (run, ok, message) => ok || fail(message, runSummary(run));

/** Both tools offered, each with example 04's description and the schema of its $fromAI fields. */
function checkToolsOffered(ctx, run) {
	const first = run.chats[0];
	check(run, first, 'the model was never called');
	check(run, first.headers.authorization === `Bearer ${OPENAI_KEY}`, 'no OpenAI key as Bearer');
	const tools = (first.body?.tools ?? []).map((t) => t.function ?? {});
	const wanted = {
		[CREATE_TOOL]: ['persona_name', 'system_prompt'],
		[CONVERSATION_TOOL]: ['conversation_name', 'persona_id'],
	};
	const names = [];
	for (const [nodeName, fields] of Object.entries(wanted)) {
		const description = ctx.example.nodes.find((n) => n.name === nodeName).parameters
			.toolDescription;
		const tool = tools.find((t) => Object.keys(t.parameters?.properties ?? {}).includes(fields[0]));
		const props = tool?.parameters?.properties ?? {};
		check(run, tool, `the model was not offered the "${nodeName}" tool`);
		check(
			run,
			tool.description === description,
			`"${nodeName}": the model got the description ${JSON.stringify(tool.description)}, example 04 sets ${JSON.stringify(description)}`,
		);
		check(
			run,
			Object.keys(props).sort().join() === fields.join() &&
				fields.every((f) => props[f].type === 'string') &&
				[...(tool.parameters.required ?? [])].sort().join() === fields.join(),
			`"${nodeName}": the schema is not the $fromAI fields ${fields.join(', ')}: ${json(tool.parameters)}`,
		);
		names.push(tool.name);
	}
	return names;
}

/** Two calls of the create tool, each sent with its own arguments and answered with its own persona. */
function checkCreated(run) {
	const posts = tavusPosts(run, '/v2/personas');
	check(run, posts.length === 2, `${posts.length} POST /v2/personas, expected two (one per call)`);
	// The tool results as the model's last request holds them (each request repeats the earlier ones).
	const last = run.chats.at(-1)?.body?.messages ?? [];
	const results = last.filter((m) => m.role === 'tool').map(messageText);
	const ids = [CHOSEN, CHOSEN_SECOND].map((chosen, index) => {
		const post = posts[index];
		check(
			run,
			post.status === 200 &&
				post.body?.persona_name === chosen.persona_name &&
				post.body?.system_prompt === chosen.system_prompt,
			`POST /v2/personas #${index + 1} did not carry the model's arguments (or failed): ${json(post)}`,
		);
		check(run, post.headers?.['x-api-key'] === TAVUS_KEY, 'POST /v2/personas without the key');
		const personaId = personaIdIn(results[index] ?? '');
		check(
			run,
			personaId && Object.keys(run.state.personas ?? {}).includes(personaId),
			`tool result #${index + 1} holds no persona_id the stand-in created: ${results[index]}`,
		);
		return personaId;
	});
	check(run, ids[0] !== ids[1], `both calls got the same persona_id ${ids[0]}`);
	return ids[0];
}

/** Case 1: the whole round trip. */
function checkSuccess(ctx, run) {
	check(run, run.r.code === 0 && run.execution?.status === 'success', 'the workflow failed');
	const names = checkToolsOffered(ctx, run);
	const personaId = checkCreated(run);
	const conversations = tavusPosts(run, '/v2/conversations');
	check(
		run,
		conversations.length === 1 &&
			conversations[0].status === 200 &&
			conversations[0].body?.persona_id === personaId &&
			conversations[0].body?.conversation_name === CONVERSATION_NAME &&
			conversations[0].body?.test_mode === true,
		`expected one POST /v2/conversations (test mode) with persona ${personaId}`,
	);
	const answer = agentAnswer(run);
	check(run, answer?.includes(personaId), `the agent's answer lacks ${personaId}: ${answer}`);
	return `tools ${names.join(', ')}; persona ${personaId}; answer "${answer}"`;
}

/** Cases 2 and 3 (on 2.x): the refusal reaches the model and the workflow succeeds. */
function checkRefusalToModel(run) {
	const posts = tavusPosts(run, '/v2/personas');
	check(
		run,
		posts.length === 1 && posts[0].status === 400,
		'expected one refused POST /v2/personas',
	);
	const result = toolResults(run).map(messageText)[0] ?? '';
	check(run, result.includes(REFUSAL), `the model did not get Tavus's message: ${result}`);
	check(run, run.r.code === 0 && run.execution?.status === 'success', 'the workflow failed');
	check(run, agentAnswer(run), 'the agent gave no answer');
	check(run, tavusPosts(run, '/v2/conversations').length === 0, 'a conversation was created');
	return `the model got ${clip(result, 300)}; exit 0, status success`;
}

/** Case 3 on n8n 1.x: the workflow stops with Tavus's error; the model never gets a tool result. */
function checkRefusalStops(run) {
	const posts = tavusPosts(run, '/v2/personas');
	check(
		run,
		posts.length === 1 && posts[0].status === 400,
		'expected one refused POST /v2/personas',
	);
	const error = run.execution?.data?.resultData?.error;
	check(
		run,
		run.r.code !== 0 && run.execution?.status === 'error' && error?.message?.includes(REFUSAL),
		"expected the workflow to stop with Tavus's error (n8n 1.x)",
	);
	check(run, toolResults(run).length === 0, 'the model got a tool result');
	check(run, tavusPosts(run, '/v2/conversations').length === 0, 'a conversation was created');
	return `exit ${run.r.code}, status error: "${error.message}" (n8n 1.x stops on a tool's error)`;
}

/** Every case: the Tavus key is in nothing the model got and nowhere in n8n's output. */
function checkNoKey(run) {
	const where = {
		'requests to the model': run.chats.map((c) => c.raw).join('\n'),
		'n8n execute stdout': run.r.stdout,
		'n8n execute stderr': run.r.stderr,
	};
	for (const [what, text] of Object.entries(where))
		check(run, !text.includes(TAVUS_KEY), `the Tavus API key is in the ${what}`);
}

// ------------------------------------------------------------------------------------------------
// The cases
// ------------------------------------------------------------------------------------------------

const refusal = {
	kind: 'status',
	method: 'POST',
	path: '/v2/personas',
	status: 400,
	body: { error: REFUSAL },
	times: 5,
};

/** Each case: a workflow (the tools' On Error), a stand-in fault or none, and its checks. */
const CASES = [
	{
		id: 'agentCheckWf0001',
		name: "success: both tools offered, persona created with the model's arguments, then a conversation",
		check: (ctx, run) => checkSuccess(ctx, run),
	},
	{
		id: 'agentCheckWf0002',
		name: 'Tavus refuses the create (400), tools On Error = Continue: the model gets the message',
		onError: 'continueRegularOutput',
		fault: refusal,
		check: (ctx, run) => checkRefusalToModel(run),
	},
	{
		id: 'agentCheckWf0003',
		name: 'Tavus refuses the create (400), default settings: n8n 2.x gives the model the message, 1.x stops the workflow',
		fault: refusal,
		check: (ctx, run) => (ctx.host.major >= 2 ? checkRefusalToModel(run) : checkRefusalStops(run)),
	},
];

async function runCase(ctx, c) {
	ctx.model.clear();
	await ctx.mock.reset();
	if (c.fault) await ctx.mock.fault(c.fault);
	const r = await host.runN8n(ctx.host, ['execute', `--id=${c.id}`, '--rawOutput'], {
		userFolder: ctx.userFolder,
		timeoutMs: 4 * 60_000,
	});
	const run = {
		r,
		execution: r.json,
		chats: ctx.model.chats(),
		tavus: await ctx.mock.requests(),
		state: await ctx.mock.state(),
	};
	fs.writeFileSync(path.join(ctx.tmp, `${c.id}.run.json`), json({ ...run, r: undefined }));
	fs.writeFileSync(path.join(ctx.tmp, `${c.id}.execute.txt`), `${r.stdout}\n${r.stderr}`);
	const detail = c.check(ctx, run);
	checkNoKey(run);
	return `${detail} (n8n execute ${formatMs(r.ms)})`;
}

// ------------------------------------------------------------------------------------------------
// A leg
// ------------------------------------------------------------------------------------------------

async function importAll(ctx) {
	const credFile = path.join(ctx.tmp, 'credentials.json');
	fs.writeFileSync(
		credFile,
		json([
			{
				id: 'tavusCredential01',
				name: 'Tavus account',
				type: 'tavusApi',
				data: { apiKey: TAVUS_KEY, baseUrl: ctx.mock.url },
			},
			{ ...OPENAI_CREDENTIAL, data: { apiKey: OPENAI_KEY, url: ctx.model.url } },
		]),
	);
	const dir = path.join(ctx.tmp, 'workflows');
	fs.mkdirSync(dir, { recursive: true });
	for (const c of CASES)
		fs.writeFileSync(path.join(dir, `${c.id}.json`), json(agentWorkflow(ctx, c)));
	for (const args of [
		['import:credentials', `--input=${credFile}`],
		['import:workflow', '--separate', `--input=${dir}`],
	]) {
		const r = await host.runN8n(ctx.host, args, { userFolder: ctx.userFolder });
		const out = `${r.stdout}\n${r.stderr}`;
		if (r.code !== 0 || /Skipped workflow|Skipping invalid workflow/.test(out))
			fail(`n8n ${args[0]} failed (exit ${r.code})`, { output: clip(out) });
	}
	return `credentials → ${ctx.mock.url}, ${ctx.model.url}; ${CASES.length} workflows`;
}

async function prepareLeg(ctx, name, pack) {
	ctx.tmp = await makeTempDir(`n8n-agent-${ctx.leg.id}-`);
	ctx.userFolder = path.join(ctx.tmp, 'user');
	await step(name, 'install the tarball into a fresh user folder', async () => {
		const r = await host.installPackageTarball(ctx.userFolder, pack.tgz, {
			runtime: ctx.host.runtime,
			log: (m) => say(`    ${m}`),
		});
		return `${path.relative(ctx.tmp, r.packageDir)} (npm install ${formatMs(r.ms)})`;
	});
	await step(name, 'start the Tavus stand-in and the fake model', async () => {
		ctx.mock = await host.startTavusMock({
			apiKey: TAVUS_KEY,
			logFile: path.join(ctx.tmp, 'tavus-mock.log'),
		});
		cleanups.push(() => ctx.mock.stop());
		ctx.model = await startFakeModel();
		return `Tavus ${ctx.mock.url}, model ${ctx.model.url}`;
	});
	await step(name, "import the credentials and example 04's agent workflows", () => importAll(ctx));
}

async function runLeg(leg, pack, example) {
	const name = `n8n ${leg.n8n}`;
	const started = Date.now();
	const ctx = { leg, example };
	try {
		ctx.host = await step(name, `Node ${leg.node} + n8n ${leg.n8n} from the cache`, async () => {
			const h = await host.ensureN8n(leg, { log: (m) => say(`    ${m}`) });
			return { ...h, detail: h.dir };
		});
		await prepareLeg(ctx, name, pack);
		for (const c of CASES) await softStep(name, c.name, () => runCase(ctx, c));
	} finally {
		reporter.legTotal(name, Date.now() - started);
		await cleanups.run(); // this leg's processes and temp folder, before the next leg
	}
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

async function runAll(legs) {
	const example = readExample();
	const packDir = await makeTempDir('n8n-agent-pack-');
	const pack = await step('package', 'npm run build + npm pack', async () => {
		const p = await host.packPackage({ outDir: packDir, log: () => {} });
		return { ...p, detail: `${path.basename(p.tgz)}, ${Math.round(p.size / 1024)} kB` };
	});
	const packCleanups = cleanups.take(); // keep the tarball across legs
	try {
		for (const leg of legs) {
			try {
				await runLeg(leg, pack, example);
			} catch (e) {
				reporter.failures.push(e);
				say(`\n✗ n8n ${leg.n8n} failed: ${e.message.split('\n')[0]}`);
			}
		}
	} finally {
		cleanups.push(...packCleanups);
	}
}

async function main() {
	const started = Date.now();
	const legs = (process.env.TAVUS_E2E_LEGS ?? host.MATRIX.map((l) => l.id).join(','))
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((w) => host.getLeg(w));
	say(
		`n8n-nodes-tavus agent check: legs ${legs.map((l) => `n8n ${l.n8n} on Node ${l.node}`).join(', ')}; cache ${host.cacheDir()}`,
	);
	try {
		await runAll(legs);
	} catch (e) {
		reporter.failures.push(e);
	} finally {
		await cleanups.run();
	}
	reporter.finish('agent', Date.now() - started);
}

await main();
