#!/usr/bin/env node
// npm run scan — n8n's community-package scanner (@n8n/scan-community-package), run locally on the
// two legs it checks before verifying a package, without the registry lookups or provenance check
// that only work for a published version:
//   1. the source tree (its SOURCE_FILE_PATTERNS: package.json, nodes/ and credentials/ sources),
//   2. the packed tarball, unpacked (its compiled JavaScript and package.json),
// both with the scanner's own `analyzePackage` (ESLint with its rules, inline disables ignored).
// Also prints the tarball's size and refuses one over 250 kB.
//
// The scanner is installed once into the cache folder (scan-<version>/, next to the n8n installs
// of scripts/n8n-host.mjs), not into this package's devDependencies: it pins TypeScript 7 and
// ESLint 9.29, which the build and the tests do not use. Needs the npm registry the first time.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as host from './n8n-host.mjs';

const SCANNER_VERSION = '0.32.0';
const MAX_TARBALL_BYTES = 250 * 1024;

const say = (message) => process.stdout.write(`${message}\n`);

async function ensureScanner() {
	const dir = path.join(host.cacheDir(), `scan-${SCANNER_VERSION}`);
	const entry = path.join(
		dir,
		'node_modules',
		'@n8n',
		'scan-community-package',
		'scanner',
		'scanner.mjs',
	);
	if (fs.existsSync(path.join(dir, '.tavus-ready'))) return entry;
	say(`▶ install @n8n/scan-community-package@${SCANNER_VERSION} into ${dir}`);
	await fsp.mkdir(dir, { recursive: true });
	await fsp.writeFile(path.join(dir, 'package.json'), '{"private":true}\n');
	const result = await host.run(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--ignore-scripts',
			'--no-package-lock',
			`@n8n/scan-community-package@${SCANNER_VERSION}`,
		],
		{ cwd: dir, env: host.cleanEnv({ npm_config_update_notifier: 'false' }) },
	);
	if (result.code !== 0 || !fs.existsSync(entry)) {
		throw new Error(`installing the scanner failed:\n${result.stderr.slice(-3000)}`);
	}
	await fsp.writeFile(path.join(dir, '.tavus-ready'), `${SCANNER_VERSION}\n`);
	return entry;
}

function report(leg, result) {
	if (result.passed) {
		say(`  ✔ ${leg}: passed${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	say(`  ✘ ${leg}: ${result.message}`);
	if (result.details) say(result.details);
	return false;
}

async function main() {
	const scanner = await import(pathToFileURL(await ensureScanner()).href);

	say(
		`▶ scanner ${SCANNER_VERSION}, leg 1: the source tree (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`,
	);
	const source = await scanner.analyzePackage(host.REPO_DIR, scanner.SOURCE_FILE_PATTERNS);
	let ok = report('source', source);

	say('▶ leg 2: the packed tarball (build, npm pack, unpack; **/*.js and package.json)');
	const packed = await host.packPackage({ log: (line) => say(`  ${line}`) });
	const unpacked = await fsp.mkdtemp(path.join(os.tmpdir(), 'tavus-scan-'));
	try {
		const untar = await host.run('tar', ['xzf', packed.tgz, '-C', unpacked]);
		if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
		const tarball = await scanner.analyzePackage(path.join(unpacked, 'package'), [
			'**/*.js',
			'package.json',
		]);
		ok = report('tarball', tarball) && ok;
		const kB = (packed.size / 1024).toFixed(1);
		if (packed.size > MAX_TARBALL_BYTES) {
			say(`  ✘ tarball size: ${kB} kB, over the 250 kB limit`);
			ok = false;
		} else {
			say(`  ✔ tarball size: ${kB} kB (${packed.files.length} files; limit 250 kB)`);
		}
	} finally {
		await fsp.rm(unpacked, { recursive: true, force: true });
		await fsp.rm(packed.dir, { recursive: true, force: true });
	}
	say(ok ? '\nscan: passed' : '\nscan: FAILED');
	process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`scan failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
