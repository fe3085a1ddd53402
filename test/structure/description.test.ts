/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: reads and writes the description fixture */
import fs from 'node:fs';
import path from 'node:path';
import { Tavus } from '../../nodes/Tavus/Tavus.node';
import { TavusTrigger } from '../../nodes/TavusTrigger/TavusTrigger.node';
import { TavusToolTrigger } from '../../nodes/TavusToolTrigger/TavusToolTrigger.node';
import { TavusApi } from '../../credentials/TavusApi.credentials';

/**
 * The node descriptions users see in the editor, compared with the committed copy
 * (test/fixtures/descriptions.json). A restructuring must leave them identical; an intended
 * change is written with `UPDATE_DESCRIPTIONS=1 npx jest test/structure` and listed in the CHANGELOG.
 */
const fixture = path.join(__dirname, '..', 'fixtures', 'descriptions.json');

function current(): string {
	const credential = new TavusApi();
	const described = {
		node: new Tavus().description,
		trigger: new TavusTrigger().description,
		toolTrigger: new TavusToolTrigger().description,
		credential: {
			name: credential.name,
			displayName: credential.displayName,
			documentationUrl: credential.documentationUrl,
			properties: credential.properties,
			authenticate: credential.authenticate,
			test: credential.test,
		},
	};
	return `${JSON.stringify(described, null, '\t')}\n`;
}

describe('node descriptions', () => {
	it('are what test/fixtures/descriptions.json says', () => {
		const now = current();
		if (process.env.UPDATE_DESCRIPTIONS === '1') fs.writeFileSync(fixture, now);
		const committed = fs.readFileSync(fixture, 'utf8');
		// Compared as parsed JSON: the order of a property's keys means nothing to n8n; the order of
		// properties and options does.
		expect(JSON.parse(now)).toEqual(JSON.parse(committed));
	});
});

describe('the node as an AI agent tool', () => {
	it('leaves the Tool Description setting to n8n: no top-level toolDescription or descriptionType', () => {
		// n8n adds its own Tool Description setting to a node used as a tool only when the node has
		// no property of that name; without it, the description a workflow gives the tool is dropped.
		const names = new Tavus().description.properties.map((property) => property.name);
		expect(names).not.toContain('toolDescription');
		expect(names).not.toContain('descriptionType');
		expect(names).toContain('registryToolDescription');
	});
});
