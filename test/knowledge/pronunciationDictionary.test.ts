import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

const rules = {
	rule: [
		{
			text: 'Tavus',
			pronunciation: 'TAH-vus',
			type: 'alias',
			caseSensitive: false,
			wordBoundaries: true,
		},
		{
			text: 'n8n',
			pronunciation: 'ˈɛn eɪt ɛn',
			type: 'ipa',
			caseSensitive: true,
			wordBoundaries: false,
		},
	],
};
const sentRules = [
	{
		text: 'Tavus',
		pronunciation: 'TAH-vus',
		type: 'alias',
		case_sensitive: false,
		word_boundaries: true,
	},
	{
		text: 'n8n',
		pronunciation: 'ˈɛn eɪt ɛn',
		type: 'ipa',
		case_sensitive: true,
		word_boundaries: false,
	},
];
const create = {
	resource: 'pronunciationDictionary',
	operation: 'create',
	dictionaryName: 'Brand Terms',
	rules,
};

async function createDictionary(): Promise<string> {
	const { items, error } = await bed.run(create);
	if (error) throw error;
	return String(items[0].json.pronunciation_dictionary_id);
}

describe('Pronunciation Dictionary → Create', () => {
	it('sends the name and one rule per entry; outputs the dictionary (201)', async () => {
		const { items, error } = await bed.run(create);
		expect(error).toBeUndefined();
		const [sent] = bed.sent('POST', '/v2/pronunciation-dictionaries');
		expect(sent.body).toStrictEqual({ name: 'Brand Terms', rules: sentRules });
		expect(sent.status).toBe(201);
		expect(items[0].json).toMatchObject({
			pronunciation_dictionary_id: expect.stringMatching(/^pd_[0-9a-f]{12}$/),
			name: 'Brand Terms',
			rules_count: 2,
		});
	});

	it('takes the rules as JSON and writes out the documented defaults', async () => {
		const { error } = await bed.run({
			...create,
			rulesInput: 'json',
			rulesJson:
				'[{"text": "CVI", "pronunciation": "conversational video interface", "type": "alias"}]',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST')[0].body).toStrictEqual({
			name: 'Brand Terms',
			rules: [
				{
					text: 'CVI',
					pronunciation: 'conversational video interface',
					type: 'alias',
					case_sensitive: false,
					word_boundaries: true,
				},
			],
		});
	});

	it('creates a dictionary without rules (they can be added later)', async () => {
		await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'create',
			dictionaryName: 'Empty',
		});
		expect(bed.sent('POST')[0].body).toStrictEqual({ name: 'Empty' });
	});

	const rule = (extra: IDataObject) => ({
		rule: [{ text: 'Tavus', pronunciation: 'TAH-vus', type: 'alias', ...extra }],
	});
	it.each<[string, IDataObject, IDataObject, string]>([
		[
			'a name over 255 characters',
			{ dictionaryName: '={{ $json.v }}' },
			{ v: 'n'.repeat(256) },
			'Name must be at most 255 characters, got 256 [item 0]',
		],
		[
			'an empty name',
			{ dictionaryName: '={{ $json.v }}' },
			{ v: ' ' },
			'Name is required [item 0]',
		],
		[
			'a text over 200 characters',
			{ rules: rule({ text: '={{ $json.v }}' }) },
			{ v: 't'.repeat(201) },
			'Rules › Rule 1 › Text must be at most 200 characters, got 201',
		],
		[
			'a pronunciation over 500 characters',
			{ rules: rule({ pronunciation: '={{ $json.v }}' }) },
			{ v: 'p'.repeat(501) },
			'Rules › Rule 1 › Pronunciation must be at most 500 characters, got 501',
		],
		[
			'an empty pronunciation',
			{ rules: rule({ pronunciation: '={{ $json.v }}' }) },
			{ v: '' },
			'Rules › Rule 1 › Pronunciation is required',
		],
		[
			'a rule type Tavus does not know',
			{ rules: rule({ type: '={{ $json.v }}' }) },
			{ v: 'sampa' },
			'Rules › Rule 1 › Type must be one of "alias", "ipa"',
		],
		[
			'two rules for one text',
			{
				rules: {
					rule: [...rules.rule, { text: 'Tavus', pronunciation: 'TAY-vus', type: 'alias' }],
				},
			},
			{},
			'Rules › Rule 3 › Text "Tavus" already has a rule (rule 1)',
		],
		[
			'JSON rules that are not a list',
			{ rulesInput: 'json', rulesJson: '{"text": "a"}' },
			{},
			'Rules (JSON) must be a JSON array of rules, got an object',
		],
		[
			'a JSON rule without type',
			{ rulesInput: 'json', rulesJson: '[{"text": "a", "pronunciation": "b"}]' },
			{},
			'Rules (JSON) › rule 1 › type must be one of "alias", "ipa"',
		],
		[
			'a JSON case_sensitive that is not a boolean',
			{
				rulesInput: 'json',
				rulesJson:
					'[{"text": "a", "pronunciation": "b", "type": "ipa", "case_sensitive": "maybe"}]',
			},
			{},
			'Rules (JSON) › rule 1 › case_sensitive must be true or false',
		],
	])('refuses %s before sending', async (_label, parameters, input, message) => {
		const { error } = await bed.run({ ...create, ...parameters }, [input]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('Pronunciation Dictionary → Get, Get Many, Delete', () => {
	it("gets a dictionary with its rules; an unknown one is Tavus's 404", async () => {
		const id = await createDictionary();
		const { items } = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'get',
			pronunciationDictionary: byId(id),
		});
		expect(items[0].json).toMatchObject({ pronunciation_dictionary_id: id, rules: sentRules });
		const missing = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'get',
			pronunciationDictionary: byId('pd_000000000000'),
		});
		expect(missing.error).toBeInstanceOf(NodeApiError);
		expect(missing.error?.message).toBe(
			'Tavus API error 404 Not Found: Pronunciation dictionary not found',
		);
	});

	it('lists on 0-based pages, newest first unless asked', async () => {
		for (let index = 0; index < 101; index++) {
			bed.mock.seed({
				pronunciationDictionaries: [
					{
						pronunciation_dictionary_id: `pd_${String(index).padStart(12, '0')}`,
						name: `Dict ${index}`,
						created_at: new Date(2026, 0, 1, 0, index).toISOString(),
					},
				],
			});
		}
		const all = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.items).toHaveLength(101);
		expect(all.items[0].json.name).toBe('Dict 100');
		expect(bed.sent('GET').map((request) => request.query.page)).toEqual(['0', '1']);
		const oldest = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'getAll',
			limit: 2,
			filters: { sort: 'asc' },
		});
		expect(oldest.items.map((item) => item.json.name)).toEqual(['Dict 0', 'Dict 1']);
	});

	it.each<[string, IDataObject]>([
		['update', { dictionaryName: 'x' }],
		['delete', {}],
	])("%s reports an unknown dictionary with Tavus's 404", async (operation, extra) => {
		const { error } = await bed.run({
			resource: 'pronunciationDictionary',
			operation,
			pronunciationDictionary: byId('pd_000000000000'),
			...extra,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 404 Not Found: Pronunciation dictionary not found',
		);
	});

	it('deletes and outputs { deleted: true, pronunciation_dictionary_id }', async () => {
		const id = await createDictionary();
		const { items } = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'delete',
			pronunciationDictionary: byId(id),
		});
		expect(items[0].json).toStrictEqual({ deleted: true, pronunciation_dictionary_id: id });
		expect(bed.mock.state.pronunciationDictionaries.size).toBe(0);
	});
});

