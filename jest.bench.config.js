/**
 * Jest config for the engine micro-benchmark (`npm run bench:jest`; `npm run bench` is the real-n8n
 * benchmark, scripts/bench.mjs), separate from the unit/engine tests (jest.config.js only matches
 * `*.test.ts`, this one only `test/bench/**\/*.bench.ts`).
 *
 * Knobs (environment): BENCH_ITEMS (default 1000), BENCH_LATENCY_MS (50), BENCH_CONCURRENCY (10),
 * BENCH_CPU_REPEATS (7), BENCH_CPU_PROFILE (path prefix: also write <prefix>-node.cpuprofile and
 * <prefix>-fetch.cpuprofile, V8 CPU profiles of one node run / one fetch loop at latency 0).
 *
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/bench'],
	testMatch: ['**/*.bench.ts'],
	// test/bench/tsconfig.json sets isolatedModules: ts-jest only transpiles, without an in-process
	// type checker (it would add ~300 MB of heap to the memory figures and ~10 s of start-up).
	// The bench is type-checked with the rest: `npx tsc -p test/tsconfig.json --noEmit`.
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{
				tsconfig: 'test/bench/tsconfig.json',
				diagnostics: { warnOnly: false },
			},
		],
	},
	// The bench sets its own per-test time limit from the knobs above.
	testTimeout: 120000,
	// One file, in this process: process.cpuUsage()/memoryUsage() then measure the node run.
	maxWorkers: 1,
	verbose: false,
	// No coverage instrumentation, whatever the command line says: it would distort the figures.
	collectCoverage: false,
};
