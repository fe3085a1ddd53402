#!/usr/bin/env node
// npm run test:e2e:queue — the packed package in n8n's queue mode (scale-out): one main and two
// workers over Redis and PostgreSQL, driven by 200 webhook calls at a time, three times over.
//
//   1. Node + n8n from the cache (n8n-host.mjs pins them: the "2" leg, n8n 2.41.1 on Node 24)
//   2. redis-server and PostgreSQL binaries: installed with apt-get when missing (and not reused)
//   3. in parallel: the package built and packed, then installed the way users install it
//      (`npm install --ignore-scripts <tgz>` in <user folder>/.n8n/nodes), and the servers:
//      a Redis (no persistence) and a PostgreSQL (initdb -A trust in a temp dir, 127.0.0.1 only)
//      on spare loopback ports — or the ones given by TAVUS_QUEUE_REDIS / TAVUS_QUEUE_POSTGRES,
//      where the run gets a database (or schema) and key prefixes of its own, removed at the end —
//      and the Tavus mock (test/harness/tavus-mock.js) with some latency so executions overlap
//   4. the credential (→ the mock) and test/e2e/queue/tavus-queue.workflow.json imported into
//      PostgreSQL, the workflow published; then `n8n start` and two `n8n worker`s sharing the user
//      folder and N8N_ENCRYPTION_KEY
//   5. run 1: 200 POSTs to the webhook, 20 at a time, one persona name each. Every caller gets 200
//      with its own conversation_url; 200 successful executions in PostgreSQL; both workers ran
//      some ("Worker finished execution N" in each worker's log); the mock holds exactly one new
//      persona per name and 200 conversations
//   6. run 2: the same 200 names: no new persona (action "updated"/"unchanged"), 200 new
//      conversations
//   7. run 3: the same 200 names, and one worker's process group is SIGKILLed while it has
//      executions in flight. Every caller must get an answer (a 200 with its own conversation_url
//      or an HTTP error), every execution must end within a bounded time, and there must still be
//      exactly one persona per name. What n8n did with the killed executions is reported. The
//      callers that got an error then call again (worker-2 alone): all succeed, no new persona.
//   8. 10 calls at once with one name that does not exist yet, at the usual and at 300 ms mock
//      latency: Create or Update's convergent create must leave exactly one persona (the racers
//      agree on the oldest copy and the others delete their own)
//   9. n8n's logs on main and workers: no trouble loading the package; notable warnings reported
// Prints timings, items/s and the worker split; exits 1 on any failure, with the evidence.
// Everything it starts runs in its own process group and is stopped, and every temp folder
// (Redis and PostgreSQL data included) is removed, on success, failure or Ctrl-C.
//
// Environment (all optional):
//   TAVUS_QUEUE_REDIS=host:port | redis://[:password@]host:port[/db]   reuse a running Redis
//   TAVUS_QUEUE_POSTGRES=postgres://user[:password]@host:port/db        reuse a running PostgreSQL
//   TAVUS_QUEUE_CALLS (200), TAVUS_QUEUE_PARALLEL (20), TAVUS_QUEUE_LATENCY_MS (30),
//   TAVUS_QUEUE_WORKER_CONCURRENCY (10), TAVUS_QUEUE_KEEP=1 (keep the temp folder: logs, data),
//   TAVUS_N8N_CACHE (see n8n-host.mjs)

import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import * as host from './n8n-host.mjs';
import { retypeWorkflow } from './rename-package.mjs';
import { clip, createReporter, json, printFailures } from './reporter.mjs';

const { REPO_DIR, formatMs, sleep } = host;
const WORKFLOW_FILE = path.join(REPO_DIR, 'test', 'e2e', 'queue', 'tavus-queue.workflow.json');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));

const intEnv = (name, def) => {
	const v = process.env[name];
	if (v === undefined || v === '') return def;
	const n = Number(v);
	if (!Number.isInteger(n) || n <= 0)
		throw new Error(`${name} must be a positive integer (got "${v}")`);
	return n;
};
const CALLS = intEnv('TAVUS_QUEUE_CALLS', 200);
const PARALLEL = intEnv('TAVUS_QUEUE_PARALLEL', 20);
const LATENCY_MS = intEnv('TAVUS_QUEUE_LATENCY_MS', 30);
const WORKER_CONCURRENCY = intEnv('TAVUS_QUEUE_WORKER_CONCURRENCY', 10);
const KEEP = process.env.TAVUS_QUEUE_KEEP === '1';
const RACE_CALLS = 10;
const REUSE_REDIS = process.env.TAVUS_QUEUE_REDIS || undefined;
const REUSE_POSTGRES = process.env.TAVUS_QUEUE_POSTGRES || undefined;

// Bounds. n8n's defaults decide how long a killed worker's executions stay "running": Bull's lock
// (QUEUE_WORKER_LOCK_DURATION, 60 s) must expire, and then a surviving worker's stalled-job check
// (QUEUE_WORKER_STALLED_INTERVAL, 30 s; Bull skips a check while the previous check's guard key is
// still set, so checks can end up 60 s apart) must find the job unlocked. Measured here: the callers
// got their answer 1 to 2.5 minutes after the kill. The bounds leave room for a slower machine.
const CALL_TIMEOUT_MS = 300_000; // one webhook call
const RUN_TIMEOUT_MS = 480_000; // one run of CALLS calls
const SETTLE_TIMEOUT_MS = 300_000; // executions in PostgreSQL all ended after a run
const SERVER_TIMEOUT_MS = 60_000; // Redis / PostgreSQL up
const N8N_READY_TIMEOUT_MS = 180_000; // main / worker ready

const RUN_ID = crypto.randomBytes(4).toString('hex');
const API_KEY = `tavus-queue-${crypto.randomBytes(6).toString('hex')}`;
const WORKFLOW = JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8'));
// the workflow file names the package in its node types; follow package.json's name
const WORKFLOW_RETYPED = retypeWorkflow(WORKFLOW, PKG.name) > 0;
const CREDENTIAL = (() => {
	const ref = WORKFLOW.nodes.find((n) => n.credentials?.tavusApi)?.credentials.tavusApi;
	return { id: ref.id, name: ref.name, type: 'tavusApi' };
})();
const WEBHOOK_PATH = WORKFLOW.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters
	.path;
const NAMES = Array.from(
	{ length: CALLS },
	(_, i) => `Queue Coach ${String(i + 1).padStart(3, '0')}`,
);

// ------------------------------------------------------------------------------------------------
// Bookkeeping: steps, figures, cleanup
// ------------------------------------------------------------------------------------------------

const reporter = createReporter({ keep: KEEP });
const { say, step, makeTempDir, fail, cleanups } = reporter;
const figures = []; // [label, value] printed in the summary
const tail = (text, n = 40) => text.split('\n').slice(-n).join('\n');

// ------------------------------------------------------------------------------------------------
// Processes that are not n8n (Redis, PostgreSQL, the mock, apt-get)
// ------------------------------------------------------------------------------------------------

/** A long-running process in its own group, output to `logFile`; stop() = signal, wait, SIGKILL. */
function startProcess(name, command, args, { cwd, env, uid, gid, logFile }) {
	const child = host.spawnGroup(command, args, {
		cwd,
		env: env ?? host.cleanEnv(),
		...(uid !== undefined ? { uid, gid } : {}),
	});
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	child.stdout.pipe(log, { end: false });
	child.stderr.pipe(log, { end: false });
	child.exited.then(() => log.end());
	return {
		name,
		child,
		logFile,
		alive: () => child.exitCode === null && child.signalCode === null,
		async stop(signal = 'SIGTERM', graceMs = 10_000) {
			if (child.exitCode !== null || child.signalCode !== null) return host.killGroup(child);
			try {
				process.kill(-child.pid, signal);
			} catch {
				// gone
			}
			const timer = setTimeout(() => host.killGroup(child, { graceMs: 0 }), graceMs);
			await child.exited;
			clearTimeout(timer);
			await host.killGroup(child);
		},
	};
}

/** Runs a command to completion (own process group, bounded); resolves { code, output, ms }. */
async function runCommand(command, args, { cwd, env, uid, gid, timeoutMs, logFile }) {
	const started = Date.now();
	const child = host.spawnGroup(command, args, {
		cwd,
		env: env ?? host.cleanEnv(),
		...(uid !== undefined ? { uid, gid } : {}),
	});
	const chunks = [];
	const collect = (c) => {
		chunks.push(c);
		if (logFile) fs.appendFileSync(logFile, c);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		host.killGroup(child, { graceMs: 3000 });
	}, timeoutMs);
	const { code, error } = await child.exited;
	clearTimeout(timer);
	const output = Buffer.concat(chunks).toString();
	if (error) throw new Error(`${command}: ${error.message}`);
	return { code, output, ms: Date.now() - started, timedOut };
}

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and postgres. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	let versions = [];
	try {
		versions = fs.readdirSync(base);
	} catch {
		return undefined;
	}
	const ok = versions
		.filter(
			(v) =>
				fs.existsSync(path.join(base, v, 'bin', 'initdb')) &&
				fs.existsSync(path.join(base, v, 'bin', 'postgres')),
		)
		.sort((a, b) => Number(b) - Number(a));
	return ok.length ? path.join(base, ok[0], 'bin') : undefined;
}

