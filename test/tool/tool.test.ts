import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Secrets built at run time (lint flags literal key-like constants). */
const TOKEN = ['bearer', 'tok', '5c6d7e8f'].join('-');
const CLIENT_SECRET = ['client', 'sec', '1f2e3d4c'].join('-');
const OAUTH2 = ['oauth2', 'client', 'credentials'].join('_');

const schema = {
	type: 'object',
	properties: { city: { type: 'string', description: 'City name' } },
	required: ['city'],
};

const weather = {
	resource: 'tool',
	operation: 'create',
	toolName: 'get_weather',
	registryToolDescription: 'Get the current weather for a city',
	toolParameters: JSON.stringify(schema),
	toolOnResolve: 'generate_response',
	toolDelivery: 'api',
	apiUrl: 'https://api.example.com/v1/weather/{city}',
	apiMethod: 'GET',
	apiTimeout: 10,
	apiHeaders: '{"X-Service": "weather-bot"}',
	apiQueryParameters: '{"units": "metric"}',
	apiAuthType: 'bearer',
	bearerToken: TOKEN,
};

const weatherBody = {
	name: 'get_weather',
	description: 'Get the current weather for a city',
	parameters: schema,
	trigger_type: 'in_call',
	origin: 'llm',
	on_call: 'generate_filler',
	on_resolve: 'generate_response',
	delivery: {
		app_message: false,
		api: {
			url: 'https://api.example.com/v1/weather/{city}',
			method: 'GET',
			timeout: 10,
			headers: { 'X-Service': 'weather-bot' },
			query_params: { units: 'metric' },
			content_type: 'application/json',
			auth: { type: 'bearer', token: TOKEN },
		},
	},
};

function expectNoSecret(value: unknown) {
	const text = JSON.stringify(value) ?? '';
	expect(text).not.toContain(TOKEN);
	expect(text).not.toContain(CLIENT_SECRET);
}

async function createWeather(extra: IDataObject = {}): Promise<string> {
	const { items, error } = await bed.run({ ...weather, ...extra });
	if (error) throw error;
	return String(items[0].json.tool_id);
}

describe('Tool → Create', () => {
	it('sends the documented body and outputs the tool with its secret masked', async () => {
		const { items, error } = await bed.run(weather);
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/tools')[0].body).toStrictEqual(weatherBody);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			tool_id: expect.stringMatching(/^t[0-9a-f]{12}$/),
			name: 'get_weather',
			is_system_tool: false,
			delivery: { api: { auth: { type: 'bearer', token: '********' } } },
		});
		expectNoSecret(items);
		// Tavus keeps the real secret.
		const stored = [...bed.mock.state.tools.values()].find((tool) => tool.name === 'get_weather');
		expect(JSON.stringify(stored)).toContain(TOKEN);
	});

	it('creates a post-call action over OAuth2 client credentials, without origin', async () => {
		const { items, error } = await bed.run({
			resource: 'tool',
			operation: 'create',
			toolName: 'post_summary',
			registryToolDescription: 'Post a call summary',
			toolParameters: JSON.stringify(schema),
			toolTriggerType: 'post_call',
			toolDelivery: 'api',
			apiUrl: 'https://hooks.example.com/summary',
			apiBodyTemplate: '{"city": "{city}"}',
			apiAuthType: OAUTH2,
			oauthEndpoint: 'https://auth.example.com/oauth/token',
			oauthClientId: 'n8n',
			oauthClientSecret: CLIENT_SECRET,
			oauthScope: 'hooks',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/tools')[0].body).toStrictEqual({
			name: 'post_summary',
			description: 'Post a call summary',
			parameters: schema,
			trigger_type: 'post_call',
			delivery: {
				app_message: false,
				api: {
					url: 'https://hooks.example.com/summary',
					method: 'POST',
					timeout: 10,
					body_template: { city: '{city}' },
					content_type: 'application/json',
					auth: {
						type: OAUTH2,
						token_url: 'https://auth.example.com/oauth/token',
						client_id: 'n8n',
						client_secret: CLIENT_SECRET,
						scope: 'hooks',
					},
				},
			},
		});
		expect(items[0].json).toMatchObject({ trigger_type: 'post_call', origin: null });
		expectNoSecret(items);
	});

	it('sends an app-message tool with a static filler', async () => {
		const { error } = await bed.run({
			resource: 'tool',
			operation: 'create',
			toolName: 'look_up_order',
			registryToolDescription: 'Look up an order',
			toolOnCall: 'static_filler',
			toolStaticFiller: 'Sure, let me grab that for you.',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/tools')[0].body).toStrictEqual({
			name: 'look_up_order',
			description: 'Look up an order',
			parameters: { type: 'object', properties: {}, required: [] },
			trigger_type: 'in_call',
			origin: 'llm',
			on_call: 'static_filler',
			static_filler: 'Sure, let me grab that for you.',
			on_resolve: 'fire_and_forget',
			delivery: { app_message: true },
		});
	});

	it.each<[string, IDataObject, IDataObject, string]>([
		[
			'a name with spaces',
			{ toolName: '={{ $json.v }}' },
			{ v: 'get weather' },
			'Name "get weather" is not a valid tool name',
		],
		[
			'a tavus_ property',
			{ toolParameters: '{"type": "object", "properties": {"tavus_id": {"type": "string"}}}' },
			{},
			'Parameters (JSON Schema) property "tavus_id" starts with tavus_',
		],
		[
			'over 10,000 characters',
			{ registryToolDescription: '={{ $json.v }}' },
			{ v: 'x'.repeat(9950) },
			'Description must be at most 10,000 characters together with the serialized Parameters',
		],
		[
			'post call over app message',
			{ toolTriggerType: 'post_call', toolDelivery: 'appMessage' },
			{},
			'Delivery must be API for a Post Call tool',
		],
		[
			'static filler without text',
			{ toolOnCall: 'static_filler', toolStaticFiller: '={{ $json.v }}' },
			{ v: '' },
			'Static Filler is required',
		],
		['an http URL', { apiUrl: 'http://api.example.com/w' }, {}, 'URL must be an https:// URL'],
		['a bearer without token', { bearerToken: '={{ $json.v }}' }, { v: '' }, 'Token is required'],
	])('refuses %s before sending', async (_label, parameters, input, message) => {
		const { error } = await bed.run({ ...weather, ...parameters }, [input]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expectNoSecret(error?.message);
		expectNoSecret(error?.description);
		expect(bed.sent()).toHaveLength(0);
	});

	it("passes Tavus's own refusal through, without the secrets", async () => {
		await createWeather();
		const { error } = await bed.run(weather);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: A tool named "get_weather" already exists',
		);
		expectNoSecret([error?.message, error?.description]);
	});
});

