#!/usr/bin/env node
// npm run dev — a real n8n with this package loaded from the repository, rebuilt on every change.
//
//   npm run dev                      n8n 2.41.1 (Node 24) at http://localhost:5678
//   npm run dev -- --n8n 1           the 1.x leg (n8n 1.123.81 on Node 22)
//   npm run dev -- --port 5680       another port
//   npm run dev -- --mock            also start the Tavus test mock, point the "Tavus account"
//                                    credential at it and import examples/*.json
//   npm run dev -- --check           start everything, verify (health, node types, hot reload), stop
//
// What it does:
//   1. the Node runtime and n8n version of the chosen leg, from the cache (installed on first use;
//      see scripts/n8n-host.mjs)
//   2. `npm run build`, then `tsc --watch` (and a copy of changed icons into dist/)
//   3. a user folder outside the repository (<cache>/dev-user, or dev-user-n8n1 for the 1.x leg)
//      in which <user>/.n8n/nodes/node_modules/<name> is a symlink to this repository: n8n loads it
//      as the community package <name> (package.json's name; node types <name>.tavus,
//      <name>.tavusTool), exactly as a user's install, so the examples import as they are (their
//      node types are rewritten to <name> if they name another package)
//      (the .n8n/custom folder that `n8n-node dev` uses would load it as CUSTOM.tavus instead)
//   4. `n8n start` with N8N_DEV_RELOAD=true: n8n watches the repository and reloads the node when
//      dist/ changes (reopen the node panel, or reload the page, to see the change)
//   5. an owner account (printed below) so you can sign in at once
// Ctrl-C stops everything.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import * as host from './n8n-host.mjs';
import { retypeWorkflow } from './rename-package.mjs';

const { REPO_DIR, PACKAGE_NAME, formatMs } = host;

function parseArgs(argv) {
	const opts = {
		port: 5678,
		n8n: '2',
		listen: '127.0.0.1',
		build: true,
		mock: false,
		check: false,
		examples: false,
	};
	for (let i = 0; i < argv.length; i++) {
		let arg = argv[i];
		let value;
		const eq = arg.indexOf('=');
		if (arg.startsWith('--') && eq > 0) {
			value = arg.slice(eq + 1);
			arg = arg.slice(0, eq);
		}
		const next = () => {
			const v = value ?? argv[++i];
			if (v === undefined) throw new Error(`${arg} needs a value`);
			return v;
		};
		switch (arg) {
			case '--port':
				opts.port = Number(next());
				if (!Number.isInteger(opts.port) || opts.port <= 0 || opts.port > 65535)
					throw new Error('--port must be a port number');
				break;
			case '--n8n':
				opts.n8n = next();
				break;
			case '--user-folder':
				opts.userFolder = path.resolve(next());
				break;
			case '--listen':
				opts.listen = next();
				break;
			case '--no-build':
				opts.build = false;
				break;
			case '--mock':
				opts.mock = true;
				opts.examples = true;
				break;
			case '--examples':
				opts.examples = true;
				break;
			case '--check':
				opts.check = true;
				break;
			case '-h':
			case '--help':
				opts.help = true;
				break;
			default:
				throw new Error(`unknown argument ${arg} (see --help)`);
		}
	}
	return opts;
}

const HELP = `npm run dev -- [options]
  --port N            port of n8n (default 5678)
  --n8n 2|1           n8n leg: 2 = n8n ${host.getLeg('2').n8n} on Node ${host.getLeg('2').node} (default), 1 = n8n ${host.getLeg('1').n8n} on Node ${host.getLeg('1').node}
  --user-folder DIR   n8n user folder (default <cache>/dev-user, <cache>/dev-user-n8n1 for --n8n 1)
  --listen ADDR       address n8n listens on (default 127.0.0.1; 0.0.0.0 in a container)
  --mock              start the Tavus test mock; credential "Tavus account" points at it; imports examples/
  --examples          import examples/*.json (they use the "Tavus account" credential)
  --no-build          skip the initial npm run build
  --check             start, verify health, node types and hot reload, then stop (exit code says)
cache: ${host.cacheDir()} ($TAVUS_N8N_CACHE or $XDG_CACHE_HOME/n8n-nodes-tavus)`;

