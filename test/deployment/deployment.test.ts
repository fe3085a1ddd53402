import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { SEED } from '../harness/tavus-mock';
import { harness, TAVUS_TYPE, useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Secrets built at run time (lint flags literal key-like constants). */
const PASSWORD = ['visitor', 'pass', '9a8b7c'].join('-');
const NEW_PASSWORD = ['visitor', 'pass', '1d2e3f'].join('-');

const PAL_ID = SEED.systemPersonaIds[0];
const SCRIPT = '<script src="https://unpkg.com/@tavus/embed"></script>';
const tagOf = (id: string) => `<tavus-embed deployment-id="${id}"></tavus-embed>`;

const widget = {
	resource: 'deployment',
	operation: 'create',
	pal: byId(PAL_ID),
	channel: 'widget',
	additionalFields: {
		name: 'Support widget',
		password: PASSWORD,
		customization: '{"widget": {"position": "bottom-right"}}',
		limits: '{"daily_call_limit_per_user": 3}',
		maxCallDuration: 600,
		allowedOrigins: 'https://example.com, http://localhost:3000/, https://App.Example.com:8443',
	},
};

function expectNoPassword(value: unknown) {
	const text = JSON.stringify(value) ?? '';
	expect(text).not.toContain(PASSWORD);
	expect(text).not.toContain(NEW_PASSWORD);
}

async function createWidget(extra: IDataObject = {}): Promise<string> {
	const { items, error } = await bed.run({ ...widget, ...extra });
	if (error) throw error;
	return String(items[0].json.deployment_id);
}

describe('Deployment → Create', () => {
	it('sends the documented body and outputs the deployment with its embed snippet', async () => {
		const { items, error } = await bed.run(widget);
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/deployments')[0].body).toStrictEqual({
			pal_id: PAL_ID,
			channel: 'widget',
			name: 'Support widget',
			password: PASSWORD,
			customization: { widget: { position: 'bottom-right' } },
			limits: { daily_call_limit_per_user: 3, max_call_duration: 600 },
			allowed_origins: [
				'https://example.com',
				'http://localhost:3000',
				'https://app.example.com:8443',
			],
		});
		expect(items).toHaveLength(1);
		const id = String(items[0].json.deployment_id);
		expect(id).toMatch(/^d[0-9a-f]{16}$/);
		expect(items[0].json).toMatchObject({
			pal_id: PAL_ID,
			channel: 'widget',
			status: 'active',
			name: 'Support widget',
			has_password: true,
			limits: { daily_call_limit_per_user: 3, max_call_duration: 600 },
			embed: { script: SCRIPT, tag: tagOf(id) },
		});
		expect(items[0].json).not.toHaveProperty('password');
		expectNoPassword(items);
		// Tavus keeps the password.
		expect(bed.mock.state.deployments.get(id)?.password).toBe(PASSWORD);
	});

	it('sends only the PAL and the channel when nothing else is given', async () => {
		const { items, error } = await bed.run({
			resource: 'deployment',
			operation: 'create',
			pal: { __rl: true, mode: 'list', value: PAL_ID },
			channel: 'landing-page',
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/deployments')[0].body).toStrictEqual({
			pal_id: PAL_ID,
			channel: 'landing-page',
		});
		expect(items[0].json).toMatchObject({ channel: 'landing-page', has_password: false });
	});

	it('takes allowed origins as a list from an expression', async () => {
		const { error } = await bed.run(
			{
				...widget,
				additionalFields: { allowedOrigins: '={{ $json.origins }}' },
			},
			[{ origins: ['https://a.example.com', 'https://b.example.com'] }],
		);
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/deployments')[0].body).toMatchObject({
			allowed_origins: ['https://a.example.com', 'https://b.example.com'],
		});
	});

	it.each([
		['no PAL', { pal: byId('={{ $json.v }}') }, { v: '' }, 'PAL is required'],
		[
			'an unknown channel',
			{ channel: '={{ $json.v }}' },
			{ v: 'kiosk' },
			'Channel must be one of "widget", "embed", "landing-page", got the text "kiosk"',
		],
		[
			'an origin with a path',
			{ additionalFields: { allowedOrigins: 'https://example.com, https://example.com/app' } },
			{},
			'Allowed Origins (entry 2) must be an origin like https://example.com or http://localhost:3000 (no path), got the text "https://example.com/app"',
		],
		[
			'an origin that is not http(s)',
			{ additionalFields: { allowedOrigins: 'ftp://example.com' } },
			{},
			'Allowed Origins must be an origin like https://example.com or http://localhost:3000 (no path), got the text "ftp://example.com"',
		],
		[
			'customization that is not an object',
			{ additionalFields: { customization: '[1, 2]' } },
			{},
			'Customization (JSON) must be a JSON object, got an array',
		],
		[
			'a limit given twice',
			{ additionalFields: { limits: '{"max_call_duration": 60}', maxCallDuration: 120 } },
			{},
			'Max Call Duration (Seconds) is also given in Limits (JSON) (max_call_duration)',
		],
		[
			'a limit that is not a whole number',
			{ additionalFields: { limits: '{"daily_call_limit_per_user": 2.5}' } },
			{},
			'Limits (JSON) › daily_call_limit_per_user must be a whole number, got 2.5',
		],
		[
			'a password of spaces',
			{ additionalFields: { password: '   ' } },
			{},
			'Password must not be only spaces',
		],
	])('refuses %s before sending', async (_label, parameters, input, message) => {
		const result = await bed.run({ ...widget, ...parameters }, [input]);
		const { error } = result;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`${message} [item 0]`);
		expectNoPassword([error?.message, error?.description, result.run.data.resultData]);
		expect(bed.sent()).toHaveLength(0);
	});

	it("passes Tavus's own refusal through (unknown PAL), without the password", async () => {
		const result = await bed.run({ ...widget, pal: byId('p000000000bad') });
		const { error } = result;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Invalid pal_id');
		expectNoPassword([error?.message, error?.description, result.run.data.resultData]);
	});

	it('masks the password even when an error echoes it', async () => {
		bed.mock.addFault({
			method: 'POST',
			path: '/v2/deployments',
			status: 400,
			body: { error: `Password ${PASSWORD} is too weak` },
		});
		const result = await bed.run(widget);
		const { error } = result;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 400 Bad Request: Password ******** is too weak');
		expectNoPassword([error?.message, error?.description, result.run.data.resultData]);
	});
});

