/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: reads and writes the schema files */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createFixtures, operationCases } from '../helpers/operationCases';
import { useTestbed } from '../helpers/testbed';
import { inferSchema, mergeSchemas, outputSchemaOf, type OutputSchema } from './inferSchema';

/**
 * The output schemas the package ships (nodes/Tavus/__schema__/v1.0.0/<resource>/<operation>.json,
 * copied to dist by `n8n-node build`) describe what each operation really outputs: every
 * operation runs against the Tavus stand-in and its output must have exactly the committed
 * schema. After a deliberate change of an output, rewrite them with
 *   UPDATE_OUTPUT_SCHEMAS=1 npx jest test/schema
 * (a file whose schema changes gets its `version` raised by one).
 */
const SCHEMA_ROOT = resolve(__dirname, '../../nodes/Tavus/__schema__/v1.0.0');
const UPDATE = process.env.UPDATE_OUTPUT_SCHEMAS === '1';

const withoutVersion = (schema: OutputSchema): OutputSchema => {
	const rest = { ...schema };
	delete rest.version;
	return rest;
};

function schemaFiles(): string[] {
	if (!existsSync(SCHEMA_ROOT)) return [];
	return readdirSync(SCHEMA_ROOT, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) =>
			readdirSync(join(SCHEMA_ROOT, entry.name))
				.filter((file) => file.endsWith('.json'))
				.map((file) => `${entry.name}/${file}`),
		)
		.sort();
}

describe('inferSchema', () => {
	it('describes values the way n8n schemas do', () => {
		expect(inferSchema({ b: 1, a: 'x', c: [{ d: true }, { e: 1.5 }], f: null, g: [] })).toEqual({
			type: 'object',
			properties: {
				a: { type: 'string' },
				b: { type: 'integer' },
				c: {
					type: 'array',
					items: {
						type: 'object',
						properties: { d: { type: 'boolean' }, e: { type: 'number' } },
					},
				},
				f: { type: 'null' },
				g: { type: 'array' },
			},
		});
	});

	it('merges items: joined properties, a type over null, number over integer', () => {
		expect(
			mergeSchemas(inferSchema({ a: null, n: 1 }), inferSchema({ a: 'x', n: 2.5, z: false })),
		).toEqual({
			type: 'object',
			properties: { a: { type: 'string' }, n: { type: 'number' }, z: { type: 'boolean' } },
		});
		expect(outputSchemaOf([])).toEqual({ type: 'null' });
	});
});

describe('output schemas in nodes/Tavus/__schema__', () => {
	const bed = useTestbed();

	it('match what every operation outputs', async () => {
		const fixtures = await createFixtures(bed);
		const problems: string[] = [];
		const expected = new Set<string>();
		for (const { label, resource, operation, parameters } of operationCases(fixtures)) {
			const run = await bed.run(parameters);
			if (run.error) {
				problems.push(`${label}: failed (${run.error.message})`);
				continue;
			}
			const schema = outputSchemaOf(run.items.map((item) => item.json));
			const file = join(SCHEMA_ROOT, resource, `${operation}.json`);
			const name = relative(SCHEMA_ROOT, file);
			expected.add(name);
			const committed = existsSync(file)
				? (JSON.parse(readFileSync(file, 'utf8')) as OutputSchema)
				: undefined;
			const same =
				committed !== undefined &&
				JSON.stringify(withoutVersion(committed)) === JSON.stringify(schema);
			if (same) continue;
			if (UPDATE) {
				mkdirSync(dirname(file), { recursive: true });
				const version = (committed?.version ?? 0) + 1;
				writeFileSync(file, `${JSON.stringify({ ...schema, version }, null, '\t')}\n`);
			} else {
				problems.push(
					committed ? `${label}: the output differs from ${name}` : `${label}: ${name} is missing`,
				);
			}
		}
		const extra = schemaFiles().filter((name) => !expected.has(name));
		problems.push(...extra.map((name) => `${name}: no such operation`));
		if (problems.length > 0) {
			throw new Error(
				`${problems.join('\n')}\n(after a deliberate output change: UPDATE_OUTPUT_SCHEMAS=1 npx jest test/schema)`,
			);
		}
	});

	it('are written the way the build copies and n8n reads them', () => {
		const files = schemaFiles();
		expect(files.length).toBeGreaterThan(50);
		for (const name of files) {
			const text = readFileSync(join(SCHEMA_ROOT, name), 'utf8');
			const schema = JSON.parse(text) as OutputSchema;
			expect([name, schema.type, Number.isInteger(schema.version)]).toEqual([name, 'object', true]);
			expect(text).toBe(`${JSON.stringify(schema, null, '\t')}\n`);
		}
	});
});
