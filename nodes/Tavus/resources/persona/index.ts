import { filtersProperty, stockTypeFilter } from '../../fields/common';
import { maskPersonaSecrets } from '../../transport/secrets';
import { hiddenInPatchMode } from '../../fields/updateMode';
import type { TavusResource } from '../../types';
import { objectOperations } from '../crud';
import { attachSkill } from './attachSkill.operation';
import * as attachTools from './attachTools.operation';
import * as checkUsername from './checkUsername.operation';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import * as detachSkill from './detachSkill.operation';
import * as detachTool from './detachTool.operation';
import { getSkills } from './getSkills.operation';
import { getTools } from './getTools.operation';
import { personaCoreProperties, personaGroupProperties } from './fields';
import { toolIdsProperty } from './palTools';
import { personaIdParameter } from './personaId';
import { unwrapPersona } from './personaPatch';
import * as replaceSkills from './replaceSkills.operation';
import * as sync from './sync.operation';
import { update } from './update.operation';
import { updateSkill } from './updateSkill.operation';

const personaFilters = filtersProperty([
	stockTypeFilter('Persona', 'personas', 'Personas this account created'),
]);

const maskedPersona = (body: unknown) => maskPersonaSecrets(unwrapPersona(body));

export const persona: TavusResource = {
	option: {
		name: 'Persona (PAL)',
		value: 'persona',
		description:
			'A persona (PAL in the Tavus app): how the replica thinks, speaks, sees and listens',
	},
	defaultOperation: 'create',
	operations: [
		attachSkill,
		attachTools,
		checkUsername,
		create,
		createOrUpdate,
		...objectOperations({
			noun: 'persona',
			path: '/v2/personas',
			id: personaIdParameter,
			idKey: 'persona_id',
			delete: { description: 'Delete a persona by its persona_id' },
			get: { description: 'Get one persona with its layers by persona_id', output: maskedPersona },
			getAll: {
				description: 'List the account’s personas (or Tavus stock personas), one item per persona',
				filterProperties: [personaFilters],
				filterKeys: { personaType: 'persona_type' },
				output: (item) => maskPersonaSecrets(item),
			},
		}),
		getSkills,
		getTools,
		detachSkill,
		detachTool,
		replaceSkills,
		sync,
		update,
		updateSkill,
	],
	shared: [
		{ operations: ['create', 'createOrUpdate', 'sync'], properties: personaCoreProperties() },
		{
			operations: ['create', 'createOrUpdate', 'sync', 'update'],
			properties: hiddenInPatchMode(personaGroupProperties()),
		},
		{
			operations: ['create', 'createOrUpdate', 'update'],
			properties: [
				toolIdsProperty(
					'Tools of the tool registry to attach to the persona after it is written (sent to /v2/pals/{persona_id}/tools as tool_ids, up to 50). Create them with the Tool resource. The output adds them as tools.',
				),
			],
		},
	],
};
