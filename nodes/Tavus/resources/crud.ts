import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	type BodyField,
	type BodyFieldGroup,
	type BodyFieldTables,
	callbackUrlField,
	textField,
	type BodyValues,
	buildBodyFromTables,
	readBodyValues,
	tableProperties,
} from '../fields/bodyFields';
import { idProperty, returnAllAndLimit } from '../fields/common';
import { paginate } from '../transport/paginate';
import { tavusApiRequest } from '../transport/request';
import type { OperationOption, OperationResult, TavusOperation, TavusResource } from '../types';
import { operationOption } from './operationOption';
import { isPlainObject, toNumber, toRequiredText, toTavusId } from '../validation';
import { buildForItem } from './common';
import { getParameter } from '../parameters';

/** Where an operation finds the ID of the object it works on. */
export interface IdParameter {
	/** The parameter (a resource locator or a plain string). */
	property: INodeProperties;
}

/** Reads and checks an ID parameter (resource locators give their value). */
export function readId(context: IExecuteFunctions, itemIndex: number, id: IdParameter): string {
	const raw = getParameter(context, id.property.name, itemIndex, '', { extractValue: true });
	return buildForItem(context, itemIndex, () => toTavusId(id.property.displayName, raw));
}

export interface GetSpec {
	/** Its entry in the Operation dropdown. */
	option: OperationOption;
	id: IdParameter;
	path: (id: string) => string;
	/** Extra parameters (e.g. Verbose) and the query they add. */
	extraProperties?: INodeProperties[];
	query?: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** Turns the response body into the output (unwrap, mask secrets); `id` is the ID read. */
	output?: (body: unknown, id: string) => OperationResult;
}

/** GET one object by ID. */
export function getOperation(spec: GetSpec): TavusOperation {
	return {
		option: spec.option,
		properties: [spec.id.property, ...(spec.extraProperties ?? [])],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, itemIndex, spec.id);
			const response = await tavusApiRequest.call(this, {
				method: 'GET',
				path: spec.path(id),
				qs: spec.query?.(this, itemIndex),
				itemIndex,
			});
			return spec.output ? spec.output(response.body, id) : (response.body as IDataObject);
		},
	};
}

export interface ListSpec {
	/** Its entry in the Operation dropdown. */
	option: OperationOption;
	path: string;
	firstPage: 0 | 1;
	/** Filter parameters (usually one "Filters" collection) and the query they add. */
	filterProperties?: INodeProperties[];
	/** Options of the "Filters" collection sent as they are: option name → query key. */
	filterKeys?: Record<string, string>;
	/** The query of everything else; `filters` is the "Filters" collection's value. */
	query?: (context: IExecuteFunctions, itemIndex: number, filters: IDataObject) => IDataObject;
	output?: (item: IDataObject) => IDataObject;
}

/** The query of a list's "Filters": each option set in `filters` under its query key. */
function filterQuery(filters: IDataObject, keys: Record<string, string> = {}): IDataObject {
	const query: IDataObject = {};
	for (const [option, key] of Object.entries(keys)) {
		if (filters[option] !== undefined && filters[option] !== '') query[key] = filters[option];
	}
	return query;
}

/** GET a list with Return All (follows every page) or Limit; one output item per object. */
export function listOperation(spec: ListSpec): TavusOperation {
	return {
		option: spec.option,
		properties: [...returnAllAndLimit, ...(spec.filterProperties ?? [])],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const returnAll = getParameter(this, 'returnAll', itemIndex, false) as boolean;
			const limit = returnAll
				? undefined
				: buildForItem(this, itemIndex, () =>
						toNumber('Limit', getParameter(this, 'limit', itemIndex, 50), {
							integer: true,
							min: 1,
						}),
					);
			const filters = spec.filterProperties?.some((property) => property.name === 'filters')
				? (getParameter(this, 'filters', itemIndex, {}) as IDataObject)
				: {};
			const query = {
				...filterQuery(filters, spec.filterKeys),
				...spec.query?.(this, itemIndex, filters),
			};
			const items = await paginate.call(this, {
				path: spec.path,
				qs: query,
				firstPage: spec.firstPage,
				limit,
				itemIndex,
			});
			return spec.output ? items.map(spec.output) : items;
		},
	};
}

export interface DeleteSpec {
	/** Its entry in the Operation dropdown. */
	option: OperationOption;
	id: IdParameter;
	path: (id: string) => string;
	/** The key (or keys) that name the deleted object in the output, e.g. persona_id. */
	idKey: string | string[];
	/** Offer "Hard Delete" (Tavus's `hard=true`: the object and its assets, irreversibly). */
	hardDelete?: boolean;
}

