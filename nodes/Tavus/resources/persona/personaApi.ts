import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { PatchOperation } from '../../jsonPatch';
import { type NamedList, type PatchOutcome, patchToDesired, sendJsonPatch } from '../upsert';
import { buildPersonaPatch, maskPatch, unwrapPersona } from './personaPatch';

export type { PatchOutcome } from '../upsert';

/** The account's own personas, looked up by persona_name (Create or Update). */
export const personaList: NamedList = {
	path: '/v2/personas',
	qs: { persona_type: 'user' },
	firstPage: 1,
	idKey: 'persona_id',
	nameKey: 'persona_name',
};

/**
 * Sends a JSON Patch diffed against a fresh read (Sync); Tavus's 304 (nothing changed) is an
 * outcome, not an error.
 */
export async function sendPersonaPatch(
	context: IExecuteFunctions,
	personaId: string,
	patch: PatchOperation[],
	itemIndex: number,
): Promise<PatchOutcome> {
	const path = `/v2/personas/${personaId}`;
	return await sendJsonPatch(context, path, patch, itemIndex, maskPatch, true);
}

/** Reads the persona, diffs it against the desired values and patches what differs. */
export async function updatePersonaTo(
	context: IExecuteFunctions,
	personaId: string,
	desired: IDataObject,
	remove: readonly string[],
	itemIndex: number,
): Promise<PatchOutcome> {
	return await patchToDesired(context, itemIndex, {
		path: `/v2/personas/${personaId}`,
		unwrap: unwrapPersona,
		diff: (current) => buildPersonaPatch(current, desired, remove),
		mask: maskPatch,
	});
}
