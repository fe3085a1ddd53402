import { Tavus } from '../../nodes/Tavus/Tavus.node';
import { createFixtures, type Fixtures, operationCases } from '../helpers/operationCases';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();

/** Stand-in IDs: enough to list the cases without a mock. */
const placeholderFixtures: Fixtures = {
	replicaId: 'r90bbd427f71',
	userReplicaId: 'r000000000001',
	personaId: 'p000000000001',
	conversationId: 'c000000000001',
	videoId: 'v000000001',
	lipsyncId: 'w000000000001',
	transcriptionId: 't000000000001',
	replacementId: 'w000000000002',
	documentId: 'd000000000001',
	guardrailId: 'g000000000001',
	objectivesId: 'o000000000001',
	dictionaryId: 'pd_000000000001',
	toolId: 't000000000001',
	deploymentId: 'd0000000000000001',
};

/** Every (resource, operation) pair the node's description offers, as 'resource operation'. */
function describedPairs(): string[] {
	const { properties } = new Tavus().description;
	const resourceProperty = properties.find((property) => property.name === 'resource');
	const resources = (resourceProperty?.options ?? []).map((option) =>
		String((option as { value: unknown }).value),
	);
	const pairs: string[] = [];
	for (const resource of resources) {
		const operationProperty = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource),
		);
		for (const option of operationProperty?.options ?? []) {
			pairs.push(`${resource} ${String((option as { value: unknown }).value)}`);
		}
	}
	return pairs;
}

describe('one working example per operation (test/helpers/operationCases.ts)', () => {
	it('covers every (resource, operation) pair of the node exactly once', () => {
		const described = describedPairs();
		expect(described.length).toBeGreaterThan(0);
		const cases = operationCases(placeholderFixtures);
		const labels = cases.map((entry) => entry.label);
		const twice = labels.filter((label, index) => labels.indexOf(label) !== index);
		expect({ twice }).toEqual({ twice: [] });
		const missing = described.filter((pair) => !labels.includes(pair));
		const unknown = labels.filter((label) => !described.includes(label));
		expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
		for (const entry of cases) {
			expect(entry.label).toBe(`${entry.resource} ${entry.operation}`);
			expect([entry.label, entry.parameters.resource, entry.parameters.operation]).toEqual([
				entry.label,
				entry.resource,
				entry.operation,
			]);
		}
	});

	// One test: the testbed resets the mock before each test, and the cases build on the fixtures
	// and on each other (deletes last).
	it('runs every case in order against one mock: no error, output items paired to item 0', async () => {
		const fixtures = await createFixtures(bed);
		const problems: string[] = [];
		for (const entry of operationCases(fixtures)) {
			const { items, error } = await bed.run(entry.parameters);
			if (error) {
				problems.push(`${entry.label}: ${error.message}`);
				continue;
			}
			if (items.length === 0) {
				problems.push(`${entry.label}: no output item`);
				continue;
			}
			items.forEach((item, index) => {
				const json: unknown = item.json;
				if (typeof json !== 'object' || json === null || Array.isArray(json))
					problems.push(`${entry.label}: item ${index} json is not an object`);
				const paired = item.pairedItem as { item?: number } | undefined;
				if (paired?.item !== 0)
					problems.push(
						`${entry.label}: item ${index} is paired to ${JSON.stringify(item.pairedItem)}`,
					);
			});
		}
		expect(problems).toEqual([]);
	});
});