const say = (msg) => process.stdout.write(`${msg}\n`);
const children = []; // { name, stop }
let stopping = false;

async function stopAll(code) {
	if (stopping) return;
	stopping = true;
	say('\nstopping...');
	for (const c of children.reverse()) {
		try {
			await c.stop();
		} catch (e) {
			say(`  (${c.name}: ${e.message})`);
		}
	}
	await host.killAll();
	process.exit(code);
}

function portInUse(port, address) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(true));
		srv.listen(port, address === '0.0.0.0' || address === '::' ? undefined : address, () =>
			srv.close(() => resolve(false)),
		);
	});
}

/** The link that makes n8n load the package from the repository. */
async function linkPackage(userFolder) {
	const uf = await host.createUserFolder(userFolder);
	const modules = path.join(uf.nodesDir, 'node_modules');
	await fsp.mkdir(modules, { recursive: true });
	const link = path.join(modules, PACKAGE_NAME);
	let current;
	try {
		current = await fsp.lstat(link);
	} catch {
		current = undefined;
	}
	if (current) {
		const target = current.isSymbolicLink()
			? await fsp.realpath(link).catch(() => undefined)
			: undefined;
		if (target !== (await fsp.realpath(REPO_DIR))) {
			say(
				`  replacing ${link} (${current.isSymbolicLink() ? `link to ${target}` : 'an installed copy'}) with a link to ${REPO_DIR}`,
			);
			await fsp.rm(link, { recursive: true, force: true });
			current = undefined;
		}
	}
	if (!current) await fsp.symlink(REPO_DIR, link, 'dir');
	// n8n's hot reload stops setting up watchers when .n8n/custom exists without node_modules.
	if (fs.existsSync(uf.customDir)) {
		await fsp.mkdir(path.join(uf.customDir, 'node_modules'), { recursive: true });
		if (fs.existsSync(path.join(uf.customDir, 'node_modules', PACKAGE_NAME)))
			say(
				`  warning: ${path.join(uf.customDir, 'node_modules', PACKAGE_NAME)} exists too: n8n will also load it as CUSTOM.* nodes`,
			);
	}
	return { ...uf, link };
}

/** Copies icons (svg/png) from icons/, nodes/ and credentials/ into dist/ when they change. */
function watchIcons() {
	const roots = ['icons', 'nodes', 'credentials'];
	const copyChanged = () => {
		const copied = [];
		const walk = (rel) => {
			let entries;
			try {
				entries = fs.readdirSync(path.join(REPO_DIR, rel), { withFileTypes: true });
			} catch {
				return;
			}
			for (const e of entries) {
				const r = path.join(rel, e.name);
				if (e.isDirectory()) walk(r);
				else if (/\.(svg|png)$/i.test(e.name)) {
					const src = path.join(REPO_DIR, r);
					const dst = path.join(REPO_DIR, 'dist', r);
					let copy = false;
					try {
						copy = fs.statSync(src).mtimeMs > fs.statSync(dst).mtimeMs;
					} catch {
						copy = true;
					}
					if (copy) {
						fs.mkdirSync(path.dirname(dst), { recursive: true });
						fs.copyFileSync(src, dst);
						copied.push(r);
					}
				}
			}
		};
		roots.forEach(walk);
		if (copied.length) say(`[icons] copied ${copied.join(', ')} into dist/`);
	};
	const timer = setInterval(copyChanged, 1500);
	return { name: 'icon copy', stop: async () => clearInterval(timer) };
}

