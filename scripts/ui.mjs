#!/usr/bin/env node
// npm run test:ui — the editor experience in a real browser: the packed package in a real n8n 2.x,
// driven through Debian's Chromium with playwright-core, against the Tavus test mock.
//
//   1. Chromium (Debian's `chromium`; apt-get installs it when missing), Node + n8n from the cache
//      (scripts/n8n-host.mjs), the package built, packed and installed into a fresh user folder
//      the way users install it; the node's description read from that install's dist/
//   2. the Tavus mock (test/harness/tavus-mock.js) with 110 more replicas (two pages), n8n start,
//      the owner created; Chromium (headless, fresh profile, 1440×900) signed in
//   3. node panel: "Tavus" is found (trigger panel and "What happens next?"), added with its
//      "Create a persona" action; the credential is created in the node (right key: its test on
//      save passes)
//   4. Persona → Create: the Life Coach persona of test/fixtures/life-coach.parameters.json typed
//      in (layers through "Add Field"), "Execute step": the mock must receive
//      test/fixtures/seed-create-persona.body.json exactly (tts_emotion_control: false)
//   5. Default Replica "From list": the mock's replicas (name and ID), search "Anna", next page on
//      scroll
//   6. "PAL" finds the node too (a second Tavus node added that way); on it every resource and
//      operation of the built description is selected and the top-level parameters shown must be
//      exactly those whose displayOptions show them (evaluated by n8n-workflow on the defaults)
//   7. a credential with a wrong key: its test fails with "Invalid access token (Tavus rejected
//      the API key)", and the replica picker shows Tavus's error instead of an empty list
//   8. the Tavus Trigger shows its test and production webhook URLs
//   9. no page errors and no console errors in the browser (a short, explained allowlist)
// Screenshots go to docs/images/. Everything started is stopped on success, failure or Ctrl-C.
// Exit code 1 on any failure. TAVUS_UI_KEEP=1 keeps the temp folder (n8n log, failure shots);
// TAVUS_UI_IMAGES=<dir> puts the screenshots elsewhere; TAVUS_UI_CHROMIUM=<path> uses another Chromium.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as host from './n8n-host.mjs';
import { createReporter, json } from './reporter.mjs';
import {
	displayMatrix,
	loadPackage,
	plainText,
	searchabilityProblem,
} from '../test/ui/expectations.mjs';
import * as ui from '../test/ui/editor.mjs';

const { REPO_DIR, formatMs } = host;
const FIXTURES = path.join(REPO_DIR, 'test', 'fixtures');
// Screenshots for the README; TAVUS_UI_IMAGES=<dir> writes them elsewhere (e.g. to keep a CI checkout clean).
const IMAGES = path.resolve(process.env.TAVUS_UI_IMAGES ?? path.join(REPO_DIR, 'docs', 'images'));
const API_KEY = `tavus-ui-${crypto.randomBytes(6).toString('hex')}`;
const WRONG_KEY = 'not-the-right-key';
const KEEP = process.env.TAVUS_UI_KEEP === '1';
const VIEWPORT = { width: 1440, height: 900 };
const EXTRA_REPLICAS = 110; // + the mock's 25 = 135: two pages of 100
// From /work/shared/reference/real-n8n.md; headless: true adds --headless.
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const STEP_TIMEOUT_MS = 4 * 60_000;
const ACTION_TIMEOUT_MS = 15_000;

// ------------------------------------------------------------------------------------------------
// Bookkeeping
// ------------------------------------------------------------------------------------------------

// ui's own step() below (a time limit, problems that don't stop the run, a failure screenshot)
// records its steps in the reporter's results; the temp folder is kept on failure too.
const reporter = createReporter();
const { say, results, cleanups } = reporter;
let tmpDir;
let page;
let failed = false;

/**
 * Runs a step with a time limit. `fn(problem)` may report problems that don't stop the run
 * (`problem(msg)`): the step is then marked failed but the run goes on. A thrown error stops it.
 */
async function step(name, fn, { timeoutMs = STEP_TIMEOUT_MS } = {}) {
	const started = Date.now();
	currentStep = name;
	say(`\n▶ ${name}`);
	const problems = [];
	let timer;
	try {
		const value = await Promise.race([
			fn((msg) => {
				problems.push(msg);
				say(`  ✗ ${msg}`);
			}),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`step "${name}" did not finish within ${formatMs(timeoutMs)}`)),
					timeoutMs,
				);
			}),
		]);
		clearTimeout(timer);
		const ms = Date.now() - started;
		const detail = typeof value === 'string' ? value : value?.detail;
		if (problems.length) {
			failed = true;
			results.push({ step: name, ms, ok: false, detail: problems.join('\n      ') });
			say(`  ✗ ${name} (${formatMs(ms)})${detail ? ` — ${detail}` : ''}`);
		} else {
			results.push({ step: name, ms, ok: true, detail });
			say(`  ✓ ${name} (${formatMs(ms)})${detail ? ` — ${detail}` : ''}`);
		}
		return value;
	} catch (error) {
		clearTimeout(timer);
		failed = true;
		const ms = Date.now() - started;
		results.push({
			step: name,
			ms,
			ok: false,
			detail: [...problems, error.message.split('\n')[0]].join('\n      '),
		});
		say(`  ✗ ${name} (${formatMs(ms)})`);
		await failureShot(name);
		error.step = error.step ?? name;
		throw error;
	}
}

