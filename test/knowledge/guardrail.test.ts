import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

const individual = {
	resource: 'guardrail',
	operation: 'create',
	guardrailName: 'no_medical_advice',
	guardrailPrompt: 'Never give medical advice; suggest seeing a doctor instead',
};

const legacy = {
	resource: 'guardrail',
	operation: 'create',
	guardrailType: 'legacySet',
	guardrailSetName: 'Healthcare Compliance',
	guardrails: {
		guardrail: [
			{
				guardrailName: 'no_medical_advice',
				guardrailPrompt: 'Never give medical advice',
				modality: 'verbal',
			},
			{
				guardrailName: 'no_phone',
				guardrailPrompt: 'End the call politely if a phone screen is shown',
				modality: 'visual',
				callbackUrl: 'https://hooks.example.com/guardrails',
			},
		],
	},
};

const legacyData = [
	{
		guardrail_name: 'no_medical_advice',
		guardrail_prompt: 'Never give medical advice',
		modality: 'verbal',
	},
	{
		guardrail_name: 'no_phone',
		guardrail_prompt: 'End the call politely if a phone screen is shown',
		modality: 'visual',
		callback_url: 'https://hooks.example.com/guardrails',
	},
];

async function createIndividual(extra: IDataObject = {}): Promise<string> {
	const { items, error } = await bed.run({ ...individual, ...extra });
	if (error) throw error;
	return String(items[0].json.uuid);
}