describe('Deployment → Get, Get Many, Delete', () => {
	it('gets one deployment with its etag and embed snippet', async () => {
		const id = await createWidget();
		const { items, error } = await bed.run({
			resource: 'deployment',
			operation: 'get',
			deployment: byId(id),
		});
		expect(error).toBeUndefined();
		expect(bed.sent('GET', `/v2/deployments/${id}`)).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			deployment_id: id,
			has_password: true,
			etag: expect.stringMatching(/^"[0-9a-f]{16}"$/),
			embed: { script: SCRIPT, tag: tagOf(id) },
		});
		expectNoPassword(items);
	});

	it('says Tavus’s message for an unknown deployment', async () => {
		const { error } = await bed.run({
			resource: 'deployment',
			operation: 'get',
			deployment: byId('d0000000000000000'),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 404 Not Found: Deployment not found');
	});

	it('lists every page ({data, total_count}) with Return All, and stops at Limit', async () => {
		for (let index = 0; index < 105; index++) {
			bed.mock.seed({
				deployments: [{ pal_id: PAL_ID, name: `Widget ${index}`, password: PASSWORD }],
			});
		}
		const all = await bed.run({ resource: 'deployment', operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items).toHaveLength(105);
		expect(bed.sent('GET', '/v2/deployments').map((request) => request.query)).toEqual([
			{ limit: '100', page: '1' },
			{ limit: '100', page: '2' },
		]);
		const first = all.items[0].json;
		expect(first).toMatchObject({
			name: 'Widget 0',
			has_password: true,
			embed: { script: SCRIPT, tag: tagOf(String(first.deployment_id)) },
		});
		expectNoPassword(all.items);

		const some = await bed.run({ resource: 'deployment', operation: 'getAll', limit: 3 });
		expect(some.items.map((item) => item.json.name)).toEqual(['Widget 0', 'Widget 1', 'Widget 2']);
	});

	it('also reads a list that is a bare array', async () => {
		bed.mock.addFault({
			method: 'GET',
			path: '/v2/deployments',
			status: 200,
			body: [
				{ deployment_id: 'd1234567890abcdef', name: 'Docs example', channel: 'embed' },
				{ deployment_id: 'd1234567890abcdee', name: 'Second', channel: 'widget' },
			],
		});
		const { items, error } = await bed.run({
			resource: 'deployment',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				deployment_id: 'd1234567890abcdef',
				name: 'Docs example',
				channel: 'embed',
				embed: { script: SCRIPT, tag: tagOf('d1234567890abcdef') },
			},
			{
				deployment_id: 'd1234567890abcdee',
				name: 'Second',
				channel: 'widget',
				embed: { script: SCRIPT, tag: tagOf('d1234567890abcdee') },
			},
		]);
	});

	it('deletes a deployment (204), and takes a 200 answer too', async () => {
		const id = await createWidget();
		const { items, error } = await bed.run({
			resource: 'deployment',
			operation: 'delete',
			deployment: byId(id),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ deleted: true, deployment_id: id });
		expect(bed.mock.state.deployments.has(id)).toBe(false);

		bed.mock.addFault({
			method: 'DELETE',
			path: '/v2/deployments/',
			status: 200,
			body: { message: 'Deployment deleted' },
		});
		const again = await bed.run({
			resource: 'deployment',
			operation: 'delete',
			deployment: byId('d1234567890abcdef'),
		});
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toEqual({ deleted: true, deployment_id: 'd1234567890abcdef' });
	});
});

