import { getOperation } from '../crud';
import { palToolsPath, toolsOf } from './palTools';
import { personaIdParameter } from './personaId';

/** GET /v2/pals/{id}/tools (not paginated: at most 50); one output item per tool. */
export const getTools = getOperation({
	option: {
		name: 'Get Tools',
		value: 'getTools',
		action: 'Get the tools of a persona',
		description:
			'List the registry tools attached to a persona (PAL) by persona_id, one item per tool. Legacy inline tools (in the layers) and system tools are not listed.',
	},
	id: personaIdParameter,
	path: palToolsPath,
	output: toolsOf,
});