describe('Tool → Create or Update', () => {
	const upsert = { ...weather, operation: 'createOrUpdate' };

	it('creates, then reports unchanged, then patches only what differs (merge PATCH)', async () => {
		const first = await bed.run(upsert);
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ action: 'created', name: 'get_weather' });
		const toolId = String(first.items[0].json.tool_id);
		expectNoSecret(first.items);

		bed.mock.reset();
		bed.mock.seed({ tools: [{ ...weatherBody, tool_id: toolId } as never] });
		const second = await bed.run(upsert);
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({
			action: 'unchanged',
			changes: {},
			tool_id: toolId,
			delivery: { api: { auth: { token: '********' } } },
		});
		expect(bed.sent('PATCH')).toHaveLength(0);
		expect(bed.sent('POST')).toHaveLength(0);

		const third = await bed.run({
			...upsert,
			registryToolDescription: 'The weather now',
			apiAuthType: 'basic',
			basicUsername: 'alice',
			basicPassword: TOKEN,
		});
		expect(third.error).toBeUndefined();
		const patches = bed.sent('PATCH', `/v2/tools/${toolId}`);
		expect(patches).toHaveLength(1);
		expect(patches[0].body).toStrictEqual({
			description: 'The weather now',
			delivery: {
				...weatherBody.delivery,
				api: {
					...weatherBody.delivery.api,
					auth: { type: 'basic', username: 'alice', password: TOKEN },
				},
			},
		});
		expect(third.items[0].json).toMatchObject({
			action: 'updated',
			tool_id: toolId,
			description: 'The weather now',
			delivery: { api: { auth: { type: 'basic', password: '********' } } },
			changes: { delivery: { api: { auth: { password: '********' } } } },
		});
		expectNoSecret(third.items);
	});

	it('reads every page to find the name, with the user tools listed', async () => {
		bed.mock.seed({
			tools: Array.from({ length: 120 }, (_, index) => ({
				name: `tool_${index}`,
				description: 'x',
			})),
		});
		await createWeather();
		bed.mock.reset();
		const { items, error } = await bed.run(upsert);
		expect(error).toBeUndefined();
		expect(items[0].json.action).toBe('created');
		const lists = bed.sent('GET', '/v2/tools');
		expect(lists[0].query).toMatchObject({ type: 'user', page: '1' });
	});
});