/**
 * apt-get install -y <the missing ones of redis-server, postgresql>, with `apt-get update` first
 * when the package lists are empty or the install cannot find a package. Services are not started
 * by the install (a policy-rc.d that says "no" is put in place for the duration when there is none).
 */
async function ensureSystemPackages(tmp) {
	const wanted = [];
	if (!REUSE_REDIS && !which('redis-server')) wanted.push('redis-server');
	if (!REUSE_POSTGRES && !postgresBinDir()) wanted.push('postgresql');
	const have = [
		REUSE_REDIS
			? `Redis reused (${REUSE_REDIS})`
			: `redis-server ${which('redis-server') ?? '(missing)'}`,
		REUSE_POSTGRES
			? `PostgreSQL reused (${redactUrl(REUSE_POSTGRES)})`
			: `PostgreSQL ${postgresBinDir() ?? '(missing)'}`,
	];
	if (wanted.length === 0) return `already there: ${have.join('; ')}`;
	const sudo = aptSudo(wanted);
	const placedPolicy = placeNoStartPolicy();
	try {
		await aptInstall(wanted, sudo, path.join(tmp, 'apt.log'));
	} finally {
		if (placedPolicy) await fsp.rm(POLICY_RC_D, { force: true });
	}
	if (wanted.includes('redis-server') && !which('redis-server'))
		fail('redis-server is still missing after apt-get install');
	if (wanted.includes('postgresql') && !postgresBinDir())
		fail('PostgreSQL binaries are still missing under /usr/lib/postgresql after apt-get install');
	return `installed ${wanted.join(', ')} with apt-get`;
}

/** How apt-get may run: [] as root, sudo -n when that needs no password; fails otherwise. */
function aptSudo(wanted) {
	const sudo =
		process.getuid?.() === 0
			? []
			: spawnSync('sudo', ['-n', 'true']).status === 0
				? ['sudo', '-n']
				: undefined;
	if (!sudo)
		fail(
			`${wanted.join(' and ')} ${wanted.length > 1 ? 'are' : 'is'} not installed and this user cannot install ${wanted.length > 1 ? 'them' : 'it'} (not root, no passwordless sudo). ` +
				`Install with \`apt-get install -y ${wanted.join(' ')}\`, or point TAVUS_QUEUE_REDIS / TAVUS_QUEUE_POSTGRES at running servers.`,
		);
	return sudo;
}

const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** As root with no policy-rc.d: one that says "no service starts" (removed at the end). */
function placeNoStartPolicy() {
	if (process.getuid?.() !== 0 || fs.existsSync(POLICY_RC_D)) return false;
	fs.writeFileSync(
		POLICY_RC_D,
		'#!/bin/sh\n# n8n-nodes-tavus scripts/queue.mjs: no service starts during its apt-get install\nexit 101\n',
		{
			mode: 0o755,
		},
	);
	cleanups.push(() => fsp.rm(POLICY_RC_D, { force: true }));
	return true;
}

function aptListsEmpty() {
	try {
		return (
			fs
				.readdirSync('/var/lib/apt/lists')
				.filter((f) => f.endsWith('Packages') || f.endsWith('Packages.lz4')).length === 0
		);
	} catch {
		return true;
	}
}

/** apt-get install (apt-get update first when the lists are empty, or after a miss). */
async function aptInstall(wanted, sudo, logFile) {
	const env = host.cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
	const apt = async (args, timeoutMs) => {
		const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
		return runCommand(cmd, rest, { env, timeoutMs, logFile });
	};
	const listsEmpty = aptListsEmpty();
	if (listsEmpty) {
		const u = await apt(['update'], 5 * 60_000);
		if (u.code !== 0)
			fail(`apt-get update failed (exit ${u.code}${u.timedOut ? ', timed out' : ''})`, {
				'apt-get output': tail(u.output),
			});
	}
	let r = await apt(['install', '-y', '--no-install-recommends', ...wanted], 10 * 60_000);
	if (
		r.code !== 0 &&
		!listsEmpty &&
		/Unable to locate package|has no installation candidate|404\s+Not Found/.test(r.output)
	) {
		const u = await apt(['update'], 5 * 60_000);
		if (u.code !== 0)
			fail(`apt-get update failed (exit ${u.code})`, { 'apt-get output': tail(u.output) });
		r = await apt(['install', '-y', '--no-install-recommends', ...wanted], 10 * 60_000);
	}
	if (r.code !== 0)
		fail(
			`apt-get install -y ${wanted.join(' ')} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''})`,
			{
				'apt-get output': tail(r.output, 60),
			},
		);
}

function redactUrl(u) {
	try {
		const url = new URL(u);
		if (url.password) url.password = '***';
		return url.toString();
	} catch {
		return u;
	}
}

// ------------------------------------------------------------------------------------------------
// Redis
// ------------------------------------------------------------------------------------------------

/** Sends PING over a plain socket; resolves true on +PONG (or a NOAUTH reply: it is a Redis). */
function redisPing(hostName, port, password) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: hostName, port });
		let buf = '';
		const done = (v) => {
			socket.destroy();
			resolve(v);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () =>
			socket.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'),
		);
		socket.on('data', (c) => {
			buf += c;
			if (/\+PONG/.test(buf)) done(true);
			else if (/^-/m.test(buf) && !/\+OK/.test(buf)) done(false);
		});
	});
}

async function waitFor(what, fn, { timeoutMs, intervalMs = 200, isAlive, logFile }) {
	const started = Date.now();
	let last;
	while (Date.now() - started < timeoutMs) {
		if (isAlive && !isAlive())
			throw new Error(
				`${what}: the process exited${logFile ? `; last lines of ${logFile}:\n${tail(readText(logFile), 30)}` : ''}`,
			);
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e.message;
		}
		await sleep(intervalMs);
	}
	throw new Error(
		`${what}: not ready within ${formatMs(timeoutMs)}${last ? ` (last error: ${last})` : ''}${logFile ? `; last lines of ${logFile}:\n${tail(readText(logFile), 30)}` : ''}`,
	);
}

function readText(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function parseRedisAddress(spec) {
	if (/^rediss?:\/\//.test(spec)) {
		const u = new URL(spec);
		return {
			host: u.hostname,
			port: Number(u.port || 6379),
			password: u.password ? decodeURIComponent(u.password) : undefined,
			db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
		};
	}
	const m = spec.match(/^\[?([^\]]+?)\]?:(\d+)$/);
	if (!m)
		throw new Error(
			`TAVUS_QUEUE_REDIS must be host:port or redis://[:password@]host:port[/db] (got "${spec}")`,
		);
	return { host: m[1], port: Number(m[2]) };
}

async function startRedis(ctx) {
	if (REUSE_REDIS) {
		const r = parseRedisAddress(REUSE_REDIS);
		const ok = await redisPing(r.host, r.port, r.password);
		if (!ok) fail(`TAVUS_QUEUE_REDIS=${REUSE_REDIS}: no Redis answered PING there`);
		ctx.redis = { ...r, reused: true };
		// This run's keys (Bull queue and n8n's own prefix) are removed at the end.
		cleanups.push(() => deleteRedisKeys(ctx));
		return `reusing ${r.host}:${r.port}; key prefixes ${ctx.prefixes.bull}:*, ${ctx.prefixes.n8n}:*`;
	}
	const bin = which('redis-server');
	const dir = path.join(ctx.tmp, 'redis');
	await fsp.mkdir(dir, { recursive: true });
	const port = await host.freePort();
	const proc = startProcess(
		'redis',
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--logfile',
			'',
		],
		{ cwd: dir, logFile: path.join(ctx.tmp, 'redis.log') },
	);
	cleanups.push(() => proc.stop('SIGTERM', 5000));
	await waitFor('redis-server', () => redisPing('127.0.0.1', port), {
		timeoutMs: SERVER_TIMEOUT_MS,
		isAlive: proc.alive,
		logFile: proc.logFile,
	});
	ctx.redis = { host: '127.0.0.1', port, proc };
	return `127.0.0.1:${port} (pid ${proc.child.pid}, --save "" --appendonly no)`;
}

async function deleteRedisKeys(ctx) {
	const Redis = ctx.n8nRequire('ioredis');
	const client = new Redis({
		host: ctx.redis.host,
		port: ctx.redis.port,
		password: ctx.redis.password,
		db: ctx.redis.db ?? 0,
		lazyConnect: true,
		maxRetriesPerRequest: 1,
		connectTimeout: 5000,
	});
	let deleted = 0;
	try {
		await client.connect();
		for (const prefix of [ctx.prefixes.bull, ctx.prefixes.n8n]) {
			let cursor = '0';
			do {
				const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
				cursor = next;
				if (keys.length) deleted += await client.del(...keys);
			} while (cursor !== '0');
		}
	} finally {
		client.disconnect();
	}
	say(`  (removed ${deleted} keys of this run from the reused Redis)`);
}

