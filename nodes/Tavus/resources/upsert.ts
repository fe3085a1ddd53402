import { earlierTry } from '../transport/once';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	patchOperationsProperty,
	readPatchOperations,
	shownInFieldsMode,
	updateModeProperty,
} from '../fields/updateMode';
import { buildJsonPatch, escapePointerKey, type PatchOperation } from '../jsonPatch';
import { paginate } from '../transport/paginate';
import { tavusApiRequest } from '../transport/request';
import type { OperationOption, TavusOperation } from '../types';
import { isPlainObject } from '../validation';
import { type IdParameter, readId } from './crud';

/**
 * What "Create or Update" (and every diff-based Update) reports: `created` when nothing carried
 * the name, `updated` when a patch was applied, `unchanged` when the object already matched
 * (an empty diff, or Tavus's 304).
 */
export type UpsertAction = 'created' | 'updated' | 'unchanged';

export interface PatchOutcome extends IDataObject {
	action: 'updated' | 'unchanged';
	patch: PatchOperation[];
}

/**
 * Sends a JSON Patch to `path`. An empty patch is not sent; Tavus's 304 (nothing changed) is an
 * outcome, not an error. `mask` hides secrets in the patch the output shows.
 */
export async function sendJsonPatch(
	context: IExecuteFunctions,
	path: string,
	patch: PatchOperation[],
	itemIndex: number,
	mask: (patch: PatchOperation[]) => PatchOperation[] = (operations) => operations,
	recomputed = false,
): Promise<PatchOutcome> {
	if (patch.length === 0) return { action: 'unchanged', patch };
	const response = await tavusApiRequest.call(context, {
		method: 'PATCH',
		path,
		body: patch,
		itemIndex,
		recomputed,
	});
	return { action: response.statusCode === 304 ? 'unchanged' : 'updated', patch: mask(patch) };
}

export interface PatchToDesired {
	/** The object's path, e.g. `/v2/objectives/o123`: read with GET, patched with PATCH. */
	path: string;
	/** The object as the diff sees it, from the GET response body. */
	unwrap: (body: unknown) => IDataObject;
	/** The JSON Patch that turns the current object into the desired one. */
	diff: (current: IDataObject) => PatchOperation[];
	mask?: (patch: PatchOperation[]) => PatchOperation[];
}

/**
 * Reads an object, diffs it against the desired values and patches what differs. Under n8n's
 * Retry On Fail, a rerun reads and diffs again: what an earlier try applied no longer differs
 * (reported as that try's patch, `updated`), and what still differs is sent, also when the earlier
 * try's answer was lost.
 */
export async function patchToDesired(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: PatchToDesired,
): Promise<PatchOutcome> {
	const mask = spec.mask ?? ((operations: PatchOperation[]) => operations);
	const earlier = earlierPatch(context, itemIndex, spec.path);
	// Answered before: Tavus's first answer stands (a rerun neither reads nor sends again).
	if (earlier?.answered) return { ...earlier.outcome, patch: mask(earlier.outcome.patch) };
	const response = await tavusApiRequest.call(context, {
		method: 'GET',
		path: spec.path,
		itemIndex,
	});
	const patch = spec.diff(spec.unwrap(response.body));
	if (patch.length === 0 && earlier)
		return { ...earlier.outcome, patch: mask(earlier.outcome.patch) };
	return await sendJsonPatch(context, spec.path, patch, itemIndex, mask, true);
}

/**
 * What an earlier try of this node run (n8n's Retry On Fail) did with this item's recomputed
 * patch of `path`: `answered` with Tavus's answer (304: unchanged), or sent and its answer lost
 * (then an object that no longer differs is reported as updated by that patch).
 */
export function earlierPatch(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
): { answered: boolean; outcome: PatchOutcome } | undefined {
	const earlier = earlierTry(context, itemIndex, 'PATCH', path);
	if (!earlier || !Array.isArray(earlier.sent)) return undefined;
	const sent = earlier.sent as PatchOperation[];
	if (earlier.kind === 'inDoubt')
		return { answered: false, outcome: { action: 'updated', patch: sent } };
	const action = earlier.statusCode === 304 ? 'unchanged' : 'updated';
	return { answered: true, outcome: { action, patch: sent } };
}

/** How an object that holds a list of items (`{"data": [...]}`) is read and diffed. */
export interface ItemListObject {
	/** The items of the object, from the GET response body. */
	itemsOf: (body: unknown) => IDataObject[];
	/** The JSON Patch that turns the current items into the desired ones. */
	diff: (current: IDataObject[], desired: IDataObject[]) => PatchOperation[];
}

/**
 * Reads an object that holds a list of items (objectives of a set, guardrails of a legacy set),
 * diffs its items against `desired` and patches what differs.
 */
