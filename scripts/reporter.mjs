// The bookkeeping the real-n8n check scripts share (e2e.mjs, agent.mjs, queue.mjs, ui.mjs): steps
// with timings printed as ▶/✓/✗ lines, notes, failures that carry their evidence, temp folders that
// go with the cleanups, and the summary and failures printed at the end. Node built-ins only.

import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cleanupRegistry, formatMs } from './n8n-host.mjs';

export const say = (msg) => process.stdout.write(`${msg}\n`);
export const json = (v) => JSON.stringify(v, null, 2);
export const clip = (s, n = 4000) =>
	s.length > n ? `${s.slice(0, n)}\n... (${s.length - n} more characters)` : s;

/** A failure with the evidence attached (requests, output), printed in full at the end. */
export class Failure extends Error {
	constructor(message, evidence) {
		super(message);
		this.evidence = evidence;
	}
}

export function fail(message, evidence) {
	throw new Failure(message, evidence);
}

/**
 * The bookkeeping of one run:
 * - `step([leg,] name, fn)` runs fn and records { leg, step, ms, ok, detail } in `results` (detail:
 *   what fn returns when a string, else its .detail); a thrown error gets .step and goes on up
 * - `softStep([leg,] name, fn)`: a failure is added to `failures` (the run fails at the end) and
 *   the leg goes on
 * - `note(text)`: worth knowing, not a failure; printed now and after the summary
 * - `makeTempDir(prefix)`: removed by `cleanups.run()` unless `keep`
 * - `legTotal(leg, ms)`: the leg's TOTAL row, failed when any of its steps failed
 * - `finish(title, totalMs, list = failures)`: summary, each failure with its evidence, exit code 1
 */
export function createReporter({ keep = false } = {}) {
	const state = { results: [], failures: [], notes: [], currentStep: '' };
	const cleanups = cleanupRegistry({ say });
	const withLeg = (args) => (typeof args[1] === 'function' ? [undefined, ...args] : args);
	const step = (...args) => runStep(state, ...withLeg(args));
	const softStep = (...args) =>
		step(...args).catch((error) => {
			state.failures.push(error);
			return undefined;
		});
	const note = (text) => {
		state.notes.push(`${state.currentStep}: ${text}`);
		say(`    note: ${text}`);
	};
	const makeTempDir = async (prefix) => {
		const dir = await fsp.mkdtemp(path.join(os.tmpdir(), prefix));
		cleanups.push(async () => {
			if (keep) say(`  (kept ${dir})`);
			else await fsp.rm(dir, { recursive: true, force: true });
		});
		return dir;
	};
	const legTotal = (leg, ms) =>
		state.results.push({
			leg,
			step: 'leg total',
			ms,
			ok: !state.results.some((r) => r.leg === leg && !r.ok),
			total: true,
		});
	const printSummary = (title, totalMs, figures) => printTable(state, title, totalMs, figures);
	const finish = (title, totalMs, list = state.failures) => {
		printSummary(title, totalMs);
		printFailures(list);
		if (list.length) {
			say(`\n${list.length} failure(s).`);
			process.exitCode = 1;
		} else say(`\nAll ${title} checks passed.`);
	};
	const { results, failures, notes } = state;
	return {
		say,
		step,
		softStep,
		note,
		makeTempDir,
		legTotal,
		printSummary,
		finish,
		fail,
		Failure,
		results,
		failures,
		notes,
		cleanups,
	};
}

async function runStep(state, leg, name, fn) {
	const label = leg === undefined ? name : `[${leg}] ${name}`;
	const started = Date.now();
	state.currentStep = label;
	say(`\n▶ ${label}`);
	try {
		const value = await fn();
		const ms = Date.now() - started;
		const detail = typeof value === 'string' ? value : value?.detail;
		state.results.push({ leg, step: name, ms, ok: true, detail });
		say(`  ✓ ${name} (${formatMs(ms)})${detail ? ` — ${detail}` : ''}`);
		return value;
	} catch (error) {
		const ms = Date.now() - started;
		state.results.push({ leg, step: name, ms, ok: false, detail: error.message.split('\n')[0] });
		say(`  ✗ ${name} (${formatMs(ms)})`);
		error.step = error.step ?? label;
		throw error;
	}
}

/** The steps (grouped by leg, if any), the figures, the total time and the notes. */
function printTable({ results, notes }, title, totalMs, figures = []) {
	say(`\n================ ${title} summary ================`);
	let currentLeg;
	for (const r of results) {
		if (r.leg !== undefined && r.leg !== currentLeg) {
			currentLeg = r.leg;
			say(`${r.leg}`);
		}
		say(
			`  ${r.ok ? '✓' : '✗'} ${r.total ? 'TOTAL' : r.step}  ${formatMs(r.ms)}${!r.ok && r.detail ? `\n      ${r.detail}` : ''}`,
		);
	}
	if (figures.length) {
		say('figures:');
		for (const [k, v] of figures) say(`  ${k}: ${v}`);
	}
	say(`total ${formatMs(totalMs)}`);
	if (notes.length) say(`notes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
}

/** Each failure: where, its message, its evidence in full (clipped at 20,000 characters), and the stack of an unexpected error. */
export function printFailures(failures) {
	for (const failure of failures) {
		say(`\nFAILED at ${failure.step ?? '(setup)'}:\n${failure.message}`);
		for (const [k, v] of Object.entries(failure.evidence ?? {}))
			say(`\n--- ${k} ---\n${clip(String(v), 20_000)}`);
		if (!(failure instanceof Failure) && failure.stack) say(`\n${failure.stack}`);
	}
}
