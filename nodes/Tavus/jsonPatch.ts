import type { IDataObject } from 'n8n-workflow';
import { isPlainObject, ParameterError, parseJsonArray } from './validation';

/** One RFC 6902 operation. */
export interface PatchOperation extends IDataObject {
	op: 'add' | 'remove' | 'replace' | 'copy' | 'move' | 'test';
	path: string;
}

const OPS = ['add', 'remove', 'replace', 'copy', 'move', 'test'];

/** Escapes one key for a JSON Pointer (RFC 6901). */
export function escapePointerKey(key: string): string {
	return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value at a JSON Pointer, and whether it exists. */
function readPointer(document: unknown, pointer: string): { exists: boolean; value?: unknown } {
	if (pointer === '') return { exists: true, value: document };
	let node: unknown = document;
	for (const raw of pointer.slice(1).split('/')) {
		const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) {
			node = node[Number(key)];
		} else if (isPlainObject(node) && Object.prototype.hasOwnProperty.call(node, key)) {
			node = node[key];
		} else {
			return { exists: false };
		}
	}
	return { exists: true, value: node };
}

export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((entry, index) => deepEqual(entry, b[index]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = Object.keys(a);
		return (
			keys.length === Object.keys(b).length &&
			keys.every((key) => key in b && deepEqual(a[key], b[key]))
		);
	}
	return false;
}

/**
 * The JSON Patch that makes `current` carry the `desired` values: `replace` where a value exists
 * and differs, `add` where it does not (a missing parent is added whole), nothing where it is
 * already equal; then `remove` for each pointer in `remove` that exists. Objects at pointers
 * for which `isContainer` is true are compared key by key; everything else is one value.
 */
export function buildJsonPatch(
	current: IDataObject,
	desired: IDataObject,
	remove: readonly string[],
	isContainer: (pointer: string) => boolean,
): PatchOperation[] {
	const operations: PatchOperation[] = [];
	const walk = (currentNode: IDataObject, desiredNode: IDataObject, base: string) => {
		for (const [key, value] of Object.entries(desiredNode)) {
			const pointer = `${base}/${escapePointerKey(key)}`;
			if (!Object.prototype.hasOwnProperty.call(currentNode, key)) {
				operations.push({ op: 'add', path: pointer, value });
				continue;
			}
			const existing = currentNode[key];
			if (isContainer(pointer) && isPlainObject(existing) && isPlainObject(value)) {
				walk(existing, value, pointer);
			} else if (!deepEqual(existing, value)) {
				operations.push({ op: 'replace', path: pointer, value });
			}
		}
	};
	walk(current, desired, '');
	for (const pointer of remove) {
		const covered = operations.some((operation) => operation.path === pointer);
		if (!covered && readPointer(current, pointer).exists)
			operations.push({ op: 'remove', path: pointer });
	}
	return operations;
}

/** Checks operations given as raw JSON (Update → JSON Patch mode) before anything is sent. */
export function parsePatchOperations(field: string, value: unknown): PatchOperation[] {
	const list = parseJsonArray(field, value);
	if (!list || list.length === 0) {
		throw new ParameterError(
			field,
			'must hold at least one operation',
			'e.g. [{"op": "replace", "path": "/persona_name", "value": "New name"}]',
		);
	}
	return list.map((entry, index) => {
		const where = `${field} (operation ${index + 1})`;
		if (!isPlainObject(entry))
			throw new ParameterError(
				where,
				'must be an object like {"op": "replace", "path": "/...", "value": ...}',
			);
		if (typeof entry.op !== 'string' || !OPS.includes(entry.op)) {
			throw new ParameterError(where, `"op" must be one of ${OPS.join(', ')}`);
		}
		if (typeof entry.path !== 'string' || !(entry.path === '' || entry.path.startsWith('/'))) {
			throw new ParameterError(where, '"path" must be a JSON Pointer starting with "/"');
		}
		if (['add', 'replace', 'test'].includes(entry.op) && !('value' in entry)) {
			throw new ParameterError(where, `"${entry.op}" needs a "value"`);
		}
		if (
			['copy', 'move'].includes(entry.op) &&
			(typeof entry.from !== 'string' || !entry.from.startsWith('/'))
		) {
			throw new ParameterError(where, `"${entry.op}" needs a "from" JSON Pointer`);
		}
		return entry as PatchOperation;
	});
}