// ------------------------------------------------------------------------------------------------
// PostgreSQL
// ------------------------------------------------------------------------------------------------

function postgresUser() {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line)
		fail(
			'running as root, but there is no "postgres" user to run initdb/postgres as (apt-get install postgresql creates it)',
		);
	const [, , uid, gid, , home] = line.split(':');
	return { uid: Number(uid), gid: Number(gid), home };
}

/** A pg client for `conn` ({ host, port, user, password, database }); runs fn(client), closes it. */
async function withPg(ctx, conn, fn) {
	const { Client } = ctx.n8nRequire('pg');
	const client = new Client({
		...conn,
		connectionTimeoutMillis: 5000,
		query_timeout: 60_000,
		statement_timeout: 60_000,
	});
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end().catch(() => {});
	}
}

async function startPostgres(ctx) {
	const dbName = `n8n_queue_${RUN_ID}`;
	if (REUSE_POSTGRES) return reusePostgres(ctx, dbName);
	const bin = postgresBinDir();
	const dataDir = path.join(ctx.tmp, 'pg');
	await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
	let ids = {};
	if (process.getuid?.() === 0) {
		// initdb and postgres refuse to run as root: the `postgres` user owns the data folder.
		const pgUser = postgresUser();
		ids = { uid: pgUser.uid, gid: pgUser.gid };
		await fsp.chmod(ctx.tmp, 0o711);
		await fsp.chown(dataDir, pgUser.uid, pgUser.gid);
	}
	const env = host.cleanEnv({ LANG: 'C', LC_ALL: 'C', PGTZ: 'UTC' });
	delete env.PGDATA;
	const init = await runCommand(
		path.join(bin, 'initdb'),
		['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'],
		{ cwd: dataDir, env, ...ids, timeoutMs: 120_000, logFile: path.join(ctx.tmp, 'initdb.log') },
	);
	if (init.code !== 0)
		fail(`initdb failed (exit ${init.code}${init.timedOut ? ', timed out' : ''})`, {
			'initdb output': tail(init.output),
		});
	const port = await host.freePort();
	const proc = startProcess(
		'postgres',
		path.join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${dataDir}`,
			'-c',
			'max_connections=100',
		],
		{ cwd: dataDir, env, ...ids, logFile: path.join(ctx.tmp, 'postgres.log') },
	);
	// SIGINT = PostgreSQL's "fast" shutdown (SIGTERM would wait for every client to leave).
	cleanups.push(() => proc.stop('SIGINT', 15_000));
	const admin = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
	await waitFor(
		'PostgreSQL',
		() => withPg(ctx, admin, (c) => c.query('select 1')).then(() => true),
		{
			timeoutMs: SERVER_TIMEOUT_MS,
			isAlive: proc.alive,
			logFile: proc.logFile,
		},
	);
	await withPg(ctx, admin, (c) => c.query(`create database ${dbName}`));
	ctx.pg = { conn: { ...admin, database: dbName }, proc };
	const version = await withPg(ctx, admin, (c) => c.query('show server_version')).then(
		(r) => r.rows[0].server_version,
	);
	return `PostgreSQL ${version} on 127.0.0.1:${port} (pid ${proc.child.pid}, initdb ${formatMs(init.ms)}), database ${dbName}`;
}

/** TAVUS_QUEUE_POSTGRES: a database of this run's own, or else a schema of its own. */
async function reusePostgres(ctx, dbName) {
	const u = new URL(REUSE_POSTGRES);
	const admin = {
		host: u.hostname,
		port: Number(u.port || 5432),
		user: decodeURIComponent(u.username || 'postgres'),
		password: u.password ? decodeURIComponent(u.password) : undefined,
		database: decodeURIComponent(u.pathname.slice(1) || 'postgres'),
	};
	await withPg(ctx, admin, (c) => c.query('select 1')).catch((e) =>
		fail(`TAVUS_QUEUE_POSTGRES=${redactUrl(REUSE_POSTGRES)}: cannot connect: ${e.message}`),
	);
	// A database of this run's own; if the user may not create databases, a schema of its own.
	try {
		await withPg(ctx, admin, (c) => c.query(`create database ${dbName}`));
		ctx.pg = { conn: { ...admin, database: dbName }, reused: true };
		cleanups.push(async () => {
			await withPg(ctx, admin, (c) => c.query(`drop database if exists ${dbName} with (force)`));
			say(`  (dropped database ${dbName} from the reused PostgreSQL)`);
		});
		return `reusing ${admin.host}:${admin.port}; database ${dbName} of this run`;
	} catch (e) {
		const schema = dbName;
		await withPg(ctx, admin, (c) => c.query(`create schema ${schema}`)).catch((e2) =>
			fail(
				`TAVUS_QUEUE_POSTGRES: may neither create a database (${e.message}) nor a schema (${e2.message}) for this run`,
			),
		);
		ctx.pg = { conn: admin, schema, reused: true };
		cleanups.push(async () => {
			await withPg(ctx, admin, (c) => c.query(`drop schema if exists ${schema} cascade`));
			say(`  (dropped schema ${schema} from the reused PostgreSQL)`);
		});
		return `reusing ${admin.host}:${admin.port}/${admin.database}; schema ${schema} of this run (no right to create a database: ${e.message})`;
	}
}

async function pgQuery(ctx, sql, params = []) {
	return withPg(ctx, ctx.pg.conn, async (c) => {
		if (ctx.pg.schema) await c.query(`set search_path to ${ctx.pg.schema}`);
		return (await c.query(sql, params)).rows;
	});
}

// ------------------------------------------------------------------------------------------------
// The mock
// ------------------------------------------------------------------------------------------------

async function startMock(ctx) {
	ctx.mock = await host.startTavusMock({
		apiKey: API_KEY,
		latencyMs: LATENCY_MS,
		logFile: path.join(ctx.tmp, 'tavus-mock.log'),
		env: host.cleanEnv(),
	});
	cleanups.push(() => ctx.mock.stop());
	const baseline = await ctx.mock.state();
	ctx.baselinePersonaIds = new Set(Object.keys(baseline.personas));
	ctx.baselineConversationIds = new Set(Object.keys(baseline.conversations));
	return `${ctx.mock.url} (latency ${LATENCY_MS} ms per request; ${ctx.baselinePersonaIds.size} seeded personas)`;
}

/** The mock's personas and conversations beyond its seed, grouped by name. */
async function mockCounts(ctx) {
	const state = await ctx.mock.state();
	const personas = Object.values(state.personas).filter(
		(p) => !ctx.baselinePersonaIds.has(p.persona_id),
	);
	const conversations = Object.values(state.conversations).filter(
		(c) => !ctx.baselineConversationIds.has(c.conversation_id),
	);
	const personasByName = new Map();
	for (const p of personas)
		personasByName.set(p.persona_name, [...(personasByName.get(p.persona_name) ?? []), p]);
	const conversationsByName = new Map();
	for (const c of conversations)
		conversationsByName.set(c.conversation_name, [
			...(conversationsByName.get(c.conversation_name) ?? []),
			c,
		]);
	return { personas, conversations, personasByName, conversationsByName };
}

/** Requests the mock received after request id `afterId`: counts by route and by status class. */
async function mockRequestSummary(ctx, afterId) {
	const all = await ctx.mock.requests();
	const reqs = all.filter((r) => r.id > afterId);
	const byRoute = {};
	const byStatus = {};
	for (const r of reqs) {
		const route = `${r.method} ${r.path.replace(/^(\/v2\/[a-z_]+)\/[^/]+/, '$1/{id}')}`;
		byRoute[route] = (byRoute[route] ?? 0) + 1;
		const cls =
			r.status === null || r.status === undefined ? 'no status' : `${String(r.status)[0]}xx`;
		byStatus[cls] = (byStatus[cls] ?? 0) + 1;
	}
	const lastId = all.length ? all[all.length - 1].id : afterId;
	return {
		total: reqs.length,
		byRoute,
		byStatus,
		lastId,
		text: `${reqs.length} requests (${fmtCounts(byRoute)}; ${fmtCounts(byStatus)})`,
	};
}

async function lastMockRequestId(ctx) {
	const all = await ctx.mock.requests();
	return all.length ? all[all.length - 1].id : 0;
}

/** Exactly one persona per name, nothing else. Returns problems (empty when fine). */
function personaProblems(counts) {
	const problems = [];
	for (const name of NAMES) {
		const list = counts.personasByName.get(name) ?? [];
		if (list.length !== 1)
			problems.push(
				`"${name}": ${list.length} personas${list.length ? ` (${list.map((p) => p.persona_id).join(', ')})` : ''}`,
			);
	}
	const extra = counts.personas.filter((p) => !NAMES.includes(p.persona_name));
	if (extra.length)
		problems.push(
			`${extra.length} personas with other names: ${extra
				.map((p) => p.persona_name)
				.slice(0, 10)
				.join(', ')}`,
		);
	return problems;
}

// ------------------------------------------------------------------------------------------------
// n8n
// ------------------------------------------------------------------------------------------------

function queueEnv(ctx) {
	const e = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: ctx.redis.host,
		QUEUE_BULL_REDIS_PORT: String(ctx.redis.port),
		QUEUE_BULL_PREFIX: ctx.prefixes.bull,
		N8N_REDIS_KEY_PREFIX: ctx.prefixes.n8n,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: ctx.pg.conn.host,
		DB_POSTGRESDB_PORT: String(ctx.pg.conn.port),
		DB_POSTGRESDB_DATABASE: ctx.pg.conn.database,
		DB_POSTGRESDB_USER: ctx.pg.conn.user,
		// n8n's PostgreSQL pool is 2 connections by default; 20 executions at a time want more.
		DB_POSTGRESDB_POOL_SIZE: '10',
	};
	if (ctx.redis.password) e.QUEUE_BULL_REDIS_PASSWORD = ctx.redis.password;
	if (ctx.redis.db !== undefined) e.QUEUE_BULL_REDIS_DB = String(ctx.redis.db);
	if (ctx.pg.conn.password) e.DB_POSTGRESDB_PASSWORD = ctx.pg.conn.password;
	if (ctx.pg.schema) e.DB_POSTGRESDB_SCHEMA = ctx.pg.schema;
	return e;
}

async function n8nCli(ctx, args, what) {
	const r = await host.runN8n(ctx.host, args, {
		userFolder: ctx.userFolder,
		env: queueEnv(ctx),
		timeoutMs: 180_000,
	});
	const out = `${r.stdout}\n${r.stderr}`;
	if (r.code !== 0 || /\bError\b.*(importing|updating database|publishing)/i.test(out))
		fail(`${what}: n8n ${args[0]} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''})`, {
			'n8n output': clip(out),
		});
	return { ...r, out };
}

/** Worker log bookkeeping: which executions each worker started and finished, in order. */
function trackWorker(worker) {
	worker.started = new Map(); // executionId -> time
	worker.finished = new Map();
	return (line) => {
		let m = line.match(/Worker started execution (\d+) \(job (\d+)\)/);
		if (m) worker.started.set(m[1], Date.now());
		m = line.match(/Worker finished execution (\d+) \(job (\d+)\)/);
		if (m) worker.finished.set(m[1], Date.now());
	};
}

async function startServers(ctx) {
	const env = queueEnv(ctx);
	const mainPort = await host.freePort();
	const started = Date.now();
	const main = host
		.startN8n(ctx.host, {
			userFolder: ctx.userFolder,
			command: 'start',
			port: mainPort,
			name: 'main',
			env,
			ready: { url: `http://127.0.0.1:${mainPort}/healthz/readiness` },
			timeoutMs: N8N_READY_TIMEOUT_MS,
		})
		.then(async (h) => {
			cleanups.push(() => h.stop());
			// Production webhooks are registered when the published workflow is activated. A GET
			// (the webhook takes POST) tells without running anything: n8n answers 404 "This webhook
			// is not registered for GET requests. Did you mean to make a POST request?" once it is
			// registered, and 404 'The requested webhook "..." is not registered.' before.
			await host
				.waitForHttp(`${h.url}/webhook/${WEBHOOK_PATH}`, {
					timeoutMs: 60_000,
					isAlive: h.alive,
					accept: (r) => r.status === 404 && /Did you mean to make a POST request/.test(r.body),
				})
				.catch((e) => {
					throw new Error(
						`main: the webhook POST /webhook/${WEBHOOK_PATH} was not registered: ${e.message}\nLast lines of ${h.logFile}:\n${tail(h.output())}`,
					);
				});
			h.readyMs = Date.now() - started;
			return h;
		});
	const workers = [1, 2].map(async (n) => {
		const healthPort = await host.freePort();
		const w = { n };
		const h = await host.startN8n(ctx.host, {
			userFolder: ctx.userFolder,
			command: 'worker',
			args: [`--concurrency=${WORKER_CONCURRENCY}`],
			name: `worker-${n}`,
			env: {
				...env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
			ready: { url: `http://127.0.0.1:${healthPort}/healthz/readiness` },
			timeoutMs: N8N_READY_TIMEOUT_MS,
			onLine: trackWorker(w),
		});
		cleanups.push(() => h.stop());
		Object.assign(w, h, { handle: h, healthPort, readyMs: Date.now() - started });
		return w;
	});
	const settled = await Promise.allSettled([main, ...workers]);
	const failed = settled.filter((s) => s.status === 'rejected');
	if (failed.length)
		fail(`n8n did not come up:\n${failed.map((f) => f.reason.message).join('\n\n')}`);
	const [m, w1, w2] = settled.map((s) => s.value);
	ctx.main = m;
	ctx.workers = [w1, w2];
	ctx.webhookUrl = `${m.url}/webhook/${WEBHOOK_PATH}`;
	figures.push(['n8n main ready (healthz/readiness + webhook registered)', formatMs(m.readyMs)]);
	figures.push([
		'workers ready (healthz/readiness)',
		`${formatMs(w1.readyMs)}, ${formatMs(w2.readyMs)}`,
	]);
	return `main ${m.url} (pid ${m.pid}, ready in ${formatMs(m.readyMs)}); worker-1 pid ${w1.pid} (${formatMs(w1.readyMs)}), worker-2 pid ${w2.pid} (${formatMs(w2.readyMs)}), --concurrency=${WORKER_CONCURRENCY} each`;
}

