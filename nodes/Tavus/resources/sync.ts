import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { PatchOperation } from '../jsonPatch';
import { getParameter } from '../parameters';
import { paginate } from '../transport/paginate';
import { nodeForErrors } from '../transport/secrets';
import { ParameterError } from '../validation';
import { buildForItem } from './common';
import { createdByEarlierTry, earlierPatch, type NamedList } from './upsert';

/**
 * Sync: one execution brings a whole desired set of named objects (one input item per object)
 * to the account. Generic over a `SyncDescriptor`; persona is the first user
 * (persona/sync.operation.ts), other named objects follow with a descriptor of their own.
 *
 * How a whole-set operation fits the router's per-item model: the first item that runs creates
 * the execution's `SyncRun` (kept per execution context in a WeakMap, like transport/request.ts
 * keeps its per-execution facts). The run reads the settings and every item's name once, refuses
 * a Prune whose desired set is not trustworthy before anything is sent, and reads the account's
 * list once (all pages, de-duplicated by ID, stock objects dropped) for every item. Each item then
 * plans (and in Apply, does) its own create/update, with the router's batching and retries.
 *
 * The prune (deletes) never waits for anything: every item records its completion in the run,
 * and the item that completes last (whatever its index; the last input item when items run one
 * at a time) does the prune after its own object, output as extra items after it. When any item
 * failed, the prune does not run and the outputs say so. When the router stops early (an item
 * failed without continueOnFail), the run never completes and nothing is pruned.
 */

export type SyncAction = 'create' | 'update' | 'unchanged' | 'delete' | 'conflict';

/** How Sync reads, compares and writes one kind of named object. */
export interface SyncDescriptor {
	/** For messages: "persona". */
	noun: string;
	/** The account's objects: path, fixed query, first page, ID and name keys. */
	list: NamedList;
	/** The n8n field that carries the name, for messages ("Persona Name"). */
	nameField: string;
	/**
	 * Objects the account cannot own (Tavus stock personas): dropped from every list before any
	 * match or prune, whatever the list's query already filters.
	 */
	stock?: (item: IDataObject) => boolean;
	/** The key of the creation time, for choosing the survivor among same-name copies. */
	createdAtKey: string;
	/** The JSON Patch that turns the current object into the desired one. */
	diff: (current: IDataObject, desired: IDataObject) => PatchOperation[];
	/** The patch as outputs show it (secrets masked). */
	maskPatch: (patch: PatchOperation[]) => PatchOperation[];
	/**
	 * Reads one object in full. List items may lack fields (Tavus's documented persona list item
	 * has no conversational_flow, objectives_id, guardrails, pipeline_mode): when the diff against
	 * the list item adds a key the item does not have, the object is read before it is diffed.
	 * Undefined: list items are complete.
	 */
	read?: (context: IExecuteFunctions, id: string, itemIndex: number) => Promise<IDataObject>;
	create: (
		context: IExecuteFunctions,
		desired: IDataObject,
		itemIndex: number,
	) => Promise<IDataObject>;
	/**
	 * Sends the patch (a diff against a fresh read: the request is `recomputed`, see
	 * transport/request.ts; the object's path is the list's path + `/` + ID); Tavus's 304 is
	 * `unchanged`.
	 */
	patch: (
		context: IExecuteFunctions,
		id: string,
		patch: PatchOperation[],
		itemIndex: number,
	) => Promise<'updated' | 'unchanged'>;
	remove: (context: IExecuteFunctions, id: string, itemIndex: number) => Promise<void>;
}

export interface SyncSettings {
	mode: 'plan' | 'apply';
	/** Names starting with this are managed by the Sync; '' = every object of the account. */
	prefix: string;
	prune: boolean;
}

/** The oldest first (creation time, then the smallest ID): the first one survives. */
export function bySurvivorOrder(list: NamedList, createdAtKey: string) {
	const time = (item: IDataObject) => {
		const parsed = Date.parse(String(item[createdAtKey] ?? ''));
		return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
	};
	return (a: IDataObject, b: IDataObject): number => {
		const difference = time(a) - time(b);
		if (difference !== 0 && !Number.isNaN(difference)) return difference < 0 ? -1 : 1;
		const idA = String(a[list.idKey]);
		const idB = String(b[list.idKey]);
		return idA < idB ? -1 : idA > idB ? 1 : 0;
	};
}

const nameOf = (list: NamedList, item: IDataObject): unknown =>
	list.nameOf ? list.nameOf(item) : item[list.nameKey];