describe('Deployment → Update', () => {
	it('sends one JSON Patch operation per field and outputs the updated deployment', async () => {
		const id = await createWidget();
		const { items, error } = await bed.run({
			resource: 'deployment',
			operation: 'update',
			deployment: byId(id),
			updateFields: {
				name: 'Help widget',
				password: NEW_PASSWORD,
				customization: '{"widget": {"position": "bottom-left"}}',
				dailyCallLimitPerUser: 5,
				allowedOrigins: 'https://help.example.com',
			},
		});
		expect(error).toBeUndefined();
		const patch = bed.sent('PATCH', `/v2/deployments/${id}`);
		expect(patch).toHaveLength(1);
		expect(patch[0].headers['if-match']).toBeUndefined();
		expect(patch[0].body).toStrictEqual([
			{ op: 'replace', path: '/name', value: 'Help widget' },
			{ op: 'add', path: '/password', value: NEW_PASSWORD },
			{ op: 'replace', path: '/customization', value: { widget: { position: 'bottom-left' } } },
			{ op: 'add', path: '/limits/daily_call_limit_per_user', value: 5 },
			{ op: 'replace', path: '/allowed_origins', value: ['https://help.example.com'] },
		]);
		expect(items[0].json).toMatchObject({
			deployment_id: id,
			name: 'Help widget',
			has_password: true,
			// The other limit is kept.
			limits: { daily_call_limit_per_user: 5, max_call_duration: 600 },
			allowed_origins: ['https://help.example.com'],
			etag: expect.stringMatching(/^"[0-9a-f]{16}"$/),
			embed: { script: SCRIPT, tag: tagOf(id) },
		});
		expectNoPassword(items);
		expect(bed.mock.state.deployments.get(id)?.password).toBe(NEW_PASSWORD);
	});

	it('removes the password', async () => {
		const id = await createWidget();
		const { items, error } = await bed.run({
			resource: 'deployment',
			operation: 'update',
			deployment: byId(id),
			updateFields: { removePassword: true },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{ op: 'add', path: '/password', value: null },
		]);
		expect(items[0].json).toMatchObject({ has_password: false });
	});

	it('sends JSON Patch operations as given, masking a password in errors', async () => {
		const id = await createWidget();
		const operations = [
			{ op: 'replace', path: '/customization/widget/position', value: 'top-right' },
			{ op: 'replace', path: '/status', value: 'inactive' },
		];
		const { items, error } = await bed.run({
			resource: 'deployment',
			operation: 'update',
			deployment: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: JSON.stringify(operations),
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual(operations);
		expect(items[0].json).toMatchObject({
			status: 'inactive',
			customization: { widget: { position: 'top-right' } },
		});

		const refused = await bed.run({
			resource: 'deployment',
			operation: 'update',
			deployment: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: JSON.stringify([
				{ op: 'add', path: '/password', value: NEW_PASSWORD },
				{ op: 'replace', path: '/channel', value: 'kiosk' },
			]),
		});
		expect(refused.error).toBeInstanceOf(NodeApiError);
		expect(refused.error?.message).toBe(
			'Tavus API error 400 Bad Request: Invalid value for channel: "kiosk" (expected one of: widget, embed, landing-page)',
		);
		expectNoPassword([
			refused.error?.message,
			refused.error?.description,
			refused.run.data.resultData,
		]);
	});

	it('sends If-Match: applied with the current etag, 412 with Tavus’s message after a change', async () => {
		const id = await createWidget();
		const read = await bed.run({ resource: 'deployment', operation: 'get', deployment: byId(id) });
		const etag = String(read.items[0].json.etag);
		const rename = (name: string) =>
			bed.run(
				{
					resource: 'deployment',
					operation: 'update',
					deployment: byId(id),
					updateFields: { name },
					ifMatch: '={{ $json.etag }}',
				},
				[{ etag }],
			);

		const first = await rename('First');
		expect(first.error).toBeUndefined();
		expect(bed.sent('PATCH')[0].headers['if-match']).toBe(etag);
		expect(first.items[0].json).toMatchObject({ name: 'First' });
		expect(first.items[0].json.etag).not.toBe(etag);

		const second = await rename('Second');
		expect(second.error).toBeInstanceOf(NodeApiError);
		expect(second.error?.message).toBe(
			'Tavus API error 412 Precondition Failed: Precondition failed: the deployment was changed since the ETag was read',
		);
		expect(second.error?.description).toContain('get it again and send its new ETag');
		expect(bed.mock.state.deployments.get(id)?.name).toBe('First');
	});

	it.each([
		['no field', {}, 'Update Fields is empty: nothing to change'],
		[
			'a password and Remove Password',
			{ password: NEW_PASSWORD, removePassword: true },
			'Remove Password is on while Password is set',
		],
		['an empty password', { password: '' }, 'Password is empty'],
		['an empty name', { name: ' ' }, 'Name must not be empty'],
		[
			'a bad origin',
			{ allowedOrigins: 'example.com' },
			'Allowed Origins must be an origin like https://example.com or http://localhost:3000 (no path), got the text "example.com"',
		],
	])('refuses %s before sending', async (_label, updateFields, message) => {
		const result = await bed.run({
			resource: 'deployment',
			operation: 'update',
			deployment: byId('d1234567890abcdef'),
			updateFields,
		});
		const { error } = result;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(`${message} [item 0]`);
		expectNoPassword([error?.message, error?.description, result.run.data.resultData]);
		expect(bed.sent()).toHaveLength(0);
	});

	it('refuses a patch that is not RFC 6902 before sending', async () => {
		const { error } = await bed.run({
			resource: 'deployment',
			operation: 'update',
			deployment: byId('d1234567890abcdef'),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "set", "path": "/name", "value": "x"}]',
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain('Patch Operations (JSON) (operation 1)');
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('Deployment picker', () => {
	it('lists deployments by name with channel and a status other than active', async () => {
		bed.mock.seed({
			deployments: [
				{ deployment_id: 'd00000000000000a1', pal_id: PAL_ID, name: 'Support widget' },
				{
					deployment_id: 'd00000000000000a2',
					pal_id: PAL_ID,
					channel: 'landing-page',
					status: 'draft',
				},
			],
		});
		const result = await harness.runListSearch(TAVUS_TYPE, 'searchDeployments', {
			credentials: bed.credentials(),
		});
		expect(result.results).toEqual([
			{
				name: 'Support widget · widget (d00000000000000a1)',
				value: 'd00000000000000a1',
				url: undefined,
			},
			{
				name: 'Unnamed deployment · landing-page, draft (d00000000000000a2)',
				value: 'd00000000000000a2',
				url: undefined,
			},
		]);
		const filtered = await harness.runListSearch(TAVUS_TYPE, 'searchDeployments', {
			filter: 'SUPPORT',
			credentials: bed.credentials(),
		});
		expect(filtered.results.map((item) => item.value)).toEqual(['d00000000000000a1']);
	});
});
