import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';
import { TavusApi } from '../../credentials/TavusApi.credentials';
import { Tavus } from '../../nodes/Tavus/Tavus.node';
import { createHarness, nodeType } from '../harness/engine';
import { harness, TAVUS_TYPE, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const node = new Tavus();

/**
 * The harness runs list-search methods in n8n's LoadOptionsContext; the multi-selects' load
 * options methods run in the same context, so a copy of the node exposes them as list searches.
 */
const loadOptionsNode = new Tavus();
const asListSearch = (method: (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>) =>
	async function (this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
		const options = await method.call(this);
		return {
			results: options.map((option) => ({
				name: option.name,
				value: String(option.value),
				description: option.description,
			})),
		};
	};
Object.assign(
	loadOptionsNode.methods.listSearch,
	Object.fromEntries(
		Object.entries(node.methods.loadOptions).map(([name, method]) => [name, asListSearch(method)]),
	),
);
const LOAD_OPTIONS_TYPE = nodeType('tavusLoadOptions');
const loadOptionsHarness = createHarness({
	nodeTypes: { [LOAD_OPTIONS_TYPE]: loadOptionsNode },
	credentialTypes: { tavusApi: new TavusApi() },
});
const loadOptions = async (method: string) =>
	(
		await loadOptionsHarness.runListSearch(LOAD_OPTIONS_TYPE, method, {
			credentials: bed.credentials(),
		})
	).results;

function seedKnowledge() {
	bed.mock.seed({
		documents: [
			{
				document_id: 'd8-5c71baca86fc',
				document_name: 'FAQ',
				status: 'ready',
				tags: ['faq', 'support'],
			},
			{
				document_id: 'd0000000000b2',
				document_name: 'Pricing',
				status: 'processing',
				tags: ['pricing', 'faq'],
			},
		],
		objectives: [
			{
				objectives_id: 'o12345',
				data: [
					{ objective_name: 'greet', objective_prompt: 'Say hi' },
					{ objective_name: 'close', objective_prompt: 'Bye' },
				],
			},
		],
		guardrailSets: [
			{
				guardrails_id: 'g12345',
				guardrails_name: 'Compliance',
				data: [{ guardrail_name: 'safe', guardrail_prompt: 'Be safe' }],
			},
		],
		guardrails: [
			{
				uuid: 'g1234567890ab',
				guardrail_name: 'no_medical_advice',
				guardrail_prompt: 'No advice',
				tags: ['compliance'],
			},
			{
				uuid: 'g0987654321cd',
				guardrail_name: 'brand_safety',
				guardrail_prompt: 'Stay on brand',
				tags: ['brand', 'compliance'],
			},
		],
		pronunciationDictionaries: [
			{
				pronunciation_dictionary_id: 'pd_abc123def456',
				name: 'Brand',
				rules: [{ text: 'Tavus', pronunciation: 'TAH-vus', type: 'alias' }],
			},
		],
	});
}

describe('pickers (list search) for objectives, guardrails, documents, dictionaries', () => {
	beforeEach(seedKnowledge);

	it.each([
		[
			'searchObjectives',
			undefined,
			[{ name: 'greet · 2 objectives (o12345)', value: 'o12345' }],
			{ limit: '100', page: '1' },
		],
		[
			'searchGuardrailSets',
			undefined,
			[{ name: 'Compliance (g12345)', value: 'g12345' }],
			{ legacy: 'true', limit: '100', page: '1' },
		],
		[
			'searchGuardrails',
			'brand',
			[{ name: 'brand_safety · brand, compliance (g0987654321cd)', value: 'g0987654321cd' }],
			{ legacy: 'false', name_or_uuid: 'brand', limit: '100', page: '0' },
		],
		[
			'searchDocuments',
			undefined,
			[
				{ name: 'FAQ (d8-5c71baca86fc)', value: 'd8-5c71baca86fc' },
				{ name: 'Pricing · processing (d0000000000b2)', value: 'd0000000000b2' },
			],
			{ limit: '100', page: '0' },
		],
		[
			'searchPronunciationDictionaries',
			'BRA',
			[{ name: 'Brand · 1 rule (pd_abc123def456)', value: 'pd_abc123def456' }],
			{ limit: '100', page: '0' },
		],
	])(
		'%s lists by name and ID (filter %s) on the right page base',
		async (method, filter, expected, query) => {
			bed.mock.clearRequests();
			const result = await harness.runListSearch(TAVUS_TYPE, method, {
				filter,
				credentials: bed.credentials(),
			});
			expect(result.results.map(({ name, value }) => ({ name, value }))).toEqual(expected);
			expect(result.paginationToken).toBeUndefined();
			expect(bed.sent('GET')[0].query).toEqual(query);
		},
	);

	it('hands out the next 0-based page while documents remain', async () => {
		for (let index = 0; index < 120; index++)
			bed.mock.seed({
				documents: [
					{ document_id: `dx${String(index).padStart(10, '0')}`, document_name: `Extra ${index}` },
				],
			});
		const first = await harness.runListSearch(TAVUS_TYPE, 'searchDocuments', {
			credentials: bed.credentials(),
		});
		expect(first.paginationToken).toBe('1:100');
		const second = await harness.runListSearch(TAVUS_TYPE, 'searchDocuments', {
			paginationToken: first.paginationToken,
			credentials: bed.credentials(),
		});
		expect(first.results.length + second.results.length).toBe(122);
	});
});

describe('multi-selects (load options) for document and guardrail IDs and tags', () => {
	beforeEach(seedKnowledge);

	it('lists documents and their tags', async () => {
		expect(await loadOptions('getDocuments')).toEqual([
			{ name: 'FAQ (d8-5c71baca86fc)', value: 'd8-5c71baca86fc', description: undefined },
			{ name: 'Pricing (d0000000000b2)', value: 'd0000000000b2', description: 'processing' },
		]);
		expect(await loadOptions('getDocumentTags')).toEqual([
			{ name: 'faq', value: 'faq', description: '2 documents' },
			{ name: 'pricing', value: 'pricing', description: '1 document' },
			{ name: 'support', value: 'support', description: '1 document' },
		]);
	});

	it('lists individual guardrails and their tags', async () => {
		expect((await loadOptions('getGuardrails')).map((option) => option.value)).toEqual([
			'g0987654321cd',
			'g1234567890ab',
		]);
		expect((await loadOptions('getGuardrailTags')).map((option) => option.value)).toEqual([
			'brand',
			'compliance',
		]);
		expect(
			bed
				.sent('GET', '/v2/guardrails')
				.every((request) => request.query.legacy === 'false' && request.query.page === '0'),
		).toBe(true);
	});
});

describe('Persona and Conversation take the picked objects, in the same body shape', () => {
	beforeEach(seedKnowledge);

	it('persona: locators for single IDs, arrays from the multi-selects', async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'Clinic',
			systemPrompt: 'Help patients.',
			ttsLayer: {
				pronunciationDictionaryId: { __rl: true, mode: 'list', value: 'pd_abc123def456' },
			},
			additionalFields: {
				documentIds: ['d8-5c71baca86fc', 'd0000000000b2'],
				documentTags: ['faq'],
				objectivesId: { __rl: true, mode: 'list', value: 'o12345' },
				guardrailsId: byId('g12345'),
				guardrailIds: ['g1234567890ab'],
				guardrailTags: ['compliance', 'brand'],
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')[0].body).toStrictEqual({
			persona_name: 'Clinic',
			pipeline_mode: 'full',
			system_prompt: 'Help patients.',
			document_ids: ['d8-5c71baca86fc', 'd0000000000b2'],
			document_tags: ['faq'],
			objectives_id: 'o12345',
			guardrails_id: 'g12345',
			guardrail_ids: ['g1234567890ab'],
			guardrail_tags: ['compliance', 'brand'],
			layers: { tts: { pronunciation_dictionary_id: 'pd_abc123def456' } },
		});
	});

	it('persona: IDs by expression (a comma-separated text, an array, a locator in ID mode)', async () => {
		const { error } = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: 'Clinic',
				systemPrompt: 'x',
				additionalFields: {
					documentIds: '={{ $json.docs }}',
					guardrailIds: '={{ $json.guardrails }}',
					objectivesId: byId('={{ $json.objectives }}'),
				},
			},
			[
				{
					docs: 'd8-5c71baca86fc, d0000000000b2',
					guardrails: ['g1234567890ab'],
					objectives: 'o12345',
				},
			],
		);
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toMatchObject({
			document_ids: ['d8-5c71baca86fc', 'd0000000000b2'],
			guardrail_ids: ['g1234567890ab'],
			objectives_id: 'o12345',
		});
	});

	it("persona: unknown picked IDs are Tavus's 400", async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'x',
			systemPrompt: 'x',
			additionalFields: { guardrailIds: ['g999999999999'] },
		});
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: Invalid guardrail_ids: g999999999999',
		);
		const objectives = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'x',
			systemPrompt: 'x',
			additionalFields: { objectivesId: byId('o99999') },
		});
		expect(objectives.error?.message).toBe(
			'Tavus API error 400 Bad Request: Invalid objectives_id',
		);
	});

	it('persona: at most 50 guardrails, checked before sending', async () => {
		const ids = Array.from({ length: 51 }, (_, index) => `g${String(index).padStart(12, '0')}`);
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'create',
			personaName: 'x',
			systemPrompt: 'x',
			additionalFields: { guardrailIds: ids },
		});
		expect(error?.message).toBe(
			'Additional Fields › Guardrail Names or IDs can hold at most 50 entries, got 51 [item 0]',
		);
		expect(bed.sent()).toHaveLength(0);
	});

	it('conversation: documents and tags from the multi-selects', async () => {
		const { error } = await bed.run({
			resource: 'conversation',
			operation: 'create',
			replica: byId('r90bbd427f71'),
			additionalFields: {
				documentIds: ['d8-5c71baca86fc'],
				documentTags: ['faq', 'pricing'],
				testMode: true,
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/conversations')[0].body).toStrictEqual({
			replica_id: 'r90bbd427f71',
			document_ids: ['d8-5c71baca86fc'],
			document_tags: ['faq', 'pricing'],
			test_mode: true,
		});
	});
});

