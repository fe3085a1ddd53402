import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { buildObjectivesPatch } from '../../nodes/Tavus/resources/objective/buildObjectives';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** The intake set from the Tavus docs, as Objectives entries (Fields). */
const intakeEntries: IDataObject[] = [
	{
		objectiveName: 'ask_if_new_patient',
		objectivePrompt: 'Ask the patient if they are new or have been here before',
		confirmationMode: 'auto',
		modality: 'verbal',
		outputVariables: 'patient_status',
		nextMode: 'conditional',
		nextConditionalObjectives: {
			next: [
				{
					objectiveName: 'new_patient_intake',
					condition: 'If the patient has never been to the practice before',
				},
				{
					objectiveName: 'existing_patient_intake',
					condition: 'If the patient has been to the practice before',
				},
			],
		},
	},
	{
		objectiveName: 'new_patient_intake',
		objectivePrompt: 'Collect name, date of birth and insurance',
		confirmationMode: 'manual',
		modality: 'verbal',
		outputVariables: 'patient_name, date_of_birth',
		nextMode: 'required',
		nextRequiredObjective: 'confirm_appointment',
		callbackUrl: 'https://hooks.example.com/intake',
	},
	{
		objectiveName: 'existing_patient_intake',
		objectivePrompt: 'Ask for the reason of the visit',
		nextMode: 'required',
		nextRequiredObjective: 'confirm_appointment',
	},
	{
		objectiveName: 'confirm_appointment',
		objectivePrompt: 'Confirm the appointment time',
		modality: 'visual',
	},
];

const intakeData = [
	{
		objective_name: 'ask_if_new_patient',
		objective_prompt: 'Ask the patient if they are new or have been here before',
		confirmation_mode: 'auto',
		modality: 'verbal',
		output_variables: ['patient_status'],
		next_conditional_objectives: {
			new_patient_intake: 'If the patient has never been to the practice before',
			existing_patient_intake: 'If the patient has been to the practice before',
		},
	},
	{
		objective_name: 'new_patient_intake',
		objective_prompt: 'Collect name, date of birth and insurance',
		confirmation_mode: 'manual',
		modality: 'verbal',
		output_variables: ['patient_name', 'date_of_birth'],
		callback_url: 'https://hooks.example.com/intake',
		next_required_objective: 'confirm_appointment',
	},
	// n8n fills every option of a list entry with its default (Confirmation Mode, Modality).
	{
		objective_name: 'existing_patient_intake',
		objective_prompt: 'Ask for the reason of the visit',
		confirmation_mode: 'auto',
		modality: 'verbal',
		next_required_objective: 'confirm_appointment',
	},
	{
		objective_name: 'confirm_appointment',
		objective_prompt: 'Confirm the appointment time',
		confirmation_mode: 'auto',
		modality: 'visual',
	},
];

const create = (extra: IDataObject = {}) => ({
	resource: 'objective',
	operation: 'create',
	objectives: { objective: intakeEntries },
	...extra,
});

async function createIntake(): Promise<string> {
	const { items, error } = await bed.run(create());
	if (error) throw error;
	return String(items[0].json.objectives_id);
}

