import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { documentIdsField } from '../../fields/persona';
import { getParameter } from '../../parameters';
import { skillLocator } from '../skill/fields';
import { LABELS, OTHER_SKILL } from './palSkills';

/*
 * The parameters of Attach Skill and Update Skill (Persona). The builders (palSkills.ts) read
 * them by name; their display names are the labels the errors use (palSkills.ts LABELS).
 */

const CHOICES = {
	internet_search: {
		name: 'Internet Search',
		value: 'internet_search',
		description: 'The PAL can search the web during the conversation (no configuration)',
	},
	presentation: {
		name: 'Presentation',
		value: 'presentation',
		description: 'The PAL presents slides from knowledge base documents',
	},
	magic_canvas: {
		name: 'Magic Canvas',
		value: 'magic_canvas',
		description:
			'The PAL shows interactive cards (questions, inputs, calendars, charts, ...) in the call',
	},
	other: {
		name: 'Other',
		value: OTHER_SKILL,
		description: 'Any skill of the registry, by picker or skill_id, with its configuration as JSON',
	},
};

const showFor = (...skills: string[]) => ({ show: { skillType: skills } });

/** The Skill dropdown of Attach Skill: every skill. */
const attachSkillTypeProperty: INodeProperties = {
	displayName: LABELS.skillType,
	name: 'skillType',
	type: 'options',
	noDataExpression: true,
	options: [CHOICES.internet_search, CHOICES.presentation, CHOICES.magic_canvas, CHOICES.other],
	default: 'internet_search',
	description: 'The skill to attach',
};

/** The Skill dropdown of Update Skill: the skills with a configuration. */
const updateSkillTypeProperty: INodeProperties = {
	displayName: LABELS.skillType,
	name: 'skillType',
	type: 'options',
	noDataExpression: true,
	options: [CHOICES.presentation, CHOICES.magic_canvas, CHOICES.other],
	default: 'presentation',
	description: 'The attached skill to change',
};

export const otherSkillProperty: INodeProperties = {
	...skillLocator({
		name: 'otherSkill',
		displayName: LABELS.otherSkill,
		description:
			'A skill of the skill registry. Pick it from the list, or give its skill_id (e.g. internet_search, presentation, magic_canvas).',
	}),
	displayOptions: showFor(OTHER_SKILL),
};

const DOCUMENTS_PURPOSE =
	'The knowledge base documents whose slides the PAL presents (at least one)';

const slidesTriggerProperty: INodeProperties = {
	displayName: LABELS.slidesTrigger,
	name: 'slidesTrigger',
	type: 'options',
	options: [
		{
			name: 'On Demand',
			value: 'on_demand',
			description: 'The PAL shows slides when they help the conversation',
		},
		{
			name: 'Walk the Deck',
			value: 'walk_the_deck',
			description: 'The PAL walks through the deck slide by slide',
		},
	],
	default: 'on_demand',
	description: 'When the PAL moves through the slides (sent as slides_trigger)',
};

const promptProperty: INodeProperties = {
	displayName: LABELS.prompt,
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. Present the pricing deck when the user asks about plans',
	description: 'Guidance for presenting (sent as prompt; optional)',
};

/** The JSON parameters of a skill's config: the skill they show for and their example. */
const CONFIG_JSON = {
	components: { skill: 'magic_canvas', placeholder: '{"chart": {"enabled": false}}' },
	config: {
		skill: OTHER_SKILL,
		placeholder: '{"document_ids": ["d8-5c71baca86fc"], "slides_trigger": "on_demand"}',
	},
};

/** A JSON parameter of the skill's config, described for Attach Skill or Update Skill. */
function configJsonProperty(
	name: keyof typeof CONFIG_JSON,
	description: { attach: string; update: string },
	update: boolean,
): INodeProperties {
	const { skill, placeholder } = CONFIG_JSON[name];
	return {
		displayName: LABELS[name],
		name,
		type: 'json',
		default: '{}',
		placeholder,
		description: update ? description.update : description.attach,
		displayOptions: showFor(skill),
	};
}

const componentsProperty = (update: boolean) =>
	configJsonProperty(
		'components',
		{
			attach:
				'Component name → settings (sent as config.components): an overlay, not an allowlist. Components not listed stay on, e.g. {"chart": {"enabled": false}, "scheduling_embed": {"provider": "calendly", "scheduling_url": "https://calendly.com/x/30min"}}. Empty: every component on.',
			update:
				'Component name → settings (sent as config.components; Tavus replaces the components key with it). An overlay: components not listed stay on. Remove the overlay with Remove Keys: components.',
		},
		update,
	);

const configProperty = (update: boolean) =>
	configJsonProperty(
		'config',
		{
			attach:
				'The skill’s configuration (sent as config); {} for a skill without one. Tavus validates it strictly: unknown keys are refused.',
			update:
				'The keys to change (sent as config). Keys not given are kept; a key set to null is removed.',
		},
		update,
	);

/** Attach Skill's parameters after the persona. */
export function attachSkillProperties(): INodeProperties[] {
	return [
		attachSkillTypeProperty,
		otherSkillProperty,
		{
			...documentIdsField(DOCUMENTS_PURPOSE).property,
			required: true,
			displayOptions: showFor('presentation'),
		},
		{ ...slidesTriggerProperty, displayOptions: showFor('presentation') },
		{ ...promptProperty, displayOptions: showFor('presentation') },
		componentsProperty(false),
		configProperty(false),
	];
}

/** Update Skill's parameters after the persona. */
export function updateSkillProperties(): INodeProperties[] {
	return [
		updateSkillTypeProperty,
		otherSkillProperty,
		{
			displayName: LABELS.updateFields,
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'The presentation settings to change; the others are kept',
			displayOptions: showFor('presentation'),
			options: [
				documentIdsField(`${DOCUMENTS_PURPOSE}; replaces the list`).property,
				promptProperty,
				{ ...slidesTriggerProperty, default: 'on_demand' },
			],
		},
		componentsProperty(true),
		configProperty(true),
		{
			displayName: LABELS.removeKeys,
			name: 'removeKeys',
			type: 'string',
			default: '',
			placeholder: 'e.g. prompt',
			description:
				'Config keys to remove (sent as null), comma-separated, e.g. prompt. A presentation keeps its document_ids.',
		},
	];
}

/** The values the builders read, by parameter name (only those the skill shows). */
export function readSkillValues(
	context: IExecuteFunctions,
	itemIndex: number,
	names: string[],
): { skillType: unknown } & Record<string, unknown> {
	const skillType = getParameter(context, 'skillType', itemIndex, '');
	const values: { skillType: unknown } & Record<string, unknown> = { skillType };
	const shown: Record<string, string[]> = {
		otherSkill: [OTHER_SKILL],
		config: [OTHER_SKILL],
		components: ['magic_canvas'],
		documentIds: ['presentation'],
		slidesTrigger: ['presentation'],
		prompt: ['presentation'],
		updateFields: ['presentation'],
	};
	for (const name of names) {
		if (shown[name] && !shown[name].includes(String(skillType))) continue;
		const options = name === 'otherSkill' ? { extractValue: true } : undefined;
		values[name] = getParameter(context, name, itemIndex, undefined, options);
	}
	return values;
}
