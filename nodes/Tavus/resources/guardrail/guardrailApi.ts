import { createObject } from '../crud';
import { NodeOperationError } from 'n8n-workflow';
import { nodeForErrors } from '../../transport/secrets';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { groupProperty, readBodyValues } from '../../fields/bodyFields';
import { nameSearchList } from '../../fields/listFilters';
import { GUARDRAIL_SETS, GUARDRAILS } from '../../methods/listSearchKnowledge';
import { paginate } from '../../transport/paginate';
import { tavusApiRequest } from '../../transport/request';
import { isPlainObject } from '../../validation';
import { buildForItem } from '../common';
import { type NamedList, type PatchOutcome, patchItemsToDesired, patchToDesired } from '../upsert';
import {
	buildGuardrailBody,
	buildGuardrailPatch,
	buildGuardrailSetBody,
	buildGuardrailSetPatch,
	setGuardrailsOf,
} from './buildGuardrail';
import { guardrailAdditionalFields, guardrailNameField, guardrailPromptField } from './fields';
import { getParameter } from '../../parameters';

export const additionalFieldsProperty = groupProperty(guardrailAdditionalFields);

/** Individual guardrails by guardrail_name (0-based pages, server-side name search). */
export const individualList = (name: string): NamedList => nameSearchList(GUARDRAILS, name);

/** Legacy guardrail sets by their name (1-based pages): the list of the set picker. */
export const legacySetList: NamedList = GUARDRAIL_SETS;

/** Reads and checks one item's individual guardrail (Create, Create or Update). */
export function readGuardrail(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const { top, groups } = readBodyValues(context, itemIndex, {
		top: [guardrailNameField, guardrailPromptField],
		groups: [guardrailAdditionalFields],
	});
	return buildForItem(context, itemIndex, () => buildGuardrailBody(top, groups?.additionalFields));
}

/** Reads and checks one item's legacy set (Create, Create or Update). */
export function readGuardrailSet(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const name = getParameter(context, 'guardrailSetName', itemIndex, '');
	const guardrails = getParameter(context, 'guardrails', itemIndex, {}) as IDataObject;
	return buildForItem(context, itemIndex, () => buildGuardrailSetBody(name, guardrails));
}

export async function createGuardrail(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await createObject(context, '/v2/guardrails', 'guardrail set', body, itemIndex);
}

/** Reads an individual guardrail, diffs it against the desired values and patches what differs. */
export async function updateGuardrailTo(
	context: IExecuteFunctions,
	guardrailId: string,
	desired: IDataObject,
	itemIndex: number,
): Promise<PatchOutcome> {
	return await patchToDesired(context, itemIndex, {
		path: `/v2/guardrails/${guardrailId}`,
		unwrap: (body) => (isPlainObject(body) ? body : {}),
		diff: (current) => buildGuardrailPatch(current, desired),
	});
}

/** Reads a legacy set, diffs its guardrails against `desired` and patches what differs. */
export async function updateGuardrailSetTo(
	context: IExecuteFunctions,
	setId: string,
	desired: IDataObject[],
	itemIndex: number,
): Promise<PatchOutcome> {
	const set = { itemsOf: setGuardrailsOf, diff: buildGuardrailSetPatch };
	return await patchItemsToDesired(context, itemIndex, `/v2/guardrails/${setId}`, set, desired);
}

/**
 * The legacy set named `name`. The documented list items carry only guardrails_id and dates;
 * when an item has no guardrails_name, the set is read to learn its name.
 */
export async function findGuardrailSetByName(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const sets = await paginate.call(context, {
		path: legacySetList.path,
		qs: legacySetList.qs,
		firstPage: legacySetList.firstPage,
		itemIndex,
		until: (set) => set.guardrails_name === name,
	});
	const named = sets.find((set) => set.guardrails_name === name);
	if (named) return named;
	const unnamed: string[] = [];
	for (const set of sets) {
		if (set.guardrails_name !== undefined || typeof set.guardrails_id !== 'string') continue;
		const response = await tavusApiRequest.call(context, {
			method: 'GET',
			path: `/v2/guardrails/${set.guardrails_id}`,
			itemIndex,
		});
		const body =
			isPlainObject(response.body) && isPlainObject(response.body.data) ? response.body.data : {};
		const setName = body.guardrails_name ?? body.name;
		if (setName === name) return { ...set, guardrails_name: name };
		if (setName === undefined || setName === null || setName === '')
			unnamed.push(set.guardrails_id);
	}
	if (unnamed.length > 0) {
		// Creating now could duplicate a set whose name Tavus does not tell: refuse instead.
		throw new NodeOperationError(
			nodeForErrors(context.getNode()),
			`Create or Update cannot find guardrail sets by name: Tavus returns no name for ${unnamed.length} of your legacy sets (e.g. ${unnamed[0]}) [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Use Guardrail Type "Individual Guardrail" (found by guardrail_name), or create the legacy set once and change it with Update by its guardrails_id.',
			},
		);
	}
	return undefined;
}
