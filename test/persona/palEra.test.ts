import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeProperties,
} from 'n8n-workflow';
import { Tavus } from '../../nodes/Tavus/Tavus.node';
import { buildPersonaBody } from '../../nodes/Tavus/resources/persona/buildPersonaBody';
import { lifeCoachNodeParameters, seedExpectedBody } from '../fixtures/seed';
import { useTestbed } from '../helpers/testbed';

/**
 * The PAL era on the persona resource (tavus-api-2026-11.md §1, §2.2, §2.3, §12, §12b): PAL
 * Interruptibility, the Conferencing Layer (Google Meet) with Check Conferencing Username, and
 * model lists that never refuse a name Tavus adds later. Create keeps posting to /v2/personas.
 */
const bed = useTestbed();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const FACE = 'r90bbd427f71';

const minimal = {
	resource: 'persona',
	operation: 'create',
	personaName: 'Anna',
	systemPrompt: 'Be kind.',
};

const withFace = { ...minimal, defaultReplica: byId(FACE) };

async function refused(parameters: IDataObject, message: string, items: IDataObject[] = [{}]) {
	const { error } = await bed.run(parameters, items);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error?.message).toBe(message);
	expect(bed.sent()).toHaveLength(0);
	return error as NodeOperationError;
}

describe('Persona → Create keeps /v2/personas and the seed body', () => {
	it('sends the seed document body byte for byte to /v2/personas', async () => {
		const { error } = await bed.run(lifeCoachNodeParameters());
		expect(error).toBeUndefined();
		const [sent] = bed.sent('POST');
		expect(sent.path).toBe('/v2/personas');
		expect(sent.body).toStrictEqual(seedExpectedBody());
		expect(bed.sent('POST', '/v2/pals')).toHaveLength(0);
	});
});

describe('Conversational Flow Layer › PAL Interruptibility', () => {
	it('is sent as pal_interruptibility', async () => {
		const { error } = await bed.run({
			...minimal,
			conversationalFlowLayer: { turnDetectionModel: 'sparrow-1', palInterruptibility: 'low' },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')[0].body).toStrictEqual({
			persona_name: 'Anna',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
			layers: {
				conversational_flow: { turn_detection_model: 'sparrow-1', pal_interruptibility: 'low' },
			},
		});
	});

	it('keeps Replica Interruptibility (the older name) as replica_interruptibility', async () => {
		await bed.run({ ...minimal, conversationalFlowLayer: { replicaInterruptibility: 'high' } });
		expect(bed.sent('POST')[0].body).toStrictEqual({
			persona_name: 'Anna',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
			layers: { conversational_flow: { replica_interruptibility: 'high' } },
		});
	});

	it('refuses both names at once, naming both fields and the item, before sending', async () => {
		const error = await refused(
			{
				...minimal,
				conversationalFlowLayer: { replicaInterruptibility: 'high', palInterruptibility: 'low' },
			},
			'Conversational Flow Layer › PAL Interruptibility cannot be used together with Conversational Flow Layer › Replica Interruptibility [item 0]',
		);
		expect(error.description).toContain('older name of the same setting');
	});

	it('refuses an unknown level from an expression', async () => {
		await refused(
			{ ...minimal, conversationalFlowLayer: { palInterruptibility: '={{ $json.v }}' } },
			'Conversational Flow Layer › PAL Interruptibility must be one of "low", "medium", "high", got the text "never" [item 0]',
			[{ v: 'never' }],
		);
	});
});

