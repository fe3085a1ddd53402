import { buildAttachSkill } from './palSkills';
import { skillChangeOperation } from './skillRequest';
import { attachSkillProperties } from './skillFields';

/** PUT /v2/pals/{id}/skills/{skill_id} {"config": {...}}; outputs the attachment. */
export const attachSkill = skillChangeOperation({
	option: {
		name: 'Attach Skill',
		value: 'attachSkill',
		action: 'Attach a skill to a persona',
		description:
			'Attach a Tavus skill (internet search, presentation, Magic Canvas, ...) to a persona (PAL) with its configuration; a skill already attached gets the new configuration. Takes effect from the next conversation.',
	},
	method: 'PUT',
	properties: attachSkillProperties(),
	build: buildAttachSkill,
});