// n8n's loader trouble (as in scripts/e2e.mjs), and warnings worth repeating in the summary.
const LOADER_TROUBLE =
	/Skipping package|Failed to load|failed to load|is already loaded|Unknown credential name|Class could not be found|Unrecognized node type|Unrecognized credential type|UnrecognizedNodeTypeError|UnrecognizedCredentialTypeError|Cannot find module|n8nNodesApiVersion|isn't compatible with your version of n8n/;
const NOTABLE = /Postgres \d+ is not supported|sharing the same hostId/;

// ------------------------------------------------------------------------------------------------
// Runs
// ------------------------------------------------------------------------------------------------

/** POSTs one call per name, PARALLEL at a time. onSettled(result, doneCount) after each. */
async function fire(ctx, { names = NAMES, onSettled } = {}) {
	const results = new Array(names.length);
	let next = 0;
	let done = 0;
	const started = Date.now();
	const deadline = started + RUN_TIMEOUT_MS;
	const lane = async () => {
		while (next < names.length) {
			const i = next++;
			const name = names[i];
			const t0 = Date.now();
			const timeoutMs = Math.max(1000, Math.min(CALL_TIMEOUT_MS, deadline - t0));
			let r;
			try {
				const res = await host.httpRequest(ctx.webhookUrl, {
					method: 'POST',
					body: { name },
					timeoutMs,
				});
				r = { name, status: res.status, json: res.json, body: res.body, t0, t1: Date.now() };
			} catch (e) {
				r = { name, error: e.message, t0, t1: Date.now() };
			}
			r.ms = r.t1 - r.t0;
			results[i] = r;
			done++;
			onSettled?.(r, done);
			if (Date.now() > deadline) break;
		}
	};
	await Promise.all(Array.from({ length: Math.min(PARALLEL, names.length) }, lane));
	const missing = results.filter((r) => !r).length;
	if (missing)
		fail(
			`the run did not finish within ${formatMs(RUN_TIMEOUT_MS)}: ${missing} calls were never made`,
		);
	return { results, ms: Date.now() - started, started };
}

async function maxExecutionId(ctx) {
	const rows = await pgQuery(
		ctx,
		'select coalesce(max(id::bigint), 0) as max from execution_entity',
	);
	return Number(rows[0].max);
}

/** Status counts of this workflow's executions with id > afterId. */
async function executionStatuses(ctx, afterId) {
	const rows = await pgQuery(
		ctx,
		`select id::bigint as id, status, finished, "startedAt", "stoppedAt" from execution_entity where "workflowId" = $1 and id::bigint > $2 order by id::bigint`,
		[WORKFLOW.id, afterId],
	);
	const counts = {};
	for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
	return { rows, counts };
}

const ENDED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until `expected` executions after `afterId` exist and none is new/running/waiting. */
async function waitExecutionsEnded(ctx, afterId, expected, timeoutMs = SETTLE_TIMEOUT_MS) {
	const started = Date.now();
	let last;
	while (Date.now() - started < timeoutMs) {
		last = await executionStatuses(ctx, afterId);
		const ended = last.rows.filter((r) => ENDED.has(r.status)).length;
		if (last.rows.length >= expected && ended === last.rows.length)
			return { ...last, waitedMs: Date.now() - started };
		await sleep(500);
	}
	fail(
		`executions did not all end within ${formatMs(timeoutMs)}: ${last.rows.length} of ${expected} recorded, statuses ${JSON.stringify(last.counts)}`,
		{
			'executions not ended (id, status)': last.rows
				.filter((r) => !ENDED.has(r.status))
				.map((r) => `${r.id} ${r.status}`)
				.join('\n'),
		},
	);
}

