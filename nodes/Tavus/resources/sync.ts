import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { PatchOperation } from '../jsonPatch';
import { getParameter } from '../parameters';
import { paginate } from '../transport/paginate';
import { nodeForErrors } from '../transport/secrets';
import { ParameterError } from '../validation';
import { buildForItem } from './common';
import type { NamedList } from './upsert';

/**
 * Sync: one execution brings a whole desired set of named objects (one input item per object)
 * to the account. Generic over a `SyncDescriptor`; persona is the first user
 * (persona/sync.operation.ts), other named objects follow with a descriptor of their own.
 *
 * How a whole-set operation fits the router's per-item model: the first item that runs creates
 * the execution's `SyncRun` (kept per execution context in a WeakMap, like transport/request.ts
 * keeps its per-execution facts). The run reads the settings and every item's name once, refuses
 * a Prune whose desired set is not trustworthy before anything is sent, and reads the account's
 * list once (all pages) for every item. Each item then plans (and in Apply, does) its own
 * create/update, with the router's batching and retries. The prune (deletes) is done by the
 * last input item, after its own persona, and is output as extra items after it.
 */

export type SyncAction = 'create' | 'update' | 'unchanged' | 'delete';

/** How Sync reads, compares and writes one kind of named object. */
export interface SyncDescriptor {
	/** For messages: "persona". */
	noun: string;
	/** The account's objects: path, fixed query, first page, ID and name keys. */
	list: NamedList;
	/** The n8n field that carries the name, for messages ("Persona Name"). */
	nameField: string;
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
	/** Sends the patch; Tavus's 304 is `unchanged`. */
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

/** Every object of the list with exactly this name (all pages). */
export async function listByExactName(
	context: IExecuteFunctions,
	list: NamedList,
	name: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const all = await paginate.call(context, {
		path: list.path,
		qs: list.qs,
		firstPage: list.firstPage,
		itemIndex,
	});
	return all.filter((item) => nameOf(list, item) === name);
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
 */
export async function convergeAfterCreate(spec: Convergence): Promise<IDataObject | undefined> {
	const idKey = spec.list.idKey;
	const ownId = String(spec.created[idKey] ?? '');
	if (!ownId) return undefined;
	const seen = await spec.sameName();
	const candidates = seen.some((item) => String(item[idKey]) === ownId)
		? seen
		: [...seen, { [idKey]: ownId, [spec.createdAtKey]: spec.created[spec.createdAtKey] }];
	const survivor = [...candidates].sort(bySurvivorOrder(spec.list, spec.createdAtKey))[0];
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
	/** The name of each input item ('' when missing). */
	names: string[];
	/** The first item that carries each name. */
	firstIndex: Map<string, number>;
}

interface SyncRun {
	settings: SyncSettings;
	desired: DesiredNames;
	/** The objects in scope, read once (all pages) for the whole execution. */
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
		if (name.trim() === '') name = '';
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
		const outside = names.findIndex((name) => !name.startsWith(settings.prefix));
		if (outside >= 0) {
			throw refuse(
				context,
				outside,
				`Prune is refused: ${field} "${names[outside]}" is outside the Scope (names starting with "${settings.prefix}") [item ${outside}]`,
			);
		}
	}
	return { settings, desired: { names, firstIndex }, writes: 0 };
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

async function readInScope(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	prefix: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const all = await paginate.call(context, {
		path: descriptor.list.path,
		qs: descriptor.list.qs,
		firstPage: descriptor.list.firstPage,
		itemIndex,
	});
	return all.filter((item) => inScope(descriptor, prefix, item));
}

function existingOf(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	run: SyncRun,
	itemIndex: number,
): Promise<IDataObject[]> {
	if (!run.existing) {
		run.existing = readInScope(context, descriptor, run.settings.prefix, itemIndex);
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
		const items = readInScope(context, descriptor, run.settings.prefix, itemIndex);
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

/**
 * One input item of a Sync: plans (and in Apply, does) its own create or update; the last item
 * also plans (and does) the prune. Returns the item's output, plus the prune's items on the last.
 */
export async function syncItem(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: SyncItem,
): Promise<IDataObject[]> {
	const { descriptor } = spec;
	const run = runOf(context, descriptor, spec.settings, spec.name);
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
	const desired = await spec.desired(itemIndex);
	const existing = await existingOf(context, descriptor, run, itemIndex);
	const output = await syncOne(context, descriptor, run, itemIndex, name, desired, existing);
	const last = itemIndex === context.getInputData().length - 1;
	if (!last || !settings.prune) return [output];
	return [output, ...(await prune(context, descriptor, run, itemIndex, existing))];
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
	const extra: IDataObject = duplicates.length > 0 ? { duplicates } : {};

	if (!found) {
		if (!apply) return { action: 'create', [list.nameKey]: name };
		const created = await descriptor.create(context, desired, itemIndex);
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
			remove: async (id) => await descriptor.remove(context, id, itemIndex),
			update: async (id, survivor) =>
				await updateTo(context, descriptor, id, survivor, desired, itemIndex),
		});
		if (converged) {
			// Another execution created the name too and its copy is older: ours was deleted and
			// that one brought to the desired state.
			const { patch } = converged;
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
	const { patch } = await diffToDesired(context, descriptor, found, desired, itemIndex);
	const base: IDataObject = { [list.idKey]: id, [list.nameKey]: name };
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
 * name (all but the survivor). Never anything outside the scope (the list was filtered by it).
 */
async function prune(
	context: IExecuteFunctions,
	descriptor: SyncDescriptor,
	run: SyncRun,
	itemIndex: number,
	existing: IDataObject[],
): Promise<IDataObject[]> {
	const { list } = descriptor;
	const survivors = new Map<string, IDataObject>();
	for (const item of [...existing].sort(bySurvivorOrder(list, descriptor.createdAtKey))) {
		const name = String(nameOf(list, item));
		if (run.desired.firstIndex.has(name) && !survivors.has(name)) survivors.set(name, item);
	}
	const doomed = existing.filter((item) => {
		if (!inScope(descriptor, run.settings.prefix, item)) return false;
		const name = String(nameOf(list, item));
		return !run.desired.firstIndex.has(name) || survivors.get(name) !== item;
	});
	const outputs: IDataObject[] = [];
	for (const item of doomed) {
		const id = String(item[list.idKey]);
		const output: IDataObject = {
			action: 'delete',
			[list.idKey]: id,
			[list.nameKey]: nameOf(list, item) as string,
		};
		if (run.settings.mode === 'apply') {
			await descriptor.remove(context, id, itemIndex);
			output.outcome = 'deleted';
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