const hardDeleteProperty: INodeProperties = {
	displayName: 'Hard Delete',
	name: 'hardDelete',
	type: 'boolean',
	default: false,
	description:
		'Whether to delete the object and every asset that belongs to it, irreversibly (Tavus hard delete)',
};

/** DELETE by ID; outputs { deleted: true, <idKey>: id }. */
export function deleteOperation(spec: DeleteSpec): TavusOperation {
	return {
		option: spec.option,
		properties: [spec.id.property, ...(spec.hardDelete ? [hardDeleteProperty] : [])],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, itemIndex, spec.id);
			const hard =
				spec.hardDelete && (getParameter(this, 'hardDelete', itemIndex, false) as boolean);
			await tavusApiRequest.call(this, {
				method: 'DELETE',
				path: spec.path(id),
				qs: hard ? { hard: true } : undefined,
				itemIndex,
				alreadyDoneStatuses: [400, 404],
			});
			const output: IDataObject = { deleted: true };
			for (const key of [spec.idKey].flat()) output[key] = id;
			if (hard) output.hard = true;
			return output;
		},
	};
}

export interface CreateSpec {
	/** Its entry in the Operation dropdown. */
	option: OperationOption;
	/** What it creates, in error texts ("the lipsync may have been created"). */
	creates: string;
	/** POST path, e.g. `/v2/lipsync`. */
	path: string;
	/** The body from field tables (their parameters are the operation's own), or read by `read`. */
	tables?: BodyFieldTables;
	/**
	 * The pure builder: the tables plus the resource's own rules (exclusive fields, ...).
	 * Default: buildBodyFromTables.
	 */
	build?: (values: BodyValues) => IDataObject;
	/** Reads and checks one item's body, for a resource whose fields are shared (`shared`). */
	read?: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** Turns Tavus's answer into the output object. */
	output?: (body: IDataObject) => IDataObject;
}

/** POST a new object to `path`; outputs Tavus's answer. `creates` names it in error texts. */
export async function createObject(
	context: IExecuteFunctions,
	path: string,
	creates: string,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await tavusApiRequest.call(context, {
		method: 'POST',
		path,
		body,
		itemIndex,
		creates,
	});
	return (isPlainObject(response.body) ? response.body : {}) as IDataObject;
}

/** POST a body built from BodyField tables; outputs Tavus's answer. */
export function createOperation(spec: CreateSpec): TavusOperation {
	return {
		option: spec.option,
		properties: spec.tables ? tableProperties(spec.tables) : [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const { tables, build, read } = spec;
			let body: IDataObject = {};
			if (read) body = read(this, itemIndex);
			else if (tables) {
				const values = readBodyValues(this, itemIndex, tables);
				body = buildForItem(this, itemIndex, () =>
					build ? build(values) : buildBodyFromTables(tables, values),
				);
			}
			const created = await createObject(this, spec.path, spec.creates, body, itemIndex);
			return spec.output ? spec.output(created) : created;
		},
	};
}

export interface RenameSpec {
	/** Its entry in the Operation dropdown. */
	option: OperationOption;
	id: IdParameter;
	/** PATCH path, e.g. (id) => `/v2/videos/${id}/name`. */
	path: (id: string) => string;
	/** The key of the ID in the output, e.g. video_id. */
	idKey: string;
	/** The body key of the new name, e.g. video_name. */
	nameKey: string;
	/** The New Name parameter. */
	nameProperty: INodeProperties;
	/** Turns `{ <idKey>, <nameKey>, renamed }` into the output object. */
	output?: (renamed: IDataObject) => IDataObject;
}

/** PATCH {nameKey: name}; outputs { <idKey>: id, <nameKey>: name, renamed: true }. */
export function renameOperation(spec: RenameSpec): TavusOperation {
	return {
		option: spec.option,
		properties: [spec.id.property, spec.nameProperty],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId(this, itemIndex, spec.id);
			const raw = getParameter(this, spec.nameProperty.name, itemIndex, '');
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
			const renamed = { [spec.idKey]: id, [spec.nameKey]: name, renamed: true };
			return spec.output ? spec.output(renamed) : renamed;
		},
	};
}

/** The path of one object of the collection at `path`: `<path>/<id>`. */
export function objectPath(path: string): (id: string) => string {
	return (id) => `${path}/${id}`;
}