async function failureShot(name) {
	if (!page || !tmpDir) return;
	const file = path.join(tmpDir, `failure-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
	try {
		await page.screenshot({ path: file, timeout: 5000 });
		say(`  (screenshot of the failure: ${file})`);
	} catch {
		// the browser may be gone
	}
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

// ------------------------------------------------------------------------------------------------
// Chromium
// ------------------------------------------------------------------------------------------------

function chromiumVersion(bin) {
	if (!bin || !fs.existsSync(bin)) return undefined;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
	const m = /Chromium\s+([\d.]+)/.exec(r.stdout ?? '');
	return r.status === 0 && m ? m[1] : undefined;
}

/** Debian's chromium; installed with apt-get (apt-get update first only if needed) when missing. */
async function ensureChromium() {
	const bin = process.env.TAVUS_UI_CHROMIUM ?? '/usr/bin/chromium';
	let version = chromiumVersion(bin);
	if (version) return { bin, version, installed: false };
	if (process.env.TAVUS_UI_CHROMIUM)
		throw new Error(`TAVUS_UI_CHROMIUM=${bin} does not run (--version)`);
	if (typeof process.getuid === 'function' && process.getuid() !== 0)
		throw new Error(
			`${bin} is missing and this is not root: install Debian's chromium (sudo apt-get install -y chromium)`,
		);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = async (args) => {
		say(`    apt-get ${args.join(' ')}`);
		const r = await host.run('apt-get', args, { env, timeoutMs: 15 * 60_000 });
		return {
			ok: r.code === 0,
			tail: `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n'),
		};
	};
	let r = await apt(['install', '-y', '--no-install-recommends', 'chromium']);
	if (!r.ok) {
		const u = await apt(['update']);
		if (!u.ok) throw new Error(`apt-get update failed:\n${u.tail}`);
		r = await apt(['install', '-y', '--no-install-recommends', 'chromium']);
	}
	if (!r.ok) throw new Error(`apt-get install -y chromium failed:\n${r.tail}`);
	version = chromiumVersion(bin);
	if (!version) throw new Error(`chromium was installed but ${bin} --version does not work`);
	return { bin, version, installed: true };
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

// ------------------------------------------------------------------------------------------------
// Browser console: page errors and console errors fail the run, except these (n8n's own, with the
// reason). Errors a step provokes on purpose are expected only inside that step (expectErrors).
// ------------------------------------------------------------------------------------------------

/** The npm registry's URL of this package (package.json's name; a scoped name may come encoded). */
function isRegistryUrlOfPackage(url) {
	const name = host.PACKAGE_NAME;
	return [name, name.replace('/', '%2f'), name.replace('/', '%2F')].some((n) => {
		const base = `https://registry.npmjs.org/${n}`;
		return url.startsWith(base) && /^(\/|\?|$)/.test(url.slice(base.length));
	});
}

const TOLERATED = [
	{
		why:
			"n8n's node panel shows installed community packages with a details view that asks the public npm " +
			'registry (from the browser) whether a newer version exists; offline (CI), behind a TLS-inspecting ' +
			'proxy or before the package is published that request fails',
		test: (e) =>
			e.kind === 'console' &&
			isRegistryUrlOfPackage(e.url ?? '') &&
			// a network error offline, or 404 while the package is not published
			/^Failed to load resource: (net::ERR_|the server responded with a status of 404)/.test(
				e.text,
			),
	},
];

const browserErrors = []; // { kind, text, url, during, tolerated, expected }
let currentStep = '';
let expectedNow; // { what, test }

function recordBrowserError(entry) {
	entry.during = currentStep;
	const tolerated = TOLERATED.find((t) => t.test(entry));
	if (tolerated) entry.tolerated = tolerated.why;
	else if (expectedNow?.test(entry)) entry.expected = expectedNow.what;
	browserErrors.push(entry);
}

async function expectErrors(what, test, fn) {
	expectedNow = { what, test };
	try {
		return await fn();
	} finally {
		// Late console messages of the provoked request still belong to it.
		await new Promise((r) => setTimeout(r, 500));
		expectedNow = undefined;
	}
}

// ------------------------------------------------------------------------------------------------
// Editor steps
// ------------------------------------------------------------------------------------------------

async function shot(name, { clip, locator, keepMouse = false } = {}) {
	const file = path.join(IMAGES, name);
	await fsp.mkdir(IMAGES, { recursive: true });
	// No toasts ("Node executed successfully", ...) over the picture; let transitions finish.
	for (const close of await page.locator('.el-notification__closeBtn').all())
		await close.click().catch(() => {});
	await page
		.locator('.el-notification')
		.first()
		.waitFor({ state: 'hidden', timeout: 5000 })
		.catch(() => {});
	if (!keepMouse) await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5); // no hover effects
	await page.waitForTimeout(400);
	if (locator) await locator.screenshot({ path: file });
	else await page.screenshot({ path: file, clip });
	const { size } = fs.statSync(file);
	return `${path.relative(REPO_DIR, file)} (${Math.round(size / 1024)} kB)`;
}

/** The panel region of the node details view (without the canvas behind it). */
async function ndvBox() {
	return page.locator(ui.NDV).boundingBox();
}

/** The parameters column of the node details view (tabs, parameters). */
const paramsColumn = () => page.locator(`${ui.NDV} .node-settings`).first();

/**
 * The whole parameters column in one picture: the viewport is made as tall as the parameters need
 * for the shot (then set back), and the tall column is laid out as side-by-side slices, cut between
 * parameters, so the picture stays wide rather than very tall.
 */
async function columnSheetShot(name, { maxSliceHeight = 1350 } = {}) {
	const { png, box, cuts } = await tallColumnScreenshot();
	const height = Math.round(box.height);
	const slices = columnSlices(height, cuts, maxSliceHeight);
	const b64 = await composeSlices(png, slices, Math.round(box.width));
	await fsp.mkdir(IMAGES, { recursive: true });
	const file = path.join(IMAGES, name);
	await fsp.writeFile(file, Buffer.from(b64, 'base64'));
	return `${path.relative(REPO_DIR, file)} (${Math.round(fs.statSync(file).size / 1024)} kB, the ${height} px column in ${slices.length} slices)`;
}

/**
 * The parameters column shot in a viewport tall enough to show all of it (then set back): the png,
 * its box, and where a slice may end (y offsets in the column).
 */
async function tallColumnScreenshot() {
	const scroller = page.locator(ui.PARAMS);
	const need = await scroller.evaluate((el) => {
		let p = el;
		while (p && !/(auto|scroll)/.test(getComputedStyle(p).overflowY)) p = p.parentElement;
		const s = p ?? el;
		s.scrollTop = 0;
		return s.scrollHeight - s.clientHeight;
	});
	let png;
	let box;
	let cuts;
	await page.setViewportSize({
		width: VIEWPORT.width,
		height: Math.min(VIEWPORT.height + need + 40, 8000),
	});
	try {
		await page.mouse.move(VIEWPORT.width - 5, 5); // no hover effects
		await page.waitForTimeout(600);
		box = await paramsColumn().boundingBox();
		// Where a slice may end: the top of a parameter (never inside one), but not between a
		// collection's title and its first field.
		cuts = await page.evaluate(
			({ sel, top }) =>
				[...document.querySelectorAll(`${sel} [data-test-id=parameter-item]`)]
					.filter((el) => {
						const parent = el.parentElement.closest('[data-test-id=parameter-item]');
						return !parent || parent.querySelector('[data-test-id=parameter-item]') !== el;
					})
					.map((el) => Math.round(el.getBoundingClientRect().top - top - 6))
					.filter((y) => y > 0),
			{ sel: ui.PARAMS, top: box.y },
		);
		png = await page.screenshot({ clip: box });
	} finally {
		await page.setViewportSize(VIEWPORT);
		await page.waitForTimeout(300);
	}
	return { png, box, cuts };
}