export async function patchItemsToDesired(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	list: ItemListObject,
	desired: IDataObject[],
): Promise<PatchOutcome> {
	return await patchToDesired(context, itemIndex, {
		path,
		unwrap: (body) => ({ data: list.itemsOf(body) }),
		diff: (current) => list.diff(current.data as IDataObject[], desired),
	});
}

export interface UpdateOperationSpec {
	/** Its entry in the Operation dropdown. */
	option: OperationOption;
	id: IdParameter;
	/** The key of the ID in the output, e.g. objectives_id. */
	idKey: string;
	/** The object's path, e.g. (id) => `/v2/objectives/${id}`: JSON Patch mode patches it. */
	path: (id: string) => string;
	/** Update Mode's first choice: what Fields mode does, and its name (default "Fields"). */
	fieldsMode: { description: string; name?: string };
	/** Parameters shown in Fields mode only. */
	fieldsProperties?: INodeProperties[];
	/** JSON Patch mode's Patch Operations parameter. */
	patchOperations: { placeholder: string; description: string };
	/** Hides secrets in the patch the output shows. */
	mask?: (patch: PatchOperation[]) => PatchOperation[];
	/** Fields mode: reads the item's desired values and brings the object to them. */
	update: (context: IExecuteFunctions, itemIndex: number, id: string) => Promise<PatchOutcome>;
	/** Reads what the operation does afterwards (before the mode); it turns the output. */
	after?: (
		context: IExecuteFunctions,
		itemIndex: number,
	) => (output: IDataObject) => Promise<IDataObject>;
}

/**
 * Update with an Update Mode: in Fields mode the object is brought to the values given (read,
 * diffed, only what differs is sent), in JSON Patch mode the operations are sent as given. Tavus's
 * 304 and an empty diff are reported as action "unchanged". Output: `{<idKey>, action, patch}`.
 */
export function updateOperation(spec: UpdateOperationSpec): TavusOperation {
	return {
		option: spec.option,
		properties: [
			spec.id.property,
			updateModeProperty(spec.fieldsMode.description, spec.fieldsMode.name),
			...shownInFieldsMode(spec.fieldsProperties ?? []),
			patchOperationsProperty(spec.patchOperations),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, itemIndex, spec.id);
			const after = spec.after?.(this, itemIndex);
			const patch = readPatchOperations(this, itemIndex);
			const outcome = patch
				? await sendJsonPatch(this, spec.path(id), patch, itemIndex, spec.mask)
				: await spec.update(this, itemIndex, id);
			const output = { [spec.idKey]: id, ...outcome };
			return after ? await after(output) : output;
		},
	};
}

/** A Tavus list in which objects are looked up by their exact name. */
export interface NamedList {
	path: string;
	/** Fixed query (e.g. `persona_type=user`, `legacy=false`); a server-side name search may narrow it. */
	qs?: IDataObject;
	firstPage: 0 | 1;
	/** The object's ID key in list items, e.g. `persona_id`. */
	idKey: string;
	/** The object's name key, e.g. `persona_name`. */
	nameKey: string;
	/** The name of a list item when it is not simply `item[nameKey]`. */
	nameOf?: (item: IDataObject) => unknown;
}

/** The first object of a list whose name is exactly `name` (case and spaces count), across all pages. */
export async function findByExactName(
	context: IExecuteFunctions,
	list: NamedList,
	name: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const nameOf = list.nameOf ?? ((item: IDataObject) => item[list.nameKey]);
	const seen = await paginate.call(context, {
		path: list.path,
		qs: list.qs,
		firstPage: list.firstPage,
		itemIndex,
		until: (item) => nameOf(item) === name,
	});
	const last = seen[seen.length - 1];
	return last && nameOf(last) === name ? last : undefined;
}

export interface Upsert {
	/** The key: the exact name the object is found by. */
	name: string;
	list: NamedList;
	/** Overrides the lookup (e.g. when list items do not carry the name). */
	find?: () => Promise<IDataObject | undefined>;
	/** Brings the found object to the desired state; returns at least the action. */
	update: (id: string, existing: IDataObject) => Promise<IDataObject & { action: UpsertAction }>;
	/** Creates the object; returns its output (Tavus's answer). */
	create: () => Promise<IDataObject>;
}

/**
 * Create or Update by name, the pattern every resource with a name follows: find the object
 * with exactly this name (all pages), bring it to the desired state when found, create it when
 * not. Output: the created object plus `action: "created"`, or `{<id>, <name>, action, ...}`
 * for an existing one. Run twice with the same input, it creates once and then reports
 * "unchanged", so a scheduled provisioning workflow never duplicates anything.
 */
