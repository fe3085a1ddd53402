import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	type BodyField,
	type BodyFieldGroup,
	buildGroupBody,
	groupProperty,
	setAtPath,
} from '../../fields/bodyFields';
import { showFor } from '../../fields/display';
import { tavusApiRequest } from '../../transport/request';
import type { TavusOperation } from '../../types';
import { isEmptyValue, isPlainObject, ParameterError, toText } from '../../validation';
import { buildForItem } from '../common';
import { type IdParameter, readId } from '../crud';

/**
 * Helpers shared by the media resources (Video, Replica, Lipsync, Replacement, Transcription):
 * a create operation driven by BodyField tables, and rename (PATCH .../name) as data, in the
 * style of crud.ts.
 */

/** The fields of a POST body: top-level parameters and collections (Additional Fields, ...). */
export interface BodyFieldTables {
	/** Top-level parameters; a property with `required: true` must have a value. */
	top: BodyField[];
	/** Collections; each lands under its `api` path ('' = top level of the body). */
	groups?: BodyFieldGroup[];
}

/** Parameter values as read from the node: top-level by parameter name, groups by collection name. */
export interface BodyValues {
	top: IDataObject;
	groups?: Record<string, IDataObject | undefined>;
}

/**
 * Builds a request body from BodyField tables. Pure: no n8n context, no HTTP. Empty values are
 * left out; a required top-level field without a value is a ParameterError naming it.
 */
export function buildBodyFromTables(tables: BodyFieldTables, values: BodyValues): IDataObject {
	const body = buildGroupBody(tables.top, values.top, '');
	for (const field of tables.top) {
		if (field.property.required && field.kind.type !== 'flag' && !hasPath(body, field.api)) {
			throw new ParameterError(field.property.displayName, 'is required');
		}
	}
	for (const group of tables.groups ?? []) {
		const name = group.property.name;
		const label = group.property.displayName;
		const built = buildGroupBody(group.fields, values.groups?.[name], label);
		if (Object.keys(built).length > 0) setAtPath(body, group.api, built);
	}
	return body;
}

function hasPath(body: IDataObject, path: string): boolean {
	let node: unknown = body;
	for (const key of path.split('.')) {
		if (!isPlainObject(node) || !(key in node)) return false;
		node = node[key];
	}
	return node !== undefined;
}

/** The UI of the tables: top-level properties, then one collection per group. */
export function tableProperties(tables: BodyFieldTables): INodeProperties[] {
	return [
		...tables.top.map((field) => field.property),
		...(tables.groups ?? []).map(groupProperty),
	];
}

/** Reads the values of the tables' parameters for one item. */
export function readBodyValues(
	context: IExecuteFunctions,
	itemIndex: number,
	tables: BodyFieldTables,
): BodyValues {
	const top: IDataObject = {};
	for (const field of tables.top) {
		const { name, default: fallback } = field.property;
		top[name] = context.getNodeParameter(name, itemIndex, fallback) as IDataObject[string];
	}
	const groups: Record<string, IDataObject> = {};
	for (const group of tables.groups ?? []) {
		groups[group.property.name] = context.getNodeParameter(
			group.property.name,
			itemIndex,
			{},
		) as IDataObject;
	}
	return { top, groups };
}

export interface CreateSpec {
	resource: string;
	operation: string;
	/** POST path, e.g. `/v2/lipsync`. */
	path: string;
	tables: BodyFieldTables;
	/**
	 * The pure builder: the tables plus the resource's own rules (exclusive fields, ...).
	 * Default: buildBodyFromTables.
	 */
	build?: (values: BodyValues) => IDataObject;
}

/** POST a body built from BodyField tables; outputs Tavus's answer. */
export function createOperation(spec: CreateSpec): TavusOperation {
	return {
		properties: showFor(spec.resource, [spec.operation], tableProperties(spec.tables)),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const values = readBodyValues(this, itemIndex, spec.tables);
			const body = buildForItem(this, itemIndex, () =>
				spec.build ? spec.build(values) : buildBodyFromTables(spec.tables, values),
			);
			const response = await tavusApiRequest.call(this, {
				method: 'POST',
				path: spec.path,
				body,
				itemIndex,
			});
			return (isPlainObject(response.body) ? response.body : {}) as IDataObject;
		},
	};
}

/** A text that must not be empty (names). */
export function toRequiredText(field: string, value: unknown): string {
	if (isEmptyValue(value)) throw new ParameterError(field, 'is required');
	const text = toText(field, value).trim();
	if (text === '') throw new ParameterError(field, 'is required');
	return text;
}

export interface RenameSpec {
	resource: string;
	operation: string;
	id: IdParameter;
	/** PATCH path, e.g. (id) => `/v2/videos/${id}/name`. */
	path: (id: string) => string;
	/** The key of the ID in the output, e.g. video_id. */
	idKey: string;
	/** The body key of the new name, e.g. video_name. */
	nameKey: string;
	/** The New Name parameter. */
	nameProperty: INodeProperties;
}

/** PATCH {nameKey: name}; outputs { <idKey>: id, <nameKey>: name, renamed: true }. */
export function renameOperation(spec: RenameSpec): TavusOperation {
	return {
		properties: showFor(spec.resource, [spec.operation], [spec.id.property, spec.nameProperty]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, itemIndex, spec.id);
			const raw = this.getNodeParameter(spec.nameProperty.name, itemIndex, '');
			const name = buildForItem(this, itemIndex, () =>
				toRequiredText(spec.nameProperty.displayName, raw),
			);
			// Renaming to a given name twice has the effect of once: safe to retry.
			await tavusApiRequest.call(this, {
				method: 'PATCH',
				path: spec.path(id),
				body: { [spec.nameKey]: name },
				itemIndex,
				idempotent: true,
			});
			return { [spec.idKey]: id, [spec.nameKey]: name, renamed: true };
		},
	};
}