/** [from, to] slices of a column `height` px tall, each ending at a cut nearest an even split. */
function columnSlices(height, cuts, maxSliceHeight) {
	const n = Math.max(1, Math.ceil(height / maxSliceHeight));
	const slices = [];
	let from = 0;
	for (let k = 1; k < n; k++) {
		const target = (height * k) / n;
		const best = cuts
			.filter((y) => y > from + 200)
			.sort((a, b) => Math.abs(a - target) - Math.abs(b - target))[0];
		if (best === undefined) break;
		slices.push([from, best]);
		from = best;
	}
	slices.push([from, height]);
	return slices;
}

/** The slices of `png` side by side (base64 png), composed in a blank page of the same browser (canvas), no image library needed. */
async function composeSlices(png, slices, width) {
	const composer = await page.context().newPage();
	try {
		return await composer.evaluate(
			async ({ data, slices: parts, width: w }) => {
				const img = new Image();
				img.src = `data:image/png;base64,${data}`;
				await img.decode();
				const gap = 24;
				const h = Math.max(...parts.map(([a, b]) => b - a));
				const canvas = document.createElement('canvas');
				canvas.width = parts.length * w + (parts.length - 1) * gap;
				canvas.height = h;
				const g = canvas.getContext('2d');
				g.fillStyle = '#f0f0f0';
				g.fillRect(0, 0, canvas.width, canvas.height);
				parts.forEach(([a, b], i) => {
					const x = i * (w + gap);
					g.fillStyle = '#ffffff';
					g.fillRect(x, 0, w, h);
					g.drawImage(img, 0, a, w, b - a, x, 0, w, b - a);
				});
				return canvas.toDataURL('image/png').split(',')[1];
			},
			{ data: png.toString('base64'), slices, width },
		);
	} finally {
		await composer.close();
	}
}

async function closeNdv() {
	await page.locator('[data-test-id=ndv-close-button]').click();
	await page.locator(ui.NDV).waitFor({ state: 'hidden' });
}

/** Adds a node from the node panel: search `search`, pick item `item`, then action `action`. */
async function addFromNodePanel({ search, item, action, category }) {
	await ui.openNodePanel(page);
	const names = await ui.searchNodePanel(page, search);
	if (!names.includes(item)) return { found: false, names };
	await ui.nodePanelItem(page, item).click();
	if (category) {
		const cat = page.locator(
			'[data-test-id=node-creator] [data-test-id=node-creator-category-item]',
			{
				hasText: category,
			},
		);
		if ((await ui.nodePanelAction(page, action).count()) === 0) await cat.click();
	}
	if (action) {
		await ui.nodePanelAction(page, action).click();
		await page.locator(ui.NDV).waitFor();
	}
	return { found: true, names };
}

/**
 * The AI panel lists every node whatever its codex categories (the search elsewhere drops AI nodes
 * that are not "Root Nodes"): the way to add the node when the regular search does not find it.
 */
async function addFromAiPanel({ search, item, action }) {
	await ui.openNodePanel(page);
	await ui.searchNodePanel(page, ''); // the panel keeps the last search
	await ui.nodePanelItem(page, 'AI').click();
	const names = await ui.searchNodePanel(page, search);
	if (!names.includes(item))
		throw new Error(
			`even the AI panel does not list "${item}" for "${search}" (it lists: ${names.join(', ')})`,
		);
	await ui.nodePanelItem(page, item).click();
	if (action) {
		await ui.nodePanelAction(page, action).click();
		await page.locator(ui.NDV).waitFor();
	}
}

/**
 * Creates a credential from the open node's credential field and saves it; returns the result of
 * the test n8n runs on save ({ status, message }) and the credential's name.
 */