describe('Conferencing Layer (Google Meet)', () => {
	it('sends username (lowercase) and allowlist, and outputs Tavus’s conferencing_email', async () => {
		const { items, error } = await bed.run({
			...withFace,
			conferencingLayer: {
				username: ' Anna.Coach ',
				allowlist: ['alex@acme.com', '.*@acme\\.com', '(?i).*@ACME\\.org'],
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')[0].body).toStrictEqual({
			persona_name: 'Anna',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
			default_replica_id: FACE,
			layers: {
				conferencing: {
					username: 'anna.coach',
					allowlist: ['alex@acme.com', '.*@acme\\.com', '(?i).*@ACME\\.org'],
				},
			},
		});
		expect(items[0].json).toStrictEqual({
			persona_id: expect.stringMatching(/^p[0-9a-f]{12}$/),
			persona_name: 'Anna',
			created_at: expect.any(String),
			conferencing_email: 'anna.coach@tavusinvite.com',
		});
	});

	it.each([
		['a', 'Conferencing Layer › Username must be at least 2 characters, got "a" [item 0]'],
		['-anna', 'Conferencing Layer › Username "-anna" is not a valid username [item 0]'],
		['anna.', 'Conferencing Layer › Username "anna." is not a valid username [item 0]'],
		['an na', 'Conferencing Layer › Username "an na" is not a valid username [item 0]'],
		[
			'anna@tavusinvite.com',
			'Conferencing Layer › Username "anna@tavusinvite.com" is not a valid username [item 0]',
		],
		[
			'bot42',
			'Conferencing Layer › Username "bot42" is reserved by Tavus (bot followed by digits) [item 0]',
		],
		[
			'BOT7',
			'Conferencing Layer › Username "BOT7" is reserved by Tavus (bot followed by digits) [item 0]',
		],
	])('refuses the username %p before sending', async (username, message) => {
		await refused({ ...withFace, conferencingLayer: { username } }, message);
	});

	it('accepts usernames Tavus accepts: two characters, digits, dots, dashes, underscores, bot without digits', async () => {
		for (const username of ['ab', 'a1', 'bot', 'botanist', 'bot4u', 'x_y-z.9']) {
			bed.mock.reset();
			const { error } = await bed.run({ ...withFace, conferencingLayer: { username } });
			expect(error).toBeUndefined();
			expect((bed.sent('POST')[0].body as IDataObject).layers).toStrictEqual({
				conferencing: { username: username.toLowerCase() },
			});
		}
	});

	it('refuses an allowlist entry that is neither an email nor a regular expression, naming the entry', async () => {
		const error = await refused(
			{
				...withFace,
				conferencingLayer: { username: 'anna', allowlist: ['alex@acme.com', '[acme'] },
			},
			'Conferencing Layer › Allowlist (entry 2) "[acme" is neither an email address nor a valid regular expression (/[acme/: Unterminated character class) [item 0]',
		);
		expect(error.description).toContain('exact email');
	});

	it('refuses conferencing without a Default Replica (Tavus answers 400)', async () => {
		const error = await refused(
			{ ...minimal, conferencingLayer: { username: 'anna' } },
			'Default Replica is required when the Conferencing Layer is set [item 0]',
		);
		expect(error.description).toContain('default Face');
	});

	it('refuses conferencing with Pipeline Mode Echo', async () => {
		await refused(
			{ ...withFace, pipelineMode: 'echo', conferencingLayer: { username: 'anna' } },
			'Conferencing Layer needs Pipeline Mode Full, got Echo [item 0]',
		);
	});

	it('refuses an Allowlist without a Username on Create', async () => {
		await refused(
			{ ...withFace, conferencingLayer: { allowlist: ['alex@acme.com'] } },
			'Conferencing Layer › Username is required when the Conferencing Layer is set [item 0]',
		);
	});

	it('names the item: only the bad item fails', async () => {
		const { error } = await bed.run(
			{ ...withFace, conferencingLayer: { username: '={{ $json.u }}' } },
			[{ u: 'anna' }, { u: 'bot1' }],
		);
		expect(error?.message).toBe(
			'Conferencing Layer › Username "bot1" is reserved by Tavus (bot followed by digits) [item 1]',
		);
	});

	it('passes Tavus’s answer on a taken username through (case-insensitive)', async () => {
		bed.mock.seed({
			personas: [{ persona_name: 'Taken', layers: { conferencing: { username: 'anna' } } }],
		});
		const { error } = await bed.run({ ...withFace, conferencingLayer: { username: 'ANNA' } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: layers.conferencing.username: Username is already taken.',
		);
		expect(bed.sent('POST')).toHaveLength(1);
	});

	it('the stand-in refuses like Tavus what gets past the node (Extra Body Fields)', async () => {
		const viaExtraBody = async (extra: IDataObject, base: IDataObject = withFace) =>
			(await bed.run({ ...base, additionalFields: { extraBody: JSON.stringify(extra) } })).error
				?.message;
		expect(await viaExtraBody({ layers: { conferencing: { username: 'bot1' } } })).toBe(
			'Tavus API error 400 Bad Request: layers.conferencing.username: Username is reserved.',
		);
		expect(await viaExtraBody({ layers: { conferencing: { username: 'a' } } })).toBe(
			'Tavus API error 400 Bad Request: layers.conferencing.username: Username must be at least 2 characters.',
		);
		expect(
			await viaExtraBody({ layers: { conversational_flow: { pal_interruptibility: 'never' } } }),
		).toContain('pal_interruptibility');
		expect(await viaExtraBody({ layers: { conferencing: { username: 'anna' } } }, minimal)).toBe(
			'Default Replica is required when the Conferencing Layer is set [item 0]',
		);
		bed.mock.clearRequests();
		expect(
			await viaExtraBody(
				{ default_replica_id: FACE, layers: { conferencing: { username: 'anna' } } },
				minimal,
			),
		).toBeUndefined();
		expect(bed.sent('POST')[0].status).toBe(200);
	});

	it('Update adds the layer to an existing persona with a JSON Patch', async () => {
		const created = await bed.run({ ...withFace });
		const id = String(created.items[0].json.persona_id);
		bed.mock.clearRequests();
		const { items, error } = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			conferencingLayer: { username: 'Anna', allowlist: ['.*@acme\\.com'] },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{
				op: 'add',
				path: '/layers/conferencing',
				value: { username: 'anna', allowlist: ['.*@acme\\.com'] },
			},
		]);
		expect(items[0].json).toMatchObject({ persona_id: id, action: 'updated' });
		// Run again: Tavus stores the username lowercase, the node sends it lowercase: no change.
		bed.mock.clearRequests();
		const again = await bed.run({
			resource: 'persona',
			operation: 'update',
			persona: byId(id),
			conferencingLayer: { username: 'Anna', allowlist: ['.*@acme\\.com'] },
		});
		expect(again.items[0].json).toMatchObject({ action: 'unchanged' });
		expect(bed.sent('PATCH')).toHaveLength(0);
	});

	it('Update refuses conferencing together with Pipeline Mode Echo', async () => {
		await refused(
			{
				resource: 'persona',
				operation: 'update',
				persona: byId('pcb7a34da5fe'),
				updateFields: { pipelineMode: 'echo' },
				conferencingLayer: { username: 'anna' },
			},
			'Conferencing Layer needs Pipeline Mode Full, got Echo [item 0]',
		);
	});
});

