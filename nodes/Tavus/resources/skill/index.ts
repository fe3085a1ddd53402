import type { TavusResource } from '../../types';
import * as getAll from './getAll.operation';

export const skill: TavusResource = {
	option: {
		name: 'Skill',
		value: 'skill',
		description:
			'The skill registry: Tavus-authored capabilities (internet search, presentation, Magic Canvas) you attach to a persona with Persona → Attach Skill',
	},
	defaultOperation: 'getAll',
	operations: [getAll],
};
