import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isEmptyValue, ParameterError } from '../../validation';
import { operationOption } from '../operationOption';
import { createOrUpdateByName } from '../upsert';
import { createPersona, readNewPersona } from './create.operation';
import { attachAfterWrite, readToolIds, writtenAs } from './palTools';
import { personaList, updatePersonaTo } from './personaApi';

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
	const result = await createOrUpdateByName(this, itemIndex, {
		name: String(body.persona_name),
		list: personaList,
		update: async (personaId) => await updatePersonaTo(this, personaId, body, [], itemIndex),
		create: async () => await createPersona(this, body, itemIndex),
	});
	// Attaching is idempotent: the Tools are attached whether the persona was created, updated
	// or left unchanged (action reports the persona's own fields).
	return await attachAfterWrite(this, itemIndex, toolIds, result, writtenAs(result.action));
}
