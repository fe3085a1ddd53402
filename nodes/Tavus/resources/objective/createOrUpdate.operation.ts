import { operationOption } from '../operationOption';
import type { IDataObject } from 'n8n-workflow';
import { upsertOperation } from '../upsert';
import {
	createObjectives,
	objectivesList,
	readObjectives,
	updateObjectivesTo,
} from './objectivesApi';

/**
 * Create or Update by name: the set whose first objective has this name is patched to the given
 * objectives (added, changed and removed fields; a different number of objectives replaces the
 * list); without one, the set is created. Run twice, it creates once. Its fields are Create's
 * (see index.ts): the first objective's name is the key.
 */
export const createOrUpdate = upsertOperation({
	option: operationOption(
		'createOrUpdate',
		'objectives set',
		'Find the objectives set whose first objective has this name and update it to these objectives, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
	),
	read: (context, itemIndex) => ({ objectives: readObjectives(context, itemIndex) }),
	upsert: (context, itemIndex, desired) => {
		const objectives = desired.objectives as IDataObject[];
		return {
			name: String(objectives[0].objective_name),
			list: objectivesList,
			update: async (objectivesId) =>
				await updateObjectivesTo(context, objectivesId, objectives, itemIndex),
			create: async () => await createObjectives(context, objectives, itemIndex),
		};
	},
});