function splitByWorker(ctx, ids) {
	const [w1, w2] = ctx.workers;
	const split = { 'worker-1': 0, 'worker-2': 0, neither: 0, both: 0 };
	for (const id of ids) {
		const a = w1.finished.has(id);
		const b = w2.finished.has(id);
		if (a && b) split.both++;
		else if (a) split['worker-1']++;
		else if (b) split['worker-2']++;
		else split.neither++;
	}
	return split;
}

function statusSummary(results) {
	const s = {};
	for (const r of results) {
		const k = r.error ? `no answer (${r.error.replace(/\d+ ms/, 'N ms')})` : `HTTP ${r.status}`;
		s[k] = (s[k] ?? 0) + 1;
	}
	return s;
}

const fmtCounts = (o) =>
	Object.entries(o)
		.map(([k, v]) => `${v} ${k}`)
		.join(', ');

/** Checks of a run whose calls must all succeed. Returns the name → response map. */
function checkAllSucceeded(label, run, { actions }) {
	const bad = run.results.filter(
		(r) =>
			r.status !== 200 ||
			!r.json ||
			r.json.name !== r.name ||
			r.json.conversation_name !== r.name ||
			typeof r.json.conversation_url !== 'string' ||
			!/^https?:\/\//.test(r.json.conversation_url) ||
			!actions.includes(r.json.action),
	);
	if (bad.length)
		fail(
			`${label}: ${bad.length} of ${run.results.length} calls did not answer 200 with their own conversation_url and action ${actions.join('/')} (${fmtCounts(statusSummary(run.results))})`,
			{
				'first bad answers': json(
					bad.slice(0, 10).map((r) => ({
						name: r.name,
						status: r.status,
						error: r.error,
						body: clip(r.body ?? '', 600),
					})),
				),
			},
		);
	const urls = new Set(run.results.map((r) => r.json.conversation_url));
	if (urls.size !== run.results.length)
		fail(
			`${label}: ${run.results.length - urls.size} conversation_urls were handed to more than one caller`,
		);
	const execIds = new Set(run.results.map((r) => r.json.execution_id));
	if (execIds.size !== run.results.length)
		fail(
			`${label}: ${run.results.length - execIds.size} execution ids were reported to more than one caller`,
		);
	return new Map(run.results.map((r) => [r.name, r.json]));
}

function latencyFigures(results) {
	const ms = results
		.filter((r) => !r.error)
		.map((r) => r.ms)
		.sort((a, b) => a - b);
	if (!ms.length) return 'n/a';
	const p = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
	return `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${ms[ms.length - 1]} ms`;
}

/** A run whose calls must all succeed: answers, PostgreSQL, the mock, the workers, the requests. */
async function runNormal(ctx, label, { actions, expectConversations, previous }) {
	const before = await maxExecutionId(ctx);
	const reqBefore = await lastMockRequestId(ctx);
	const run = await fire(ctx);
	const byName = checkAllSucceeded(label, run, { actions });
	if (previous) checkAgainstPrevious(label, previous, byName);
	const settled = await waitExecutionsEnded(ctx, before, CALLS);
	const rows = settled.rows;
	checkRunExecutions(label, run, settled);
	const counts = await mockCounts(ctx);
	checkMockHoldsRun(label, counts, byName, expectConversations);
	const split = await checkWorkerSplit(ctx, label, rows);
	// What the node sent: one POST /v2/personas per new name and none for known ones, one POST
	// /v2/conversations per call, nothing refused.
	const requests = await mockRequestSummary(ctx, reqBefore);
	checkRunRequests(label, requests, actions);
	const actionCounts = {};
	for (const r of run.results) actionCounts[r.json.action] = (actionCounts[r.json.action] ?? 0) + 1;
	const first = Math.min(...rows.map((r) => new Date(r.startedAt).getTime()));
	const last = Math.max(...rows.map((r) => new Date(r.stoppedAt).getTime()));
	const rate = CALLS / (run.ms / 1000);
	return {
		run,
		byName,
		split,
		rate,
		dbSpanMs: last - first,
		actionCounts,
		counts,
		requests,
		detail: `${CALLS} × HTTP 200 in ${formatMs(run.ms)} (${rate.toFixed(1)} items/s; per call ${latencyFigures(run.results)}); PostgreSQL: ${CALLS} × success; workers ${split['worker-1']} / ${split['worker-2']}; actions ${fmtCounts(actionCounts)}; mock: ${counts.personas.length} personas, ${counts.conversations.length} conversations`,
	};
}

/** A run after another: new conversations for every name, the same persona for every name. */
function checkAgainstPrevious(label, previous, byName) {
	const reused = NAMES.filter(
		(n) => previous.get(n).conversation_url === byName.get(n).conversation_url,
	);
	if (reused.length)
		fail(
			`${label}: ${reused.length} callers got the same conversation_url as in the run before (e.g. "${reused[0]}")`,
		);
	const other = NAMES.filter((n) => previous.get(n).persona_id !== byName.get(n).persona_id);
	if (other.length)
		fail(
			`${label}: ${other.length} names now point at another persona than before (e.g. "${other[0]}": ${previous.get(other[0]).persona_id} → ${byName.get(other[0]).persona_id})`,
		);
}

/** CALLS successful executions in PostgreSQL, each one answered a caller. */
function checkRunExecutions(label, run, settled) {
	const rows = settled.rows;
	if (rows.length !== CALLS || settled.counts.success !== CALLS)
		fail(
			`${label}: PostgreSQL has ${rows.length} executions of the workflow for this run, statuses ${JSON.stringify(settled.counts)}; expected ${CALLS} × success`,
		);
	const answered = new Set(run.results.map((r) => String(r.json.execution_id)));
	const missing = rows.filter((r) => !answered.has(String(r.id)));
	if (missing.length)
		fail(
			`${label}: ${missing.length} executions in PostgreSQL answered no caller (e.g. ${missing[0].id})`,
		);
}

/** The mock: one persona per name, the conversations expected, each caller's its own. */
function checkMockHoldsRun(label, counts, byName, expectConversations) {
	const pProblems = personaProblems(counts);
	if (pProblems.length)
		fail(
			`${label}: the mock does not hold exactly one persona per name (${counts.personas.length} personas for ${CALLS} names)`,
			{
				problems: pProblems.slice(0, 30).join('\n'),
			},
		);
	if (counts.conversations.length !== expectConversations)
		fail(
			`${label}: the mock holds ${counts.conversations.length} conversations, expected ${expectConversations}`,
		);
	for (const name of NAMES) {
		const conv = (counts.conversationsByName.get(name) ?? []).find(
			(c) => c.conversation_id === byName.get(name).conversation_id,
		);
		if (!conv || conv.conversation_url !== byName.get(name).conversation_url)
			fail(
				`${label}: "${name}" got ${byName.get(name).conversation_url}, which is not a conversation of that name at the mock`,
			);
		if (conv.persona_id !== byName.get(name).persona_id)
			fail(
				`${label}: the conversation of "${name}" uses persona ${conv.persona_id}, not the one returned (${byName.get(name).persona_id})`,
			);
	}
}

/** Which worker finished each execution ("Worker finished execution N" in its log): both ran some. */
async function checkWorkerSplit(ctx, label, rows) {
	await waitFor(
		'worker logs',
		() =>
			splitByWorker(
				ctx,
				rows.map((r) => String(r.id)),
			).neither === 0,
		{ timeoutMs: 10_000 },
	).catch(() => {});
	const split = splitByWorker(
		ctx,
		rows.map((r) => String(r.id)),
	);
	if (split.neither || split.both)
		fail(
			`${label}: worker logs do not account for every execution exactly once: ${JSON.stringify(split)}`,
		);
	if (split['worker-1'] === 0 || split['worker-2'] === 0)
		fail(`${label}: one worker ran nothing: ${JSON.stringify(split)}`);
	return split;
}

/** The requests of a run at the mock: persona creates only for new names, a conversation per call. */
function checkRunRequests(label, requests, actions) {
	const posts = requests.byRoute['POST /v2/personas'] ?? 0;
	const expectedPosts = actions.includes('created') ? CALLS : 0;
	if (posts !== expectedPosts)
		fail(`${label}: the mock received ${posts} POST /v2/personas, expected ${expectedPosts}`, {
			requests: requests.text,
		});
	if ((requests.byRoute['POST /v2/conversations'] ?? 0) !== CALLS)
		fail(
			`${label}: the mock received ${requests.byRoute['POST /v2/conversations'] ?? 0} POST /v2/conversations, expected ${CALLS}`,
			{ requests: requests.text },
		);
	if (Object.keys(requests.byStatus).some((k) => k !== '2xx' && k !== '3xx'))
		fail(`${label}: the mock answered some requests with an error`, { requests: requests.text });
}

