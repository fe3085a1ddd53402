import type { INodeProperties } from 'n8n-workflow';
import { type BodyField, callbackUrlField, enumOptions, textField } from '../../fields/bodyFields';
import { tavusLocator } from '../../fields/locators';
import { objectivesLocatorOptions } from '../../methods/listSearchKnowledge';
import type { IdParameter } from '../crud';

export const CONFIRMATION_MODES = ['auto', 'manual'] as const;
export const MODALITIES = ['verbal', 'visual'] as const;
export const NEXT_MODES = ['none', 'required', 'conditional'] as const;

/** The objectives set an operation works on (Get, Update, Delete). */
export const objectivesIdParameter: IdParameter = {
	property: tavusLocator({
		...objectivesLocatorOptions,
		name: 'objectivesSet',
		displayName: 'Objectives',
		required: true,
		description:
			'The objectives set. Pick it from the list (named after its first objective), or give its objectives_id, e.g. {{ $json.objectives_id }}.',
	}),
};

/** One objective of the set: one entry of the Objectives list. Drives the UI and the builder. */
export const objectiveFields: BodyField[] = [
	textField('objective_name', {
		displayName: 'Name',
		name: 'objectiveName',
		required: true,
		placeholder: 'e.g. ask_if_new_patient',
		description:
			'Unique within the set, without spaces (sent as objective_name). Other objectives name it as their next objective; the first objective names the whole set.',
	}),
	textField('objective_prompt', {
		displayName: 'Prompt',
		name: 'objectivePrompt',
		typeOptions: { rows: 3 },
		required: true,
		placeholder: 'e.g. Ask the patient if they are new or have been here before',
		description: 'What the objective should achieve (sent as objective_prompt)',
	}),
	{
		api: 'confirmation_mode',
		property: {
			displayName: 'Confirmation Mode',
			name: 'confirmationMode',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'The LLM decides when the objective is done' },
				{
					name: 'Manual',
					value: 'manual',
					description: 'The participant confirms that the objective is done',
				},
			],
			default: 'auto',
		},
	},
	{
		api: 'modality',
		property: {
			displayName: 'Modality',
			name: 'modality',
			type: 'options',
			options: enumOptions(MODALITIES, { verbal: 'Verbal', visual: 'Visual' }),
			default: 'verbal',
			description:
				'Verbal: completed by what the participant says. Visual: completed by what Raven sees.',
		},
	},
	{
		api: 'output_variables',
		kind: { type: 'csvList' },
		property: {
			displayName: 'Output Variables',
			name: 'outputVariables',
			type: 'string',
			default: '',
			placeholder: 'e.g. patient_status, insurance_provider',
			description: 'Variables to collect while working on the objective (comma-separated)',
		},
	},
	{
		api: 'next',
		kind: { type: 'flag' },
		property: {
			displayName: 'Next Objective',
			name: 'nextMode',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: 'The set ends after this objective' },
				{
					name: 'One Next Required Objective',
					value: 'required',
					description: 'Always continue with one objective (sent as next_required_objective)',
				},
				{
					name: 'Next Objectives by Condition',
					value: 'conditional',
					description:
						'Continue with the objective whose condition holds (sent as next_conditional_objectives)',
				},
			],
			default: 'none',
			description:
				'What comes after this objective. Tavus takes either one required next objective or next objectives by condition, never both.',
		},
	},
	{
		api: 'next_required_objective',
		kind: { type: 'flag' },
		property: {
			displayName: 'Next Required Objective',
			name: 'nextRequiredObjective',
			type: 'string',
			default: '',
			placeholder: 'e.g. get_patient_name',
			description: 'The name of the objective that always follows this one',
			displayOptions: { show: { nextMode: ['required'] } },
		},
	},
	{
		api: 'next_conditional_objectives',
		kind: { type: 'flag' },
		property: {
			displayName: 'Next Objectives by Condition',
			name: 'nextConditionalObjectives',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Next Objective',
			default: {},
			description: 'Which objective follows, by condition',
			displayOptions: { show: { nextMode: ['conditional'] } },
			options: [
				{
					displayName: 'Next Objective',
					name: 'next',
					values: [
						{
							displayName: 'Objective Name',
							name: 'objectiveName',
							type: 'string',
							default: '',
							placeholder: 'e.g. new_patient_intake_process',
							description: 'The name of an objective of this set',
						},
						{
							displayName: 'Condition',
							name: 'condition',
							type: 'string',
							default: '',
							placeholder: 'e.g. If the patient has never been to the practice before',
							description: 'When the conversation continues with that objective',
						},
					],
				},
			],
		},
	},
	callbackUrlField({
		description: 'Where Tavus POSTs when the objective is completed (with its output variables)',
		placeholder: 'e.g. https://your-server.com/webhook',
	}),
];

const OBJECTIVES_JSON_EXAMPLE = `[
  {
    "objective_name": "ask_if_new_patient",
    "objective_prompt": "Ask the patient if they are new or have been here before",
    "next_conditional_objectives": {
      "new_patient_intake": "If the patient has never been to the practice before",
      "existing_patient_intake": "If the patient has been to the practice before"
    }
  },
  {"objective_name": "new_patient_intake", "objective_prompt": "Collect name, date of birth and insurance", "output_variables": ["patient_name"]},
  {"objective_name": "existing_patient_intake", "objective_prompt": "Ask for the patient's name and reason for the visit"}
]`;

/** How the set is given (Create, Create or Update, Update) and the set itself. */
export function objectivesSetProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Objectives Input',
			name: 'objectivesInput',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Fields', value: 'fields', description: 'One entry per objective' },
				{
					name: 'JSON',
					value: 'json',
					description: 'The objectives as Tavus takes them in "data" (e.g. from an expression)',
				},
			],
			default: 'fields',
		},
		{
			displayName: 'Objectives',
			name: 'objectives',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Objective',
			default: {},
			description:
				'The objectives of the set, in order: the conversation starts with the first one. Checked before sending: names unique and without spaces, every next objective is in the set.',
			displayOptions: { show: { objectivesInput: ['fields'] } },
			options: [
				{
					displayName: 'Objective',
					name: 'objective',
					values: objectiveFields.map((field) => field.property),
				},
			],
		},
		{
			displayName: 'Objectives (JSON)',
			name: 'objectivesJson',
			type: 'json',
			default: '[]',
			placeholder: OBJECTIVES_JSON_EXAMPLE,
			description:
				'A JSON array of objectives: objective_name, objective_prompt, and optionally confirmation_mode (auto, manual), modality (verbal, visual), output_variables, next_required_objective or next_conditional_objectives, callback_url. Checked like the fields.',
			displayOptions: { show: { objectivesInput: ['json'] } },
		},
	];
}