describe('the node description', () => {
	function walk(
		properties: Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>,
		visit: (property: IDataObject) => void,
	) {
		for (const property of properties) {
			visit(property as unknown as IDataObject);
			const nested =
				(property as INodeProperties).options ?? (property as INodePropertyCollection).values;
			if (Array.isArray(nested)) walk(nested as INodeProperties[], visit);
		}
	}

	it('every picker and multi-select names a method the node has', () => {
		const missing: string[] = [];
		walk(node.description.properties, (property) => {
			const typeOptions = property.typeOptions as IDataObject | undefined;
			const load = typeOptions?.loadOptionsMethod;
			if (typeof load === 'string' && !(load in node.methods.loadOptions)) missing.push(load);
			for (const mode of (property.modes as IDataObject[] | undefined) ?? []) {
				const search = (mode.typeOptions as IDataObject | undefined)?.searchListMethod;
				if (typeof search === 'string' && !(search in node.methods.listSearch))
					missing.push(search);
			}
		});
		expect(missing).toEqual([]);
	});

	it.each(['objective', 'guardrail', 'document', 'pronunciationDictionary'])(
		'%s: every operation has an action and a description for AI agents',
		(resource) => {
			const selector = node.description.properties.find(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource),
			);
			const options = (selector?.options ?? []) as INodePropertyOptions[];
			expect(options.length).toBeGreaterThanOrEqual(6);
			for (const option of options) {
				expect(typeof option.action).toBe('string');
				expect(String(option.description).length).toBeGreaterThan(30);
			}
			expect(options.map((option) => option.name)).toEqual(
				[...options.map((option) => option.name)].sort(),
			);
		},
	);

	it('persona and conversation fields are pickers of the documented types', () => {
		const types: Record<string, string> = {};
		walk(node.description.properties, (property) => {
			if (
				[
					'documentIds',
					'documentTags',
					'guardrailIds',
					'guardrailTags',
					'objectivesId',
					'guardrailsId',
					'pronunciationDictionaryId',
				].includes(String(property.name))
			) {
				types[String(property.name)] = String(property.type);
			}
		});
		expect(types).toEqual({
			documentIds: 'multiOptions',
			documentTags: 'multiOptions',
			guardrailIds: 'multiOptions',
			guardrailTags: 'multiOptions',
			objectivesId: 'resourceLocator',
			guardrailsId: 'resourceLocator',
			pronunciationDictionaryId: 'resourceLocator',
		});
	});
});