/** Run 3: the same names while worker-1's process group is SIGKILLed with executions in flight. */
async function runWithKill(ctx, previous, convsBefore) {
	const before = await maxExecutionId(ctx);
	const reqBefore = await lastMockRequestId(ctx);
	const [victim, survivor] = ctx.workers;
	const { run, kill } = await fireAndKill(ctx, before, victim);
	const lastAnswer = Math.max(...run.results.map((r) => r.t1));
	const { ok, errors } = checkKilledRunAnswers(run);
	// Every execution ended, within a bound.
	const settled = await waitExecutionsEnded(ctx, before, CALLS);
	if (settled.rows.length !== CALLS)
		fail(
			`run 3: PostgreSQL has ${settled.rows.length} executions for ${CALLS} calls (${JSON.stringify(settled.counts)})`,
		);
	const statusById = new Map(settled.rows.map((r) => [String(r.id), r]));
	const { affected, killedFate } = killedExecutions(settled, statusById, kill, victim, survivor);
	const okIds = new Set(ok.map((r) => String(r.json.execution_id)));
	const killedAnsweredOk = affected.filter((id) => okIds.has(id));
	// Everything else must have succeeded.
	const othersNotOk = settled.rows.filter(
		(r) => !affected.includes(String(r.id)) && r.status !== 'success',
	);
	const counts = await mockCounts(ctx);
	const { newConvs, orphanConvs } = checkMockAfterKill(counts, {
		ok,
		errors,
		previous,
		convsBefore,
	});
	const errorBodies = {};
	for (const r of errors) {
		const k = `HTTP ${r.status} ${clip(r.body, 200)}`;
		errorBodies[k] = (errorBodies[k] ?? 0) + 1;
	}
	const errorWait = errors.map((r) => r.t1 - kill.at).sort((a, b) => a - b);
	const allIds = settled.rows.map((r) => String(r.id));
	const split = splitByWorker(ctx, allIds);
	const tables = killTables({ affected, kill, statusById, survivor, orphanConvs, errors });
	const requests = await mockRequestSummary(ctx, reqBefore);
	if ((requests.byRoute['POST /v2/personas'] ?? 0) !== 0)
		fail(
			`run 3: the mock received ${requests.byRoute['POST /v2/personas']} POST /v2/personas for names that all exist`,
			{ requests: requests.text },
		);
	const result = {
		requests,
		...tables,
		run,
		kill,
		killedFate,
		statuses: settled.counts,
		ok: ok.length,
		errors: errors.length,
		errorBodies,
		errorWait,
		orphanConvs,
		killedAnsweredOk,
		othersNotOk,
		split,
		killToLastAnswerMs: lastAnswer - kill.at,
		settleAfterRunMs: settled.waitedMs,
		personas: counts.personas.length,
		newConvs,
	};
	if (othersNotOk.length)
		fail(
			`run 3: ${othersNotOk.length} executions that were not on the killed worker did not succeed (${othersNotOk
				.map((r) => `${r.id} ${r.status}`)
				.slice(0, 10)
				.join(', ')})`,
		);
	if (errors.length + ok.length !== CALLS) fail('run 3: answers do not add up');
	result.detail =
		`killed worker-1 after ${kill.doneBefore} answers; it held ${affected.length} executions (${kill.inFlight.length} started in its log, ${kill.unlogged.length} taken but not yet logged); ` +
		`callers: ${ok.length} × HTTP 200, ${fmtCounts(errorBodies) || 'no errors'}; ` +
		`PostgreSQL: ${fmtCounts(settled.counts)}; killed executions → ${fmtCounts(killedFate)}; ` +
		`last answer ${formatMs(result.killToLastAnswerMs)} after the kill; run ${formatMs(run.ms)}; ` +
		`personas still ${counts.personas.length}; ${newConvs} new conversations (${orphanConvs.length} nobody was told about)`;
	return result;
}

/**
 * Fires the calls and SIGKILLs the victim's process group once a quarter of the calls are answered
 * and it is busy (bounded: at half at the latest). Fails unless it was killed and is gone.
 */
async function fireAndKill(ctx, before, victim) {
	let kill;
	const killWhen = Math.floor(CALLS / 4);
	const killNow = () => {
		if (kill) return;
		const inFlight = [...victim.started.keys()].filter(
			(id) => Number(id) > before && !victim.finished.has(id),
		);
		kill = { at: Date.now(), inFlight, doneBefore: doneCount };
		try {
			process.kill(-victim.pid, 'SIGKILL');
		} catch (e) {
			kill.error = e.message;
		}
		say(
			`    SIGKILL → worker-1 process group ${victim.pid} after ${doneCount} answers; it had ${inFlight.length} executions in flight (${inFlight.join(', ')})`,
		);
	};
	let doneCount = 0;
	const run = await fire(ctx, {
		onSettled: (_r, done) => {
			doneCount = done;
			if (kill) return;
			const busy = [...victim.started.keys()].filter(
				(id) => Number(id) > before && !victim.finished.has(id),
			).length;
			if ((done >= killWhen && busy >= 3) || done >= CALLS / 2) killNow();
		},
	});
	if (!kill) fail('run 3: the worker was never killed (the run ended first)');
	const exit = await Promise.race([victim.child.exited, sleep(10_000).then(() => undefined)]);
	if (!exit) fail('run 3: worker-1 is still running 10 s after SIGKILL to its process group');
	return { run, kill };
}

/** Every caller of run 3 has an answer: a 200 with its own conversation, or an HTTP error. */
function checkKilledRunAnswers(run) {
	const noAnswer = run.results.filter((r) => r.error);
	if (noAnswer.length)
		fail(
			`run 3: ${noAnswer.length} callers got no HTTP answer (${fmtCounts(statusSummary(run.results))})`,
			{
				'calls without an answer': noAnswer
					.slice(0, 20)
					.map((r) => `${r.name}: ${r.error} after ${r.ms} ms`)
					.join('\n'),
			},
		);
	const ok = run.results.filter((r) => r.status === 200);
	const badOk = ok.filter(
		(r) =>
			r.json?.name !== r.name ||
			r.json?.conversation_name !== r.name ||
			!/^https?:\/\//.test(r.json?.conversation_url ?? '') ||
			!['updated', 'unchanged'].includes(r.json?.action),
	);
	if (badOk.length)
		fail(
			`run 3: ${badOk.length} HTTP 200 answers do not carry the caller's own conversation and an "updated"/"unchanged" action`,
			{
				'first ones': json(
					badOk.slice(0, 5).map((r) => ({ name: r.name, body: clip(r.body ?? '', 600) })),
				),
			},
		);
	const errors = run.results.filter((r) => r.status !== 200);
	const unclear = errors.filter((r) => !(r.status >= 500 && r.body && r.body.length > 0));
	if (unclear.length)
		fail(
			`run 3: ${unclear.length} callers got an answer that is neither a success nor a clear server error`,
			{
				answers: json(
					unclear
						.slice(0, 10)
						.map((r) => ({ name: r.name, status: r.status, body: clip(r.body ?? '', 600) })),
				),
			},
		);
	return { ok, errors };
}

/**
 * The executions the victim took down with it (kill.lost, kill.unlogged, kill.affected) and what
 * became of them. Fails when it held none.
 */
function killedExecutions(settled, statusById, kill, victim, survivor) {
	// Every one of this run it had not finished and that worker-2 never started. That is more than
	// the ones its log showed in flight: Bull hands a job to a worker (and locks it) before the
	// worker logs "Worker started execution".
	const lost = settled.rows
		.map((r) => String(r.id))
		.filter((id) => !victim.finished.has(id) && !survivor.started.has(id));
	const affected = [...new Set([...kill.inFlight, ...lost])].sort((a, b) => Number(a) - Number(b));
	kill.lost = lost;
	kill.unlogged = lost.filter((id) => !kill.inFlight.includes(id));
	kill.affected = affected;
	if (affected.length === 0)
		fail('run 3: worker-1 had no execution of this run when it was killed; nothing was tested');
	const killedFate = {};
	for (const id of affected) {
		const row = statusById.get(id);
		const rerun = survivor.started.has(id) ? ' (re-run by worker-2)' : '';
		const k = `${row ? row.status : 'missing'}${rerun}`;
		killedFate[k] = (killedFate[k] ?? 0) + 1;
	}
	return { affected, killedFate };
}

/**
 * After the kill the mock still holds one persona per name; conversations: one per successful
 * call, plus any a killed execution created that nobody got (returned as orphans).
 */
