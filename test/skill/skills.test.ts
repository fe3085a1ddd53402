import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import {
	buildAttachSkill,
	buildReplaceSkills,
	buildUpdateSkill,
	skillAttachmentsOf,
} from '../../nodes/Tavus/resources/persona/palSkills';
import { registrySkills } from '../../nodes/Tavus/resources/skill/fields';
import { API_KEY, harness, TAVUS_TYPE, useTestbed, WRONG_KEY } from '../helpers/testbed';

/**
 * Skills (tavus-api-2026-11.md §6): Skill → Get Many and the skill picker (the registry,
 * GET /v2/skills), and Persona → Get Skills, Attach Skill, Update Skill, Detach Skill and
 * Replace Skills (/v2/pals/{id}/skills), through n8n's real WorkflowExecute against the stand-in.
 */
const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id });

const PAL = 'p5317866aa01';
const DOC_A = 'd8-5c71baca86fc';
const DOC_B = 'd1234567890ab';
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;

const REGISTRY = [
	{
		skill_id: 'internet_search',
		display_name: 'Internet Search',
		description: 'Lets the PAL search the web for current information during a conversation.',
	},
	{
		skill_id: 'presentation',
		display_name: 'Presentation',
		description: 'Lets the PAL present slides from knowledge base documents.',
	},
	{
		skill_id: 'magic_canvas',
		display_name: 'Magic Canvas',
		description: 'Lets the PAL show interactive cards (questions, inputs, calendars, charts).',
	},
];

const persona = (operation: string, extra: IDataObject = {}) => ({
	resource: 'persona',
	operation,
	persona: byId(PAL),
	...extra,
});
const attach = (extra: IDataObject) => persona('attachSkill', extra);
const presentation = {
	skillType: 'presentation',
	documentIds: [DOC_A, DOC_B],
	slidesTrigger: 'walk_the_deck',
	prompt: 'Present the pricing deck when asked about plans.',
};

async function attachedSkills(personaId = PAL): Promise<IDataObject[]> {
	const { items, error } = await bed.run({
		resource: 'persona',
		operation: 'getSkills',
		persona: byId(personaId),
	});
	if (error) throw error;
	return items.map((item) => item.json);
}