function startTscWatch() {
	const tsc = path.join(REPO_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
	if (!fs.existsSync(tsc)) throw new Error(`${tsc} not found: run npm ci first`);
	const child = host.spawnGroup(
		process.execPath,
		[tsc, '--watch', '--preserveWatchOutput', '-p', 'tsconfig.json'],
		{
			cwd: REPO_DIR,
			env: host.cleanEnv(),
		},
	);
	const onData = (chunk) => {
		for (const line of chunk.toString().split('\n'))
			if (line.trim()) say(`[tsc] ${line.replace(/\x1b\[[0-9;]*m/g, '')}`);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	return { name: 'tsc --watch', child, stop: () => host.killGroup(child, { graceMs: 3000 }) };
}

async function startMock() {
	const mock = await host.startTavusMock({
		apiKey: 'tavus-dev-key',
		onStderr: (chunk) => process.stdout.write(`[mock] ${chunk}`),
	});
	return { ...mock, name: 'Tavus mock' };
}

async function importInto(n8nHost, userFolder, mock, withExamples) {
	if (mock) {
		const file = path.join(userFolder, 'dev-credential.json');
		fs.writeFileSync(
			file,
			JSON.stringify([
				{
					id: 'tavusCredential01',
					name: 'Tavus account',
					type: 'tavusApi',
					data: { apiKey: mock.apiKey, baseUrl: mock.url },
				},
			]),
		);
		const r = await host.runN8n(n8nHost, ['import:credentials', `--input=${file}`], { userFolder });
		if (r.code !== 0) throw new Error(`import:credentials failed:\n${r.stdout}\n${r.stderr}`);
		say(`  credential "Tavus account" (tavusCredential01) → ${mock.url}`);
	}
	if (withExamples) {
		let examplesDir = path.join(REPO_DIR, 'examples');
		const files = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
		const workflows = files.map((f) =>
			JSON.parse(fs.readFileSync(path.join(examplesDir, f), 'utf8')),
		);
		if (workflows.map((w) => retypeWorkflow(w, PACKAGE_NAME)).some((n) => n > 0)) {
			// node types rewritten to `${PACKAGE_NAME}.…` (package.json's name): import those copies
			examplesDir = path.join(userFolder, 'dev-examples');
			fs.rmSync(examplesDir, { recursive: true, force: true });
			fs.mkdirSync(examplesDir, { recursive: true });
			files.forEach((f, i) =>
				fs.writeFileSync(path.join(examplesDir, f), JSON.stringify(workflows[i], null, 2)),
			);
		}
		const r = await host.runN8n(
			n8nHost,
			['import:workflow', '--separate', `--input=${examplesDir}`],
			{ userFolder },
		);
		if (r.code !== 0) throw new Error(`import:workflow failed:\n${r.stdout}\n${r.stderr}`);
		say(
			`  ${(r.stdout.match(/Successfully imported \d+ workflows?/) ?? ['examples imported'])[0]} from examples/`,
		);
	}
}

/** Hides n8n's noise about its online services being unreachable (kept in the log file). */
function echoFilter() {
	let inStack = false;
	return (line) => {
		if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(line)) {
			inStack = true;
			return;
		}
		if (inStack && (/^\s+at /.test(line) || /^\s*[}\]]/.test(line) || line.trim() === '')) return;
		inStack = false;
		say(`[n8n] ${line}`);
	};
}

