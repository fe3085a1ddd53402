import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isEmptyValue, ParameterError } from '../../validation';
import { operationOption } from '../operationOption';
import { convergeAfterCreate, listByExactName, removeObject } from '../sync';
import { createOrUpdateByName } from '../upsert';
import { createPersona, readNewPersona } from './create.operation';
import { attachAfterWrite, readToolIds, writtenAs } from './palTools';
import { personaList, updatePersonaTo } from './personaApi';
import { personaSync } from './sync.operation';

// Its fields are Create's (see index.ts): the persona name is the key.
export const option = operationOption(
	'createOrUpdate',
	'persona',
	'Find a persona by its exact name and update it to these fields, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
);

export const properties = [];

/**
 * Create or Update by name: looks for one of the account's personas with exactly this name
 * (all pages); patches it to the given fields when found, creates it when not. Run twice with
 * the same input, it creates one persona and then reports "unchanged" or "updated".
 *
 * Convergent across executions: after creating, it looks for the name again. When another
 * execution created the same name meanwhile, every racer agrees on the oldest copy (created_at,
 * then the smallest ID); a racer whose copy is not that one deletes its own and updates the
 * survivor, and reports the survivor (`action` of that update, `deleted_duplicate`: its own copy).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await readNewPersona(this, itemIndex, (built) => {
		if (isEmptyValue(built.persona_name)) {
			throw new ParameterError(
				'Persona Name',
				'is required to find the persona by name',
				'Create or Update matches personas by their exact name.',
			);
		}
	});
	const toolIds = readToolIds(this, itemIndex);
	const name = String(body.persona_name);
	let converged: IDataObject | undefined;
	const found = await createOrUpdateByName(this, itemIndex, {
		name,
		list: personaList,
		update: async (personaId) => await updatePersonaTo(this, personaId, body, [], itemIndex),
		create: async () => {
			const created = await createPersona(this, body, itemIndex);
			converged = await convergeAfterCreate({
				list: personaList,
				createdAtKey: 'created_at',
				name,
				created,
				sameName: async () =>
					await listByExactName(this, personaList, name, itemIndex, personaSync.stock),
				remove: async (id) => {
					await removeObject(this, personaSync, id, itemIndex);
				},
				update: async (id) => await updatePersonaTo(this, id, body, [], itemIndex),
			});
			return created;
		},
	});
	const result = converged ?? found;
	// Attaching is idempotent: the Tools are attached whether the persona was created, updated
	// or left unchanged (action reports the persona's own fields).
	return await attachAfterWrite(
		this,
		itemIndex,
		toolIds,
		result,
		writtenAs(result.action),
		'Create or Update',
	);
}