async function mockRequest(method: string, path: string, body?: unknown) {
	const response = await fetch(`${bed.mock.baseUrl}${path}`, {
		method,
		headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

beforeEach(() => {
	bed.mock.seed({
		personas: [{ persona_id: PAL, persona_name: 'Support', system_prompt: 'Help.' }],
	});
	bed.mock.clearRequests();
});

describe('Skill → Get Many', () => {
	it('outputs one item per skill of the registry from one GET /v2/skills', async () => {
		const { items, error } = await bed.run({
			resource: 'skill',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.path, r.query])).toEqual([['GET', '/v2/skills', {}]]);
		expect(items.map((item) => item.json)).toEqual(REGISTRY);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('applies Limit to the list it read (the endpoint has no pages)', async () => {
		const { items } = await bed.run({ resource: 'skill', operation: 'getAll', limit: 2 });
		expect(items.map((item) => item.json.skill_id)).toEqual(['internet_search', 'presentation']);
		expect(bed.sent()).toHaveLength(1);
	});

	it('reads other shapes of the registry: a keyed map under skills, IDs under id', async () => {
		bed.mock.addFault({
			path: '/v2/skills',
			status: 200,
			body: {
				skills: {
					internet_search: { display_name: 'Internet Search' },
					presentation: { id: 'presentation', display_name: 'Presentation' },
				},
			},
		});
		const { items, error } = await bed.run({
			resource: 'skill',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ skill_id: 'internet_search', display_name: 'Internet Search' },
			{ skill_id: 'presentation', id: 'presentation', display_name: 'Presentation' },
		]);
	});

	it('passes on Tavus’s error (bad key)', async () => {
		const { error } = await bed.run(
			{ resource: 'skill', operation: 'getAll', returnAll: true },
			[{}],
			{ apiKey: WRONG_KEY },
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 401 Unauthorized: Invalid access token');
	});
});

describe('skill picker (searchSkills)', () => {
	it('lists the registry by name and ID, filtered by the search text', async () => {
		const all = await harness.runListSearch(TAVUS_TYPE, 'searchSkills', {
			credentials: bed.credentials(),
		});
		expect(all).toEqual({
			results: [
				{ name: 'Internet Search (internet_search)', value: 'internet_search' },
				{ name: 'Presentation (presentation)', value: 'presentation' },
				{ name: 'Magic Canvas (magic_canvas)', value: 'magic_canvas' },
			],
		});
		const canvas = await harness.runListSearch(TAVUS_TYPE, 'searchSkills', {
			filter: 'CANVAS',
			credentials: bed.credentials(),
		});
		expect(canvas.results.map((result) => result.value)).toEqual(['magic_canvas']);
	});

	it('says why when the list cannot be loaded', async () => {
		await expect(
			harness.runListSearch(TAVUS_TYPE, 'searchSkills', {
				credentials: bed.credentials({ apiKey: WRONG_KEY }),
			}),
		).rejects.toThrow('Tavus API error 401 Unauthorized: Invalid access token');
	});
});

describe('Persona → Attach Skill', () => {
	it('Internet Search: PUT {"config": {}} and outputs the attachment with the persona_id', async () => {
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'attachSkill',
			persona: fromList(PAL),
			skillType: 'internet_search',
		});
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.path, r.body, r.status])).toEqual([
			['PUT', `/v2/pals/${PAL}/skills/internet_search`, { config: {} }, 200],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toStrictEqual({
			persona_id: PAL,
			skill_id: 'internet_search',
			config: {},
			attached_at: expect.stringMatching(STAMP),
			updated_at: expect.stringMatching(STAMP),
		});
	});

	it('Presentation: document_ids, slides_trigger and prompt', async () => {
		const { items, error } = await bed.run(attach(presentation));
		expect(error).toBeUndefined();
		const config = {
			document_ids: [DOC_A, DOC_B],
			slides_trigger: 'walk_the_deck',
			prompt: 'Present the pricing deck when asked about plans.',
		};
		expect(bed.sent('PUT').map((r) => [r.path, r.body])).toEqual([
			[`/v2/pals/${PAL}/skills/presentation`, { config }],
		]);
		expect(items[0].json).toMatchObject({ persona_id: PAL, skill_id: 'presentation', config });
	});

	it('Presentation: documents from an expression (comma-separated), default trigger, no prompt', async () => {
		const { error } = await bed.run(
			attach({ skillType: 'presentation', documentIds: '={{ $json.docs }}' }),
			[{ json: { docs: `${DOC_A}, ${DOC_B}, ${DOC_A}` } }],
		);
		expect(error).toBeUndefined();
		expect(bed.sent('PUT')[0].body).toStrictEqual({
			config: { document_ids: [DOC_A, DOC_B], slides_trigger: 'on_demand' },
		});
	});

	it('Magic Canvas: the components overlay, or {} for every component on', async () => {
		const components = {
			chart: { enabled: false },
			scheduling_embed: {
				provider: 'calendly',
				scheduling_url: 'https://calendly.com/x/30min',
			},
		};
		const first = await bed.run(
			attach({ skillType: 'magic_canvas', components: JSON.stringify(components) }),
		);
		expect(first.error).toBeUndefined();
		const second = await bed.run(attach({ skillType: 'magic_canvas', components: '{}' }));
		expect(second.error).toBeUndefined();
		expect(bed.sent('PUT').map((r) => r.body)).toEqual([
			{ config: { components } },
			{ config: {} },
		]);
		expect(second.items[0].json.config).toEqual({});
	});

	it('Other: a skill from the picker or by ID with its Config JSON', async () => {
		const config = { document_ids: [DOC_A], slides_trigger: 'on_demand' };
		const { items, error } = await bed.run(
			attach({ skillType: 'other', otherSkill: fromList('presentation'), config }),
		);
		expect(error).toBeUndefined();
		const byIdRun = await bed.run(
			attach({ skillType: 'other', otherSkill: byId('internet_search'), config: '' }),
		);
		expect(byIdRun.error).toBeUndefined();
		expect(bed.sent('PUT').map((r) => [r.path, r.body])).toEqual([
			[`/v2/pals/${PAL}/skills/presentation`, { config }],
			[`/v2/pals/${PAL}/skills/internet_search`, { config: {} }],
		]);
		expect(items[0].json.config).toEqual(config);
	});

	it('attaching again overwrites the config and keeps attached_at', async () => {
		const first = await bed.run(attach(presentation));
		bed.mock.advanceTime(86_400_000);
		const { items } = await bed.run(attach({ skillType: 'presentation', documentIds: [DOC_B] }));
		expect(items[0].json).toStrictEqual({
			persona_id: PAL,
			skill_id: 'presentation',
			config: { document_ids: [DOC_B], slides_trigger: 'on_demand' },
			attached_at: first.items[0].json.attached_at,
			updated_at: expect.stringMatching(STAMP),
		});
		expect(items[0].json.updated_at).not.toBe(first.items[0].json.updated_at);
	});

	it('refuses bad input before sending, naming the field and the item', async () => {
		const cases: Array<[IDataObject, string]> = [
			[
				// (An empty list typed in never gets this far: n8n stops on the required field.)
				{ skillType: 'presentation', documentIds: '={{ $json.none }}' },
				'Document Names or IDs needs at least one document: a presentation shows the slides of its documents [item 0]',
			],
			[
				{ skillType: 'presentation', documentIds: ['doc one'] },
				'Document Names or IDs (entry 1) "doc one" is not a Tavus ID (IDs are letters, digits, "-" and "_", like p5317866) [item 0]',
			],
			[
				{ skillType: 'magic_canvas', components: '{"chart": false}' },
				'Components component "chart" must be an object like {"enabled": false}, got boolean false [item 0]',
			],
			[
				{ skillType: 'other', otherSkill: byId('internet_search'), config: '[]' },
				'Config must be a JSON object, got an array [item 0]',
			],
			[
				{ skillType: 'other', otherSkill: byId('internet_search'), config: '{"a": ' },
				'Config is not valid JSON (it ends too early) [item 0]',
			],
			[
				{
					skillType: 'other',
					otherSkill: byId('presentation'),
					config: '{"document_ids": ["d1"], "slides_trigger": "always"}',
				},
				'Config › slides_trigger must be one of "on_demand", "walk_the_deck", got the text "always" [item 0]',
			],
			[
				{ skillType: 'other', otherSkill: byId('presentation'), config: '{}' },
				'Config › document_ids needs at least one document: a presentation shows the slides of its documents [item 0]',
			],
			[
				{ skillType: 'other', otherSkill: byId('={{ $json.skill }}'), config: '{}' },
				'Other Skill "Internet-Search" is not a skill ID (lowercase letters, digits and "_", starting with a letter, like internet_search) [item 0]',
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await bed.run(attach(parameters), [{ json: { skill: 'Internet-Search' } }]);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(message);
		}
		expect(bed.sent()).toHaveLength(0);
	});

	it('passes on Tavus’s errors: unknown skill (404), PAL not found, a stray config field', async () => {
		const unknown = await bed.run(
			attach({ skillType: 'other', otherSkill: byId('web_browsing'), config: '{}' }),
		);
		expect(unknown.error).toBeInstanceOf(NodeApiError);
		expect(unknown.error?.message).toBe(
			"Tavus API error 404 Not Found: Unknown skill 'web_browsing'",
		);
		const noPal = await bed.run({
			...attach({ skillType: 'internet_search' }),
			persona: byId('pffffffffff0'),
		});
		expect(noPal.error).toBeInstanceOf(NodeApiError);
		expect(noPal.error?.message).toBe('Tavus API error 400 Bad Request: PAL not found');
		const stray = await bed.run(
			attach({ skillType: 'other', otherSkill: byId('internet_search'), config: '{"depth": 2}' }),
		);
		expect(stray.error?.message).toBe(
			'Tavus API error 400 Bad Request: config.depth: unknown field for skill internet_search',
		);
		// Each sent once (errors of bad input are not retried).
		expect(bed.sent('PUT')).toHaveLength(3);
	});
});

describe('Persona → Get Skills', () => {
	it('outputs one item per attached skill, paired to its input item', async () => {
		await bed.run(attach({ skillType: 'internet_search' }));
		await bed.run(attach(presentation));
		bed.mock.clearRequests();
		const { items, error } = await bed.run(persona('getSkills'));
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2/pals/${PAL}/skills`]);
		expect(items.map((item) => [item.json.skill_id, item.pairedItem])).toEqual([
			['internet_search', { item: 0 }],
			['presentation', { item: 0 }],
		]);
		expect(items[1].json).toStrictEqual({
			persona_id: PAL,
			skill_id: 'presentation',
			config: {
				document_ids: [DOC_A, DOC_B],
				slides_trigger: 'walk_the_deck',
				prompt: 'Present the pricing deck when asked about plans.',
			},
			attached_at: expect.stringMatching(STAMP),
			updated_at: expect.stringMatching(STAMP),
		});
	});

	it('outputs nothing for a persona without skills, and Tavus’s error for an unknown PAL', async () => {
		const empty = await bed.run(persona('getSkills'));
		expect(empty.error).toBeUndefined();
		expect(empty.items).toEqual([]);
		const unknown = await bed.run({ ...persona('getSkills'), persona: byId('pffffffffff0') });
		expect(unknown.error?.message).toBe('Tavus API error 400 Bad Request: PAL not found');
	});
});

describe('Persona → Update Skill', () => {
	beforeEach(async () => {
		await bed.run(attach(presentation));
		bed.mock.clearRequests();
	});

	it('Presentation: sends only the fields given, Remove Keys as null; Tavus merges', async () => {
		const { items, error } = await bed.run(
			persona('updateSkill', {
				skillType: 'presentation',
				updateFields: { slidesTrigger: 'on_demand' },
				removeKeys: 'prompt',
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.path, r.body, r.status])).toEqual([
			[
				'PATCH',
				`/v2/pals/${PAL}/skills/presentation`,
				{ config: { slides_trigger: 'on_demand', prompt: null } },
				200,
			],
		]);
		expect(items[0].json).toMatchObject({
			persona_id: PAL,
			skill_id: 'presentation',
			config: { document_ids: [DOC_A, DOC_B], slides_trigger: 'on_demand' },
		});
		expect(items[0].json.config).not.toHaveProperty('prompt');
	});

	it('Presentation: new documents replace the list', async () => {
		const { items } = await bed.run(
			persona('updateSkill', {
				skillType: 'presentation',
				updateFields: { documentIds: [DOC_B] },
			}),
		);
		expect(bed.sent('PATCH')[0].body).toStrictEqual({ config: { document_ids: [DOC_B] } });
		expect((items[0].json.config as IDataObject).document_ids).toEqual([DOC_B]);
	});

	it('Other: the Config JSON as given, null removing a key', async () => {
		const { items, error } = await bed.run(
			persona('updateSkill', {
				skillType: 'other',
				otherSkill: byId('presentation'),
				config: '{"prompt": null, "slides_trigger": "on_demand"}',
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual({
			config: { prompt: null, slides_trigger: 'on_demand' },
		});
		expect(items[0].json.config).toEqual({
			document_ids: [DOC_A, DOC_B],
			slides_trigger: 'on_demand',
		});
	});

	it('Magic Canvas: the components given', async () => {
		await bed.run(attach({ skillType: 'magic_canvas', components: '{}' }));
		bed.mock.clearRequests();
		const { items, error } = await bed.run(
			persona('updateSkill', {
				skillType: 'magic_canvas',
				components: '{"alert": {"enabled": false}}',
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual({
			config: { components: { alert: { enabled: false } } },
		});
		expect(items[0].json.config).toEqual({ components: { alert: { enabled: false } } });
	});

	it('refuses an update without changes, removing document_ids, or a key both set and removed', async () => {
		const cases: Array<[IDataObject, string]> = [
			[
				{ skillType: 'presentation', updateFields: {} },
				'Update Fields needs at least one key to change (or one in Remove Keys) [item 0]',
			],
			[
				{ skillType: 'magic_canvas', components: '{}' },
				'Components needs at least one key to change (or one in Remove Keys) [item 0]',
			],
			[
				{ skillType: 'presentation', removeKeys: 'document_ids' },
				'Update Fields cannot remove document_ids: a presentation needs its documents [item 0]',
			],
			[
				{ skillType: 'presentation', updateFields: { prompt: 'Hi' }, removeKeys: 'prompt' },
				'Remove Keys "prompt" is also given a value; a key is either changed or removed [item 0]',
			],
			[
				{ skillType: 'presentation', removeKeys: 'prompt, bad key' },
				'Remove Keys "bad key" is not a config key (letters, digits and "_", like prompt) [item 0]',
			],
			[
				{
					skillType: 'other',
					otherSkill: byId('presentation'),
					config: '{"document_ids": []}',
				},
				'Config › document_ids needs at least one document: a presentation shows the slides of its documents [item 0]',
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await bed.run(persona('updateSkill', parameters));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(message);
		}
		expect(bed.sent()).toHaveLength(0);
	});

	it('passes on Tavus’s error for a skill that is not attached, and for an unknown skill', async () => {
		const notAttached = await bed.run(
			persona('updateSkill', { skillType: 'magic_canvas', components: '{"chart": {}}' }),
		);
		expect(notAttached.error).toBeInstanceOf(NodeApiError);
		expect(notAttached.error?.message).toBe(
			"Tavus API error 404 Not Found: Skill 'magic_canvas' is not attached to this PAL",
		);
		const unknown = await bed.run(
			persona('updateSkill', {
				skillType: 'other',
				otherSkill: byId('slides'),
				config: '{"a": 1}',
			}),
		);
		expect(unknown.error?.message).toBe("Tavus API error 404 Not Found: Unknown skill 'slides'");
	});
});

describe('Persona → Detach Skill', () => {
	it('sends DELETE /v2/pals/{id}/skills/{skill_id} and outputs what was detached', async () => {
		await bed.run(attach({ skillType: 'internet_search' }));
		await bed.run(attach(presentation));
		bed.mock.clearRequests();
		const { items, error } = await bed.run(
			persona('detachSkill', { skill: fromList('presentation') }),
		);
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.path, r.status])).toEqual([
			['DELETE', `/v2/pals/${PAL}/skills/presentation`, 204],
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ detached: true, persona_id: PAL, skill_id: 'presentation' },
		]);
		expect((await attachedSkills()).map((s) => s.skill_id)).toEqual(['internet_search']);
	});

	it('fails with Tavus’s message when the skill is not attached (sent once)', async () => {
		const { error } = await bed.run(persona('detachSkill', { skill: byId('magic_canvas') }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			"Tavus API error 404 Not Found: Skill 'magic_canvas' is not attached to this PAL",
		);
		expect(bed.sent('DELETE')).toHaveLength(1);
	});

	it('counts a 404 on a retry after a reset as done (the first attempt detached it)', async () => {
		await bed.run(attach({ skillType: 'internet_search' }));
		bed.mock.addFault({ kind: 'resetAfter', method: 'DELETE', path: `/v2/pals/${PAL}/skills/` });
		const { items, error } = await bed.run(
			persona('detachSkill', { skill: byId('internet_search') }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ detached: true, persona_id: PAL, skill_id: 'internet_search' });
		expect(bed.sent('DELETE').map((r) => r.status)).toEqual([204, 404]);
	});

	it('refuses a skill ID that is not one before sending', async () => {
		const { error } = await bed.run(persona('detachSkill', { skill: byId('={{ $json.id }}') }), [
			{ json: { id: 'magic canvas' } },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Skill "magic canvas" is not a skill ID (lowercase letters, digits and "_", starting with a letter, like internet_search) [item 0]',
		);
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('Persona → Replace Skills', () => {
	it('sends the whole map under skills, each as {"config": ...}; skills not given are detached', async () => {
		await bed.run(attach({ skillType: 'magic_canvas', components: '{}' }));
		bed.mock.clearRequests();
		const { items, error } = await bed.run(
			persona('replaceSkills', {
				skills: JSON.stringify({
					internet_search: {},
					presentation: { config: { document_ids: [DOC_A], slides_trigger: 'walk_the_deck' } },
				}),
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.path, r.body, r.status])).toEqual([
			[
				'PUT',
				`/v2/pals/${PAL}/skills`,
				{
					skills: {
						internet_search: { config: {} },
						presentation: { config: { document_ids: [DOC_A], slides_trigger: 'walk_the_deck' } },
					},
				},
				200,
			],
		]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toStrictEqual({
			persona_id: PAL,
			skills: [
				{
					skill_id: 'internet_search',
					config: {},
					attached_at: expect.stringMatching(STAMP),
					updated_at: expect.stringMatching(STAMP),
				},
				{
					skill_id: 'presentation',
					config: { document_ids: [DOC_A], slides_trigger: 'walk_the_deck' },
					attached_at: expect.stringMatching(STAMP),
					updated_at: expect.stringMatching(STAMP),
				},
			],
		});
		expect((await attachedSkills()).map((s) => s.skill_id)).toEqual([
			'internet_search',
			'presentation',
		]);
	});

	it('takes the skills of Get Skills (a list of attachments) from an expression', async () => {
		await bed.run(attach(presentation));
		const skills = await attachedSkills();
		bed.mock.clearRequests();
		const { error } = await bed.run(persona('replaceSkills', { skills: '={{ $json.skills }}' }), [
			{ json: { skills } },
		]);
		expect(error).toBeUndefined();
		expect(bed.sent('PUT')[0].body).toStrictEqual({
			skills: {
				presentation: {
					config: {
						document_ids: [DOC_A, DOC_B],
						slides_trigger: 'walk_the_deck',
						prompt: 'Present the pricing deck when asked about plans.',
					},
				},
			},
		});
	});

	it('refuses an empty map (which would detach everything) unless Detach All is on', async () => {
		await bed.run(attach({ skillType: 'internet_search' }));
		bed.mock.clearRequests();
		for (const [skills, items] of [
			['{}', [{}]],
			['={{ $json.missing }}', [{ json: {} }]],
			['={{ $json.skills }}', [{ json: { skills: [] } }]],
		] as const) {
			const { error } = await bed.run(persona('replaceSkills', { skills }), [...items]);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(
				'Skills is empty, which would detach every skill of the persona [item 0]',
			);
		}
		expect(bed.sent()).toHaveLength(0);
		expect(await attachedSkills()).toHaveLength(1);

		bed.mock.clearRequests();
		const { items, error } = await bed.run(
			persona('replaceSkills', { skills: '{}', detachAll: true }),
		);
		expect(error).toBeUndefined();
		expect(bed.sent().map((r) => [r.method, r.body])).toEqual([['PUT', { skills: {} }]]);
		expect(items[0].json).toEqual({ persona_id: PAL, skills: [] });
		expect(await attachedSkills()).toEqual([]);
	});

	it('refuses entries that are not {} or {"config": {...}} and bad skill IDs, naming them', async () => {
		const cases: Array<[string, string]> = [
			[
				'{"presentation": {"document_ids": ["d1"]}}',
				'Skills › presentation has "document_ids" next to config [item 0]',
			],
			[
				'{"internet_search": true}',
				'Skills › internet_search must be {} or {"config": {...}}, got boolean true [item 0]',
			],
			[
				'{"Internet Search": {}}',
				'Skills › key "Internet Search" "Internet Search" is not a skill ID (lowercase letters, digits and "_", starting with a letter, like internet_search) [item 0]',
			],
			[
				'{"presentation": {"config": {"document_ids": ["d1"], "slides_trigger": "later"}}}',
				'Skills › presentation › config › slides_trigger must be one of "on_demand", "walk_the_deck", got the text "later" [item 0]',
			],
			[
				'"internet_search"',
				'Skills must be a JSON object of skills, like {"internet_search": {}}, got the text "internet_search" [item 0]',
			],
		];
		for (const [skills, message] of cases) {
			const { error } = await bed.run(persona('replaceSkills', { skills }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(message);
		}
		expect(bed.sent()).toHaveLength(0);
	});

	it('passes on Tavus’s error for an unknown skill, detaching nothing', async () => {
		await bed.run(attach({ skillType: 'internet_search' }));
		const { error } = await bed.run(
			persona('replaceSkills', { skills: '{"internet_search": {}, "whiteboard": {}}' }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe("Tavus API error 404 Not Found: Unknown skill 'whiteboard'");
		expect((await attachedSkills()).map((s) => s.skill_id)).toEqual(['internet_search']);
	});
});

describe('the stand-in validates like Tavus (§6)', () => {
	it('PUT: an empty body is {} config; internet_search takes no config; stray fields are refused', async () => {
		const path = `/v2/pals/${PAL}/skills`;
		expect((await mockRequest('PUT', `${path}/internet_search`)).status).toBe(200);
		expect(await mockRequest('PUT', `${path}/internet_search`, { config: { x: 1 } })).toEqual({
			status: 400,
			body: { error: 'config.x: unknown field for skill internet_search' },
		});
		expect(await mockRequest('PUT', `${path}/internet_search`, { enabled: true })).toEqual({
			status: 400,
			body: { error: 'Unknown field: enabled' },
		});
		expect(
			await mockRequest('PUT', `${path}/magic_canvas`, {
				config: { components: { sparkles: { enabled: true } } },
			}),
		).toEqual({ status: 400, body: { error: 'config.components.sparkles: unknown component' } });
		expect(await mockRequest('PUT', `${path}/presentation`, { config: {} })).toEqual({
			status: 400,
			body: { error: 'config.document_ids is required' },
		});
		expect(await mockRequest('PUT', '/v2/pals/pffffffffff0/skills/internet_search')).toEqual({
			status: 400,
			body: { error: 'PAL not found' },
		});
	});

	it('PATCH merges (wrapped or not), null removes a key, and the merged config is validated', async () => {
		const path = `/v2/pals/${PAL}/skills/presentation`;
		await mockRequest('PUT', path, {
			config: { document_ids: [DOC_A], prompt: 'Hi', slides_trigger: 'on_demand' },
		});
		const unwrapped = await mockRequest('PATCH', path, { slides_trigger: 'walk_the_deck' });
		expect((unwrapped.body as IDataObject).config).toEqual({
			document_ids: [DOC_A],
			prompt: 'Hi',
			slides_trigger: 'walk_the_deck',
		});
		const removed = await mockRequest('PATCH', path, { config: { prompt: null } });
		expect((removed.body as IDataObject).config).toEqual({
			document_ids: [DOC_A],
			slides_trigger: 'walk_the_deck',
		});
		expect(await mockRequest('PATCH', path, { config: { document_ids: null } })).toEqual({
			status: 400,
			body: { error: 'config.document_ids is required' },
		});
		expect((await mockRequest('GET', path)).body).toMatchObject({
			skill_id: 'presentation',
			config: { document_ids: [DOC_A], slides_trigger: 'walk_the_deck' },
		});
	});

	it('GET /v2/pals/{id}/skills is keyed by skill_id; replace-all requires the skills wrapper', async () => {
		await mockRequest('PUT', `/v2/pals/${PAL}/skills/internet_search`, {});
		const list = await mockRequest('GET', `/v2/pals/${PAL}/skills`);
		expect(Object.keys((list.body as { data: IDataObject }).data)).toEqual(['internet_search']);
		expect(await mockRequest('PUT', `/v2/pals/${PAL}/skills`, { internet_search: {} })).toEqual({
			status: 400,
			body: { error: 'Unknown field: internet_search' },
		});
	});
});

describe('palSkills builders (pure)', () => {
	it('build the attach, update and replace bodies', () => {
		expect(buildAttachSkill({ skillType: 'internet_search' })).toEqual({
			skillId: 'internet_search',
			body: { config: {} },
		});
		expect(
			buildAttachSkill({ skillType: 'presentation', documentIds: [DOC_A], prompt: '  ' }),
		).toEqual({
			skillId: 'presentation',
			body: { config: { document_ids: [DOC_A], slides_trigger: 'on_demand' } },
		});
		expect(
			buildUpdateSkill({
				skillType: 'other',
				otherSkill: 'magic_canvas',
				config: { components: { chart: { enabled: true } } },
				removeKeys: ['x'],
			}),
		).toEqual({
			skillId: 'magic_canvas',
			body: { config: { components: { chart: { enabled: true } }, x: null } },
		});
		expect(
			buildReplaceSkills({ skills: { internet_search: {}, magic_canvas: { config: {} } } }, false),
		).toEqual({ skills: { internet_search: { config: {} }, magic_canvas: { config: {} } } });
		expect(() => buildReplaceSkills('', false)).toThrow('Skills: is empty');
		expect(buildReplaceSkills('', true)).toEqual({ skills: {} });
	});

	it('read attachments and the registry tolerantly', () => {
		const attachment = { skill_id: 'internet_search', config: {} };
		expect(skillAttachmentsOf({ data: { internet_search: attachment } })).toEqual([attachment]);
		expect(skillAttachmentsOf({ data: [attachment] })).toEqual([attachment]);
		expect(skillAttachmentsOf({ presentation: { config: {} } })).toEqual([
			{ skill_id: 'presentation', config: {} },
		]);
		expect(skillAttachmentsOf(attachment)).toEqual([attachment]);
		expect(skillAttachmentsOf(null)).toEqual([]);

		expect(registrySkills({ data: [{ skill_id: 'a' }, { id: 'b' }, {}] })).toEqual([
			{ skill_id: 'a' },
			{ id: 'b', skill_id: 'b' },
		]);
		expect(registrySkills(['internet_search'])).toEqual([{ skill_id: 'internet_search' }]);
		expect(registrySkills({ internet_search: 'Search the web' })).toEqual([
			{ skill_id: 'internet_search', value: 'Search the web' },
		]);
		expect(registrySkills({ skill_id: 'x', display_name: 'X' })).toEqual([
			{ skill_id: 'x', display_name: 'X' },
		]);
		expect(registrySkills('nope')).toEqual([]);
	});
});