async function check(server, cookie) {
	say('\n--check: verifying');
	const health = await host.httpRequest(`${server.url}/healthz`);
	if (health.status !== 200) throw new Error(`/healthz: HTTP ${health.status}`);
	say('  ✓ /healthz 200');
	const types = await host.restGet(server.url, cookie, '/types/nodes.json');
	const ours = types.filter((t) => t.name.startsWith(`${PACKAGE_NAME}.`)).map((t) => t.name);
	if (!ours.includes(`${PACKAGE_NAME}.tavus`))
		throw new Error(
			`/types/nodes.json has no ${PACKAGE_NAME}.tavus (package types: ${ours.join(', ') || 'none'})`,
		);
	say(`  ✓ /types/nodes.json lists ${ours.join(', ')}`);
	// Hot reload: rewrite a compiled file (same content) until n8n reloads the package. Its watchers
	// are set up a few seconds after start, after n8n's own packages.
	const file = path.join(REPO_DIR, 'dist', 'nodes', 'Tavus', 'Tavus.node.js');
	const started = Date.now();
	const reloaded = server.waitForLog(new RegExp(`Hot reload triggered for ${PACKAGE_NAME}`), {
		timeoutMs: 120_000,
	});
	let done = false;
	reloaded.then(
		() => (done = true),
		() => (done = true),
	);
	while (!done && Date.now() - started < 120_000) {
		fs.writeFileSync(file, fs.readFileSync(file));
		await host.sleep(3000);
	}
	await reloaded;
	await host.sleep(1000);
	const failed = server.lines.find((l) => l.includes(`Hot reload failed for ${PACKAGE_NAME}`));
	if (failed) throw new Error(failed);
	const again = await host.restGet(server.url, cookie, '/types/nodes.json');
	if (!again.some((t) => t.name === `${PACKAGE_NAME}.tavus`))
		throw new Error('after the reload, the node type is gone');
	say(
		`  ✓ a change in dist/ reloaded the package (${formatMs(Date.now() - started)}; "Hot reload triggered for ${PACKAGE_NAME}")`,
	);
}

/** The options, or exit 2 with the help on a bad argument. */
function readOptions() {
	try {
		return parseArgs(process.argv.slice(2));
	} catch (e) {
		say(`${e.message}\n\n${HELP}`);
		process.exit(2);
	}
}

/** Exits 1 when the port is taken or the repository has no node_modules. */
async function preflight(opts) {
	if (await portInUse(opts.port, opts.listen)) {
		say(`Port ${opts.port} is in use (another n8n?). Stop it or pass --port.`);
		process.exit(1);
	}
	if (!fs.existsSync(path.join(REPO_DIR, 'node_modules', 'n8n-workflow'))) {
		say('node_modules/n8n-workflow is missing: run npm ci first.');
		process.exit(1);
	}
}

/** `npm run build` (exit 1 when it fails); its time in ms, 0 with --no-build. */
async function buildOnce(opts) {
	if (!opts.build) return 0;
	say('building (npm run build)...');
	const b = await host.run('npm', ['run', 'build'], { cwd: REPO_DIR, env: host.cleanEnv() });
	if (b.code !== 0) {
		say(`${b.stdout}\n${b.stderr}\nnpm run build failed (exit ${b.code})`);
		process.exit(1);
	}
	say(`  built in ${formatMs(b.ms)}`);
	return b.ms;
}

/**
 * Set-up before n8n starts: the leg's n8n, the build, the package link, the mock and the imports;
 * then the watchers (tsc, icons).
 */
async function setUp(opts, leg, userFolder) {
	const tHost = Date.now();
	const n8nHost = await host.ensureN8n(leg, { log: (m) => say(`  ${m}`) });
	const hostMs = Date.now() - tHost;
	const buildMs = await buildOnce(opts);

	const uf = await linkPackage(userFolder);
	say(`  ${uf.link} -> ${REPO_DIR}`);

	let mock;
	if (opts.mock) {
		mock = await startMock();
		children.push(mock);
		say(`  Tavus mock at ${mock.url} (API key ${mock.apiKey})`);
	}
	if (opts.mock || opts.examples) await importInto(n8nHost, userFolder, mock, opts.examples);

	const tsc = startTscWatch();
	children.push(tsc);
	children.push(watchIcons());
	return { n8nHost, hostMs, buildMs, uf, mock };
}

/**
 * n8n with hot reload, and its owner; stops everything (exit 1) when it does not start or exits
 * on its own. Returns the server, the owner's cookie (if created) and a sign-in note.
 */