describe('Objective → Create', () => {
	it('sends one entry per objective as Tavus takes it, and outputs objectives_id', async () => {
		const { items, error } = await bed.run(create());
		expect(error).toBeUndefined();
		const [sent] = bed.sent('POST', '/v2/objectives');
		expect(sent.body).toStrictEqual({ data: intakeData });
		expect(sent.status).toBe(200);
		expect(items[0].json).toStrictEqual({
			objectives_id: expect.stringMatching(/^o[0-9a-f]{12}$/),
			objective_name: 'ask_if_new_patient',
			status: 'active',
			created_at: expect.any(String),
		});
		expect(bed.mock.state.objectives.get(String(items[0].json.objectives_id))?.data).toHaveLength(
			4,
		);
	});

	it.each([
		['a JSON array', JSON.stringify(intakeData)],
		['{"data": [...]} as Tavus takes it', JSON.stringify({ data: intakeData })],
		['an array from an expression', '={{ $json.objectives }}'],
	])('takes the objectives as JSON: %s', async (_label, json) => {
		const { error } = await bed.run(
			{ resource: 'objective', operation: 'create', objectivesInput: 'json', objectivesJson: json },
			[{ objectives: intakeData }],
		);
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/objectives')[0].body).toStrictEqual({ data: intakeData });
	});

	const entry = (name: string, extra: IDataObject = {}) => ({
		objectiveName: name,
		objectivePrompt: `Do ${name}`,
		...extra,
	});
	const json = (data: unknown) => ({
		objectivesInput: 'json',
		objectivesJson: JSON.stringify(data),
	});
	it.each<[string, IDataObject, string]>([
		['no objective', { objectives: {} }, 'Objectives needs at least one objective [item 0]'],
		[
			'a name with spaces',
			{ objectives: { objective: [entry('ask name')] } },
			'Objectives › Objective 1 (ask name) › Name "ask name" contains spaces [item 0]',
		],
		[
			'two objectives with one name',
			{ objectives: { objective: [entry('greet'), entry('greet')] } },
			'Objectives › Objective 2 (greet) › Name "greet" is already the name of objective 1 [item 0]',
		],
		// Required list fields left empty are flagged by n8n itself; empty ones arriving by expression by the node.
		[
			'a missing prompt',
			{ objectives: { objective: [{ objectiveName: 'greet', objectivePrompt: '={{ "" }}' }] } },
			'Objectives › Objective 1 (greet) › Prompt is required [item 0]',
		],
		[
			'a missing name',
			{ objectives: { objective: [{ objectiveName: '={{ " " }}', objectivePrompt: 'Hi' }] } },
			'Objectives › Objective 1 › Name is required [item 0]',
		],
		[
			'a next required objective that is not in the set',
			{
				objectives: {
					objective: [
						entry('greet', { nextMode: 'required', nextRequiredObjective: 'verify_id' }),
						entry('close'),
					],
				},
			},
			'Objectives › Objective 1 (greet) › Next Required Objective names "verify_id", which is not an objective of this set [item 0]',
		],
		[
			'a conditional next objective that is not in the set',
			{
				objectives: {
					objective: [
						entry('greet', {
							nextMode: 'conditional',
							nextConditionalObjectives: { next: [{ objectiveName: 'nope', condition: 'If so' }] },
						}),
					],
				},
			},
			'Objectives › Objective 1 (greet) › Next Objectives by Condition names "nope", which is not an objective of this set',
		],
		[
			'an objective that follows itself',
			{
				objectives: {
					objective: [entry('greet', { nextMode: 'required', nextRequiredObjective: 'greet' })],
				},
			},
			'Objectives › Objective 1 (greet) › Next Required Objective names the objective itself ("greet")',
		],
		[
			'a required next objective left empty',
			{ objectives: { objective: [entry('greet', { nextMode: 'required' })] } },
			'Objectives › Objective 1 (greet) › Next Required Objective is required when Next Objective is One Next Required Objective',
		],
		[
			'a condition without text',
			{
				objectives: {
					objective: [
						entry('greet', {
							nextMode: 'conditional',
							nextConditionalObjectives: { next: [{ objectiveName: 'close' }] },
						}),
						entry('close'),
					],
				},
			},
			'Next Objectives by Condition (entry 1) › Condition is required (when does "close" follow?)',
		],
		[
			'a bad callback URL',
			{ objectives: { objective: [entry('greet', { callbackUrl: 'hooks.example.com' })] } },
			'Objectives › Objective 1 (greet) › Callback URL must be an http(s) URL',
		],
		[
			'an unknown confirmation mode',
			{ objectives: { objective: [entry('greet', { confirmationMode: '={{ "later" }}' })] } },
			'Objectives › Objective 1 (greet) › Confirmation Mode must be one of "auto", "manual"',
		],
		[
			'both kinds of next objective (JSON)',
			json([
				{
					objective_name: 'a',
					objective_prompt: 'x',
					next_required_objective: 'b',
					next_conditional_objectives: { b: 'If so' },
				},
				{ objective_name: 'b', objective_prompt: 'y' },
			]),
			'Objectives (JSON) › Objective 1 (a) has both next_required_objective and next_conditional_objectives [item 0]',
		],
		[
			'an unknown next objective (JSON)',
			json([{ objective_name: 'a', objective_prompt: 'x', next_required_objective: 'b' }]),
			'Objectives (JSON) › Objective 1 (a) › next_required_objective names "b", which is not an objective of this set',
		],
		[
			'the older plural field (JSON)',
			json([{ objective_name: 'a', objective_prompt: 'x', next_required_objectives: ['b'] }]),
			'Objectives (JSON) › Objective 1 (a) › next_required_objectives is the older, plural name of this field',
		],
		[
			'output variables that are not a list (JSON)',
			json([{ objective_name: 'a', objective_prompt: 'x', output_variables: 'name' }]),
			'Objectives (JSON) › Objective 1 (a) › output_variables must be a list of names',
		],
		[
			'a modality Tavus does not know (JSON)',
			json([{ objective_name: 'a', objective_prompt: 'x', modality: 'audio' }]),
			'Objectives (JSON) › Objective 1 (a) › modality must be one of "verbal", "visual"',
		],
		[
			'not a list (JSON)',
			{ objectivesInput: 'json', objectivesJson: '{"objective_name": "a"}' },
			'Objectives (JSON) must be a JSON array of objectives, got an object',
		],
		[
			'invalid JSON',
			{ objectivesInput: 'json', objectivesJson: '[{"objective_name": ' },
			'Objectives (JSON) is not valid JSON',
		],
	])('refuses %s before sending', async (_label, parameters, message) => {
		const { error } = await bed.run({ resource: 'objective', operation: 'create', ...parameters });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(bed.sent()).toHaveLength(0);
	});

	it("reports the mock's 400 (Tavus's message) for what only Tavus checks: an unknown field", async () => {
		const { error } = await bed.run({
			resource: 'objective',
			operation: 'create',
			objectivesInput: 'json',
			objectivesJson: JSON.stringify([{ objective_name: 'a', objective_prompt: 'x', priority: 1 }]),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toMatch(/^Tavus API error 400 Bad Request: .*priority/);
		expect(bed.sent('POST', '/v2/objectives')[0].status).toBe(400);
	});
});

describe('Objective → Get, Get Many, Delete', () => {
	it('gets a set with its objectives (unwrapped)', async () => {
		const id = await createIntake();
		const { items } = await bed.run({
			resource: 'objective',
			operation: 'get',
			objectivesSet: byId(id),
		});
		expect(items[0].json).toMatchObject({
			objectives_id: id,
			objective_name: 'ask_if_new_patient',
		});
		expect(
			(items[0].json.data as IDataObject[]).map((objective) => objective.objective_name),
		).toEqual([
			'ask_if_new_patient',
			'new_patient_intake',
			'existing_patient_intake',
			'confirm_appointment',
		]);
	});

	it.each([
		[
			'an unknown objectives_id (404)',
			'o000000000000',
			'Tavus API error 404 Not Found: Objective not found',
		],
		[
			'an ID of another kind (400)',
			'p1234',
			'Tavus API error 400 Bad Request: Invalid objectives_id',
		],
	])("reports %s with Tavus's message", async (_label, id, message) => {
		for (const operation of ['get', 'delete']) {
			const { error } = await bed.run({
				resource: 'objective',
				operation,
				objectivesSet: byId(id),
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.message).toBe(message);
		}
	});

	it('lists every set across 1-based pages, or up to the limit', async () => {
		for (let index = 0; index < 105; index++) {
			bed.mock.seed({
				objectives: [
					{
						objectives_id: `o${String(index).padStart(12, '0')}`,
						data: [{ objective_name: `step_${index}`, objective_prompt: 'x' }],
					},
				],
			});
		}
		const all = await bed.run({ resource: 'objective', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(105);
		expect(bed.sent('GET', '/v2/objectives').map((request) => request.query.page)).toEqual([
			'1',
			'2',
		]);
		const some = await bed.run({ resource: 'objective', operation: 'getAll', limit: 7 });
		expect(some.items).toHaveLength(7);
	});

	it('deletes a set (204) and outputs { deleted: true, objectives_id }', async () => {
		const id = await createIntake();
		const { items } = await bed.run({
			resource: 'objective',
			operation: 'delete',
			objectivesSet: byId(id),
		});
		expect(items[0].json).toStrictEqual({ deleted: true, objectives_id: id });
		expect(bed.sent('DELETE')[0].status).toBe(204);
		expect(bed.mock.state.objectives.has(id)).toBe(false);
	});
});

describe('Objective → Update', () => {
	it('patches only what differs, with /data/<n>/ paths (added, changed, removed fields)', async () => {
		const id = await createIntake();
		const changed: IDataObject[] = intakeEntries.map((objective) => ({ ...objective }));
		changed[1] = { ...changed[1], objectivePrompt: 'Collect name and insurance', callbackUrl: '' };
		changed[3] = { ...changed[3], modality: 'verbal', outputVariables: 'time_slot' };
		const { items, error } = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(id),
			objectives: { objective: changed },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{ op: 'replace', path: '/data/1/objective_prompt', value: 'Collect name and insurance' },
			{ op: 'remove', path: '/data/1/callback_url' },
			{ op: 'replace', path: '/data/3/modality', value: 'verbal' },
			{ op: 'replace', path: '/data/3/output_variables', value: ['time_slot'] },
		]);
		expect(items[0].json).toMatchObject({ objectives_id: id, action: 'updated' });
		const stored = bed.mock.state.objectives.get(id)?.data ?? [];
		expect(stored[1]).toMatchObject({ objective_prompt: 'Collect name and insurance' });
		expect(stored[1].callback_url).toBeUndefined();
	});

	it('switches an objective from one next objective to conditions (remove + add in one patch)', async () => {
		const id = await createIntake();
		const changed: IDataObject[] = intakeEntries.map((objective) => ({ ...objective }));
		changed[2] = {
			...changed[2],
			nextMode: 'conditional',
			nextConditionalObjectives: {
				next: [{ objectiveName: 'confirm_appointment', condition: 'If the visit is urgent' }],
			},
		};
		const { error } = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(id),
			objectives: { objective: changed },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{
				op: 'add',
				path: '/data/2/next_conditional_objectives',
				value: { confirm_appointment: 'If the visit is urgent' },
			},
			{ op: 'remove', path: '/data/2/next_required_objective' },
		]);
	});

	it('replaces the whole list when the number of objectives changes', async () => {
		const id = await createIntake();
		const fewer = [{ objectiveName: 'only_one', objectivePrompt: 'Say hello' }];
		await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(id),
			objectives: { objective: fewer },
		});
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{
				op: 'replace',
				path: '/data',
				value: [
					{
						objective_name: 'only_one',
						objective_prompt: 'Say hello',
						confirmation_mode: 'auto',
						modality: 'verbal',
					},
				],
			},
		]);
		expect(bed.mock.state.objectives.get(id)?.data).toHaveLength(1);
	});

	it('reports the same set as unchanged without sending a PATCH', async () => {
		const id = await createIntake();
		const { items } = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(id),
			objectives: { objective: intakeEntries },
		});
		expect(items[0].json).toStrictEqual({ objectives_id: id, action: 'unchanged', patch: [] });
		expect(bed.sent('PATCH')).toHaveLength(0);
	});

	it("reports an unknown set with Tavus's 404 (read before the diff, or the raw patch)", async () => {
		const diff = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId('o000000000009'),
			objectives: { objective: intakeEntries },
		});
		expect(diff.error?.message).toBe('Tavus API error 404 Not Found: Objective not found');
		const raw = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId('o000000000009'),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "remove", "path": "/data/0/callback_url"}]',
		});
		expect(raw.error?.message).toBe('Tavus API error 404 Not Found: Objective not found');
	});

	it('checks the new set before reading or patching anything', async () => {
		const { error } = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId('o000000000001'),
			objectives: {
				objective: [
					{
						objectiveName: 'a',
						objectivePrompt: 'x',
						nextMode: 'required',
						nextRequiredObjective: 'b',
					},
				],
			},
		});
		expect(error?.message).toContain('names "b", which is not an objective of this set');
		expect(bed.sent()).toHaveLength(0);
	});

	it('sends raw JSON Patch operations as given; Tavus\'s 304 is "unchanged"', async () => {
		const id = await createIntake();
		const rename = [
			{ op: 'replace', path: '/data/3/objective_prompt', value: 'Confirm date and time' },
		];
		const first = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: JSON.stringify(rename),
		});
		expect(bed.sent('PATCH')[0].body).toStrictEqual(rename);
		expect(first.items[0].json).toMatchObject({ action: 'updated' });
		const again = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: JSON.stringify(rename),
		});
		expect(bed.sent('PATCH')[1].status).toBe(304);
		expect(again.items[0].json).toMatchObject({ objectives_id: id, action: 'unchanged' });
	});

	it("reports Tavus's 400 for a raw patch that breaks the graph (only Tavus can check it)", async () => {
		const id = await createIntake();
		const { error } = await bed.run({
			resource: 'objective',
			operation: 'update',
			objectivesSet: byId(id),
			updateMode: 'jsonPatch',
			patchOperations: '[{"op": "replace", "path": "/data/3/objective_name", "value": "confirm"}]',
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 400 Bad Request: Objective new_patient_intake references unknown objective: confirm_appointment',
		);
		expect(bed.mock.state.objectives.get(id)?.data?.[3].objective_name).toBe('confirm_appointment');
	});
});

