import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { toToolIds } from '../../nodes/Tavus/resources/persona/palTools';
import { lifeCoachNodeParameters, seedExpectedBody } from '../fixtures/seed';
import { useTestbed } from '../helpers/testbed';

/**
 * Registry tools on a persona (PAL), tavus-api-2026-11.md §3.8: Attach Tools, Get Tools, Detach
 * Tool, and the Tools field of Create, Create or Update and Update (attached after the persona
 * is written, as one operation), through n8n's real WorkflowExecute against the stand-in.
 */
const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id });
const tools = (...pickers: unknown[]) => ({ tool: pickers.map((tool) => ({ tool })) });
const retryOnFail = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

const PAL = 'p5317866aa01';
const WEATHER = 'tabc123def456';
const ORDERS = 'tdef456abc789';
const TOKEN = ['weather', 'bearer', '9e8d7c'].join('-');

const minimal = {
	resource: 'persona',
	operation: 'create',
	personaName: 'Coach',
	systemPrompt: 'Be kind.',
};
const minimalBody = { persona_name: 'Coach', pipeline_mode: 'full', system_prompt: 'Be kind.' };

function seedRegistry() {
	bed.mock.seed({
		personas: [{ persona_id: PAL, persona_name: 'Support', system_prompt: 'Help.' }],
		tools: [
			{
				tool_id: WEATHER,
				name: 'get_weather',
				description: 'Get the current weather for a city',
				delivery: {
					app_message: false,
					api: {
						url: 'https://api.example.com/v1/weather/{city}',
						method: 'GET',
						auth: { type: 'bearer', token: TOKEN },
					},
				},
			},
			{ tool_id: ORDERS, name: 'look_up_order', description: 'Look up an order' },
		],
	});
	bed.mock.clearRequests();
}

function personasNamed(name: string): number {
	return [...bed.mock.state.personas.values()].filter(
		(p) => (p as IDataObject).persona_name === name,
	).length;
}

async function attached(personaId: string): Promise<string[]> {
	const { items, error } = await bed.run({
		resource: 'persona',
		operation: 'getTools',
		persona: byId(personaId),
	});
	if (error) throw error;
	return items.map((item) => String(item.json.tool_id));
}

beforeEach(seedRegistry);

describe('Persona → Attach Tools', () => {
	it('sends {"tool_ids": [...]} and outputs the persona with the tools Tavus reports, secrets masked', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'attachTools',
			persona: fromList(PAL),
			toolIds: tools(fromList(WEATHER), byId(ORDERS)),
		});
		expect(error).toBeUndefined();
		const sent = bed.sent('POST');
		expect(sent.map((r) => [r.path, r.body, r.status])).toEqual([
			[`/v2/pals/${PAL}/tools`, { tool_ids: [WEATHER, ORDERS] }, 200],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toStrictEqual({
			persona_id: PAL,
			tools: [
				expect.objectContaining({
					tool_id: WEATHER,
					name: 'get_weather',
					delivery: expect.objectContaining({
						api: expect.objectContaining({ auth: { type: 'bearer', token: '********' } }),
					}),
				}),
				expect.objectContaining({ tool_id: ORDERS, name: 'look_up_order' }),
			],
		});
		expect(JSON.stringify(items)).not.toContain(TOKEN);
		expect(await attached(PAL)).toEqual([WEATHER, ORDERS]);
	});

	it('takes a list of IDs from an expression, without repeats, and is idempotent at Tavus', async () => {
		const run = async () =>
			await bed.run(
				{
					resource: 'persona',
					operation: 'attachTools',
					persona: byId('={{ $json.pal }}'),
					toolIds: tools(byId('={{ $json.ids }}'), byId(WEATHER)),
				},
				[{ json: { pal: PAL, ids: [ORDERS, WEATHER] } }],
			);
		expect((await run()).error).toBeUndefined();
		const second = await run();
		expect(second.error).toBeUndefined();
		expect(bed.sent('POST').map((r) => r.body)).toEqual([
			{ tool_ids: [ORDERS, WEATHER] },
			{ tool_ids: [ORDERS, WEATHER] },
		]);
		expect((second.items[0].json.tools as IDataObject[]).map((t) => t.tool_id)).toEqual([
			ORDERS,
			WEATHER,
		]);
		expect(await attached(PAL)).toEqual([ORDERS, WEATHER]);
	});

	it('refuses an empty Tools list and a bad ID before sending, naming the field and the item', async () => {
		const none = await bed.run({
			resource: 'persona',
			operation: 'attachTools',
			persona: byId(PAL),
		});
		expect(none.error).toBeInstanceOf(NodeOperationError);
		expect(none.error?.message).toBe('Tools needs at least one tool [item 0]');

		const bad = await bed.run(
			{
				resource: 'persona',
				operation: 'attachTools',
				persona: byId(PAL),
				toolIds: tools(byId(WEATHER), byId('={{ $json.id }}')),
			},
			[{ json: { id: WEATHER } }, { json: { id: 'get weather!' } }],
			{ onError: 'continueRegularOutput' },
		);
		expect(bad.error).toBeUndefined();
		expect(bad.items[1].json.error).toBe(
			'Tools › Tool 2 "get weather!" is not a Tavus ID (IDs are letters, digits, "-" and "_", like p5317866) [item 1]',
		);
		// Only item 0 was sent.
		expect(bed.sent('POST').map((r) => r.body)).toEqual([{ tool_ids: [WEATHER] }]);
	});

	it('passes on Tavus’s error for an unknown tool as a NodeApiError', async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'attachTools',
			persona: byId(PAL),
			toolIds: tools(byId('tffffffffffff')),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: Bad Request. Tool not found: tffffffffffff',
		);
	});
});

