import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption, TavusOperation } from '../../types';
import { isPlainObject } from '../../validation';
import { buildForItem } from '../common';
import { readId } from '../crud';
import { palSkillPath, skillOutput } from './palSkills';
import { personaIdParameter } from './personaId';
import { readSkillValues } from './skillFields';

type SkillValues = ReturnType<typeof readSkillValues>;

/** Attach Skill or Update Skill: one method, its skill parameters and its pure builder. */
export interface SkillChangeSpec {
	option: OperationOption;
	method: 'PUT' | 'PATCH';
	/** The parameters after the persona; the builder reads each (Skill Type first, always). */
	properties: INodeProperties[];
	build: (values: SkillValues) => { skillId: string; body: IDataObject };
}

/**
 * Attach Skill (PUT, overwrites) and Update Skill (PATCH, a merge): reads the persona and the
 * skill fields, builds the body with the pure `build`, sends it and outputs the attachment.
 * Both have the effect of once when sent twice, so they are retried like reads.
 */
export function skillChangeOperation(spec: SkillChangeSpec): TavusOperation {
	const names = spec.properties
		.map((property) => property.name)
		.filter((name) => name !== 'skillType');
	return {
		option: spec.option,
		properties: [personaIdParameter.property, ...spec.properties],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const personaId = readId(this, itemIndex, personaIdParameter);
			const values = readSkillValues(this, itemIndex, names);
			const { skillId, body } = buildForItem(this, itemIndex, () => spec.build(values));
			const response = await tavusApiRequest.call(this, {
				method: spec.method,
				path: palSkillPath(personaId, skillId),
				body,
				itemIndex,
				idempotent: true,
			});
			const attachment = isPlainObject(response.body) ? response.body : {};
			return skillOutput(personaId, attachment, skillId);
		},
	};
}
