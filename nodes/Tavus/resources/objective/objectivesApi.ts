import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import { buildForItem } from '../common';
import { type NamedList, type PatchOutcome, patchItemsToDesired } from '../upsert';
import {
	buildObjectives,
	buildObjectivesPatch,
	objectivesOf,
	objectivesSetName,
} from './buildObjectives';
import { getParameter } from '../../parameters';

/**
 * Objectives sets by name. The API has no name for a set (POST takes only `data`); lists and
 * the create answer carry `objective_name`, the name of the set's first objective, where the
 * conversation starts. That name is the key of Create or Update.
 */
export const objectivesList: NamedList = {
	path: '/v2/objectives',
	firstPage: 1,
	idKey: 'objectives_id',
	nameKey: 'objective_name',
	nameOf: objectivesSetName,
};

/** Reads and checks one item's objectives (Fields or JSON). Nothing is sent when it throws. */
export function readObjectives(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const input = getParameter(context, 'objectivesInput', itemIndex, 'fields') as string;
	return buildForItem(context, itemIndex, () =>
		buildObjectives(
			input === 'json'
				? { input: 'json', json: getParameter(context, 'objectivesJson', itemIndex, '[]') }
				: {
						input: 'fields',
						objectives: getParameter(context, 'objectives', itemIndex, {}) as IDataObject,
					},
		),
	);
}

export async function createObjectives(
	context: IExecuteFunctions,
	objectives: IDataObject[],
	itemIndex: number,
): Promise<IDataObject> {
	const response = await tavusApiRequest.call(context, {
		method: 'POST',
		path: '/v2/objectives',
		body: { data: objectives },
		itemIndex,
		creates: 'objective set',
	});
	return response.body as IDataObject;
}

/** Reads the set, diffs its objectives against `desired` and patches what differs. */
export async function updateObjectivesTo(
	context: IExecuteFunctions,
	objectivesId: string,
	desired: IDataObject[],
	itemIndex: number,
): Promise<PatchOutcome> {
	const set = { itemsOf: objectivesOf, diff: buildObjectivesPatch };
	return await patchItemsToDesired(
		context,
		itemIndex,
		`/v2/objectives/${objectivesId}`,
		set,
		desired,
	);
}
