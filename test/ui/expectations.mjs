// What the n8n editor should show for the Tavus node, computed from the node's BUILT description
// (the dist/ of the package as installed in n8n's user folder) with n8n's own display logic
// (n8n-workflow's NodeHelpers from the n8n install), so new resources and operations are covered
// without touching this file.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

/** HTML-free, whitespace-collapsed text (notices render their displayName as text). */
export function plainText(s) {
	return String(s ?? '')
		.replace(/<[^>]*>/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Loads the node types of the installed package. `packageDir` is
 * <userFolder>/.n8n/nodes/node_modules/<package>; `n8nDir` is the n8n install (its node_modules has
 * the n8n-workflow the server and editor use).
 */
export function loadPackage({ packageDir, n8nDir }) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const requireFromPackage = createRequire(path.join(packageDir, 'package.json'));
	const requireFromN8n = createRequire(path.join(n8nDir, 'package.json'));
	const workflow = requireFromN8n('n8n-workflow');
	const nodes = {};
	for (const rel of pkg.n8n?.nodes ?? []) {
		const mod = requireFromPackage(path.join(packageDir, rel));
		for (const Cls of Object.values(mod)) {
			if (typeof Cls !== 'function') continue;
			const instance = new Cls();
			if (!instance.description) continue;
			const codexFile = path.join(packageDir, rel).replace(/\.js$/, '.json');
			const codex = fs.existsSync(codexFile)
				? JSON.parse(fs.readFileSync(codexFile, 'utf8'))
				: undefined;
			nodes[instance.description.name] = { description: instance.description, codex, file: rel };
		}
	}
	return { pkg, nodes, NodeHelpers: workflow.NodeHelpers };
}

/**
 * Every resource/operation of a node with the top-level parameters the editor must show and hide
 * there, evaluated against the default parameter values (as the editor does: getNodeParameters
 * with returnDefaults, then displayParameter for each property).
 *
 * Returns [{ resource: {value, name}, operation: {value, name}, visible: Param[], hidden: Param[] }]
 * where Param = { key, name, displayName, type }. `key` is what the editor shows: the parameter
 * name (its label's `for`), or `notice:<text>` for notices (which have no label). A name shared by
 * several properties counts as visible when any of them is shown.
 */
export function displayMatrix(description, NodeHelpers) {
	const props = description.properties;
	const version = Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
	const node = {
		id: 'ui-test',
		name: description.defaults?.name ?? description.displayName,
		type: description.name,
		typeVersion: version,
		position: [0, 0],
		parameters: {},
	};
	const resourceProp = props.find((p) => p.name === 'resource');
	if (!resourceProp) throw new Error(`${description.name} has no "resource" parameter`);
	const keyOf = (p) =>
		p.type === 'notice' ? `notice:${plainText(p.displayName).slice(0, 60)}` : p.name;
	const rows = [];
	for (const resource of resourceProp.options) {
		const operationProps = props.filter(
			(p) =>
				p.name === 'operation' &&
				NodeHelpers.displayParameter({ resource: resource.value }, p, node, description),
		);
		if (operationProps.length !== 1)
			throw new Error(
				`resource "${resource.value}" has ${operationProps.length} Operation parameters shown (expected 1)`,
			);
		for (const operation of operationProps[0].options) {
			const values = NodeHelpers.getNodeParameters(
				props,
				{ resource: resource.value, operation: operation.value },
				true,
				false,
				{ ...node, parameters: { resource: resource.value, operation: operation.value } },
				description,
			);
			const shown = new Map();
			const notShown = new Map();
			for (const p of props) {
				if (p.type === 'hidden') continue;
				const param = {
					key: keyOf(p),
					name: p.name,
					displayName: plainText(p.displayName),
					type: p.type,
				};
				if (NodeHelpers.displayParameter(values, p, node, description)) shown.set(param.key, param);
				else if (!notShown.has(param.key)) notShown.set(param.key, param);
			}
			for (const key of shown.keys()) notShown.delete(key);
			rows.push({
				resource: { value: resource.value, name: resource.name },
				operation: { value: operation.value, name: operation.name },
				visible: [...shown.values()],
				hidden: [...notShown.values()],
			});
		}
	}
	return rows;
}

/**
 * Why n8n's node panel would not find a node by search outside its AI section: in n8n 2.x the
 * search of the trigger and "What happens next?" panels drops nodes whose codex has the category
 * "AI" unless their AI subcategories include "Root Nodes". Returns a sentence, or undefined.
 */
export function searchabilityProblem(codex) {
	const categories = codex?.categories ?? [];
	if (!categories.includes('AI')) return undefined;
	const ai = codex?.subcategories?.AI ?? [];
	if (ai.includes('Root Nodes')) return undefined;
	return (
		`the codex of ${codex.node} has the category "AI" with AI subcategories ${JSON.stringify(ai)} (no "Root Nodes"): ` +
		'n8n 2.x leaves such nodes out of the search of the trigger and "What happens next?" panels ' +
		'(only the AI panel lists them). Remove "AI" from "categories" (and subcategories.AI) in the node\'s .node.json.'
	);
}
