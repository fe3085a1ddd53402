import { getOperation } from '../crud';
import { palSkillsPath, skillAttachmentsOf, skillOutput } from './palSkills';
import { personaIdParameter } from './personaId';

/** GET /v2/pals/{id}/skills ({"data": {<skill_id>: attachment}}); one output item per skill. */
export const getSkills = getOperation({
	option: {
		name: 'Get Skills',
		value: 'getSkills',
		action: 'Get the skills of a persona',
		description:
			'List the skills attached to a persona (PAL) by persona_id, one item per skill: skill_id, config, attached_at, updated_at',
	},
	id: personaIdParameter,
	path: palSkillsPath,
	output: (body, personaId) =>
		skillAttachmentsOf(body).map((attachment) => skillOutput(personaId, attachment)),
});