/** A name as near-misses are found: spaces around it and letter case do not count. */
export function foldName(name: string): string {
	return name.trim().toLowerCase();
}

/**
 * The list as Sync trusts it: each ID once (offset paging while objects are created or deleted
 * can show one row on two pages), no item without an ID, no stock object.
 */
function trusted(
	list: NamedList,
	items: IDataObject[],
	stock?: (item: IDataObject) => boolean,
): IDataObject[] {
	const seen = new Set<string>();
	return items.filter((item) => {
		const id = item[list.idKey];
		if (id === undefined || id === null || id === '') return false;
		if (seen.has(String(id))) return false;
		seen.add(String(id));
		return !stock?.(item);
	});
}

/** Every object of the list with exactly this name (all pages, each ID once, no stock object). */
export async function listByExactName(
	context: IExecuteFunctions,
	list: NamedList,
	name: string,
	itemIndex: number,
	stock?: (item: IDataObject) => boolean,
): Promise<IDataObject[]> {
	const all = await paginate.call(context, {
		path: list.path,
		qs: list.qs,
		firstPage: list.firstPage,
		itemIndex,
	});
	return trusted(list, all, stock).filter((item) => nameOf(list, item) === name);
}

/**
 * Deletes one object; a 400/404 means another run (or a retry) already deleted it. Other
 * failures are thrown.
 */
export async function removeObject(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	id: string,
	itemIndex: number,
): Promise<'deleted' | 'already_deleted'> {
	const failure = await descriptor.remove(context, id, itemIndex).then(
		() => undefined,
		(error: unknown) => error,
	);
	if (failure === undefined) return 'deleted';
	if (failure instanceof NodeApiError && ['400', '404'].includes(String(failure.httpCode))) {
		return 'already_deleted';
	}
	throw failure instanceof NodeApiError || failure instanceof NodeOperationError
		? failure
		: new NodeOperationError(nodeForErrors(context.getNode()), failure as Error, { itemIndex });
}

export interface Convergence {
	list: NamedList;
	createdAtKey: string;
	name: string;
	/** What the create answered (it carries the new ID and, with Tavus, created_at). */
	created: IDataObject;
	/** The objects with this name now, read after the create returned. */
	sameName: () => Promise<IDataObject[]>;
	remove: (id: string) => Promise<void>;
	/** Brings the survivor to the desired state (the loser's own values win: last writer). */
	update: (id: string, existing: IDataObject) => Promise<IDataObject>;
}

/**
 * Convergent create: after creating, look again for objects with the same name. When another
 * execution created one too, every racer picks the same survivor (oldest creation time, then
 * smallest ID); a racer whose copy is not the survivor deletes its own copy and updates the
 * survivor. Returns undefined when its own copy survives, else the survivor's update outcome
 * plus `deleted_duplicate` (the ID of the copy it deleted).
 *
 * Our copy is deleted only when the re-read shows it AND an older copy. When the re-read does
 * not show our copy yet (a list that lags behind), it is kept: two racers that each could not
 * see their own copy must not both delete theirs. A later Sync with Prune removes extra copies.
 */
export async function convergeAfterCreate(spec: Convergence): Promise<IDataObject | undefined> {
	const idKey = spec.list.idKey;
	const ownId = String(spec.created[idKey] ?? '');
	if (!ownId) return undefined;
	const seen = await spec.sameName();
	if (!seen.some((item) => String(item[idKey]) === ownId)) return undefined;
	const survivor = [...seen].sort(bySurvivorOrder(spec.list, spec.createdAtKey))[0];
	const survivorId = String(survivor[idKey]);
	if (survivorId === ownId) return undefined;
	await spec.remove(ownId);
	const outcome = await spec.update(survivorId, survivor);
	return {
		[idKey]: survivorId,
		[spec.list.nameKey]: spec.name,
		...outcome,
		deleted_duplicate: ownId,
	};
}

interface DesiredNames {
	/** The name of each input item, trimmed ('' when missing). */
	names: string[];
	/** The first item that carries each name. */
	firstIndex: Map<string, number>;
	/** Every desired name folded (foldName): an object with such a name is never pruned. */
	folded: Set<string>;
}

