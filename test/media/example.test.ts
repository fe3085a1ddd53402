import {
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { TavusApi } from '../../credentials/TavusApi.credentials';
import example01 from '../../examples/01-create-life-coach-persona.json';
import example05 from '../../examples/05-personalized-videos.json';
import { Tavus } from '../../nodes/Tavus/Tavus.node';
import { createHarness } from '../harness/engine';
import { TAVUS_TYPE, useTestbed } from '../helpers/testbed';

const bed = useTestbed();

interface WorkflowFile {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

const example = example05 as unknown as WorkflowFile;
const byType = (type: string) => example.nodes.filter((node) => node.type === type);

/** The leads the Code node returns: its `const leads = [...]` is JSON. */
function leadsOf(jsCode: string): IDataObject[] {
	const match = /const leads = (\[[\s\S]*?\]);/.exec(jsCode);
	if (!match) throw new Error('the Code node has no `const leads = [...]`');
	return JSON.parse(match[1]) as IDataObject[];
}

function stub(
	name: string,
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
	properties: INodeType['description']['properties'] = [],
): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: [1, 2, 3.4],
			description: `Test stand-in for ${name}`,
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties,
		},
		execute,
	};
}

/**
 * Stand-ins for the n8n-nodes-base nodes the example uses (not installed here): the trigger
 * passes its item on, Code returns the leads written in its code, Set evaluates its
 * assignments through the real engine (so `$('Leads').item` follows the pairing).
 */
const exampleHarness = createHarness({
	nodeTypes: {
		[TAVUS_TYPE]: new Tavus(),
		'n8n-nodes-base.manualTrigger': stub('manualTrigger', async function () {
			return [this.getInputData()];
		}),
		'n8n-nodes-base.code': stub(
			'code',
			async function () {
				const code = this.getNodeParameter('jsCode', 0) as string;
				return [leadsOf(code).map((lead) => ({ json: lead, pairedItem: { item: 0 } }))];
			},
			[{ displayName: 'JS Code', name: 'jsCode', type: 'string', default: '' }],
		),
		'n8n-nodes-base.set': stub(
			'set',
			async function () {
				return [
					this.getInputData().map((_item, index) => {
						const { assignments } = this.getNodeParameter('assignments', index) as {
							assignments: Array<{ name: string; value: unknown }>;
						};
						const json = Object.fromEntries(
							assignments.map((assignment) => [assignment.name, assignment.value]),
						) as IDataObject;
						return { json, pairedItem: { item: index } };
					}),
				];
			},
			[
				{
					displayName: 'Assignments',
					name: 'assignments',
					type: 'assignmentCollection',
					default: {},
				},
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		),
		// Merge, Combine by Position: item i of input 1 (the lead) with item i of input 2 (its video).
		'n8n-nodes-base.merge': {
			description: {
				...stub('merge', async () => []).description,
				version: [3, 3.1, 3.2],
				inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
				properties: [
					{ displayName: 'Mode', name: 'mode', type: 'string', default: 'combine' },
					{
						displayName: 'Combine By',
						name: 'combineBy',
						type: 'string',
						default: 'combineByPosition',
					},
					{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
				],
			},
			async execute(this: IExecuteFunctions) {
				const leads = this.getInputData(0);
				const videos = this.getInputData(1);
				return [
					leads.map((lead, index) => ({
						json: { ...lead.json, ...videos[index]?.json },
						pairedItem: { item: index },
					})),
				];
			},
		},
	},
	credentialTypes: { tavusApi: new TavusApi() },
});

describe('examples/05-personalized-videos.json', () => {
	it('is Manual Trigger → Code (3 leads) → Tavus Video Generate + the leads → Merge by position → Set, with the credential of example 01', () => {
		const targets = (from: string) =>
			(example.connections[from]?.main?.[0] ?? []).map((c) => [c.node, c.index]);
		const trigger = byType('n8n-nodes-base.manualTrigger')[0];
		const [code] = byType('n8n-nodes-base.code');
		const [tavus] = byType(TAVUS_TYPE);
		const [merge] = byType('n8n-nodes-base.merge');
		const [set] = byType('n8n-nodes-base.set');
		expect(targets(trigger.name)).toEqual([[code.name, 0]]);
		expect(targets(code.name)).toEqual([
			[tavus.name, 0],
			[merge.name, 0],
		]);
		expect(targets(tavus.name)).toEqual([[merge.name, 1]]);
		expect(targets(merge.name)).toEqual([[set.name, 0]]);
		expect(merge.parameters).toMatchObject({ mode: 'combine', combineBy: 'combineByPosition' });
		expect(leadsOf(code.parameters.jsCode as string)).toHaveLength(3);
		const first = (example01 as unknown as WorkflowFile).nodes.find(
			(node) => node.type === TAVUS_TYPE,
		);
		expect(tavus.credentials).toEqual(first?.credentials);
		expect(tavus.parameters).toMatchObject({
			resource: 'video',
			operation: 'generate',
			replica: { __rl: true, mode: 'id', value: 'r90bbd427f71' },
			script: expect.stringMatching(/^=Hi \{\{ \$json\.name \}\}, /),
			waitUntilReady: true,
			options: { batching: { batch: { batchSize: 3 } } },
		});
		const values = (
			set.parameters.assignments as { assignments: Array<{ name: string; value: string }> }
		).assignments;
		// No $('Leads').item: it comes back empty on a default n8n 1.x; the Merge carries the lead along.
		expect(values.find((value) => value.name === 'name')?.value).toBe('={{ $json.name }}');
		expect(values.find((value) => value.name === 'hosted_url')?.value).toBe(
			'={{ $json.hosted_url }}',
		);
	});

	it('runs through the real engine against the mock: one ready video per lead, paired back to its name', async () => {
		const trigger = byType('n8n-nodes-base.manualTrigger')[0];
		const [code] = byType('n8n-nodes-base.code');
		const [tavus] = byType(TAVUS_TYPE);
		const [merge] = byType('n8n-nodes-base.merge');
		const [set] = byType('n8n-nodes-base.set');
		const leads = leadsOf(code.parameters.jsCode as string);
		// The example's own values, with a quicker poll so the test stays fast.
		const fastTavus = { ...tavus, parameters: { ...tavus.parameters, pollInterval: 1 } };
		const result = await exampleHarness.runWorkflow({
			nodes: [trigger, code, fastTavus, merge, set],
			connections: example.connections,
			credentials: bed.credentials(),
		});
		expect(result.error).toBeUndefined();
		const posts = bed.sent('POST', '/v2/videos');
		expect(posts.map((request) => (request.body as IDataObject).script)).toEqual(
			leads.map((lead) =>
				expect.stringMatching(new RegExp(`^Hi ${String(lead.name)}, thanks for signing up!`)),
			),
		);
		const output = result.outputOf(set.name).map((item) => item.json);
		expect(output).toEqual(
			leads.map((lead) => ({
				name: lead.name,
				email: lead.email,
				hosted_url: expect.stringMatching(/^https:\/\/tavus\.video\/[0-9a-f]{10}$/),
			})),
		);
		const tavusOutput = result.outputOf(tavus.name);
		expect(tavusOutput.map((item) => item.json.status)).toEqual(['ready', 'ready', 'ready']);
		expect(tavusOutput.map((item) => item.json.hosted_url)).toEqual(
			output.map((item) => item.hosted_url),
		);
	});
});
