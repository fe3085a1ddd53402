#!/usr/bin/env node
// node scripts/rename-package.mjs [--dry-run] <new-name>
//
// The package name is one decision, in package.json's `name`. n8n names this package's node types
// after it (`<name>.tavus`, `<name>.tavusTool`, `<name>.tavusTrigger`), so a rename changes every
// saved workflow's node types. This script renames the package in one go:
//   - package.json `name` (and package-lock.json's copy of it)
//   - the node types in examples/*.json and test/e2e/queue/tavus-queue.workflow.json
//   - the `node` field of the codex files nodes/*/*.node.json
//   - README.md's title and install lines (`npm install <name>`, `npm view <name>`, the name to enter
//     in Settings → Community Nodes, N8N_COMMUNITY_PACKAGES)
// --dry-run prints what would change and writes nothing. The tests (test/structure/
// packageName.test.ts) and the real-n8n scripts take the name from package.json.
//
// Also a module: the real-n8n scripts use retypeWorkflow() to point a workflow's Tavus nodes at
// package.json's name before importing it into n8n.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** This package's node names (the part of a node type after `<package name>.`). */
export const NODE_NAMES = ['tavus', 'tavusTool', 'tavusTrigger', 'tavusToolTrigger'];

/** A name n8n accepts for a community package: n8n-nodes-… or @scope/n8n-nodes-…, lowercase. */
export const VALID_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?n8n-nodes-[a-z0-9][a-z0-9._~-]*$/;

/** Whether `type` is one of this package's node types (under any package name but n8n's own). */
export function isOwnNodeType(type) {
	if (typeof type !== 'string') return false;
	const dot = type.lastIndexOf('.');
	if (dot <= 0) return false;
	const prefix = type.slice(0, dot);
	return (
		NODE_NAMES.includes(type.slice(dot + 1)) &&
		prefix !== 'n8n-nodes-base' &&
		!prefix.startsWith('@n8n/')
	);
}

/**
 * Points the workflow's Tavus nodes at `packageName` (in place). Returns how many node types it
 * changed (0 when the workflow already uses that name).
 */