describe('Persona → Get Tools', () => {
	it('outputs one item per attached tool, paired to its input item', async () => {
		await bed.run({
			resource: 'persona',
			operation: 'attachTools',
			persona: byId(PAL),
			toolIds: tools(byId(ORDERS), byId(WEATHER)),
		});
		bed.mock.clearRequests();
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'getTools',
			persona: byId(PAL),
		});
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2/pals/${PAL}/tools`]);
		expect(items.map((item) => [item.json.tool_id, item.pairedItem])).toEqual([
			[ORDERS, { item: 0 }],
			[WEATHER, { item: 0 }],
		]);
		expect(items[1].json).toMatchObject({ is_system_tool: false, on_resolve: 'fire_and_forget' });
		expect(JSON.stringify(items)).not.toContain(TOKEN);
	});

	it('outputs nothing for a persona without registry tools', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'getTools',
			persona: byId(PAL),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});

describe('Persona → Detach Tool', () => {
	it('sends DELETE /v2/pals/{id}/tools/{tool_id} and outputs what was detached', async () => {
		await bed.run({
			resource: 'persona',
			operation: 'attachTools',
			persona: byId(PAL),
			toolIds: tools(byId(WEATHER), byId(ORDERS)),
		});
		bed.mock.clearRequests();
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'detachTool',
			persona: byId(PAL),
			tool: fromList(WEATHER),
		});
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.path, r.status])).toEqual([
			['DELETE', `/v2/pals/${PAL}/tools/${WEATHER}`, 204],
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ detached: true, persona_id: PAL, tool_id: WEATHER },
		]);
		expect(await attached(PAL)).toEqual([ORDERS]);
		// The tool itself stays in the registry.
		expect(bed.mock.state.tools.has(WEATHER)).toBe(true);
	});

	it('fails with Tavus’s message when the tool is not attached (sent once)', async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'detachTool',
			persona: byId(PAL),
			tool: byId(ORDERS),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: Bad Request. Tool not attached to this PAL',
		);
		expect(bed.sent('DELETE')).toHaveLength(1);
	});

	it('counts a 400 on a retry after a reset as done (the first attempt detached it)', async () => {
		await bed.run({
			resource: 'persona',
			operation: 'attachTools',
			persona: byId(PAL),
			toolIds: tools(byId(WEATHER)),
		});
		bed.mock.addFault({ kind: 'resetAfter', method: 'DELETE', path: `/v2/pals/${PAL}/tools/` });
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'detachTool',
			persona: byId(PAL),
			tool: byId(WEATHER),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ detached: true, persona_id: PAL, tool_id: WEATHER });
		// The reset came after Tavus detached it (recorded 204); the retry's 400 means done.
		expect(bed.sent('DELETE').map((r) => r.status)).toEqual([204, 400]);
	});
});

describe('Persona → Create with Tools', () => {
	it('creates the persona, then attaches the tools: two requests, exact bodies, one output', async () => {
		const { items, error } = await bed.run({
			...minimal,
			toolIds: tools(fromList(WEATHER), byId(ORDERS)),
		});
		expect(error).toBeUndefined();
		const sent = bed.sent();
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v2/personas',
			expect.stringMatching(/^POST \/v2\/pals\/p[0-9a-f]{12}\/tools$/),
		]);
		expect(sent[0].body).toStrictEqual(minimalBody);
		expect(sent[1].body).toStrictEqual({ tool_ids: [WEATHER, ORDERS] });
		const personaId = String(items[0].json.persona_id);
		expect(sent[1].path).toBe(`/v2/pals/${personaId}/tools`);
		expect(items).toHaveLength(1);
		expect(items[0].json).toStrictEqual({
			persona_id: expect.stringMatching(/^p[0-9a-f]{12}$/),
			persona_name: 'Coach',
			created_at: expect.any(String),
			tools: [
				expect.objectContaining({ tool_id: WEATHER }),
				expect.objectContaining({ tool_id: ORDERS }),
			],
		});
		expect(JSON.stringify(items)).not.toContain(TOKEN);
		expect(await attached(personaId)).toEqual([WEATHER, ORDERS]);
	});

	it('sends the seed Life Coach body unchanged (legacy inline tools included) and then the tools', async () => {
		const { items, error } = await bed.run({
			...lifeCoachNodeParameters(),
			toolIds: tools(byId(WEATHER)),
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')[0].body).toStrictEqual(seedExpectedBody());
		expect(bed.sent('POST', '/v2/pals/').map((r) => r.body)).toEqual([{ tool_ids: [WEATHER] }]);
		expect((items[0].json.tools as IDataObject[]).map((t) => t.tool_id)).toEqual([WEATHER]);
	});

	it('without Tools sends only the create and outputs no tools key', async () => {
		const { items } = await bed.run({ ...minimal, toolIds: {} });
		expect(bed.sent().map((r) => r.path)).toEqual(['/v2/personas']);
		expect(items[0].json).not.toHaveProperty('tools');
	});

	it('refuses a bad tool ID from an expression before creating anything', async () => {
		// (A bad ID typed into By ID never gets this far: n8n stops on the picker's own check.)
		const { error } = await bed.run({ ...minimal, toolIds: tools(byId('={{ $json.toolId }}')) }, [
			{ json: { toolId: 'tool/../x' } },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Tools › Tool 1 "tool/../x" is not a Tavus ID (IDs are letters, digits, "-" and "_", like p5317866) [item 0]',
		);
		expect(bed.sent()).toHaveLength(0);
		expect(personasNamed('Coach')).toBe(0);
	});

	it('an attach failure names the created persona and says the tools were not attached', async () => {
		const { error } = await bed.run({ ...minimal, toolIds: tools(byId('tffffffffffff')) });
		expect(error).toBeInstanceOf(NodeApiError);
		const personaId = [...bed.mock.state.personas.values()]
			.map((p) => p as IDataObject)
			.find((p) => p.persona_name === 'Coach')?.persona_id as string;
		expect(personaId).toMatch(/^p[0-9a-f]{12}$/);
		expect(error?.message).toBe(
			`Persona ${personaId} was created, but the tools were not attached: Tavus API error 400 Bad Request: Bad Request. Tool not found: tffffffffffff`,
		);
		expect((error as NodeApiError).description).toMatch(
			new RegExp(
				`^The persona ${personaId} exists in Tavus: attach the tools with Persona → Attach Tools\\.`,
			),
		);
		expect((error as NodeApiError).httpCode).toBe('400');
	});

	it('Retry On Fail sends only the attach again: one persona, whatever the tries', async () => {
		const { error } = await bed.run({ ...minimal, toolIds: tools(byId('tffffffffffff')) }, [{}], {
			settings: retryOnFail,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toMatch(
			/^Persona p[0-9a-f]{12} was created, but the tools were not attached: /,
		);
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(1);
		expect(bed.sent('POST', '/v2/pals/').map((r) => r.status)).toEqual([400, 400, 400]);
		expect(personasNamed('Coach')).toBe(1);
	});

	it('Retry On Fail: an attach that fails once succeeds on the rerun, with the first try’s persona', async () => {
		bed.mock.addFault({
			kind: 'status',
			status: 400,
			body: { error: 'Bad Request. Try again' },
			method: 'POST',
			path: '/v2/pals/',
		});
		const { items, error } = await bed.run({ ...minimal, toolIds: tools(byId(WEATHER)) }, [{}], {
			settings: retryOnFail,
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(1);
		expect(bed.sent('POST', '/v2/pals/').map((r) => r.status)).toEqual([400, 200]);
		expect(personasNamed('Coach')).toBe(1);
		const personaId = String(items[0].json.persona_id);
		expect(bed.mock.state.personas.has(personaId)).toBe(true);
		expect((items[0].json.tools as IDataObject[]).map((t) => t.tool_id)).toEqual([WEATHER]);
	});

	it('an attach whose connection was reset is retried at once (attaching is idempotent)', async () => {
		bed.mock.addFault({ kind: 'resetAfter', method: 'POST', path: '/v2/pals/' });
		const { items, error } = await bed.run({ ...minimal, toolIds: tools(byId(WEATHER)) });
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(1);
		// The first answer was cut off after Tavus attached (recorded 200); the retry attaches again.
		expect(bed.sent('POST', '/v2/pals/').map((r) => r.status)).toEqual([200, 200]);
		expect((items[0].json.tools as IDataObject[]).map((t) => t.tool_id)).toEqual([WEATHER]);
	});

	it('Continue (regular output) outputs the created persona with the error; nothing created twice', async () => {
		const { items, error } = await bed.run(
			{ ...minimal, toolIds: tools(byId('tffffffffffff')) },
			[{}],
			{ onError: 'continueRegularOutput', settings: retryOnFail },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const personaId = String(items[0].json.persona_id);
		expect(items[0].json).toStrictEqual({
			persona_id: expect.stringMatching(/^p[0-9a-f]{12}$/),
			persona_name: 'Coach',
			created_at: expect.any(String),
			error: `Persona ${personaId} was created, but the tools were not attached: Tavus API error 400 Bad Request: Bad Request. Tool not found: tffffffffffff`,
			description: expect.stringContaining(`The persona ${personaId} exists in Tavus`),
			httpCode: '400',
		});
		expect(personasNamed('Coach')).toBe(1);
	});

	it('Continue (using error output) sends the item to the error output, naming the persona', async () => {
		const { outputs, error } = await bed.run(
			{ ...minimal, toolIds: tools(byId('tffffffffffff')) },
			[{}],
			{ onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(0);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].json.error).toMatch(
			/^Persona p[0-9a-f]{12} was created, but the tools were not attached: Tavus API error 400/,
		);
		expect(personasNamed('Coach')).toBe(1);
	});
});

describe('Persona → Update and Create or Update with Tools', () => {
	it('Update: patches what differs, then attaches the tools', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(PAL),
			updateMode: 'fields',
			updateFields: { systemPrompt: 'Help kindly.' },
			toolIds: tools(byId(ORDERS)),
		});
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.path, r.body])).toEqual([
			['GET', `/v2/personas/${PAL}`, undefined],
			[
				'PATCH',
				`/v2/personas/${PAL}`,
				[{ op: 'replace', path: '/system_prompt', value: 'Help kindly.' }],
			],
			['POST', `/v2/pals/${PAL}/tools`, { tool_ids: [ORDERS] }],
		]);
		expect(items[0].json).toStrictEqual({
			persona_id: PAL,
			action: 'updated',
			patch: [{ op: 'replace', path: '/system_prompt', value: 'Help kindly.' }],
			tools: [expect.objectContaining({ tool_id: ORDERS, name: 'look_up_order' })],
		});
	});

	it('Update with nothing to change still attaches the tools, and its error says so', async () => {
		const ok = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(PAL),
			updateMode: 'fields',
			toolIds: tools(byId(WEATHER)),
		});
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json).toMatchObject({ persona_id: PAL, action: 'unchanged' });
		expect(bed.sent('PATCH')).toHaveLength(0);
		expect(await attached(PAL)).toEqual([WEATHER]);

		const failed = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(PAL),
			updateMode: 'fields',
			toolIds: tools(byId('tffffffffffff')),
		});
		expect(failed.error?.message).toBe(
			`Persona ${PAL} was left unchanged, but the tools were not attached: Tavus API error 400 Bad Request: Bad Request. Tool not found: tffffffffffff`,
		);
	});

	it('Update with JSON Patch operations attaches the tools too', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(PAL),
			updateMode: 'jsonPatch',
			patchOperations: JSON.stringify([{ op: 'replace', path: '/persona_name', value: 'Helper' }]),
			toolIds: tools(byId(WEATHER)),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ persona_id: PAL, action: 'updated' });
		expect((items[0].json.tools as IDataObject[]).map((t) => t.tool_id)).toEqual([WEATHER]);
	});

	it('Update refuses a bad tool ID before reading or patching the persona', async () => {
		const { error } = await bed.run(
			{
				resource: 'persona',
				operation: 'update',
				persona: byId(PAL),
				updateMode: 'fields',
				updateFields: { systemPrompt: 'Changed.' },
				toolIds: tools(byId(WEATHER), byId('={{ $json.toolId }}')),
			},
			[{ json: { toolId: { id: WEATHER } } }],
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Tools › Tool 2 must be a Tavus ID (text like p5317866), got an object [item 0]',
		);
		expect(bed.sent()).toHaveLength(0);
	});

	it('Create or Update: finds the persona by name, updates it and attaches the tools', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'createOrUpdate',
			personaName: 'Support',
			systemPrompt: 'Help.',
			toolIds: tools(byId(WEATHER)),
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')).toHaveLength(0);
		expect(bed.sent('POST', '/v2/pals/').map((r) => [r.path, r.body])).toEqual([
			[`/v2/pals/${PAL}/tools`, { tool_ids: [WEATHER] }],
		]);
		expect(items[0].json).toMatchObject({
			persona_id: PAL,
			persona_name: 'Support',
			tools: [expect.objectContaining({ tool_id: WEATHER })],
		});
	});

	it('Create or Update: creates the persona when none has the name, then attaches', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'createOrUpdate',
			personaName: 'Brand New',
			systemPrompt: 'Hi.',
			toolIds: tools(byId(ORDERS)),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			action: 'created',
			persona_name: 'Brand New',
			tools: [expect.objectContaining({ tool_id: ORDERS })],
		});
		expect(await attached(String(items[0].json.persona_id))).toEqual([ORDERS]);
	});

	it('Create or Update: an attach failure after creating advises running it again (it finds the persona)', async () => {
		const { error } = await bed.run({
			resource: 'persona',
			operation: 'createOrUpdate',
			personaName: 'Brand New',
			systemPrompt: 'Hi.',
			toolIds: tools(byId('tffffffffffff')),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		const personaId = [...bed.mock.state.personas.values()]
			.map((p) => p as IDataObject)
			.find((p) => p.persona_name === 'Brand New')?.persona_id as string;
		expect(error?.message).toBe(
			`Persona ${personaId} was created, but the tools were not attached: Tavus API error 400 Bad Request: Bad Request. Tool not found: tffffffffffff`,
		);
		expect((error as NodeApiError).description).toMatch(
			new RegExp(
				`^The persona ${personaId} was created: attach the tools with Persona → Attach Tools, or run Create or Update again\\.`,
			),
		);
	});
});

describe('toToolIds (pure)', () => {
	it('reads pickers, plain IDs, arrays and comma-separated IDs, without repeats or empties', () => {
		expect(toToolIds(undefined)).toEqual([]);
		expect(toToolIds({})).toEqual([]);
		expect(
			toToolIds({
				tool: [
					{ tool: byId(WEATHER) },
					{ tool: `${ORDERS}, ${WEATHER}` },
					{ tool: [ORDERS, ''] },
					{ tool: byId('') },
				],
			}),
		).toEqual([WEATHER, ORDERS]);
	});

	it('refuses more than 50 tools and values that are not a list of tools', () => {
		const many = Array.from({ length: 51 }, (_, i) => ({
			tool: byId(`t${String(i).padStart(12, '0')}`),
		}));
		expect(() => toToolIds({ tool: many })).toThrow(
			'Tools: has 51 tools; Tavus attaches at most 50 to one persona',
		);
		expect(() => toToolIds('tabc')).toThrow('Tools: must be a list of tools (Add Tool)');
		expect(() => toToolIds({ tool: 'tabc' })).toThrow('Tools: must be a list of tools (Add Tool)');
	});
});
