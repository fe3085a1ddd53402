/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: reads the workflow files */
import fs from 'node:fs';
import path from 'node:path';
import { nodeType, PACKAGE_NAME } from '../harness/engine';

/**
 * The package name is decided once, in package.json's `name`. n8n names this package's node types
 * after it (`<name>.tavus`), so the workflow files that are imported as they are (examples, the
 * queue-mode workflow) and the codex files must say the same name; a rename that left them behind
 * would ship examples that import with "unknown node" placeholders.
 */
const REPO = path.join(__dirname, '..', '..');
const FIX = `node scripts/rename-package.mjs ${PACKAGE_NAME}`;
const OWN_NODE = /(^|\.)(tavus|tavusTool|tavusTrigger|tavusToolTrigger)$/;

interface WorkflowFile {
	nodes: Array<{ name: string; type: string }>;
}

const workflowFiles = [
	...fs
		.readdirSync(path.join(REPO, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join('examples', f)),
	path.join('test', 'e2e', 'queue', 'tavus-queue.workflow.json'),
];

const read = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(REPO, rel), 'utf8'));

describe('package name (package.json is the one place it is decided)', () => {
	it('is a community package name n8n accepts', () => {
		expect(PACKAGE_NAME).toMatch(/^(@[a-z0-9][a-z0-9._~-]*\/)?n8n-nodes-[a-z0-9][a-z0-9._~-]*$/);
		expect(nodeType('tavus')).toBe(`${PACKAGE_NAME}.tavus`);
	});

	it.each(workflowFiles)('%s: every Tavus node type uses it', (rel) => {
		const workflow = read(rel) as WorkflowFile;
		const own = workflow.nodes.filter(
			(node) => OWN_NODE.test(node.type) && !node.type.startsWith('n8n-nodes-base.'),
		);
		const wrong = own
			.filter((node) => !node.type.startsWith(`${PACKAGE_NAME}.`))
			.map((node) => `"${node.name}" has type ${node.type}`);
		if (wrong.length)
			throw new Error(
				`${rel}: node types must start with "${PACKAGE_NAME}." (package.json's name):\n  ${wrong.join('\n  ')}\nRun \`${FIX}\` to point them at it.`,
			);
		if (rel.startsWith('examples')) expect(own.length).toBeGreaterThan(0);
	});

	it.each(['Tavus', 'TavusTrigger', 'TavusToolTrigger'])(
		'nodes/%s codex file names its node with it',
		(dir) => {
			const codex = read(path.join('nodes', dir, `${dir}.node.json`)) as { node: string };
			const expected = nodeType(dir.charAt(0).toLowerCase() + dir.slice(1));
			if (codex.node !== expected)
				throw new Error(
					`nodes/${dir}/${dir}.node.json: "node" is ${codex.node}, expected ${expected}. Run \`${FIX}\`.`,
				);
		},
	);
});