export function retypeWorkflow(workflow, packageName) {
	let changed = 0;
	for (const node of workflow?.nodes ?? []) {
		if (!isOwnNodeType(node.type)) continue;
		const wanted = `${packageName}.${node.type.slice(node.type.lastIndexOf('.') + 1)}`;
		if (node.type !== wanted) {
			node.type = wanted;
			changed++;
		}
	}
	return changed;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Rewrites the `"type": "<own node type>"` lines of a workflow JSON text, keeping its layout. */
function retypeText(text, newName) {
	return text.replace(/("type"\s*:\s*")([^"]+)(")/g, (all, open, type, close) =>
		isOwnNodeType(type)
			? `${open}${newName}.${type.slice(type.lastIndexOf('.') + 1)}${close}`
			: all,
	);
}

/** Rewrites the package's `"name"` at the top of package.json / package-lock.json. */
function renameJsonText(text, oldName, newName, { lock = false } = {}) {
	const json = JSON.parse(text);
	if (json.name !== oldName) return text;
	// the first "name" of the file is the package's own (top-level key before any nested object)
	let out = text.replace(
		new RegExp(`("name"\\s*:\\s*")${escape(oldName)}(")`),
		(_, a, b) => `${a}${newName}${b}`,
	);
	if (lock) {
		// package-lock.json repeats it under packages[""]
		out = out.replace(
			new RegExp(`("":\\s*\\{\\s*"name"\\s*:\\s*")${escape(oldName)}(")`),
			(_, a, b) => `${a}${newName}${b}`,
		);
	}
	return out;
}

/** README: the title and the lines a user types to install or check the package. */
function renameReadme(text, oldName, newName) {
	const name = escape(oldName);
	const end = '(?![\\w./@-])';
	return text
		.replace(new RegExp(`^# ${name}$`, 'm'), `# ${newName}`)
		.replace(new RegExp(`(npm (?:install|view) )${name}${end}`, 'g'), `$1${newName}`)
		.replace(new RegExp(`(enter \`)${name}(\`)`, 'g'), `$1${newName}$2`)
		.replace(new RegExp(`("name":\\s*")${name}(")`, 'g'), `$1${newName}$2`);
}

/** The files a rename touches and their new text. */
export function planRename(newName, repoDir = REPO_DIR) {
	const read = (rel) => fs.readFileSync(path.join(repoDir, rel), 'utf8');
	const oldName = JSON.parse(read('package.json')).name;
	const files = [];
	const add = (rel, transform) => {
		if (!fs.existsSync(path.join(repoDir, rel))) return;
		const before = read(rel);
		const after = transform(before);
		if (after !== before) files.push({ rel, before, after });
	};
	add('package.json', (t) => renameJsonText(t, oldName, newName));
	add('package-lock.json', (t) => renameJsonText(t, oldName, newName, { lock: true }));
	const workflows = [
		...fs
			.readdirSync(path.join(repoDir, 'examples'))
			.filter((f) => f.endsWith('.json'))
			.sort()
			.map((f) => `examples/${f}`),
		'test/e2e/queue/tavus-queue.workflow.json',
	];
	for (const rel of workflows) add(rel, (t) => retypeText(t, newName));
	for (const dir of ['Tavus', 'TavusTrigger', 'TavusToolTrigger'])
		add(`nodes/${dir}/${dir}.node.json`, (t) =>
			t.replace(/("node"\s*:\s*")([^"]+)(")/, (all, a, type, b) =>
				isOwnNodeType(type) ? `${a}${newName}.${type.slice(type.lastIndexOf('.') + 1)}${b}` : all,
			),
		);
	add('README.md', (t) => renameReadme(t, oldName, newName));
	return { oldName, files };
}

function changedLines(before, after) {
	const a = before.split('\n');
	const b = after.split('\n');
	const lines = [];
	for (let i = 0; i < Math.max(a.length, b.length); i++)
		if (a[i] !== b[i])
			lines.push(`    ${i + 1}: ${(a[i] ?? '').trim()}\n      → ${(b[i] ?? '').trim()}`);
	return lines;
}

function main(argv) {
	const dryRun = argv.includes('--dry-run') || argv.includes('-n');
	const names = argv.filter((a) => !a.startsWith('-'));
	if (names.length !== 1 || argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(
			'usage: node scripts/rename-package.mjs [--dry-run] <new-name>\n' +
				'  e.g. node scripts/rename-package.mjs --dry-run @example/n8n-nodes-tavus\n',
		);
		return names.length === 1 ? 0 : 2;
	}
	const newName = names[0];
	if (!VALID_NAME.test(newName)) {
		process.stderr.write(
			`"${newName}" is not a community package name n8n accepts: n8n-nodes-… or @scope/n8n-nodes-… (lowercase)\n`,
		);
		return 2;
	}
	const { oldName, files } = planRename(newName);
	if (oldName === newName && files.length === 0) {
		process.stdout.write(`package.json already says ${newName}; everything follows it\n`);
		return 0;
	}
	process.stdout.write(
		`${dryRun ? 'Would rename' : 'Renaming'} ${oldName} → ${newName} (node types ${oldName}.tavus → ${newName}.tavus)\n`,
	);
	for (const f of files) {
		const lines = changedLines(f.before, f.after);
		process.stdout.write(`  ${f.rel} (${lines.length} line${lines.length === 1 ? '' : 's'})\n`);
		if (dryRun) process.stdout.write(`${lines.join('\n')}\n`);
		if (f.rel.endsWith('.json')) JSON.parse(f.after); // never write a broken JSON file
	}
	if (dryRun) {
		process.stdout.write('Dry run: nothing written.\n');
		return 0;
	}
	for (const f of files) fs.writeFileSync(path.join(REPO_DIR, f.rel), f.after);
	process.stdout.write(
		'Done. Also: say the rename in CHANGELOG.md (saved workflows must be re-pointed to the new node types),\n' +
			'run `npx jest test/structure`, and check README.md for other mentions of the old name.\n',
	);
	return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
	process.exitCode = main(process.argv.slice(2));
