import type {
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { TavusApi } from '../../credentials/TavusApi.credentials';
import { Tavus } from '../../nodes/Tavus/Tavus.node';
import exampleJson from '../../examples/06-provision-complete-persona.json';
import { createHarness, type TestNode } from '../harness/engine';
import { harness, TAVUS_TYPE, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Document → Guardrail → Objectives → Pronunciation Dictionary → Persona → Conversation. */
const nodes: TestNode[] = [
	{
		name: 'Knowledge document',
		type: TAVUS_TYPE,
		parameters: {
			resource: 'document',
			operation: 'createOrUpdate',
			documentUrl: 'https://clinic.example.com/faq.pdf',
			documentName: 'Clinic FAQ',
			additionalFields: { tags: 'clinic, faq' },
			waitUntilReady: true,
			maxWait: 5,
			pollInterval: 1,
		},
	},
	{
		name: 'Guardrail',
		type: TAVUS_TYPE,
		parameters: {
			resource: 'guardrail',
			operation: 'createOrUpdate',
			guardrailName: 'no_medical_advice',
			guardrailPrompt: 'Never give medical advice; suggest booking an appointment instead',
			additionalFields: { tags: 'clinic' },
		},
	},
	{
		name: 'Objectives',
		type: TAVUS_TYPE,
		parameters: {
			resource: 'objective',
			operation: 'createOrUpdate',
			objectives: {
				objective: [
					{
						objectiveName: 'greet_patient',
						objectivePrompt: 'Greet the patient and ask how you can help',
						nextMode: 'required',
						nextRequiredObjective: 'book_appointment',
					},
					{
						objectiveName: 'book_appointment',
						objectivePrompt: 'Find a time for an appointment',
						outputVariables: 'appointment_time',
					},
				],
			},
		},
	},
	{
		name: 'Pronunciation dictionary',
		type: TAVUS_TYPE,
		parameters: {
			resource: 'pronunciationDictionary',
			operation: 'createOrUpdate',
			dictionaryName: 'Clinic terms',
			rules: {
				rule: [
					{
						text: 'Dr. Nguyen',
						pronunciation: 'Doctor Win',
						type: 'alias',
						caseSensitive: false,
						wordBoundaries: true,
					},
				],
			},
		},
	},
	{
		name: 'Persona',
		type: TAVUS_TYPE,
		parameters: {
			resource: 'persona',
			operation: 'createOrUpdate',
			personaName: 'Clinic Receptionist',
			systemPrompt: 'You are the friendly receptionist of a small clinic.',
			defaultReplica: byId('r90bbd427f71'),
			ttsLayer: {
				pronunciationDictionaryId: byId(
					"={{ $('Pronunciation dictionary').item.json.pronunciation_dictionary_id }}",
				),
			},
			additionalFields: {
				documentIds: "={{ $('Knowledge document').item.json.document_id }}",
				objectivesId: byId("={{ $('Objectives').item.json.objectives_id }}"),
				guardrailIds: "={{ [$('Guardrail').item.json.uuid] }}",
			},
		},
	},
	{
		name: 'Start test conversation',
		type: TAVUS_TYPE,
		parameters: {
			resource: 'conversation',
			operation: 'create',
			persona: byId('={{ $json.persona_id }}'),
			conversationName: '={{ $json.persona_name }} (smoke test)',
			additionalFields: { testMode: true },
		},
	},
];

const chain = nodes.map((node) => node.name);
const connections: IConnections = Object.fromEntries(
	chain
		.slice(0, -1)
		.map((name, index) => [name, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]),
);

function counts() {
	const state = bed.mock.state;
	return {
		documents: state.documents.size,
		guardrails: state.guardrails.size,
		objectives: state.objectives.size,
		pronunciationDictionaries: state.pronunciationDictionaries.size,
		personas: [...state.personas.values()].filter((persona) => persona.persona_type !== 'system')
			.length,
		conversations: state.conversations.size,
	};
}

describe('provision a complete persona in one workflow', () => {
	it('creates each object once; run again, it finds them all and creates nothing new', async () => {
		const first = await harness.runWorkflow({ nodes, connections, credentials: bed.credentials() });
		expect(first.error).toBeUndefined();
		expect(chain.map((name) => first.outputOf(name)[0]?.json.action)).toEqual([
			'created',
			'created',
			'created',
			'created',
			'created',
			undefined,
		]);
		expect(counts()).toEqual({
			documents: 1,
			guardrails: 1,
			objectives: 1,
			pronunciationDictionaries: 1,
			personas: 1,
			conversations: 1,
		});

		const document = first.outputOf('Knowledge document')[0].json;
		expect(document.status).toBe('ready');
		const persona = [...bed.mock.state.personas.values()].find(
			(candidate) => candidate.persona_name === 'Clinic Receptionist',
		);
		expect(persona).toMatchObject({
			document_ids: [document.document_id],
			objectives_id: first.outputOf('Objectives')[0].json.objectives_id,
			guardrail_ids: [first.outputOf('Guardrail')[0].json.uuid],
			layers: {
				tts: {
					pronunciation_dictionary_id: first.outputOf('Pronunciation dictionary')[0].json
						.pronunciation_dictionary_id,
				},
			},
		});
		expect(bed.sent('POST', '/v2/conversations')[0].body).toStrictEqual({
			persona_id: persona?.persona_id,
			conversation_name: 'Clinic Receptionist (smoke test)',
			test_mode: true,
		});

		bed.mock.clearRequests();
		const second = await harness.runWorkflow({
			nodes,
			connections,
			credentials: bed.credentials(),
		});
		expect(second.error).toBeUndefined();
		expect(chain.map((name) => second.outputOf(name)[0]?.json.action)).toEqual([
			'unchanged',
			'unchanged',
			'unchanged',
			'unchanged',
			'unchanged',
			undefined,
		]);
		// A conversation is a call: one per run. Everything the persona is made of exists once.
		expect(counts()).toEqual({
			documents: 1,
			guardrails: 1,
			objectives: 1,
			pronunciationDictionaries: 1,
			personas: 1,
			conversations: 2,
		});
		const creates = bed.sent('POST').map((request) => request.path);
		expect(creates).toEqual(['/v2/conversations']);
		expect(bed.sent('PATCH')).toHaveLength(0);
		expect(second.outputOf('Persona')[0].json.persona_id).toBe(persona?.persona_id);
	});
});

/**
 * The importable example: the same chain for a list of persona definitions made by a Code node.
 * The harness has no Code node; a stand-in registered under the Code node's type returns the
 * list the example's code returns (read from the file), and the example's Tavus nodes run as
 * they are (only the poll interval is shortened).
 */
describe('examples/06-provision-complete-persona.json', () => {
	const example = exampleJson as unknown as {
		nodes: Array<TestNode & { parameters: IDataObject }>;
		connections: IConnections;
	};
	const CODE = 'Persona definitions';

	function definitions(): IDataObject[] {
		const code = example.nodes.find((node) => node.name === CODE);
		const source = String(code?.parameters.jsCode ?? '');
		const start = source.indexOf('[', source.indexOf('const personas ='));
		const end = source.indexOf('];\n', start);
		return JSON.parse(source.slice(start, end + 1)) as IDataObject[];
	}

	const codeStandIn: INodeType = {
		description: {
			displayName: 'Code (stand-in)',
			name: 'code',
			group: ['transform'],
			version: [1, 2],
			description: 'Returns the persona definitions of the example',
			defaults: { name: 'Code' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' }],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [definitions().map((json) => ({ json, pairedItem: { item: 0 } }))];
		},
	};
	/** Merge, Combine by Position over its 5 inputs: item i of every input, merged in input order. */
	const mergeStandIn: INodeType = {
		description: {
			displayName: 'Merge (stand-in)',
			name: 'merge',
			group: ['transform'],
			version: [3, 3.1, 3.2],
			description: 'Combines its inputs by position',
			defaults: { name: 'Merge' },
			inputs: Array.from({ length: 5 }, () => NodeConnectionTypes.Main),
			outputs: [NodeConnectionTypes.Main],
			properties: [
				{ displayName: 'Mode', name: 'mode', type: 'string', default: 'combine' },
				{
					displayName: 'Combine By',
					name: 'combineBy',
					type: 'string',
					default: 'combineByPosition',
				},
				{ displayName: 'Inputs', name: 'numberInputs', type: 'number', default: 2 },
				{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
			],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const inputs = Array.from({ length: 5 }, (_, index) => this.getInputData(index));
			return [
				inputs[0].map((first, index) => ({
					json: Object.assign(
						{},
						...inputs.map((input) => input[index]?.json ?? {}),
					) as IDataObject,
					pairedItem: { item: index },
				})),
			];
		},
	};
	const exampleHarness = createHarness({
		nodeTypes: {
			[TAVUS_TYPE]: new Tavus(),
			'n8n-nodes-base.code': codeStandIn,
			'n8n-nodes-base.merge': mergeStandIn,
		},
		credentialTypes: { tavusApi: new TavusApi() },
	});

	/** The example from its Code node on (the manual trigger and the sticky note left out). */
	function workflow() {
		const kept = example.nodes
			.filter(
				(node) =>
					node.type === TAVUS_TYPE || node.name === CODE || node.type === 'n8n-nodes-base.merge',
			)
			.map((node) =>
				node.parameters.resource === 'document'
					? { ...node, parameters: { ...node.parameters, pollInterval: 1 } }
					: node,
			);
		const names = new Set(kept.map((node) => node.name));
		const connections: IConnections = Object.fromEntries(
			Object.entries(example.connections).filter(([from]) => names.has(from)),
		);
		return { nodes: kept, connections };
	}

	it('is an importable workflow whose Tavus nodes use the credential of the other examples', () => {
		const tavusNodes = example.nodes.filter((node) => node.type === TAVUS_TYPE);
		expect(
			tavusNodes.map(
				(node) => `${String(node.parameters.resource)}.${String(node.parameters.operation)}`,
			),
		).toEqual([
			'document.createOrUpdate',
			'guardrail.createOrUpdate',
			'objective.createOrUpdate',
			'pronunciationDictionary.createOrUpdate',
			'persona.createOrUpdate',
			'conversation.create',
		]);
		for (const node of tavusNodes) {
			expect(node.credentials).toEqual({
				tavusApi: { id: 'tavusCredential01', name: 'Tavus account' },
			});
			expect(node.typeVersion).toBe(1);
		}
		expect(definitions().length).toBeGreaterThanOrEqual(2);
	});

	it('provisions every persona of the list; a second run creates nothing twice', async () => {
		const items = definitions();
		const run = async () =>
			await exampleHarness.runWorkflow({
				...workflow(),
				startNode: CODE,
				credentials: bed.credentials(),
			});
		const once = await run();
		expect(once.error).toBeUndefined();
		const n = items.length;
		expect(counts()).toEqual({
			documents: n,
			guardrails: n,
			objectives: n,
			pronunciationDictionaries: n,
			personas: n,
			conversations: n,
		});
		const twice = await run();
		expect(twice.error).toBeUndefined();
		expect(counts()).toEqual({
			documents: n,
			guardrails: n,
			objectives: n,
			pronunciationDictionaries: n,
			personas: n,
			conversations: 2 * n,
		});
		const personaNode =
			example.nodes.find((node) => node.parameters.resource === 'persona')?.name ?? '';
		expect(twice.outputOf(personaNode).map((item) => item.json.action)).toEqual(
			items.map(() => 'unchanged'),
		);
		for (const persona of [...bed.mock.state.personas.values()].filter(
			(candidate) => candidate.persona_type !== 'system',
		)) {
			expect(persona.document_ids).toHaveLength(1);
			expect(persona.objectives_id).toEqual(expect.stringMatching(/^o/));
			expect(persona.guardrail_ids).toHaveLength(1);
			expect((persona.layers as { tts: IDataObject }).tts.pronunciation_dictionary_id).toEqual(
				expect.stringMatching(/^pd_/),
			);
		}
	});
});