async function startServer(opts, leg, userFolder, n8nHost) {
	say(`starting n8n ${leg.n8n} (log: ${path.join(userFolder, 'n8n-dev.log')})...`);
	const tStart = Date.now();
	let server;
	try {
		server = await host.startN8n(n8nHost, {
			userFolder,
			port: opts.port,
			name: 'n8n-dev',
			logFile: path.join(userFolder, 'n8n-dev.log'),
			// NODE_ENV=development (n8n's own default when unset): n8n 1.x reloads nodes only in
			// development mode; 2.x needs only N8N_DEV_RELOAD.
			env: { N8N_DEV_RELOAD: 'true', NODE_ENV: 'development', N8N_LISTEN_ADDRESS: opts.listen },
			onLine: echoFilter(),
			timeoutMs: 300_000,
		});
	} catch (e) {
		say(e.message);
		await stopAll(1);
		return undefined;
	}
	children.push({ name: 'n8n', stop: () => server.stop() });
	server.child.exited.then(({ code, signal }) => {
		if (!stopping) {
			say(`\nn8n exited unexpectedly (code ${code}, signal ${signal}); see ${server.logFile}`);
			stopAll(1);
		}
	});
	const healthyMs = Date.now() - tStart;

	let cookie;
	let ownerNote;
	try {
		cookie = await host.setupOwner(server.url);
		ownerNote = `sign in as ${host.OWNER.email} / ${host.OWNER.password}`;
	} catch (e) {
		ownerNote = `owner not created automatically (${e.message.split('\n')[0]}); sign in with your own account`;
	}
	return { server, cookie, ownerNote, healthyMs, readyMs: Date.now() - tStart };
}

function printBanner({ opts, leg, userFolder, setup, started, t0 }) {
	const shownHost =
		opts.listen === '127.0.0.1' || opts.listen === '0.0.0.0' || opts.listen === '::'
			? 'localhost'
			: opts.listen;
	say(`
──────────────────────────────────────────────────────────────────────────────
 n8n ${leg.n8n} (Node ${leg.node}) is running at http://${shownHost}:${opts.port}
   ${started.ownerNote}
   package     ${PACKAGE_NAME} loaded from ${REPO_DIR} (via ${setup.uf.link})
   user folder ${userFolder}
   n8n log     ${started.server.logFile}
   timings     n8n install/check ${formatMs(setup.hostMs)}, build ${formatMs(setup.buildMs)}, n8n healthy after ${formatMs(started.healthyMs)}, ready after ${formatMs(started.readyMs)}; ${formatMs(Date.now() - t0)} in all
 Edit nodes/ or credentials/: tsc rebuilds dist/, n8n reloads the package (reopen the node panel).
 Ctrl-C stops n8n, tsc${setup.mock ? ', the mock' : ''}.
──────────────────────────────────────────────────────────────────────────────`);
}

/** --check: verify, then stop everything; the exit code says whether it passed. */
async function runCheck(server, cookie) {
	try {
		await check(server, cookie);
		say('--check passed');
		await stopAll(0);
	} catch (e) {
		say(`--check FAILED: ${e.message}`);
		await stopAll(1);
	}
}

async function main() {
	const opts = readOptions();
	if (opts.help) {
		say(HELP);
		return;
	}
	const leg = host.getLeg(opts.n8n);
	const userFolder =
		opts.userFolder ??
		path.join(host.cacheDir(), leg.id === '2' ? 'dev-user' : `dev-user-n8n${leg.id}`);
	const t0 = Date.now();
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));

	say(`n8n-nodes-tavus dev: n8n ${leg.n8n} on Node ${leg.node}, port ${opts.port}`);
	await preflight(opts);
	const setup = await setUp(opts, leg, userFolder);
	const started = await startServer(opts, leg, userFolder, setup.n8nHost);
	if (!started) return;
	printBanner({ opts, leg, userFolder, setup, started, t0 });
	// Otherwise n8n, tsc and the icon copy keep running (watch) until Ctrl-C.
	if (opts.check) await runCheck(started.server, started.cookie);
}

main().catch(async (e) => {
	say(`dev failed: ${e.stack ?? e.message}`);
	await stopAll(1);
});