interface SyncRun {
	settings: SyncSettings;
	desired: DesiredNames;
	/** Input items of the execution. */
	count: number;
	/** Items that completed (successfully or not), and those that failed. */
	done: Set<number>;
	failed: number[];
	/** IDs an item matched, created or converged to: never pruned. */
	kept: Set<string>;
	/** The account's objects (not only the scope's), read once (all pages) for the whole execution. */
	existing?: Promise<IDataObject[]>;
	/** Writes done so far (for sharing a re-read among creates that finished before it began). */
	writes: number;
	rescan?: { afterWrites: number; items: Promise<IDataObject[]> };
}

/** Per-execution runs, one per descriptor: nothing outlives an execution or crosses between them. */
const runs = new WeakMap<object, Map<string, SyncRun>>();

function refuse(context: IExecuteFunctions, itemIndex: number, message: string, hint?: string) {
	return new NodeOperationError(nodeForErrors(context.getNode()), message, {
		itemIndex,
		description: hint,
	});
}

function startRun(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	settings: SyncSettings,
	readName: (itemIndex: number) => string,
): SyncRun {
	const count = context.getInputData().length;
	const names: string[] = [];
	const firstIndex = new Map<string, number>();
	for (let index = 0; index < count; index++) {
		let name = '';
		try {
			name = readName(index);
		} catch {
			// An expression that fails: the item reports it itself; Prune treats it as unnamed.
		}
		// Surrounding spaces are not part of a name (a sheet's "fleet-A " is fleet-A); the body
		// sent carries the same trimmed name.
		name = name.trim();
		names.push(name);
		if (name && !firstIndex.has(name)) firstIndex.set(name, index);
	}
	if (settings.prune) {
		const field = descriptor.nameField;
		if (firstIndex.size === 0) {
			throw refuse(
				context,
				0,
				`Prune is refused: the desired set is empty (no item carries a ${field}), so it would delete every ${descriptor.noun} in the scope`,
				'Check the input (a broken sheet?), or turn Prune off.',
			);
		}
		const missing = names.findIndex((name) => name === '');
		if (missing >= 0) {
			throw refuse(
				context,
				missing,
				`Prune is refused: item ${missing} has no ${field}, so the desired set is not known [item ${missing}]`,
				'Every input item must name its object when Prune is on.',
			);
		}
		const repeated = names.findIndex((name, index) => firstIndex.get(name) !== index);
		if (repeated >= 0) {
			throw refuse(
				context,
				repeated,
				`Prune is refused: ${field} "${names[repeated]}" is repeated (items ${firstIndex.get(names[repeated])} and ${repeated}), so the desired set is not known [item ${repeated}]`,
				'Every name must appear once when Prune is on (surrounding spaces do not count).',
			);
		}
		const outside = names.findIndex((name) => !name.startsWith(settings.prefix));
		if (outside >= 0) {
			throw refuse(
				context,
				outside,
				`Prune is refused: ${field} "${names[outside]}" is outside the Scope (names starting with "${settings.prefix}") [item ${outside}]`,
			);
		}
	}
	return {
		settings,
		desired: { names, firstIndex, folded: new Set(names.filter(Boolean).map(foldName)) },
		count,
		done: new Set(),
		failed: [],
		kept: new Set(),
		writes: 0,
	};
}

function runOf(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	readSettings: () => SyncSettings,
	readName: (itemIndex: number) => string,
): SyncRun {
	let byDescriptor = runs.get(context);
	if (!byDescriptor) {
		byDescriptor = new Map();
		runs.set(context, byDescriptor);
	}
	let run = byDescriptor.get(descriptor.list.path);
	if (!run) {
		run = startRun(context, descriptor, readSettings(), readName);
		byDescriptor.set(descriptor.list.path, run);
	}
	return run;
}

function inScope(descriptor: SyncDescriptor, prefix: string, item: IDataObject): boolean {
	const name = nameOf(descriptor.list, item);
	return typeof name === 'string' && name.startsWith(prefix);
}

/** The account's objects, all pages, as `trusted` keeps them (the scope is applied by its users). */
async function readAll(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	itemIndex: number,
): Promise<IDataObject[]> {
	const all = await paginate.call(context, {
		path: descriptor.list.path,
		qs: descriptor.list.qs,
		firstPage: descriptor.list.firstPage,
		itemIndex,
	});
	return trusted(descriptor.list, all, descriptor.stock);
}

function existingOf(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	run: SyncRun,
	itemIndex: number,
): Promise<IDataObject[]> {
	if (!run.existing) {
		run.existing = readAll(context, descriptor, itemIndex);
		// A failed read is not kept: the next item (or n8n's Retry On Fail) reads again.
		run.existing.catch(() => {
			run.existing = undefined;
		});
	}
	return run.existing;
}