function checkMockAfterKill(counts, { ok, errors, previous, convsBefore }) {
	const pProblems = personaProblems(counts);
	if (pProblems.length)
		fail(
			`run 3: after the worker was killed the mock does not hold exactly one persona per name (${counts.personas.length} personas)`,
			{
				problems: pProblems.slice(0, 30).join('\n'),
			},
		);
	const newConvs = counts.conversations.length - convsBefore;
	const errorNames = new Set(errors.map((r) => r.name));
	const orphanConvs = [];
	for (const name of errorNames) {
		const list = counts.conversationsByName.get(name) ?? [];
		const known = new Set([
			previous.run1.get(name)?.conversation_id,
			previous.run2.get(name)?.conversation_id,
		]);
		for (const c of list)
			if (!known.has(c.conversation_id)) orphanConvs.push(`${name}: ${c.conversation_id}`);
	}
	if (newConvs !== ok.length + orphanConvs.length)
		fail(
			`run 3: ${newConvs} new conversations at the mock for ${ok.length} successful calls and ${orphanConvs.length} orphans; the numbers do not add up`,
		);
	return { newConvs, orphanConvs };
}

/** Run 3's tables for the summary: the killed worker's executions, the callers that got an error. */
function killTables({ affected, kill, statusById, survivor, orphanConvs, errors }) {
	const affectedTable = affected.map((id) => {
		const where = kill.inFlight.includes(id)
			? 'logged as started'
			: 'taken from the queue, not yet logged';
		return `execution ${id} (${where}): ${statusById.get(id)?.status ?? 'missing'}${survivor.started.has(id) ? ', re-run by worker-2' : ''}`;
	});
	const orphanNames = new Set(orphanConvs.map((o) => o.split(':')[0]));
	const callersTable = errors.map(
		(r) =>
			`"${r.name}": HTTP ${r.status} ${clip(r.body, 120)} ${formatMs(r.t1 - kill.at)} after the kill (call took ${formatMs(r.ms)})${orphanNames.has(r.name) ? '; its conversation had been created at Tavus' : ''}`,
	);
	return { affectedTable, callersTable };
}

/** The callers that got an error in run 3 call again (worker-2 alone now): all must succeed. */
async function retryFailed(ctx, run3) {
	const names = run3.run.results.filter((r) => r.status !== 200).map((r) => r.name);
	if (names.length === 0) return { names, detail: 'no caller got an error; nothing to retry' };
	const before = await maxExecutionId(ctx);
	const personasBefore = (await mockCounts(ctx)).personas.length;
	const retry = await fire(ctx, { names });
	const bad = retry.results.filter(
		(r) =>
			r.status !== 200 ||
			r.json?.name !== r.name ||
			!/^https?:\/\//.test(r.json?.conversation_url ?? '') ||
			!['updated', 'unchanged'].includes(r.json?.action),
	);
	if (bad.length)
		fail(`retry: ${bad.length} of ${names.length} callers still did not get their conversation`, {
			answers: json(
				bad.map((r) => ({
					name: r.name,
					status: r.status,
					error: r.error,
					body: clip(r.body ?? '', 400),
				})),
			),
		});
	const settled = await waitExecutionsEnded(ctx, before, names.length);
	if (settled.counts.success !== names.length)
		fail(`retry: executions ${JSON.stringify(settled.counts)}`);
	const counts = await mockCounts(ctx);
	const pProblems = personaProblems(counts);
	if (pProblems.length || counts.personas.length !== personasBefore)
		fail(
			`retry: the retries changed the personas (${personasBefore} → ${counts.personas.length})`,
			{ problems: pProblems.join('\n') },
		);
	const actions = {};
	for (const r of retry.results) actions[r.json.action] = (actions[r.json.action] ?? 0) + 1;
	return {
		names,
		ms: retry.ms,
		detail: `${names.length} callers called again: ${names.length} × HTTP 200 with their own conversation_url (actions ${fmtCounts(actions)}) in ${formatMs(retry.ms)}; personas still ${counts.personas.length}`,
	};
}

/**
 * Measured, not asserted: RACE_CALLS calls at the same moment with one name that does not exist yet.
 * Create or Update looks the name up and then creates; nothing makes that atomic across
 * executions (Tavus has no unique persona name), so concurrent calls with one new name can each
 * create a persona. The 200-name runs above never send one name twice at once.
 */
async function sameNameRace(ctx, name, latencyMs) {
	const setLatency = async (ms) => {
		const r = await host.httpRequest(`${ctx.mock.url}/__mock/latency`, {
			method: 'POST',
			body: { ms },
		});
		if (r.status !== 200) throw new Error(`POST /__mock/latency: HTTP ${r.status}`);
	};
	const before = await maxExecutionId(ctx);
	await setLatency(latencyMs);
	let race;
	try {
		race = await fire(ctx, { names: Array.from({ length: RACE_CALLS }, () => name) });
	} finally {
		await setLatency(LATENCY_MS);
	}
	await waitExecutionsEnded(ctx, before, RACE_CALLS);
	const counts = await mockCounts(ctx);
	const personas = counts.personasByName.get(name) ?? [];
	const actions = {};
	for (const r of race.results) {
		const k = r.status === 200 ? r.json?.action : `HTTP ${r.status ?? r.error}`;
		actions[k] = (actions[k] ?? 0) + 1;
	}
	if (personas.length !== 1)
		fail(
			`${RACE_CALLS} executions racing on the new name "${name}" left ${personas.length} personas`,
			{
				personas: personas.map((p) => `${p.persona_id} created ${p.created_at}`).join('\n'),
				answers: fmtCounts(actions),
			},
		);
	return {
		personas: personas.length,
		detail: `mock latency ${latencyMs} ms: ${RACE_CALLS} calls at once with one new name → ${personas.length} persona${personas.length === 1 ? '' : 's'} named "${name}" (answers: ${fmtCounts(actions)})`,
	};
}

// ------------------------------------------------------------------------------------------------
// The phases before the runs
// ------------------------------------------------------------------------------------------------

/** Node + n8n of the leg from the cache; ctx.n8nRequire loads n8n's own pg and ioredis. */
async function ensureHost(ctx, leg) {
	const h = await host.ensureN8n(leg, { log: (m) => say(`    ${m}`) });
	ctx.n8nRequire = createRequire(path.join(h.dir, 'package.json'));
	return { ...h, detail: h.dir };
}

/** The package built, packed and installed, side by side with Redis, PostgreSQL and the mock. */
async function setUpInParallel(ctx) {
	const serversUp = Date.now();
	const pkg = step('build, pack and install the package into the user folder (as users do)', () =>
		installPackage(ctx),
	);
	const servers = (async () => {
		const redis = step('Redis', () => startRedis(ctx));
		const pg = step('PostgreSQL', () => startPostgres(ctx));
		const mock = step('Tavus mock', () => startMock(ctx));
		const all = await Promise.allSettled([redis, pg, mock]);
		const bad = all.find((s) => s.status === 'rejected');
		if (bad) throw bad.reason;
		figures.push(['Redis + PostgreSQL + mock up', formatMs(Date.now() - serversUp)]);
	})();
	const both = await Promise.allSettled([pkg, servers]);
	const bad = both.find((s) => s.status === 'rejected');
	if (bad) throw bad.reason;
}

async function installPackage(ctx) {
	const packDir = path.join(ctx.tmp, 'pack');
	const p = await host.packPackage({ outDir: packDir, log: () => {} });
	const r = await host.installPackageTarball(ctx.userFolder, p.tgz, {
		runtime: ctx.host.runtime,
		log: (m) => say(`    ${m}`),
	});
	const installed = JSON.parse(fs.readFileSync(path.join(r.packageDir, 'package.json'), 'utf8'));
	if (installed.version !== PKG.version)
		fail(`installed ${installed.name}@${installed.version}, expected ${PKG.version}`);
	return `${path.basename(p.tgz)} (pack ${formatMs(p.ms)}, npm install ${formatMs(r.ms)}) → .n8n/nodes/node_modules/${PKG.name}`;
}

/** The credential (→ the mock) and the workflow imported into PostgreSQL, the workflow published. */
async function importWorkflow(ctx) {
	const credFile = path.join(ctx.tmp, 'credentials.json');
	fs.writeFileSync(
		credFile,
		json([{ ...CREDENTIAL, data: { apiKey: API_KEY, baseUrl: ctx.mock.url } }]),
	);
	const c = await n8nCli(ctx, ['import:credentials', `--input=${credFile}`], 'credential');
	let workflowFile = WORKFLOW_FILE;
	if (WORKFLOW_RETYPED) {
		workflowFile = path.join(ctx.tmp, path.basename(WORKFLOW_FILE));
		fs.writeFileSync(workflowFile, json(WORKFLOW));
	}
	const w = await n8nCli(ctx, ['import:workflow', `--input=${workflowFile}`], 'workflow');
	if (!/Successfully imported 1 workflow/.test(w.out))
		fail('n8n import:workflow did not import the workflow', { 'n8n output': clip(w.out) });
	const p = await n8nCli(ctx, ['publish:workflow', `--id=${WORKFLOW.id}`], 'publish');
	const rows = await pgQuery(ctx, 'select "activeVersionId" from workflow_entity where id = $1', [
		WORKFLOW.id,
	]);
	if (!rows[0]?.activeVersionId)
		fail(`workflow ${WORKFLOW.id} is not published after n8n publish:workflow`, {
			'n8n output': clip(p.out),
		});
	figures.push([
		'imports (credential with migrations, workflow, publish)',
		`${formatMs(c.ms)}, ${formatMs(w.ms)}, ${formatMs(p.ms)}`,
	]);
	return `credential ${CREDENTIAL.id} → ${ctx.mock.url}; workflow ${WORKFLOW.id} published (credential ${formatMs(c.ms)} incl. migrations, workflow ${formatMs(w.ms)}, publish ${formatMs(p.ms)})`;
}

