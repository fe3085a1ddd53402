import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { PatchOperation } from '../../jsonPatch';
import { paginate } from '../../transport/paginate';
import { tavusApiRequest } from '../../transport/request';
import { buildPersonaPatch, maskPatch, unwrapPersona } from './personaPatch';

export async function fetchPersona(
	context: IExecuteFunctions,
	personaId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await tavusApiRequest.call(context, {
		method: 'GET',
		path: `/v2/personas/${personaId}`,
		itemIndex,
	});
	return unwrapPersona(response.body);
}

export interface PatchOutcome {
	action: 'updated' | 'unchanged';
	patch: PatchOperation[];
}

/** Sends a JSON Patch; Tavus's 304 (nothing changed) is an outcome, not an error. */
export async function sendPersonaPatch(
	context: IExecuteFunctions,
	personaId: string,
	patch: PatchOperation[],
	itemIndex: number,
): Promise<PatchOutcome> {
	if (patch.length === 0) return { action: 'unchanged', patch };
	const response = await tavusApiRequest.call(context, {
		method: 'PATCH',
		path: `/v2/personas/${personaId}`,
		body: patch,
		itemIndex,
	});
	return { action: response.statusCode === 304 ? 'unchanged' : 'updated', patch: maskPatch(patch) };
}

/** Reads the persona, diffs it against the desired values and patches what differs. */
export async function updatePersonaTo(
	context: IExecuteFunctions,
	personaId: string,
	desired: IDataObject,
	remove: readonly string[],
	itemIndex: number,
): Promise<PatchOutcome> {
	const current = await fetchPersona(context, personaId, itemIndex);
	return await sendPersonaPatch(context, personaId, buildPersonaPatch(current, desired, remove), itemIndex);
}

/** The first of the account's own personas with exactly this name, across all pages. */
export async function findPersonaByName(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const matches = await paginate.call(context, {
		path: '/v2/personas',
		qs: { persona_type: 'user' },
		firstPage: 1,
		itemIndex,
		until: (persona) => persona.persona_name === name,
	});
	const last = matches[matches.length - 1];
	return last && last.persona_name === name ? last : undefined;
}