/** A fresh read for convergence, shared by the creates that finished before it started. */
function rescanOf(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	run: SyncRun,
	afterWrites: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	if (!run.rescan || run.rescan.afterWrites < afterWrites) {
		const items = readAll(context, descriptor, itemIndex);
		run.rescan = { afterWrites: run.writes, items };
		items.catch(() => {
			if (run.rescan?.items === items) run.rescan = undefined;
		});
	}
	return run.rescan.items;
}

/** The diff against the current object; reads it in full only when the list item lacks a key. */
async function diffToDesired(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	current: IDataObject,
	desired: IDataObject,
	itemIndex: number,
): Promise<{ patch: PatchOperation[]; read: boolean }> {
	const patch = descriptor.diff(current, desired);
	if (!descriptor.read || !patch.some((operation) => operation.op === 'add')) {
		return { patch, read: false };
	}
	const full = await descriptor.read(context, String(current[descriptor.list.idKey]), itemIndex);
	return { patch: descriptor.diff(full, desired), read: true };
}

export interface SyncItem {
	descriptor: SyncDescriptor;
	/** The settings, read once per execution (from the first input item). */
	settings: () => SyncSettings;
	/** One item's name, cheap (only the name parameter): read for every item at the start. */
	name: (itemIndex: number) => string;
	/** One item's desired object, read and checked (throws for bad input, nothing sent). */
	desired: (itemIndex: number) => Promise<IDataObject>;
}

const PRUNE_NOT_RUN =
	'Prune did not run: it runs only when every item of the execution succeeded, so nothing was deleted.';

/** Records an item's completion; true when it was the last item of the run to complete. */
function complete(run: SyncRun, itemIndex: number, failed: boolean): boolean {
	if (run.done.has(itemIndex)) return false;
	if (failed) run.failed.push(itemIndex);
	run.done.add(itemIndex);
	return run.done.size === run.count;
}

/** The item's error, saying that the prune did not run (it never runs after a failure). */
function withPruneNotRun(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// One error can reach several items (a shared list read that failed): say it once.
		if (error.description?.includes(PRUNE_NOT_RUN)) return error;
		error.description = error.description ? `${error.description} ${PRUNE_NOT_RUN}` : PRUNE_NOT_RUN;
		return error;
	}
	return new NodeOperationError(nodeForErrors(context.getNode()), error as Error, {
		itemIndex,
		description: PRUNE_NOT_RUN,
	});
}

/**
 * One input item of a Sync: plans (and in Apply, does) its own create or update; the item that
 * completes last also plans (and does) the prune, when no item failed. Returns the item's
 * output, plus the prune's items on the item that completed last.
 */
export async function syncItem(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: SyncItem,
): Promise<IDataObject[]> {
	const { descriptor } = spec;
	const run = runOf(context, descriptor, spec.settings, spec.name);
	const { settings } = run;
	let output: IDataObject;
	try {
		output = await syncOwn(context, itemIndex, spec, run);
	} catch (error) {
		complete(run, itemIndex, true);
		throw settings.prune ? withPruneNotRun(context, error, itemIndex) : error;
	}
	const last = complete(run, itemIndex, false);
	if (!last || !settings.prune) return [output];
	if (run.failed.length > 0) {
		const failed = [...run.failed].sort((a, b) => a - b);
		return [
			output,
			{
				action: 'prune',
				outcome: 'skipped',
				message: `Prune did not run: item${failed.length > 1 ? 's' : ''} ${failed.join(', ')} failed, so nothing was deleted`,
			},
		];
	}
	const existing = await existingOf(context, descriptor, run, itemIndex);
	return [output, ...(await prune(context, descriptor, run, itemIndex, existing))];
}

async function syncOwn(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: SyncItem,
	run: SyncRun,
): Promise<IDataObject> {
	const { descriptor } = spec;
	const { settings } = run;
	const name = run.desired.names[itemIndex];
	// A name expression that fails says so itself (read again, outside the start's try).
	if (!name) spec.name(itemIndex);
	buildForItem(context, itemIndex, () => {
		if (!name) {
			throw new ParameterError(
				descriptor.nameField,
				'is required: Sync matches objects by their exact name',
			);
		}
		if (!name.startsWith(settings.prefix)) {
			throw new ParameterError(
				descriptor.nameField,
				`"${name}" is outside the Scope (names starting with "${settings.prefix}")`,
				'Sync only touches objects whose names start with the Scope prefix.',
			);
		}
		const first = run.desired.firstIndex.get(name);
		if (first !== undefined && first !== itemIndex) {
			throw new ParameterError(
				descriptor.nameField,
				`"${name}" is already desired by item ${first}: Sync wants one item per name`,
			);
		}
	});
	// The name as matched (trimmed) is the name sent.
	const desired = { ...(await spec.desired(itemIndex)), [descriptor.list.nameKey]: name };
	const existing = await existingOf(context, descriptor, run, itemIndex);
	return await syncOne(context, descriptor, run, itemIndex, name, desired, existing);
}