describe("Objective → Create or Update (by the first objective's name)", () => {
	it('creates once, then reports unchanged, then updates: one set in the account', async () => {
		const first = await bed.run({ ...create(), operation: 'createOrUpdate' });
		expect(first.items[0].json).toMatchObject({
			action: 'created',
			objective_name: 'ask_if_new_patient',
		});
		const id = first.items[0].json.objectives_id;

		const second = await bed.run({ ...create(), operation: 'createOrUpdate' });
		expect(second.items[0].json).toStrictEqual({
			objectives_id: id,
			objective_name: 'ask_if_new_patient',
			action: 'unchanged',
			patch: [],
		});

		const changed = intakeEntries.map((objective, index) =>
			index === 3 ? { ...objective, objectivePrompt: 'Confirm the time and the place' } : objective,
		);
		const third = await bed.run({
			resource: 'objective',
			operation: 'createOrUpdate',
			objectives: { objective: changed },
		});
		expect(third.items[0].json).toMatchObject({
			objectives_id: id,
			action: 'updated',
			patch: [
				{
					op: 'replace',
					path: '/data/3/objective_prompt',
					value: 'Confirm the time and the place',
				},
			],
		});

		expect(bed.mock.state.objectives.size).toBe(1);
		expect(bed.sent('POST', '/v2/objectives')).toHaveLength(1);
	});

	it('finds the set beyond the first page', async () => {
		for (let index = 0; index < 120; index++) {
			bed.mock.seed({
				objectives: [
					{
						objectives_id: `o${String(index).padStart(12, '0')}`,
						data: [{ objective_name: `filler_${index}`, objective_prompt: 'x' }],
					},
				],
			});
		}
		bed.mock.seed({
			objectives: [
				{
					objectives_id: 'olastpage0001',
					data: [
						{
							objective_name: 'greet',
							objective_prompt: 'old',
							confirmation_mode: 'auto',
							modality: 'verbal',
							output_variables: [],
						},
					],
				},
			],
		});
		const { items } = await bed.run({
			resource: 'objective',
			operation: 'createOrUpdate',
			objectives: { objective: [{ objectiveName: 'greet', objectivePrompt: 'new' }] },
		});
		expect(items[0].json).toMatchObject({ objectives_id: 'olastpage0001', action: 'updated' });
		expect(bed.sent('PATCH')[0].body).toStrictEqual([
			{ op: 'replace', path: '/data/0/objective_prompt', value: 'new' },
		]);
		expect(bed.sent('POST')).toHaveLength(0);
	});
});

describe('buildObjectivesPatch (pure)', () => {
	it('keeps what Tavus filled in when the desired objective leaves it out', () => {
		const current = [
			{
				objective_name: 'a',
				objective_prompt: 'x',
				confirmation_mode: 'auto',
				modality: 'verbal',
				output_variables: [],
			},
		];
		expect(
			buildObjectivesPatch(current, [{ objective_name: 'a', objective_prompt: 'x' }]),
		).toStrictEqual([]);
		expect(
			buildObjectivesPatch(
				[{ ...current[0], modality: 'visual' }],
				[{ objective_name: 'a', objective_prompt: 'x' }],
			),
		).toStrictEqual([{ op: 'replace', path: '/data/0/modality', value: 'verbal' }]);
	});
});