describe('Guardrail → Create', () => {
	it('defaults to an individual guardrail and sends its documented shape', async () => {
		const { items, error } = await bed.run({
			...individual,
			additionalFields: {
				modality: 'verbal',
				callbackUrl: 'https://hooks.example.com/g',
				tags: 'compliance, healthcare',
				appMessage: false,
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/guardrails')[0].body).toStrictEqual({
			guardrail_name: 'no_medical_advice',
			guardrail_prompt: 'Never give medical advice; suggest seeing a doctor instead',
			modality: 'verbal',
			callback_url: 'https://hooks.example.com/g',
			tags: ['compliance', 'healthcare'],
			app_message: false,
		});
		expect(items[0].json).toMatchObject({
			uuid: expect.stringMatching(/^g[0-9a-f]{12}$/),
			guardrail_name: 'no_medical_advice',
			tags: ['compliance', 'healthcare'],
		});
		expect(bed.mock.state.guardrails.size).toBe(1);
		expect(bed.mock.state.guardrailSets.size).toBe(0);
	});

	it('creates a legacy set when asked: {name, data}', async () => {
		const { items, error } = await bed.run(legacy);
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/guardrails')[0].body).toStrictEqual({
			name: 'Healthcare Compliance',
			data: legacyData,
		});
		expect(items[0].json).toMatchObject({
			guardrails_id: expect.stringMatching(/^g\d{5}$/),
			guardrails_name: 'Healthcare Compliance',
			status: 'active',
		});
		expect(bed.mock.state.guardrailSets.size).toBe(1);
		expect(bed.mock.state.guardrails.size).toBe(0);
	});

	const long = (length: number) => 'x'.repeat(length);
	it.each<[string, IDataObject, IDataObject, string]>([
		[
			'a name with spaces',
			{ guardrailName: '={{ $json.v }}' },
			{ v: 'no medical advice' },
			'Guardrail Name "no medical advice" may only contain letters, digits and underscores [item 0]',
		],
		[
			'a name with a dash',
			{ guardrailName: 'no-advice' },
			{},
			'Guardrail Name "no-advice" may only contain letters, digits and underscores',
		],
		[
			'a name over 100 characters',
			{ guardrailName: '={{ $json.v }}' },
			{ v: long(101) },
			'Guardrail Name must be at most 100 characters, got 101',
		],
		[
			'a prompt over 1,000 characters',
			{ guardrailPrompt: '={{ $json.v }}' },
			{ v: long(1001) },
			'Guardrail Prompt must be at most 1000 characters, got 1001',
		],
		[
			'an empty prompt',
			{ guardrailPrompt: '={{ $json.v }}' },
			{ v: '' },
			'Guardrail Prompt is required [item 0]',
		],
		[
			'33 tags',
			{ additionalFields: { tags: '={{ $json.v }}' } },
			{ v: Array.from({ length: 33 }, (_, index) => `t${index}`) },
			'Additional Fields › Tags can hold at most 32 tags, got 33',
		],
		[
			'a tag over 64 characters',
			{ additionalFields: { tags: '={{ $json.v }}' } },
			{ v: ['ok', long(65)] },
			'Additional Fields › Tags "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is longer than 64 characters',
		],
		[
			'a callback URL over 2,048 characters',
			{ additionalFields: { callbackUrl: '={{ $json.v }}' } },
			{ v: `https://example.com/${long(2040)}` },
			'Additional Fields › Callback URL must be at most 2048 characters',
		],
		[
			'a modality Tavus does not know',
			{ additionalFields: { modality: '={{ $json.v }}' } },
			{ v: 'audio' },
			'Additional Fields › Modality must be one of "verbal", "visual"',
		],
		[
			'a legacy set without guardrails',
			{ ...legacy, guardrails: {} },
			{},
			'Guardrails needs at least one guardrail [item 0]',
		],
		[
			'a legacy guardrail with a bad name',
			{
				...legacy,
				guardrails: { guardrail: [{ guardrailName: 'bad name!', guardrailPrompt: 'x' }] },
			},
			{},
			'Guardrails › Guardrail 1 › Guardrail Name "bad name!" may only contain letters, digits and underscores',
		],
	])('refuses %s before sending', async (_label, parameters, input, message) => {
		const { error } = await bed.run({ ...individual, ...parameters }, [input]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(bed.sent()).toHaveLength(0);
	});

	it("reports Tavus's own limit (50 guardrails per tag) with its message", async () => {
		for (let index = 0; index < 50; index++) {
			bed.mock.seed({
				guardrails: [
					{
						uuid: `g${String(index).padStart(12, '0')}`,
						guardrail_name: `rule_${index}`,
						guardrail_prompt: 'x',
						tags: ['full'],
					},
				],
			});
		}
		const { error } = await bed.run({ ...individual, additionalFields: { tags: 'full' } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: Tag full already has the maximum of 50 guardrails',
		);
	});
});

describe('Guardrail → Get, Get Many, Delete', () => {
	it('gets an individual guardrail by uuid and a legacy set by guardrails_id', async () => {
		const uuid = await createIndividual();
		const set = await bed.run(legacy);
		const setId = String(set.items[0].json.guardrails_id);
		const one = await bed.run({ resource: 'guardrail', operation: 'get', guardrail: byId(uuid) });
		expect(one.items[0].json).toMatchObject({ uuid, guardrail_name: 'no_medical_advice' });
		const other = await bed.run({
			resource: 'guardrail',
			operation: 'get',
			guardrailType: 'legacySet',
			guardrailSet: byId(setId),
		});
		expect(other.items[0].json).toMatchObject({
			guardrails_id: setId,
			guardrails_name: 'Healthcare Compliance',
			data: legacyData,
		});
	});

	it.each([
		['get', 'g000000000000', 404, 'Guardrails not found'],
		['delete', 'g00000', 404, 'Guardrails not found'],
		['get', 'x1', 400, 'Invalid guardrails_id'],
	])("%s reports unknown ID %s with Tavus's %i", async (operation, id, status, message) => {
		const { error } = await bed.run({ resource: 'guardrail', operation, guardrail: byId(id) });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			`Tavus API error ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}: ${message}`,
		);
	});

	it('lists individual guardrails on 0-based pages with filters, and legacy sets on 1-based pages', async () => {
		for (let index = 0; index < 103; index++) {
			bed.mock.seed({
				guardrails: [
					{
						uuid: `g${String(index).padStart(12, '0')}`,
						guardrail_name: `rule_${index}`,
						guardrail_prompt: 'x',
						tags: index % 2 ? ['odd'] : ['even'],
					},
				],
			});
		}
		bed.mock.seed({
			guardrailSets: [
				{
					guardrails_id: 'g12345',
					guardrails_name: 'Old',
					data: [{ guardrail_name: 'a', guardrail_prompt: 'b' }],
				},
			],
		});
		const all = await bed.run({ resource: 'guardrail', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(103);
		expect(bed.sent('GET', '/v2/guardrails').map((request) => request.query)).toEqual([
			{ legacy: 'false', limit: '100', page: '0' },
			{ legacy: 'false', limit: '100', page: '1' },
		]);
		bed.mock.clearRequests();
		const filtered = await bed.run({
			resource: 'guardrail',
			operation: 'getAll',
			returnAll: true,
			filters: { tags: ['odd'], nameOrUuid: 'rule_1', sort: 'descending' },
		});
		expect(bed.sent('GET')[0].query).toEqual({
			legacy: 'false',
			limit: '100',
			page: '0',
			name_or_uuid: 'rule_1',
			tags: 'odd',
			sort: 'descending',
		});
		expect(filtered.items.every((item) => (item.json.tags as string[]).includes('odd'))).toBe(true);
		expect(filtered.items.length).toBeGreaterThan(0);
		const sets = await bed.run({
			resource: 'guardrail',
			operation: 'getAll',
			guardrailType: 'legacySet',
			returnAll: true,
		});
		expect(sets.items.map((item) => item.json.guardrails_id)).toEqual(['g12345']);
		expect(bed.sent('GET').slice(-1)[0].query).toEqual({ legacy: 'true', limit: '100', page: '1' });
	});

	it('deletes either kind and outputs its ID key', async () => {
		const uuid = await createIndividual();
		const set = await bed.run(legacy);
		const setId = String(set.items[0].json.guardrails_id);
		const one = await bed.run({
			resource: 'guardrail',
			operation: 'delete',
			guardrail: byId(uuid),
		});
		const other = await bed.run({
			resource: 'guardrail',
			operation: 'delete',
			guardrailType: 'legacySet',
			guardrailSet: byId(setId),
		});
		expect(one.items[0].json).toStrictEqual({ deleted: true, uuid });
		expect(other.items[0].json).toStrictEqual({ deleted: true, guardrails_id: setId });
		expect(bed.mock.state.guardrails.size + bed.mock.state.guardrailSets.size).toBe(0);
	});
});

describe('Guardrail → Update', () => {
	it('patches only the fields that differ on an individual guardrail', async () => {
		const uuid = await createIndividual({ additionalFields: { tags: 'a' } });
		const { items, error } = await bed.run({
			resource: 'guardrail',
			operation: 'update',
			guardrail: byId(uuid),
			updateFields: {
				guardrailName: 'no_medical_advice',
				guardrailPrompt: 'Never diagnose',
				tags: 'a, b',
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{ op: 'replace', path: '/guardrail_prompt', value: 'Never diagnose' },
			{ op: 'replace', path: '/tags', value: ['a', 'b'] },
		]);
		expect(items[0].json).toMatchObject({ uuid, action: 'updated' });
		expect(bed.mock.state.guardrails.get(uuid)).toMatchObject({
			guardrail_prompt: 'Never diagnose',
			tags: ['a', 'b'],
		});
	});

	it("reports an unknown guardrail or set with Tavus's 404", async () => {
		const one = await bed.run({
			resource: 'guardrail',
			operation: 'update',
			guardrail: byId('g000000000000'),
			updateFields: { guardrailPrompt: 'x' },
		});
		expect(one.error?.message).toBe('Tavus API error 404 Not Found: Guardrails not found');
		const set = await bed.run({
			resource: 'guardrail',
			operation: 'update',
			guardrailType: 'legacySet',
			guardrailSet: byId('g00000'),
			guardrails: legacy.guardrails,
		});
		expect(set.error?.message).toBe('Tavus API error 404 Not Found: Guardrails not found');
	});

	it('refuses an empty Update Fields before sending', async () => {
		const { error } = await bed.run({
			resource: 'guardrail',
			operation: 'update',
			guardrail: byId('g000000000001'),
			updateFields: {},
		});
		expect(error?.message).toBe('Update Fields has no field to change [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});

	it('patches a legacy set to the given guardrails with /data/<n>/ paths', async () => {
		const set = await bed.run(legacy);
		const setId = String(set.items[0].json.guardrails_id);
		const changed = {
			guardrail: [
				legacy.guardrails.guardrail[0],
				{
					...legacy.guardrails.guardrail[1],
					guardrailPrompt: 'End the call if a phone is shown',
					callbackUrl: '',
				},
			],
		};
		const { items } = await bed.run({
			resource: 'guardrail',
			operation: 'update',
			guardrailType: 'legacySet',
			guardrailSet: byId(setId),
			guardrails: changed,
		});
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{
				op: 'replace',
				path: '/data/1/guardrail_prompt',
				value: 'End the call if a phone is shown',
			},
			{ op: 'remove', path: '/data/1/callback_url' },
		]);
		expect(items[0].json).toMatchObject({ guardrails_id: setId, action: 'updated' });
	});

	it("sends raw JSON Patch; Tavus's 304 is unchanged and its 400 carries its message", async () => {
		const uuid = await createIndividual();
		const same = await bed.run({
			resource: 'guardrail',
			operation: 'update',
			guardrail: byId(uuid),
			updateMode: 'jsonPatch',
			patchOperations:
				'[{"op": "replace", "path": "/guardrail_name", "value": "no_medical_advice"}]',
		});
		expect(same.items[0].json).toMatchObject({ uuid, action: 'unchanged' });
		expect(bed.sent('PATCH')[0].status).toBe(304);
		const bad = await bed.run({
			resource: 'guardrail',
			operation: 'update',
			guardrail: byId(uuid),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "replace", "path": "/uuid", "value": "g999999999999"}]',
		});
		expect(bad.error?.message).toBe('Tavus API error 400 Bad Request: uuid is read-only');
	});
});

describe('Guardrail → Create or Update (by name)', () => {
	it('individual: creates once, then unchanged, then updated; never a duplicate', async () => {
		const upsert = {
			...individual,
			operation: 'createOrUpdate',
			guardrailPrompt: '={{ $json.prompt }}',
		};
		const first = await bed.run(upsert, [{ prompt: 'v1' }]);
		expect(first.items[0].json).toMatchObject({
			action: 'created',
			guardrail_name: 'no_medical_advice',
		});
		const uuid = first.items[0].json.uuid;
		const second = await bed.run(upsert, [{ prompt: 'v1' }]);
		expect(second.items[0].json).toStrictEqual({
			uuid,
			guardrail_name: 'no_medical_advice',
			action: 'unchanged',
			patch: [],
		});
		const third = await bed.run(upsert, [{ prompt: 'v2' }]);
		expect(third.items[0].json).toMatchObject({
			uuid,
			action: 'updated',
			patch: [{ op: 'replace', path: '/guardrail_prompt', value: 'v2' }],
		});
		expect(bed.mock.state.guardrails.size).toBe(1);
		// The lookup narrows the list with Tavus's name search, on 0-based pages.
		expect(bed.sent('GET', '/v2/guardrails')[0].query).toEqual({
			legacy: 'false',
			name_or_uuid: 'no_medical_advice',
			limit: '100',
			page: '0',
		});
	});

	it('matches the exact name only (the name search also returns longer names)', async () => {
		bed.mock.seed({
			guardrails: [
				{ uuid: 'g0000000000aa', guardrail_name: 'no_medical_advice_v2', guardrail_prompt: 'x' },
			],
		});
		const { items } = await bed.run({ ...individual, operation: 'createOrUpdate' });
		expect(items[0].json.action).toBe('created');
		expect(bed.mock.state.guardrails.size).toBe(2);
	});

	it('legacy set: finds the set by its name, creates it only once', async () => {
		const upsert = { ...legacy, operation: 'createOrUpdate' };
		const first = await bed.run(upsert);
		expect(first.items[0].json).toMatchObject({ action: 'created' });
		const second = await bed.run(upsert);
		expect(second.items[0].json).toStrictEqual({
			guardrails_id: first.items[0].json.guardrails_id,
			guardrails_name: 'Healthcare Compliance',
			action: 'unchanged',
			patch: [],
		});
		expect(bed.mock.state.guardrailSets.size).toBe(1);
	});

	it('legacy set: reads sets whose list item has no name (the documented list shape) to find the name', async () => {
		bed.mock.seed({
			guardrailSets: [
				{ guardrails_id: 'g12345', guardrails_name: 'Healthcare Compliance', data: legacyData },
			],
		});
		// The spec's list items carry only guardrails_id and dates.
		bed.mock.addFault({
			method: 'GET',
			path: /^\/v2\/guardrails$/,
			status: 200,
			body: {
				data: [{ guardrails_id: 'g12345', created_at: '2026-01-01T00:00:00Z' }],
				total_count: 1,
			},
			times: 1,
		});
		const { items, error } = await bed.run({ ...legacy, operation: 'createOrUpdate' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ guardrails_id: 'g12345', action: 'unchanged' });
		expect(bed.sent('GET').map((request) => request.path)).toEqual([
			'/v2/guardrails',
			'/v2/guardrails/g12345',
			'/v2/guardrails/g12345',
		]);
		expect(bed.mock.state.guardrailSets.size).toBe(1);
	});

	it('legacy set: requires a set name', async () => {
		const { error } = await bed.run({
			...legacy,
			operation: 'createOrUpdate',
			guardrailSetName: '',
		});
		expect(error?.message).toBe('Set Name is required to find the set by name [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('legacy sets without names (the documented list and GET shapes)', () => {
	it('Create or Update refuses rather than risk a duplicate set', async () => {
		bed.mock.seed({
			guardrailSets: [
				{
					guardrails_id: 'g54321',
					data: [{ guardrail_name: 'old_rule', guardrail_prompt: 'Old' }],
				},
			],
		});
		const set = bed.mock.state.guardrailSets.get('g54321');
		if (set) {
			delete set.guardrails_name;
			delete set.name;
		}
		const { error } = await bed.run({ ...legacy, operation: 'createOrUpdate' });
		expect(error?.message).toBe(
			'Create or Update cannot find guardrail sets by name: Tavus returns no name for 1 of your legacy sets (e.g. g54321) [item 0]',
		);
		expect(bed.sent('POST', '/v2/guardrails')).toHaveLength(0);
	});
});
