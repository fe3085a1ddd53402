import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { createOrUpdateByName } from '../upsert';
import {
	createObjectives,
	objectivesList,
	readObjectives,
	updateObjectivesTo,
} from './objectivesApi';

// Its fields are Create's (see index.ts): the first objective's name is the key.
export const properties = [];

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