describe('Pronunciation Dictionary → Update', () => {
	it('sends a JSON Patch of what differs: /name and the whole /rules', async () => {
		const id = await createDictionary();
		const { items, error } = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'update',
			pronunciationDictionary: byId(id),
			dictionaryName: 'Brand Words',
			rules: { rule: [rules.rule[0]] },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{ op: 'replace', path: '/name', value: 'Brand Words' },
			{ op: 'replace', path: '/rules', value: [sentRules[0]] },
		]);
		expect(items[0].json).toMatchObject({ pronunciation_dictionary_id: id, action: 'updated' });
		expect(bed.mock.state.pronunciationDictionaries.get(id)?.rules).toHaveLength(1);
	});

	it('leaves the rules alone when none are given, and reports no difference as unchanged', async () => {
		const id = await createDictionary();
		const { items } = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'update',
			pronunciationDictionary: byId(id),
			dictionaryName: 'Brand Terms',
		});
		expect(items[0].json).toStrictEqual({
			pronunciation_dictionary_id: id,
			action: 'unchanged',
			patch: [],
		});
		expect(bed.sent('PATCH')).toHaveLength(0);
	});

	it('refuses an update with nothing to change', async () => {
		const { error } = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'update',
			pronunciationDictionary: byId('pd_1'),
		});
		expect(error?.message).toBe('New Name and Rules are both empty: nothing to change [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});

	it("sends raw JSON Patch; Tavus's 422 for an unsupported path carries its message", async () => {
		const id = await createDictionary();
		const ok = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'update',
			pronunciationDictionary: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "replace", "path": "/name", "value": "Renamed"}]',
		});
		expect(ok.items[0].json).toMatchObject({ action: 'updated' });
		const bad = await bed.run({
			resource: 'pronunciationDictionary',
			operation: 'update',
			pronunciationDictionary: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "replace", "path": "/rules/0/text", "value": "x"}]',
		});
		expect(bad.error?.message).toBe(
			'Tavus API error 422 Unprocessable Entity: Invalid JSON patch format',
		);
	});
});

describe('Pronunciation Dictionary → Create or Update (by name)', () => {
	it('creates once, then unchanged, then replaces the rules', async () => {
		const upsert = { ...create, operation: 'createOrUpdate' };
		const first = await bed.run(upsert);
		expect(first.items[0].json).toMatchObject({ action: 'created', name: 'Brand Terms' });
		const id = first.items[0].json.pronunciation_dictionary_id;
		const second = await bed.run(upsert);
		expect(second.items[0].json).toStrictEqual({
			pronunciation_dictionary_id: id,
			name: 'Brand Terms',
			action: 'unchanged',
			patch: [],
		});
		const third = await bed.run({ ...upsert, rules: { rule: [rules.rule[1]] } });
		expect(third.items[0].json).toMatchObject({
			action: 'updated',
			patch: [{ op: 'replace', path: '/rules', value: [sentRules[1]] }],
		});
		expect(bed.mock.state.pronunciationDictionaries.size).toBe(1);
	});
});