async function syncOne(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	run: SyncRun,
	itemIndex: number,
	name: string,
	desired: IDataObject,
	existing: IDataObject[],
): Promise<IDataObject> {
	const { list } = descriptor;
	const apply = run.settings.mode === 'apply';
	const matches = existing
		.filter((item) => nameOf(list, item) === name)
		.sort(bySurvivorOrder(list, descriptor.createdAtKey));
	const found = matches[0];
	const duplicates = matches.slice(1).map((item) => String(item[list.idKey]));
	// Names that differ from this one only in surrounding spaces or letter case (and are not
	// desired themselves): never matched, created next to, or pruned; reported.
	const folded = foldName(name);
	const conflicts = existing
		.filter((item) => {
			const other = nameOf(list, item);
			return (
				typeof other === 'string' &&
				other !== name &&
				foldName(other) === folded &&
				!run.desired.firstIndex.has(other)
			);
		})
		.map((item) => ({ [list.idKey]: String(item[list.idKey]), [list.nameKey]: nameOf(list, item) }))
		.sort((a, b) => (String(a[list.idKey]) < String(b[list.idKey]) ? -1 : 1));
	const extra: IDataObject = {
		...(duplicates.length > 0 ? { duplicates } : {}),
		...(conflicts.length > 0 ? { conflicts } : {}),
	};

	if (!found && conflicts.length > 0) {
		const other = conflicts[0];
		return {
			action: 'conflict',
			[list.nameKey]: name,
			conflicts,
			message: `A ${descriptor.noun} named "${String(other[list.nameKey])}" (${String(other[list.idKey])}) exists, which differs from "${name}" only in spaces or letter case: nothing was created, and it is never pruned. Rename one of them.`,
			...(apply ? { outcome: 'conflict' } : {}),
		};
	}

	if (!found) {
		if (!apply) return { action: 'create', [list.nameKey]: name };
		const created = await descriptor.create(context, desired, itemIndex);
		run.kept.add(String(created[list.idKey]));
		run.writes++;
		const afterWrites = run.writes;
		const converged = await convergeAfterCreate({
			list,
			createdAtKey: descriptor.createdAtKey,
			name,
			created,
			sameName: async () =>
				(await rescanOf(context, descriptor, run, afterWrites, itemIndex)).filter(
					(item) => nameOf(list, item) === name,
				),
			remove: async (id) => {
				await removeObject(context, descriptor, id, itemIndex);
			},
			update: async (id, survivor) =>
				await updateTo(context, descriptor, id, survivor, desired, itemIndex),
		});
		if (converged) {
			// Another execution created the name too and its copy is older: ours was deleted and
			// that one brought to the desired state.
			const { patch } = converged;
			run.kept.add(String(converged[list.idKey]));
			return {
				action: 'create',
				[list.idKey]: converged[list.idKey],
				[list.nameKey]: name,
				...(Array.isArray(patch) && patch.length > 0 ? { patch } : {}),
				outcome: 'converged',
				deleted_duplicate: converged.deleted_duplicate,
			};
		}
		return {
			action: 'create',
			[list.idKey]: created[list.idKey],
			[list.nameKey]: name,
			...(created[descriptor.createdAtKey] !== undefined
				? { [descriptor.createdAtKey]: created[descriptor.createdAtKey] }
				: {}),
			outcome: 'created',
		};
	}

	const id = String(found[list.idKey]);
	run.kept.add(id);
	const { patch } = await diffToDesired(context, descriptor, found, desired, itemIndex);
	const base: IDataObject = { [list.idKey]: id, [list.nameKey]: name };
	if (apply && createdByEarlierTry(context, itemIndex, list, id)) {
		// n8n's Retry On Fail reran the node after an earlier try created this very persona (or sent
		// the create and lost the answer): this execution created it; bring it to the desired state.
		const outcome = patch.length > 0 ? await descriptor.patch(context, id, patch, itemIndex) : '';
		return {
			action: 'create',
			...base,
			...(found[descriptor.createdAtKey] !== undefined
				? { [descriptor.createdAtKey]: found[descriptor.createdAtKey] }
				: {}),
			...(outcome === 'updated' ? { patch: descriptor.maskPatch(patch) } : {}),
			...extra,
			outcome: 'created',
		};
	}
	// n8n's Retry On Fail reran the node after an earlier try of this run sent a patch: its answer
	// stands; a patch whose answer was lost stands when nothing differs any more.
	const earlier = apply ? earlierPatch(context, itemIndex, `${list.path}/${id}`) : undefined;
	if (earlier && (earlier.answered || patch.length === 0)) {
		const shown = descriptor.maskPatch(earlier.outcome.patch);
		return { action: 'update', ...base, patch: shown, ...extra, outcome: earlier.outcome.action };
	}
	if (patch.length === 0) {
		return { action: 'unchanged', ...base, ...extra, ...(apply ? { outcome: 'unchanged' } : {}) };
	}
	const shown = descriptor.maskPatch(patch);
	if (!apply) return { action: 'update', ...base, patch: shown, ...extra };
	const outcome = await descriptor.patch(context, id, patch, itemIndex);
	return { action: 'update', ...base, patch: shown, ...extra, outcome };
}