async function createCredential({ apiKey, baseUrl }) {
	const empty = page.locator(`${ui.NDV} [data-test-id=node-credentials-empty-state] button`);
	if (await empty.count()) await empty.click();
	else {
		await page.locator(`${ui.NDV} [data-test-id=node-credentials-select]`).click();
		await page.locator('[data-test-id=node-credentials-select-item-new]').click();
	}
	const modal = page.locator(ui.CREDENTIAL_MODAL);
	await modal.waitFor();
	const name = (await modal.locator('[data-test-id=credential-name]').innerText()).trim();
	await modal.locator('[data-test-id=parameter-input-apiKey] input').fill(apiKey);
	await modal.locator('[data-test-id=parameter-input-baseUrl] input').fill(baseUrl);
	const tested = page.waitForResponse(
		(r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST',
		{ timeout: 30_000 },
	);
	await modal.locator('[data-test-id=credential-save-button]').click();
	const response = await tested;
	const body = await response.json();
	return { name, status: body?.data?.status, message: body?.data?.message, modal };
}

async function closeCredentialModal() {
	const modal = page.locator(ui.CREDENTIAL_MODAL);
	if (!(await modal.isVisible())) return;
	// Its own close button: Escape would also close the node details view behind it.
	await modal.locator('.el-dialog__headerbtn, button[aria-label=Close]').first().click();
	await modal.waitFor({ state: 'hidden' });
}

// ------------------------------------------------------------------------------------------------
// Replica picker helpers
// ------------------------------------------------------------------------------------------------

/** The first page of the open replica list: 100 items, each a mock replica's name and ID, Anna among them. */
async function checkFirstReplicaPage(items, replicas, problem) {
	const firstPage = await items.allInnerTexts();
	if (firstPage.length !== 100)
		problem(
			`the first page lists ${firstPage.length} replicas, expected 100 (page size) of ${replicas.length}`,
		);
	const byId = new Map(replicas.map((r) => [r.replica_id, r]));
	const unknown = [];
	for (const text of firstPage) {
		const id = /\(([^()]+)\)\s*$/.exec(text)?.[1];
		const r = byId.get(id);
		if (!r || !text.startsWith(r.replica_name)) unknown.push(text);
	}
	if (unknown.length)
		problem(`items without a mock replica's name and ID: ${unknown.slice(0, 5).join(' | ')}`);
	const anna = firstPage.find((t) => /^Anna\b.*\(r90bbd427f71\)$/.test(t));
	if (!anna) problem('"Anna (r90bbd427f71)" is not in the list');
	return { firstPage, anna };
}

/** The picture: the parameters column down to the end of the open list. */
async function replicaListShot(items) {
	const column = await paramsColumn().boundingBox();
	const listBottom = await items.first().evaluate((el) => {
		let p = el.parentElement;
		while (p && !/(auto|scroll)/.test(getComputedStyle(p).overflowY)) p = p.parentElement;
		return (p ?? el).getBoundingClientRect().bottom;
	});
	return shot('replica-picker.png', {
		clip: { ...column, height: Math.min(column.height, listBottom + 24 - column.y) },
	});
}

/** Searches "Anna" in the open list (Anna must be found), then clears the search. */
async function searchAnna(scope, items, problem) {
	await scope.locator('[data-test-id=rlc-search]').fill('Anna');
	await ui.until(
		async () => {
			const t = await items.allInnerTexts();
			return t.length > 0 && t.length < 10 && t.every((x) => /anna/i.test(x));
		},
		{ message: () => 'the list to be filtered to "Anna"' },
	);
	const filtered = await items.allInnerTexts();
	if (!filtered.some((t) => t.includes('r90bbd427f71')))
		problem(`the search "Anna" lists ${filtered.join(', ')}`);
	await scope.locator('[data-test-id=rlc-search]').fill('');
	await ui.until(async () => (await items.count()) >= 100, {
		message: () => 'the unfiltered list again',
	});
	return filtered;
}

/** Scrolls to the end of the list until all `total` replicas are listed; returns how many are. */
async function scrollToAllReplicas(items, total) {
	// Scroll to the end: n8n asks for the next page (paginationToken) and appends it.
	await ui.until(
		async () => {
			await items.last().scrollIntoViewIfNeeded();
			await items.evaluateAll((els) => {
				let p = els[els.length - 1]?.parentElement;
				while (p && !/(auto|scroll)/.test(getComputedStyle(p).overflowY)) p = p.parentElement;
				if (p) p.scrollTop = p.scrollHeight;
			});
			return (await items.count()) >= total;
		},
		{ timeoutMs: 20_000, message: () => `all ${total} replicas after scrolling` },
	);
	return items.count();
}

/** A replica picker (searchReplicas) among the top-level parameters of the built description. */
function findReplicaPicker(built) {
	const target = built.matrix
		.flatMap((row) => row.visible.map((v) => ({ row, v })))
		.map(({ row, v }) => ({
			row,
			prop: built.tavus.description.properties.find(
				(p) =>
					p.name === v.name &&
					p.type === 'resourceLocator' &&
					p.modes?.some((m) => m.typeOptions?.searchListMethod === 'searchReplicas'),
			),
		}))
		.find((x) => x.prop);
	if (!target) throw new Error('no replica picker (searchReplicas) among the top-level parameters');
	return target;
}

/** Adds the Tavus Trigger from the node panel (its first "On ..." event); returns what it saw. */
async function addTavusTrigger(built, searchHint, problem) {
	await ui.openNodePanel(page);
	const names = await ui.searchNodePanel(page, 'Tavus');
	if (names.includes('Tavus')) {
		await ui.nodePanelItem(page, 'Tavus').click();
	} else {
		problem(
			`searching "Tavus" does not list it${searchHint ? ` (${searchHint})` : ''}; adding the trigger through the AI panel`,
		);
		await addFromAiPanel({ search: 'Tavus', item: 'Tavus' });
	}
	// The node's details list its trigger events under "Triggers (n)", collapsed.
	const events = page.locator('[data-test-id=node-creator] [data-test-id=item-iterator-item]', {
		hasText: /^\s*On /,
	});
	if ((await events.count()) === 0)
		await page
			.locator('[data-test-id=node-creator] [data-test-id=node-creator-category-item]', {
				hasText: /Triggers/,
			})
			.click();
	const eventCount = built.trigger.description.properties.find((p) => p.name === 'events')?.options
		?.length;
	await ui.until(async () => (await events.count()) === eventCount, {
		message: () => `${eventCount} trigger events ("On ...") in the node panel`,
	});
	const eventName = (await events.first().innerText()).trim();
	await events.first().click();
	await page.locator(ui.NDV).waitFor();
	return { eventCount, eventName };
}

const PERSONA_NODE = 'Create a persona'; // the node's name, as the action adds it

// ------------------------------------------------------------------------------------------------
// The cases, run in this order by step() (each reports its line; a thrown error stops the run, a
// problem() marks the case failed and goes on). They share `ctx`, filled as they go: chromium,
// host, pack, userFolder, installed, built (the installed description and its display matrix),
// searchHint, mock, server (url, port, cookie), browser, goodCredential, wrongCredential. The
// browser page is the module's `page` (the helpers above and the failure shots use it).
// ------------------------------------------------------------------------------------------------

const CASES = [
	// ---- setup ---------------------------------------------------------------------------------
	{
		name: 'Chromium (Debian package)',
		timeoutMs: 35 * 60_000,
		run: async (ctx) => {
			const c = await ensureChromium();
			ctx.chromium = c;
			return `${c.bin} ${c.version}${c.installed ? ' (installed now with apt-get)' : ''}`;
		},
	},
	{
		name: 'Node + n8n from the cache',
		timeoutMs: 3 * 60 * 60_000, // a first install (3 attempts of up to 45 min each at worst)
		run: async (ctx) => {
			const h = await host.ensureN8n('2', { log: (m) => say(`    ${m}`) });
			ctx.host = h;
			return `n8n ${h.version} on Node ${h.runtime.version}`;
		},
	},
	{
		name: 'npm run build + npm pack',
		run: async (ctx) => {
			const p = await host.packPackage({ outDir: path.join(tmpDir, 'pack'), log: () => {} });
			ctx.pack = p;
			return `${path.basename(p.tgz)}, ${p.files.length} files`;
		},
	},
	{
		name: 'install the tarball into a fresh user folder (npm install <tgz>)',
		timeoutMs: 50 * 60_000,
		run: async (ctx) => {
			ctx.userFolder = path.join(tmpDir, 'user');
			const r = await host.installPackageTarball(ctx.userFolder, ctx.pack.tgz, {
				runtime: ctx.host.runtime,
				log: (m) => say(`    ${m}`),
			});
			ctx.installed = r;
			return path.relative(tmpDir, r.packageDir);
		},
	},
	{
		name: "read the node's description from the installed dist/",
		run: async (ctx) => {
			const p = loadPackage({ packageDir: ctx.installed.packageDir, n8nDir: ctx.host.n8nDir });
			const tavus = p.nodes.tavus;
			const trigger = p.nodes.tavusTrigger;
			if (!tavus || !trigger)
				throw new Error(
					`the package has nodes ${Object.keys(p.nodes).join(', ')}; expected tavus and tavusTrigger`,
				);
			const matrix = displayMatrix(tavus.description, p.NodeHelpers);
			const resources = [...new Set(matrix.map((r) => r.resource.value))];
			ctx.built = { ...p, tavus, trigger, matrix };
			ctx.searchHint = searchabilityProblem(tavus.codex);
			return `${tavus.description.properties.length} properties; ${resources.length} resources, ${matrix.length} operations`;
		},
	},
	{
		name: `start the Tavus mock with ${EXTRA_REPLICAS} more replicas`,
		run: async (ctx) => {
			const m = await startMock(tmpDir);
			const replicas = Array.from({ length: EXTRA_REPLICAS }, (_, i) => ({
				replica_name: `Extra Replica ${String(i + 1).padStart(3, '0')}`,
				replica_type: 'user',
			}));
			await m.seed({ replicas });
			const total = Object.keys((await m.state()).replicas ?? {}).length;
			m.replicaCount = total;
			ctx.mock = m;
			return `${m.url}, ${total} replicas`;
		},
	},
	{
		name: 'n8n start + owner',
		run: async (ctx) => {
			const srv = await host.startN8n(ctx.host, {
				userFolder: ctx.userFolder,
				name: 'n8n-ui',
				logFile: path.join(tmpDir, 'n8n.log'),
			});
			cleanups.push(() => srv.stop());
			const t = Date.now();
			srv.cookie = await host.setupOwner(srv.url);
			ctx.server = srv;
			return `${srv.url}, healthy after ${formatMs(srv.startMs)}, owner after ${formatMs(Date.now() - t)}`;
		},
	},
	{
		name: 'Chromium: sign in, open a new workflow',
		run: async (ctx) => {
			const { chromium } = await import('playwright-core');
			const profile = path.join(tmpDir, 'chromium-profile');
			const c = await chromium.launchPersistentContext(profile, {
				executablePath: ctx.chromium.bin,
				headless: true,
				args: CHROMIUM_FLAGS,
				viewport: VIEWPORT,
				deviceScaleFactor: 1,
				timeout: 60_000,
			});
			cleanups.push(() => c.close());
			ctx.browser = c;
			c.setDefaultTimeout(ACTION_TIMEOUT_MS);
			c.on('weberror', (e) =>
				recordBrowserError({ kind: 'pageerror', text: String(e.error()?.message ?? e.error()) }),
			);
			c.on('console', (m) => {
				if (m.type() === 'error')
					recordBrowserError({ kind: 'console', text: m.text(), url: m.location()?.url });
			});
			// The session of the owner just created (the sign-in form itself is not under test; opened
			// signed out, n8n's /signin logs a 401 for its "who am I" request).
			const [name, ...rest] = ctx.server.cookie.split('=');
			await c.addCookies([{ name, value: rest.join('='), url: ctx.server.url }]);
			page = c.pages()[0] ?? (await c.newPage());
			await page.goto(`${ctx.server.url}/workflow/new`, { timeout: 60_000 });
			await page
				.locator('[data-test-id=canvas-plus-button], [data-test-id=canvas-add-button]')
				.first()
				.waitFor({ timeout: 60_000 });
			const gotIt = page.getByRole('button', { name: 'Got it' });
			if (await gotIt.count()) await gotIt.first().click();
			return `${VIEWPORT.width}×${VIEWPORT.height}, fresh profile ${path.relative(tmpDir, profile)}`;
		},
	},

	// ---- node panel: "Tavus" ----------------------------------------------------------------------
	{
		name: 'node panel: "Tavus" in the trigger panel of an empty workflow',
		run: async ({ built }, problem) => {
			await ui.openNodePanel(page);
			const names = await ui.searchNodePanel(page, 'Tavus');
			await ui.closeNodePanel(page);
			if (!names.includes('Tavus'))
				problem(
					`searching "Tavus" lists ${names.length ? names.join(', ') : 'nothing'}${searchabilityProblem(built.trigger.codex) ? `; cause: ${searchabilityProblem(built.trigger.codex)}` : ''}`,
				);
			return `lists: ${names.join(', ') || '(nothing)'}`;
		},
	},
	{
		name: 'node panel: add Manual Trigger, then "Tavus" → "Create a persona"',
		run: async ({ built, searchHint }, problem) => {
			await ui.openNodePanel(page);
			const manual = await ui.searchNodePanel(page, 'Manual');
			const manualName = manual.find((n) => /^(Trigger manually|Manual Trigger)$/.test(n));
			if (!manualName)
				throw new Error(`searching "Manual" lists ${manual.join(', ')}: no Manual Trigger`);
			await ui.nodePanelItem(page, manualName).click();
			await page.locator('[data-test-id=canvas-trigger-node]').first().waitFor();
			const r = await addFromNodePanel({ search: 'Tavus', item: 'Tavus', action: undefined });
			let via = 'found by the search';
			if (!r.found) {
				problem(
					`searching "Tavus" in "What happens next?" lists ${r.names.join(', ') || 'nothing'}${searchHint ? `; cause: ${searchHint}` : ''}`,
				);
				await addFromAiPanel({ search: 'Tavus', item: 'Tavus' });
				via = 'reached through the AI panel instead';
			}
			// The node's details in the panel: installed via npm, its actions by resource.
			const panel = page.locator('[data-test-id=node-creator]');
			await ui.nodePanelAction(page, 'Create a persona').waitFor();
			const text = await panel.innerText();
			if (!/Installed/.test(text) || !/Via npm/i.test(text))
				problem('the node panel does not show the package as installed via npm');
			const actions = /Actions \((\d+)\)/.exec(text)?.[1];
			const expectedActions = built.matrix.length;
			if (Number(actions) !== expectedActions)
				problem(
					`the node panel shows Actions (${actions}), the description has ${expectedActions} operations`,
				);
			const file = await shot('node-panel.png', { locator: panel });
			await ui.nodePanelAction(page, 'Create a persona').click();
			await page.locator(ui.NDV).waitFor();
			const resource = await ui.optionText(page, 'parameters.resource');
			const operation = await ui.optionText(page, 'parameters.operation');
			if (resource !== 'Persona (PAL)' || operation !== 'Create')
				problem(`the action opened ${resource} → ${operation}, expected Persona (PAL) → Create`);
			return `${via}, Actions (${actions}); node "${(await page.locator(`${ui.NDV} [data-test-id=node-title-container]`).innerText()).trim()}" open; ${file}`;
		},
	},

	// ---- credential (right key) -----------------------------------------------------------------
	{
		name: 'credential: create it in the node (right key) → its test passes on save',
		run: async (ctx, problem) => {
			const c = await createCredential({ apiKey: API_KEY, baseUrl: ctx.mock.url });
			if (c.status !== 'OK') problem(`the test on save answered ${c.status}: ${c.message}`);
			// n8n closes the modal after a successful first save from a node; reopen it to see the result.
			await ui.until(
				async () =>
					!(await c.modal.isVisible()) ||
					(await c.modal
						.locator('[data-test-id=credentials-config-container-test-success]')
						.isVisible()),
				{
					timeoutMs: 10_000,
					message: () => 'the credential modal to close or show the test result',
				},
			);
			await closeCredentialModal();
			const select = page.locator(`${ui.NDV} [data-test-id=node-credentials-select] input`);
			await ui.until(async () => (await select.inputValue()) === c.name, {
				message: () => `the node's credential to be "${c.name}"`,
			});
			await page.locator(`${ui.NDV} [data-test-id=credential-edit-button]`).click();
			const banner = c.modal.locator('[data-test-id=credentials-config-container-test-success]');
			await banner.waitFor({ timeout: 20_000 });
			const bannerText = (await banner.innerText()).trim().split('\n')[0].trim();
			if (!/Connection tested successfully/.test(bannerText))
				problem(`the credential shows "${bannerText}"`);
			const file = await shot('credential.png', { locator: c.modal });
			await closeCredentialModal();
			ctx.goodCredential = { name: c.name };
			return `"${c.name}": test on save ${c.status} (${c.message}); reopened: "${bannerText}"; ${file}`;
		},
	},

	// ---- Persona → Create ------------------------------------------------------------------------
	{
		name: 'Persona → Create: type the Life Coach persona (layers through "Add Field")',
		run: async ({ built }, problem) => {
			const parameters = readJson(path.join(FIXTURES, 'life-coach.parameters.json'));
			const { resource, operation, ...rest } = parameters;
			assert.equal(resource, 'persona');
			assert.equal(operation, 'create');
			const shownFor = built.matrix.find(
				(r) => r.resource.value === resource && r.operation.value === operation,
			);
			const shownNames = new Set(shownFor.visible.map((v) => v.name));
			const props = built.tavus.description.properties.filter((p) => shownNames.has(p.name));
			const log = await ui.fillParameters(page, props, rest);
			// What the editor now holds for the node, against the fixture (diagnostic for a body mismatch).
			const stored = await ui.storedNodeParameters(page, PERSONA_NODE);
			if (stored) {
				for (const [k, v] of Object.entries(parameters)) {
					try {
						assert.deepStrictEqual(stored[k], v);
					} catch {
						problem(
							`the editor holds ${k} = ${JSON.stringify(stored[k])}, the fixture has ${JSON.stringify(v)}`,
						);
					}
				}
			}
			// The whole persona with its layers, for the README.
			const file = await columnSheetShot('persona-create-layers.png');
			const added = log.filter((l) => l.includes('Add Field')).length;
			return `${log.length} UI actions (${added} fields added with "Add Field"); ${stored ? 'editor state = fixture' : 'editor state not readable'}; ${file}`;
		},
	},
	{
		name: 'Execute step → the mock receives the seed body exactly',
		run: async ({ mock }, problem) => {
			const expectedBody = readJson(path.join(FIXTURES, 'seed-create-persona.body.json'));
			expectedBody.layers.tts.tts_emotion_control = false; // the API field is a boolean
			await mock.clearRequests();
			await page.locator(`${ui.NDV} [data-test-id=node-execute-button]`).click();
			const output = page.locator(`${ui.NDV} [data-test-id=output-panel]`);
			await ui.until(async () => /\b1 item\b/.test(await output.innerText()), {
				timeoutMs: 60_000,
				message: () => 'the output panel to show 1 item',
			});
			const outText = (await output.innerText()).replace(/\s+/g, ' ').trim();
			const requests = await mock.requests();
			const posts = requests.filter((r) => r.method === 'POST' && r.path === '/v2/personas');
			if (posts.length !== 1)
				throw new Error(
					`expected one POST /v2/personas, the mock received ${posts.length} (${requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'no requests'}); the output panel shows: ${outText.slice(0, 400)}`,
				);
			try {
				assert.deepStrictEqual(posts[0].body, expectedBody);
			} catch (e) {
				problem(
					`the body differs from test/fixtures/seed-create-persona.body.json (tts_emotion_control: false):\n${e.message}\nbody sent: ${json(posts[0].body)}`,
				);
			}
			if (posts[0].headers['x-api-key'] !== API_KEY)
				problem("the request did not carry the credential's API key");
			const state = await mock.state();
			const created = Object.values(state.personas ?? {}).find(
				(p) => p.persona_name === 'Life Coach',
			);
			await output.locator('[data-test-id=radio-button-json]').click();
			await ui.until(
				async () => created && (await output.innerText()).includes(created.persona_id),
				{
					message: () => `the output to show persona_id ${created?.persona_id}`,
				},
			);
			await page
				.locator(`${ui.PARAMS} label[for=resource]`)
				.evaluate((el) => el.scrollIntoView({ block: 'center' }));
			const file = await shot('execution-output.png', { clip: await ndvBox() });
			return `POST /v2/personas body = fixture, HTTP ${posts[0].status}; output shows persona_id ${created.persona_id}; ${file}`;
		},
	},

	// ---- the replica picker -------------------------------------------------------------------------
	{
		name: 'Default Replica "From list": replicas with name and ID, search "Anna", next page on scroll',
		run: async ({ mock }, problem) => {
			const p = 'parameters.defaultReplica';
			await ui.setLocatorMode(page, p, 'list');
			// Near the top of the panel, so that the list opens downwards (for the picture).
			await page
				.locator(`${ui.PARAMS} label[for=defaultReplica]`)
				.evaluate((el) => el.scrollIntoView({ block: 'start' }));
			const scope = page.locator(`${ui.PARAMS} [data-parameter-path="${p}"]`);
			await scope.locator('[data-test-id=rlc-input]').click();
			const items = scope.locator('[data-test-id=rlc-item]');
			await ui.until(async () => (await items.count()) > 0, {
				timeoutMs: 20_000,
				message: () => 'the replica list',
			});
			const state = await mock.state();
			const replicas = Object.values(state.replicas);
			const { firstPage, anna } = await checkFirstReplicaPage(items, replicas, problem);
			const shotFile = await replicaListShot(items);
			const filtered = await searchAnna(scope, items, problem);
			const all = await scrollToAllReplicas(items, replicas.length);
			const listRequests = (await mock.requests()).filter(
				(r) => r.method === 'GET' && r.path === '/v2/replicas',
			);
			const pages = [...new Set(listRequests.map((r) => r.query.page))].sort();
			await page.keyboard.press('Escape');
			return `first page ${firstPage.length}, "${anna}"; search "Anna" → ${filtered.length} (${filtered.join(', ')}); after scrolling ${all} of ${replicas.length} (pages requested: ${pages.join(', ')}); ${shotFile}`;
		},
	},

	// ---- node panel: "PAL", and every resource/operation ----------------------------------------------
	{
		name: 'node panel: "PAL" finds the node; add a second Tavus node that way',
		run: async ({ searchHint }, problem) => {
			await closeNdv();
			const r = await addFromNodePanel({
				search: 'PAL',
				item: 'Tavus',
				action: 'Get many personas',
			});
			if (!r.found) {
				problem(
					`searching "PAL" lists ${r.names.slice(0, 12).join(', ')}${r.names.length > 12 ? ', ...' : ''} without Tavus${searchHint ? `; cause: ${searchHint}` : ''}`,
				);
				await addFromAiPanel({ search: 'PAL', item: 'Tavus', action: 'Get many personas' });
				return 'added through the AI panel instead';
			}
			return `"PAL" lists Tavus (result ${r.names.indexOf('Tavus') + 1} of ${r.names.length}); node "${(await page.locator(`${ui.NDV} [data-test-id=node-title-container]`).innerText()).trim()}" added`;
		},
	},
	{
		name: 'every resource and operation: parameters shown/hidden as displayOptions say',
		run: async ({ built, goodCredential }, problem) => {
			const select = page.locator(`${ui.NDV} [data-test-id=node-credentials-select] input`);
			const cred = await select.inputValue().catch(() => '');
			if (cred !== goodCredential.name)
				problem(
					`the second node's credential is "${cred}", expected "${goodCredential.name}" (picked automatically)`,
				);
			let checked = 0;
			let visibleChecked = 0;
			const perResource = new Map();
			for (const row of built.matrix) {
				await ui.selectOption(page, 'parameters.resource', row.resource.name);
				await ui.selectOption(page, 'parameters.operation', row.operation.name);
				let diff;
				try {
					await ui.until(
						async () => {
							const shown = await ui.shownParameters(page);
							diff = compareShown(shown, row);
							return diff.missing.length === 0 && diff.unexpected.length === 0;
						},
						{ timeoutMs: 3000, message: () => 'the parameters to match' },
					);
				} catch {
					problem(
						`${row.resource.name} → ${row.operation.name}: ${diff.missing.length ? `not shown: ${diff.missing.join(', ')}` : ''}${diff.missing.length && diff.unexpected.length ? '; ' : ''}${diff.unexpected.length ? `shown but should be hidden: ${diff.unexpected.join(', ')}` : ''}`,
					);
				}
				checked += row.visible.length + row.hidden.length;
				visibleChecked += row.visible.length;
				perResource.set(row.resource.name, (perResource.get(row.resource.name) ?? 0) + 1);
			}
			return `${built.matrix.length} operations of ${perResource.size} resources (${[...perResource].map(([r, n]) => `${r} ${n}`).join(', ')}); ${checked} parameter checks (${visibleChecked} shown, ${checked - visibleChecked} hidden)`;
		},
	},

	// ---- wrong key --------------------------------------------------------------------------------------
	{
		name: "credential with a wrong key: its test on save fails with Tavus's message",
		run: async (ctx, problem) => {
			const c = await createCredential({ apiKey: WRONG_KEY, baseUrl: ctx.mock.url });
			const expected = 'Invalid access token (Tavus rejected the API key)';
			if (c.status !== 'Error' || c.message !== expected)
				problem(
					`the test on save answered ${c.status}: "${c.message}", expected Error: "${expected}"`,
				);
			const details = c.modal.getByText('More details');
			await details.waitFor();
			await details.click();
			await c.modal.getByText(expected).waitFor();
			const banner = (await c.modal.innerText())
				.split('\n')
				.filter((l) => /couldn.t connect|invalid access token/i.test(l));
			await closeCredentialModal();
			ctx.wrongCredential = { name: c.name };
			return `"${c.name}": ${c.status}, the modal shows ${banner.map((b) => `"${b.trim()}"`).join(' + ')}`;
		},
	},
	{
		name: 'replica picker with the wrong key shows "Invalid access token"',
		run: async ({ built, mock, wrongCredential }, problem) => {
			const select = page.locator(`${ui.NDV} [data-test-id=node-credentials-select] input`);
			await ui.until(async () => (await select.inputValue()) === wrongCredential.name, {
				message: () => `the node's credential to be "${wrongCredential.name}"`,
			});
			// A replica picker of the built description (e.g. Replica → Get).
			const target = findReplicaPicker(built);
			await ui.selectOption(page, 'parameters.resource', target.row.resource.name);
			await ui.selectOption(page, 'parameters.operation', target.row.operation.name);
			const p = `parameters.${target.prop.name}`;
			const scope = page.locator(`${ui.PARAMS} [data-parameter-path="${p}"]`);
			await mock.clearRequests();
			const errorBox = scope.locator('[data-test-id=rlc-error-container]');
			let text = '';
			await expectErrors(
				'the editor asks n8n for the replica list with the wrong key; n8n answers the failed lookup with an HTTP error status, which Chromium logs',
				(e) =>
					e.kind === 'console' &&
					/^Failed to load resource: the server responded with a status of (4|5)\d\d/.test(
						e.text,
					) &&
					/\/rest\/dynamic-node-parameters\/resource-locator-results/.test(e.url ?? ''),
				async () => {
					await scope.locator('[data-test-id=rlc-input]').click();
					await errorBox.waitFor({ timeout: 20_000 });
					text = (await errorBox.innerText()).replace(/\s+/g, ' ').trim();
				},
			);
			if (!/Invalid access token/.test(text)) problem(`the picker shows "${text}"`);
			const itemsShown = await scope.locator('[data-test-id=rlc-item]').count();
			if (itemsShown) problem(`the picker lists ${itemsShown} items with a wrong key`);
			const calls = (await mock.requests()).filter((r) => r.path === '/v2/replicas');
			await page.keyboard.press('Escape');
			return `${target.row.resource.name} → ${target.row.operation.name}, ${target.prop.displayName}: "${text}" (the mock answered ${calls.map((c) => c.status).join(', ')}), no items`;
		},
	},

	// ---- Tavus Trigger ----------------------------------------------------------------------------------
	{
		name: 'Tavus Trigger: webhook URLs (test and production) are shown',
		run: async ({ built, searchHint, server }, problem) => {
			await closeNdv();
			const { eventCount, eventName } = await addTavusTrigger(built, searchHint, problem);
			const title = (
				await page.locator(`${ui.NDV} [data-test-id=node-title-container]`).innerText()
			).trim();
			const webhooks = page.locator(`${ui.NDV} .webhooks`);
			const headline = webhooks.locator('.headline');
			if (!/expanded/.test((await headline.getAttribute('class')) ?? '')) await headline.click();
			const url = webhooks.locator('.webhook-url');
			await webhooks.locator('[data-test-id=radio-button-test]').click();
			const testUrl = (await url.innerText()).trim();
			await webhooks.locator('[data-test-id=radio-button-production]').click();
			await ui.until(async () => (await url.innerText()).trim() !== testUrl, {
				message: () => 'the production URL',
			});
			const prodUrl = (await url.innerText()).trim();
			const webhookPath = built.trigger.description.webhooks?.[0]?.path ?? 'tavus';
			const base = `http://localhost:${server.port}`;
			const t = new RegExp(`^${base}/webhook-test/([0-9a-f-]{36})/${webhookPath}$`).exec(testUrl);
			const p = new RegExp(`^${base}/webhook/([0-9a-f-]{36})/${webhookPath}$`).exec(prodUrl);
			if (!t) problem(`test URL "${testUrl}" is not ${base}/webhook-test/<id>/${webhookPath}`);
			if (!p) problem(`production URL "${prodUrl}" is not ${base}/webhook/<id>/${webhookPath}`);
			if (t && p && t[1] !== p[1])
				problem('the test and production URLs have different webhook ids');
			const method = (await webhooks.locator('.http-method').innerText()).trim();
			if (method !== 'POST') problem(`the webhook method shown is ${method}, expected POST`);
			return `${eventCount} trigger events listed; "${eventName}" → "${title}": ${method} ${testUrl} | ${prodUrl}`;
		},
	},

	// ---- browser console -----------------------------------------------------------------------------
	{
		name: 'browser: no page errors, no console errors',
		run: async (ctx, problem) => {
			const bad = browserErrors.filter((e) => !e.tolerated && !e.expected);
			for (const e of bad)
				problem(`${e.kind} during "${e.during}": ${e.text}${e.url ? ` (${e.url})` : ''}`);
			const tolerated = browserErrors.filter((e) => e.tolerated || e.expected);
			const groups = new Map();
			for (const e of tolerated) {
				const k = `${e.text}${e.url ? ` ${e.url}` : ''} — ${e.tolerated ?? e.expected}`;
				groups.set(k, (groups.get(k) ?? 0) + 1);
			}
			for (const [k, n] of groups) say(`    tolerated ×${n}: ${k}`);
			return `${browserErrors.length} errors logged, ${bad.length} not allowed`;
		},
	},
];

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

/**
 * Sets up the temp folder (removed at the end unless kept), then runs the cases one by one through
 * step(); what they start is stopped by `cleanups` below, on success, failure or Ctrl-C.
 */
async function main() {
	say(
		`n8n-nodes-tavus editor test: n8n ${host.getLeg('2').n8n} in Chromium (playwright-core); cache ${host.cacheDir()}`,
	);
	tmpDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-ui-'));
	cleanups.push(async () => {
		if (KEEP || failed)
			say(`  (kept ${tmpDir}: n8n log, mock log${failed ? ', failure screenshots' : ''})`);
		else await fsp.rm(tmpDir, { recursive: true, force: true });
	});
	const ctx = {};
	for (const c of CASES)
		await step(c.name, (problem) => c.run(ctx, problem), { timeoutMs: c.timeoutMs });
}

/**
 * Compares the shown top-level parameters with a row of the display matrix: every visible one must
 * be shown, nothing else may be (hidden ones, or anything not in the description).
 */
function compareShown(shown, row) {
	const names = new Set(shown.filter((x) => x.name).map((x) => x.name));
	const texts = shown.filter((x) => x.text !== undefined).map((x) => plainText(x.text));
	const visibleNames = new Set(row.visible.filter((v) => v.type !== 'notice').map((v) => v.name));
	const notices = row.visible
		.filter((v) => v.type === 'notice')
		.map((v) => v.key.slice('notice:'.length));
	const missing = [];
	const unexpected = [];
	for (const v of row.visible) {
		if (v.type === 'notice') {
			if (!texts.some((t) => t.startsWith(v.key.slice('notice:'.length))))
				missing.push(`notice "${v.displayName.slice(0, 40)}..."`);
		} else if (!names.has(v.name)) missing.push(`${v.name} (${v.displayName})`);
	}
	for (const n of names) {
		if (visibleNames.has(n)) continue;
		const h = row.hidden.find((x) => x.name === n);
		unexpected.push(h ? `${n} (${h.displayName})` : `${n} (not in the description)`);
	}
	for (const t of texts)
		if (!notices.some((k) => t.startsWith(k))) unexpected.push(`"${t.slice(0, 50)}"`);
	return { missing, unexpected };
}

const startedAt = Date.now();
let fatal;
try {
	await main();
} catch (e) {
	fatal = e;
	failed = true;
} finally {
	await cleanups.run();
}
reporter.printSummary('editor test', Date.now() - startedAt);
if (fatal) {
	say(`\nFAILED at ${fatal.step ?? '(setup)'}:\n${fatal.message}`);
	if (fatal.stack && !/^(AssertionError|Error: timed out)/.test(fatal.stack))
		say(`\n${fatal.stack}`);
}
if (failed) {
	say(`\nEditor test FAILED (${results.filter((r) => !r.ok).length} step(s)).`);
	process.exitCode = 1;
} else {
	say('\nAll editor checks passed.');
}
