import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { createObjectives, readObjectives } from './objectivesApi';

// Its fields (Objectives Input, Objectives) are shared with Create or Update and Update: see index.ts.
export const properties = [];

/** POST /v2/objectives with the set, checked first (names, next objectives). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await createObjectives(this, readObjectives(this, itemIndex), itemIndex);
}
