import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { createObjectives, readObjectives } from './objectivesApi';

export const option = operationOption(
	'create',
	'objectives set',
	'Create a set of objectives (goals a conversation works through, each with a prompt and the objective that follows). Returns objectives_id, which a persona takes as objectives_id.',
);

// Its fields (Objectives Input, Objectives) are shared with Create or Update and Update: see index.ts.
export const properties: INodeProperties[] = [];

/** POST /v2/objectives with the set, checked first (names, next objectives). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await createObjectives(this, readObjectives(this, itemIndex), itemIndex);
}