/** n8n's logs on main and the workers: no trouble loading the package; warnings to the summary. */
async function checkLogs(ctx) {
	const logs = [ctx.main, ...ctx.workers].map((h) => ({ name: h.name, lines: h.lines }));
	const trouble = logs.flatMap(({ name, lines }) =>
		lines.filter((l) => LOADER_TROUBLE.test(l)).map((l) => `${name}: ${l.slice(0, 300)}`),
	);
	if (trouble.length)
		fail(`n8n reported problems loading ${PKG.name}`, {
			lines: trouble.slice(0, 30).join('\n'),
		});
	const notable = [
		...new Set(
			logs.flatMap(({ lines }) => lines.filter((l) => NOTABLE.test(l)).map((l) => l.trim())),
		),
	];
	for (const l of notable) figures.push(["n8n's warning", l]);
	return `none; ${notable.length} warnings worth knowing (in the summary)`;
}

// ------------------------------------------------------------------------------------------------
// The runs, as named cases
// ------------------------------------------------------------------------------------------------

function reportRun1(run1) {
	figures.push([
		'run 1',
		`${formatMs(run1.run.ms)} for ${CALLS} executions = ${run1.rate.toFixed(1)} items/s (first start → last stop in PostgreSQL ${formatMs(run1.dbSpanMs)}); per call ${latencyFigures(run1.run.results)}`,
	]);
	figures.push([
		'run 1 worker split',
		`worker-1 ${run1.split['worker-1']}, worker-2 ${run1.split['worker-2']}`,
	]);
	figures.push(['run 1 at the mock', run1.requests.text]);
}

function reportRun2(run2) {
	figures.push([
		'run 2',
		`${formatMs(run2.run.ms)} = ${run2.rate.toFixed(1)} items/s; actions ${fmtCounts(run2.actionCounts)}; worker-1 ${run2.split['worker-1']}, worker-2 ${run2.split['worker-2']}`,
	]);
	figures.push(['run 2 at the mock', run2.requests.text]);
}

function reportRun3(run3) {
	figures.push([
		'run 3',
		`${formatMs(run3.run.ms)}; ${run3.ok} × HTTP 200, ${run3.errors} errors; PostgreSQL ${fmtCounts(run3.statuses)}`,
	]);
	figures.push(['run 3 at the mock', run3.requests.text]);
	figures.push([
		'run 3 kill',
		`after ${run3.kill.doneBefore} answers; worker-1 held ${run3.kill.affected.length} executions (${run3.kill.inFlight.length} logged as started, ${run3.kill.unlogged.length} taken from the queue but not yet logged) → ${fmtCounts(run3.killedFate)}`,
	]);
	figures.push([
		'run 3 callers of killed executions',
		`${fmtCounts(run3.errorBodies) || 'none failed'}; answered ${run3.errorWait.length ? `${formatMs(run3.errorWait[0])}–${formatMs(run3.errorWait[run3.errorWait.length - 1])}` : '-'} after the kill; last answer ${formatMs(run3.killToLastAnswerMs)} after the kill`,
	]);
	figures.push([
		'run 3 split (finished)',
		`worker-1 ${run3.split['worker-1']} (before the kill), worker-2 ${run3.split['worker-2']}, none ${run3.split.neither}`,
	]);
	figures.push([
		'run 3 mock',
		`personas ${run3.personas} (one per name); ${run3.newConvs} new conversations, ${run3.orphanConvs.length} created by a killed execution and never handed to the caller${run3.orphanConvs.length ? ` (${run3.orphanConvs.slice(0, 5).join('; ')}${run3.orphanConvs.length > 5 ? '; …' : ''})` : ''}`,
	]);
	figures.push([
		'run 3 executions held by the killed worker',
		`\n    ${run3.affectedTable.join('\n    ')}`,
	]);
	if (run3.callersTable.length)
		figures.push(['run 3 callers that got an error', `\n    ${run3.callersTable.join('\n    ')}`]);
}

/**
 * The runs in order, each reported as a step of its own: `run(ctx, runs)` gets the results of the
 * runs before it (by id) and returns its own; `report(result)` adds its figures to the summary.
 */
const RUNS = [
	{
		id: 'run1',
		name: `run 1: ${CALLS} new names`,
		run: (ctx) => runNormal(ctx, 'run 1', { actions: ['created'], expectConversations: CALLS }),
		report: reportRun1,
	},
	{
		id: 'run2',
		name: `run 2: the same ${CALLS} names again`,
		run: (ctx, { run1 }) =>
			runNormal(ctx, 'run 2', {
				actions: ['updated', 'unchanged'],
				expectConversations: 2 * CALLS,
				previous: run1.byName,
			}),
		report: reportRun2,
	},
	{
		id: 'run3',
		name: `run 3: the same ${CALLS} names, worker-1 SIGKILLed mid-run`,
		run: (ctx, { run1, run2 }) =>
			runWithKill(ctx, { run1: run1.byName, run2: run2.byName }, run2.counts.conversations.length),
		report: reportRun3,
	},
	{
		id: 'retry',
		name: 'the callers that got an error call again',
		run: (ctx, { run3 }) => retryFailed(ctx, run3),
		report: (retry) => {
			if (retry.names.length) figures.push(['retry of the failed calls', retry.detail]);
		},
	},
	...[
		['Queue Race 001', LATENCY_MS],
		['Queue Race 002', 300],
	].map(([raceName, latency], i) => ({
		id: `race${i + 1}`,
		name: `one new name, ${RACE_CALLS} calls at once, mock latency ${latency} ms → exactly one persona`,
		run: (ctx) => sameNameRace(ctx, raceName, latency),
		report: (race) => figures.push(['same new name, concurrent calls', race.detail]),
	})),
];

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

/** Every phase in order, each a step (the package and the servers side by side); throws on the first failure. */
async function runQueueChecks(ctx, leg) {
	ctx.tmp = await makeTempDir('n8n-queue-');
	ctx.userFolder = path.join(ctx.tmp, 'user');
	ctx.host = await step(`Node ${leg.node} + n8n ${leg.n8n} from the cache`, () =>
		ensureHost(ctx, leg),
	);
	await step('redis-server and PostgreSQL installed', () => ensureSystemPackages(ctx.tmp));
	await setUpInParallel(ctx);
	await step('import the credential and the workflow into PostgreSQL; publish the workflow', () =>
		importWorkflow(ctx),
	);
	await step('n8n main + 2 workers (queue mode)', () => startServers(ctx));
	const runs = {};
	for (const r of RUNS) {
		runs[r.id] = await step(r.name, () => r.run(ctx, runs));
		r.report(runs[r.id]);
	}
	await step("n8n's logs: no trouble loading the package on main or the workers", () =>
		checkLogs(ctx),
	);
}

/** The last lines of n8n's logs (they go with the temp folder), and of the servers' when they say trouble. */
function attachLogEvidence(failure, ctx) {
	failure.evidence = failure.evidence ?? {};
	for (const h of [ctx.main, ...(ctx.workers ?? [])].filter(Boolean))
		failure.evidence[`last lines of ${h.name}'s log`] = tail(h.output(), 30);
	for (const f of ['postgres.log', 'redis.log', 'tavus-mock.log']) {
		const text = ctx.tmp ? readText(path.join(ctx.tmp, f)) : '';
		if (/error|fatal|panic/i.test(text.replace(/.*the database system is starting up.*/g, '')))
			failure.evidence[`last lines of ${f}`] = tail(text, 20);
	}
	return failure;
}

async function main() {
	const started = Date.now();
	const leg = host.getLeg('2');
	say(
		`n8n-nodes-tavus queue mode: n8n ${leg.n8n} on Node ${leg.node}, 1 main + 2 workers (--concurrency=${WORKER_CONCURRENCY}), ${CALLS} calls × 3 runs, ${PARALLEL} at a time; cache ${host.cacheDir()}`,
	);
	const ctx = {
		prefixes: { bull: `tavus-queue-${RUN_ID}-bull`, n8n: `tavus-queue-${RUN_ID}-n8n` },
	};
	let failure;
	try {
		await runQueueChecks(ctx, leg);
	} catch (e) {
		failure = attachLogEvidence(e, ctx);
	} finally {
		const stopStarted = Date.now();
		await cleanups.run();
		figures.push(['stop everything + remove temp folders', formatMs(Date.now() - stopStarted)]);
	}
	reporter.printSummary('queue-mode', Date.now() - started, figures);
	if (failure) {
		printFailures([failure]);
		process.exitCode = 1;
	} else {
		say('\nAll queue-mode checks passed.');
	}
}

await main();
