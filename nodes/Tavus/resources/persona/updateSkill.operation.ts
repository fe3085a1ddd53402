import { buildUpdateSkill } from './palSkills';
import { skillChangeOperation } from './skillRequest';
import { updateSkillProperties } from './skillFields';

/** PATCH /v2/pals/{id}/skills/{skill_id} {"config": {<partial>}} (a merge); outputs the attachment. */
export const updateSkill = skillChangeOperation({
	option: {
		name: 'Update Skill',
		value: 'updateSkill',
		action: 'Update a skill of a persona',
		description:
			'Change the configuration of a skill attached to a persona (PAL): the keys given replace, the others are kept, Remove Keys removes keys. Sent as {"config": {...}} (the Tavus docs leave open whether the partial config is wrapped). The skill must be attached.',
	},
	method: 'PATCH',
	properties: updateSkillProperties(),
	build: buildUpdateSkill,
});