/** Brings an existing object to the desired state (diff, read if needed, patch). */
async function updateTo(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	id: string,
	current: IDataObject,
	desired: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const { patch } = await diffToDesired(context, descriptor, current, desired, itemIndex);
	if (patch.length === 0) return { action: 'unchanged', patch: [] };
	const action = await descriptor.patch(context, id, patch, itemIndex);
	return { action, patch: descriptor.maskPatch(patch) };
}

/**
 * The prune: every object in scope whose name is not desired, and every extra copy of a desired
 * name (all but the survivor). Compared by ID: the survivor of each desired name and every ID an
 * item matched, created or converged to are never deleted, and no ID is deleted twice. Never
 * anything outside the scope, and never an object whose name differs from a desired name only in
 * spaces or letter case (the item reports it as a conflict). Each delete is one output item with
 * its own outcome: a failing delete does not stop the others or lose their outputs.
 */
async function prune(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	run: SyncRun,
	itemIndex: number,
	existing: IDataObject[],
): Promise<IDataObject[]> {
	const { list } = descriptor;
	const idOf = (item: IDataObject) => String(item[list.idKey]);
	const survivors = new Set<string>(run.kept);
	const survivorOfName = new Set<string>();
	for (const item of [...existing].sort(bySurvivorOrder(list, descriptor.createdAtKey))) {
		const name = String(nameOf(list, item));
		if (run.desired.firstIndex.has(name) && !survivorOfName.has(name)) {
			survivorOfName.add(name);
			survivors.add(idOf(item));
		}
	}
	const doomed: IDataObject[] = [];
	const chosen = new Set<string>();
	for (const item of existing) {
		const id = idOf(item);
		if (survivors.has(id) || chosen.has(id)) continue;
		if (!inScope(descriptor, run.settings.prefix, item)) continue;
		const name = String(nameOf(list, item));
		if (!run.desired.firstIndex.has(name) && run.desired.folded.has(foldName(name))) continue;
		chosen.add(id);
		doomed.push(item);
	}
	const outputs: IDataObject[] = [];
	for (const item of doomed) {
		const id = idOf(item);
		const output: IDataObject = {
			action: 'delete',
			[list.idKey]: id,
			[list.nameKey]: nameOf(list, item) as string,
		};
		if (run.settings.mode === 'apply') {
			try {
				output.outcome = await removeObject(context, descriptor, id, itemIndex);
			} catch (error) {
				output.outcome = 'failed';
				const failure = error as Partial<NodeApiError>;
				output.error = String(failure.message ?? error);
				if (typeof failure.description === 'string' && failure.description) {
					output.description = failure.description;
				}
				if (failure.httpCode) output.httpCode = failure.httpCode;
			}
		}
		outputs.push(output);
	}
	return outputs;
}

/** Sync's own fields (Mode, Scope, Prune), for any resource's Sync operation. */
export function readSyncSettings(context: IExecuteFunctions): SyncSettings {
	const mode = String(getParameter(context, 'syncMode', 0, 'plan'));
	return {
		mode: mode === 'apply' ? 'apply' : 'plan',
		prefix: String(getParameter(context, 'scopePrefix', 0, '') ?? ''),
		prune: getParameter(context, 'prune', 0, false) === true,
	};
}