describe('Persona → Check Conferencing Username', () => {
	const check = (username: string) => ({
		resource: 'persona',
		operation: 'checkUsername',
		username,
	});

	it('asks GET /v2/pals/check-username and outputs {username, available}', async () => {
		const { items, error } = await bed.run(check('Anna'));
		expect(error).toBeUndefined();
		const [sent] = bed.sent('GET', '/v2/pals/check-username');
		expect(sent.query).toStrictEqual({ username: 'anna' });
		expect(items.map((item) => item.json)).toStrictEqual([{ username: 'anna', available: true }]);
	});

	it('outputs Tavus’s reason when the username is taken', async () => {
		bed.mock.seed({
			personas: [{ persona_name: 'Taken', layers: { conferencing: { username: 'anna' } } }],
		});
		const { items, error } = await bed.run(check('={{ $json.u }}'), [
			{ u: 'anna' },
			{ u: 'grace' },
		]);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toStrictEqual([
			{ username: 'anna', available: false, reason: 'Username is already taken.' },
			{ username: 'grace', available: true },
		]);
	});

	it('refuses a username Tavus would refuse, naming the field and item, without asking', async () => {
		await refused(
			check('bot9'),
			'Username "bot9" is reserved by Tavus (bot followed by digits) [item 0]',
		);
		// n8n itself refuses an empty required field; an expression may still come out empty.
		await refused(check('={{ $json.u }}'), 'Username is required [item 0]', [{ u: '' }]);
	});
});