export async function createOrUpdateByName(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: Upsert,
): Promise<IDataObject> {
	// Items that run concurrently (Options → Batching) and carry the same name take turns, so
	// the second one finds what the first one created instead of creating it again.
	return await oneAtATime(context, `${spec.list.path}\u0000${spec.name}`, async () => {
		return await findThenUpdateOrCreate(context, itemIndex, spec);
	});
}

export interface UpsertOperationSpec {
	/** Its entry in the Operation dropdown. */
	option: OperationOption;
	/** Reads and checks one item's desired object (its fields are the resource's shared ones). */
	read: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** How the desired object is found by name, updated and created. */
	upsert: (context: IExecuteFunctions, itemIndex: number, desired: IDataObject) => Upsert;
	/** The key of the found object in the update's outcome, output as the object plus the outcome. */
	found?: string;
}

/** Create or Update by name as an operation. */
export function upsertOperation(spec: UpsertOperationSpec): TavusOperation {
	return {
		option: spec.option,
		properties: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const desired = spec.read(this, itemIndex);
			const result = await createOrUpdateByName(
				this,
				itemIndex,
				spec.upsert(this, itemIndex, desired),
			);
			if (!spec.found) return result;
			const { [spec.found]: found, ...outcome } = result;
			return isPlainObject(found) ? { ...found, ...outcome } : result;
		},
	};
}

/**
 * Per-execution queues by key. Keyed by the execution's context object, so nothing outlives an
 * execution or crosses between executions (n8n queue mode runs them on different workers).
 */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

async function oneAtATime<T>(context: object, key: string, work: () => Promise<T>): Promise<T> {
	let byKey = queues.get(context);
	if (!byKey) {
		byKey = new Map();
		queues.set(context, byKey);
	}
	const previous = byKey.get(key) ?? Promise.resolve();
	const run = previous.then(work, work);
	const settled = run.then(
		() => undefined,
		() => undefined,
	);
	byKey.set(key, settled);
	try {
		return await run;
	} finally {
		if (byKey.get(key) === settled) byKey.delete(key);
	}
}

async function findThenUpdateOrCreate(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: Upsert,
): Promise<IDataObject> {
	const existing = spec.find
		? await spec.find()
		: await findByExactName(context, spec.list, spec.name, itemIndex);
	if (existing) {
		const id = String(existing[spec.list.idKey]);
		const outcome = await spec.update(id, existing);
		return {
			[spec.list.idKey]: id,
			[spec.list.nameKey]: spec.name,
			...outcome,
			...(createdByEarlierTry(context, itemIndex, spec.list, id) ? { action: 'created' } : {}),
		};
	}
	const created = await spec.create();
	return { ...created, action: 'created' };
}

/**
 * Whether an earlier try of this node run (n8n's Retry On Fail) created the object found by name:
 * its create (a POST to the list's path) answered with this very ID, or was sent and its answer
 * lost. Then this execution created what a rerun finds.
 */
export function createdByEarlierTry(
	context: IExecuteFunctions,
	itemIndex: number,
	list: NamedList,
	id: string,
): boolean {
	const earlier = earlierTry(context, itemIndex, 'POST', list.path);
	return (
		earlier?.kind === 'inDoubt' ||
		(earlier?.kind === 'success' &&
			isPlainObject(earlier.body) &&
			String(earlier.body[list.idKey]) === id)
	);
}

/** How the items of a list (objectives of a set, guardrails of a legacy set) are compared. */
export interface ItemListDiff {
	/** Keys an item may lack: present on the current item but not on the desired one → removed. */
	optional: readonly string[];
	/** Values Tavus fills in when a key is left out (a desired item without the key keeps them). */
	defaults?: IDataObject;
}

/**
 * The JSON Patch that makes the list at `base` (default `/data`, the documented path style of
 * objectives and legacy guardrail sets) equal to `desired`: per item and key when both lists
 * have the same length (reusing buildJsonPatch), or one `replace` of the whole list otherwise.
 */
export function buildItemListPatch(
	current: IDataObject[],
	desired: IDataObject[],
	diff: ItemListDiff,
	base = '/data',
): PatchOperation[] {
	if (current.length !== desired.length) return [{ op: 'replace', path: base, value: desired }];
	const operations: PatchOperation[] = [];
	desired.forEach((wanted, index) => {
		const have = current[index] ?? {};
		const target: IDataObject = { ...wanted };
		for (const [key, value] of Object.entries(diff.defaults ?? {})) {
			if (!(key in target) && key in have) target[key] = value;
		}
		const remove = diff.optional
			.filter((key) => !(key in target))
			.map((key) => `/${escapePointerKey(key)}`);
		for (const operation of buildJsonPatch(have, target, remove, () => false)) {
			operations.push({ ...operation, path: `${base}/${index}${operation.path}` });
		}
	});
	return operations;
}