describe('Tool → Get, Get Many', () => {
	it('gets a tool with its secret masked, and a system tool by its name', async () => {
		const toolId = await createWeather();
		const { items, error } = await bed.run({
			resource: 'tool',
			operation: 'get',
			tool: byId(toolId),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ tool_id: toolId, name: 'get_weather' });
		expectNoSecret(items);
		const system = await bed.run({ resource: 'tool', operation: 'get', tool: byId('end_call') });
		expect(system.items[0].json).toMatchObject({ tool_id: 'end_call', is_system_tool: true });
	});

	it('lists with type, sort and a name filter sent as name_or_uuid and applied here too', async () => {
		await createWeather();
		await createWeather({ toolName: 'get_forecast' });
		await createWeather({ toolName: 'book_table' });
		bed.mock.reset();
		bed.mock.seed({
			tools: [
				{ name: 'get_weather', description: 'x' },
				{ name: 'get_forecast', description: 'x' },
				{ name: 'book_table', description: 'x' },
			],
		});
		const all = await bed.run({
			resource: 'tool',
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'all', sort: 'desc' },
		});
		expect(all.items.map((item) => item.json.name)).toEqual([
			'end_call',
			'book_table',
			'get_forecast',
			'get_weather',
		]);
		expect(bed.sent('GET', '/v2/tools')[0].query).toMatchObject({ type: 'all', sort: 'desc' });

		const filtered = await bed.run({
			resource: 'tool',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { nameOrUuid: 'GET_' },
		});
		expect(filtered.items.map((item) => item.json.name)).toEqual(['get_weather']);
		expect(bed.sent('GET', '/v2/tools').pop()?.query).toMatchObject({ name_or_uuid: 'GET_' });
	});

	it('filters here when Tavus ignores the name parameter', async () => {
		bed.mock.seed({
			tools: [
				{ name: 'get_weather', description: 'x' },
				{ name: 'book_table', description: 'x' },
			],
		});
		// A Tavus that answers with every tool, whatever name_or_uuid says.
		const everything = await bed.run({ resource: 'tool', operation: 'getAll', returnAll: true });
		bed.mock.addFault({
			method: 'GET',
			path: '/v2/tools',
			status: 200,
			body: { data: everything.items.map((item) => item.json), total_count: 2 },
		});
		const { items, error } = await bed.run({
			resource: 'tool',
			operation: 'getAll',
			returnAll: true,
			filters: { nameOrUuid: 'book' },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.name)).toEqual(['book_table']);
	});
});

describe('Tool → Update', () => {
	it('sends a merge PATCH of the Update Fields only', async () => {
		const toolId = await createWeather();
		const { items, error } = await bed.run({
			resource: 'tool',
			operation: 'update',
			tool: byId(toolId),
			updateFields: { registryToolDescription: 'Weather, now', toolOnCall: 'silent' },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH', `/v2/tools/${toolId}`)[0].body).toStrictEqual({
			description: 'Weather, now',
			on_call: 'silent',
		});
		expect(items[0].json).toMatchObject({
			tool_id: toolId,
			description: 'Weather, now',
			on_call: 'silent',
			on_resolve: 'generate_response',
		});
		expectNoSecret(items);
	});

	it('replaces the delivery as a whole when Change Delivery is on', async () => {
		const toolId = await createWeather();
		const { items, error } = await bed.run({
			resource: 'tool',
			operation: 'update',
			tool: byId(toolId),
			toolChangeDelivery: true,
			toolDelivery: 'appMessage',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH', `/v2/tools/${toolId}`)[0].body).toStrictEqual({
			delivery: { app_message: true },
		});
		expect(items[0].json.delivery).toEqual({ app_message: true });
	});

	it('refuses an update without a field, and a mask as a secret, before sending', async () => {
		const none = await bed.run({ resource: 'tool', operation: 'update', tool: byId('t123') });
		expect(none.error?.message).toBe('Update Fields has no field to change [item 0]');
		const masked = await bed.run({
			resource: 'tool',
			operation: 'update',
			tool: byId('t123'),
			toolChangeDelivery: true,
			toolDelivery: 'api',
			apiUrl: 'https://api.example.com',
			apiAuthType: 'hmac',
			hmacSecret: '********',
		});
		expect(masked.error?.message).toContain('Secret is the mask ******** that Tavus returns');
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('Tool → Delete', () => {
	it('deletes a tool (204) and passes Tavus’s refusal for a system tool through', async () => {
		const toolId = await createWeather();
		const { items, error } = await bed.run({
			resource: 'tool',
			operation: 'delete',
			tool: byId(toolId),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, tool_id: toolId });
		expect(bed.mock.state.tools.has(toolId)).toBe(false);
		const system = await bed.run({ resource: 'tool', operation: 'delete', tool: byId('end_call') });
		expect(system.error).toBeInstanceOf(NodeApiError);
		expect(system.error?.message).toBe(
			'Tavus API error 400 Bad Request: Bad Request. Cannot delete system tools',
		);
	});
});
