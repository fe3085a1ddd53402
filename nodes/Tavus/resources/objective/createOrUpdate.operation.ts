import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { createOrUpdateByName } from '../upsert';
import {
	createObjectives,
	objectivesList,
	readObjectives,
	updateObjectivesTo,
} from './objectivesApi';

export const option = operationOption(
	'createOrUpdate',
	'objectives set',
	'Find the objectives set whose first objective has this name and update it to these objectives, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
);

// Its fields are Create's (see index.ts): the first objective's name is the key.
export const properties: INodeProperties[] = [];

/**
 * Create or Update by name: the set whose first objective has this name is patched to the given
 * objectives (added, changed and removed fields; a different number of objectives replaces the
 * list); without one, the set is created. Run twice, it creates once.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const objectives = readObjectives(this, itemIndex);
	return await createOrUpdateByName(this, itemIndex, {
		name: String(objectives[0].objective_name),
		list: objectivesList,
		update: async (objectivesId) =>
			await updateObjectivesTo(this, objectivesId, objectives, itemIndex),
		create: async () => await createObjectives(this, objectives, itemIndex),
	});
}