describe('Models that do not go stale (§12, §12b)', () => {
	const tavusNode = new Tavus();
	const layerProperty = (name: string) =>
		tavusNode.description.properties.find(
			(property) =>
				property.name === name && property.displayOptions?.show?.resource?.includes('persona'),
		) as INodeProperties;
	const option = (layer: string, field: string) =>
		(layerProperty(layer).options as INodeProperties[]).find(
			(candidate) => candidate.name === field,
		) as INodeProperties;
	const values = (layer: string, field: string) =>
		(option(layer, field).options as Array<{ value: string; name: string }>).map(
			(entry) => entry.value,
		);

	it('still offers every value offered before (saved workflows open without an issue)', () => {
		const before = {
			'llmLayer.model': [
				'tavus-gpt-oss',
				'tavus-gemini-2.5-flash',
				'tavus-gemini-3-flash',
				'tavus-claude-haiku-4.5',
				'tavus-gpt-5.2',
				'tavus-gpt-4.1',
				'tavus-gpt-4o',
				'tavus-gpt-4o-mini',
			],
			'ttsLayer.ttsEngine': ['azure', 'cartesia', 'elevenlabs', 'playht'],
			'perceptionLayer.perceptionModel': ['raven-1', 'raven-0', 'off'],
			'sttLayer.sttEngine': [
				'tavus-auto',
				'tavus-parakeet',
				'tavus-soniox',
				'tavus-whisper',
				'tavus-deepgram-medical',
				'tavus-advanced',
				'tavus-turbo',
			],
			'conversationalFlowLayer.turnDetectionModel': ['sparrow-1', 'sparrow-0'],
		};
		for (const [path, old] of Object.entries(before)) {
			const [layer, field] = path.split('.');
			expect(values(layer, field)).toEqual(expect.arrayContaining(old));
		}
	});

	it('lists the documented June 2026 values and marks deprecated ones, never a [3P] name', () => {
		expect(values('llmLayer', 'model')[0]).toBe('tavus-glm-4.7');
		expect(JSON.stringify(option('llmLayer', 'model').options)).toContain(
			'Documented default in the June 2026 Tavus docs',
		);
		const deprecated = (layer: string, field: string) =>
			(option(layer, field).options as Array<{ value: string; description?: string }>)
				.filter((entry) => entry.description?.startsWith('(deprecated)'))
				.map((entry) => entry.value);
		expect(deprecated('llmLayer', 'model')).toEqual(['tavus-gpt-4.1', 'tavus-gpt-4o-mini']);
		expect(deprecated('sttLayer', 'sttEngine')).toEqual(['tavus-advanced']);
		const everything = JSON.stringify(tavusNode.description.properties);
		for (const thirdParty of [
			'tavus-gemma-4',
			'sparrow-2',
			'phoenix-4.5',
			'tavus-sarvam',
			'inworld',
		]) {
			expect(everything).not.toContain(thirdParty);
		}
	});

	it('gives every list a free-text twin (Custom …) under the same API key', () => {
		for (const [layer, custom] of [
			['llmLayer', 'customModel'],
			['ttsLayer', 'customTtsEngine'],
			['perceptionLayer', 'customPerceptionModel'],
			['sttLayer', 'customSttEngine'],
			['conversationalFlowLayer', 'customTurnDetectionModel'],
		]) {
			expect(option(layer, custom)).toMatchObject({ type: 'string', default: '' });
		}
	});

	it('sends names newer than the lists (tavus-gemma-4, sparrow-2, tavus-sarvam, inworld) as typed', async () => {
		const { error } = await bed.run({
			...minimal,
			llmLayer: { customModel: 'tavus-gemma-4' },
			ttsLayer: { customTtsEngine: 'inworld' },
			sttLayer: { customSttEngine: 'tavus-sarvam' },
			conversationalFlowLayer: {
				customTurnDetectionModel: 'sparrow-2',
				palInterruptibility: 'medium',
			},
			perceptionLayer: { customPerceptionModel: 'raven-1' },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/personas')[0].body).toStrictEqual({
			persona_name: 'Anna',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
			layers: {
				llm: { model: 'tavus-gemma-4' },
				tts: { tts_engine: 'inworld' },
				perception: { perception_model: 'raven-1' },
				stt: { stt_engine: 'tavus-sarvam' },
				conversational_flow: { turn_detection_model: 'sparrow-2', pal_interruptibility: 'medium' },
			},
		});
		expect(bed.sent('POST')[0].status).toBe(200);
	});

	it('sends the documented default LLM from the list', async () => {
		const { error } = await bed.run({ ...minimal, llmLayer: { model: 'tavus-glm-4.7' } });
		expect(error).toBeUndefined();
		expect((bed.sent('POST')[0].body as IDataObject).layers).toStrictEqual({
			llm: { model: 'tavus-glm-4.7' },
		});
	});

	it('never refuses a name a later Tavus may add (the builder passes any Custom name through)', () => {
		const body = buildPersonaBody(
			{
				core: { personaName: 'Tomorrow', systemPrompt: 'x' },
				layers: {
					llmLayer: { customModel: 'tavus-model-2031' },
					ttsLayer: { customTtsEngine: 'some-engine' },
					perceptionLayer: { customPerceptionModel: 'raven-9' },
					sttLayer: { customSttEngine: 'tavus-next' },
					conversationalFlowLayer: { customTurnDetectionModel: 'sparrow-9' },
				},
			},
			{ requireSystemPrompt: true },
		);
		expect(body.layers).toStrictEqual({
			llm: { model: 'tavus-model-2031' },
			tts: { tts_engine: 'some-engine' },
			perception: { perception_model: 'raven-9' },
			stt: { stt_engine: 'tavus-next' },
			conversational_flow: { turn_detection_model: 'sparrow-9' },
		});
	});

	it.each([
		[
			'llmLayer',
			{ model: 'tavus-gpt-oss', customModel: 'tavus-gemma-4' },
			'LLM Layer › Custom Model cannot be used together with LLM Layer › Model',
		],
		[
			'ttsLayer',
			{ ttsEngine: 'cartesia', customTtsEngine: 'inworld' },
			'TTS Layer › Custom TTS Engine cannot be used together with TTS Layer › TTS Engine',
		],
		[
			'perceptionLayer',
			{ perceptionModel: 'raven-1', customPerceptionModel: 'raven-2' },
			'Perception Layer › Custom Perception Model cannot be used together with Perception Layer › Perception Model',
		],
		[
			'sttLayer',
			{ sttEngine: 'tavus-auto', customSttEngine: 'tavus-sarvam' },
			'STT Layer › Custom STT Engine cannot be used together with STT Layer › STT Engine',
		],
		[
			'conversationalFlowLayer',
			{ turnDetectionModel: 'sparrow-1', customTurnDetectionModel: 'sparrow-2' },
			'Conversational Flow Layer › Custom Turn Detection Model cannot be used together with Conversational Flow Layer › Turn Detection Model',
		],
	])('refuses %s with both the list and the Custom field', async (layer, values, message) => {
		await refused({ ...minimal, [layer]: values }, `${message} [item 0]`);
	});

	it('points an unlisted name from an expression to the Custom field', async () => {
		const error = await refused(
			{ ...minimal, sttLayer: { sttEngine: '={{ $json.v }}' } },
			'STT Layer › STT Engine must be one of "tavus-auto", "tavus-parakeet", "tavus-soniox", "tavus-whisper", "tavus-deepgram-medical", "tavus-advanced", "tavus-turbo", got the text "tavus-sarvam" [item 0]',
			[{ v: 'tavus-sarvam' }],
		);
		expect(error.description).toBe(
			'For a name the list does not have (e.g. one Tavus added later), set Custom STT Engine instead.',
		);
	});
});