/** Get, Get Many and Delete of a Tavus object kept at `<path>/<id>`, as data. */
export interface ObjectSpec {
	/** In dropdown actions and error texts, e.g. 'document'. */
	noun: string;
	/** The collection's path, e.g. `/v2/documents`. */
	path: string;
	id: IdParameter;
	/** The key (or keys) that name the object in Delete's output, e.g. document_id. */
	idKey: string | string[];
	delete?: { description: string; hardDelete?: boolean };
	get?: { description: string } & Partial<Omit<GetSpec, 'option' | 'id' | 'path'>>;
	getAll?: { description: string; firstPage?: 0 | 1 } & Partial<
		Omit<ListSpec, 'option' | 'path' | 'firstPage'>
	>;
}

/** The operations of an `ObjectSpec` (those it describes). */
export function objectOperations(spec: ObjectSpec): TavusOperation[] {
	const { noun, path, id } = spec;
	const at = objectPath(path);
	const operations: TavusOperation[] = [];
	if (spec.delete) {
		const { description, hardDelete } = spec.delete;
		const option = operationOption('delete', noun, description);
		operations.push(deleteOperation({ option, id, path: at, idKey: spec.idKey, hardDelete }));
	}
	if (spec.get) {
		const { description, ...rest } = spec.get;
		operations.push(
			getOperation({ option: operationOption('get', noun, description), id, path: at, ...rest }),
		);
	}
	if (spec.getAll) {
		const { description, firstPage, ...rest } = spec.getAll;
		const option = operationOption('getAll', noun, description);
		operations.push(listOperation({ option, path, firstPage: firstPage ?? 1, ...rest }));
	}
	return operations;
}

/** 'lipsync' → 'Lipsync'. */
const capitalised = (noun: string) => `${noun[0].toUpperCase()}${noun.slice(1)}`;

/** A job's Additional Fields: its name (`<noun>_name`) and the callback URL. */
function jobAdditionalFields(noun: string, nameExample: string): BodyFieldGroup {
	const Noun = capitalised(noun);
	return {
		api: '',
		property: { displayName: 'Additional Fields', name: 'additionalFields' },
		fields: [
			textField(`${noun}_name`, {
				displayName: `${Noun} Name`,
				name: `${noun}Name`,
				placeholder: nameExample,
				description: `A name for the ${noun} request`,
			}),
			callbackUrlField({
				description: `Where Tavus POSTs when the ${noun} is completed or failed`,
				placeholder: 'e.g. the Production URL of a Webhook node',
			}),
		],
	};
}

/**
 * A Tavus job (lipsync, replacement, transcription) created from a field table and read, listed
 * and deleted by its `<noun>_id`. Its name, ID parameter and Additional Fields follow from `noun`.
 */
export interface JobResourceSpec {
	/** In the Resource dropdown (capitalised), dropdown actions and error texts, e.g. 'lipsync'. */
	noun: string;
	/** The Resource dropdown's description. */
	description: string;
	/** The collection's path, e.g. `/v2/lipsync`; an object is at `<path>/<id>`. */
	path: string;
	/** Placeholders: an example ID, and (for Additional Fields with a name) an example name. */
	examples: { id: string; name?: string };
	/** Create's top-level fields. */
	top: BodyField[];
	/** The dropdown description of each operation. */
	descriptions: { create: string; delete: string; get: string; getAll: string };
}

/** Create, Delete, Get and Get Many of one such object, as a whole resource. */
export function jobResource(spec: JobResourceSpec): TavusResource {
	const { noun, path, examples, descriptions } = spec;
	const Noun = capitalised(noun);
	const id: IdParameter = {
		property: idProperty({
			name: `${noun}Id`,
			displayName: `${Noun} ID`,
			placeholder: examples.id,
			description: `The ${noun}_id, e.g. {{ $json.${noun}_id }} from a ${Noun} Create node`,
		}),
	};
	const groups = examples.name ? [jobAdditionalFields(noun, examples.name)] : undefined;
	return {
		option: { name: Noun, value: noun, description: spec.description },
		defaultOperation: 'create',
		operations: [
			createOperation({
				option: operationOption('create', noun, descriptions.create),
				creates: noun,
				path,
				tables: { top: spec.top, groups },
			}),
			...objectOperations({
				noun,
				path,
				id,
				idKey: `${noun}_id`,
				delete: { description: descriptions.delete },
				get: { description: descriptions.get },
				getAll: { description: descriptions.getAll },
			}),
		],
	};
}
