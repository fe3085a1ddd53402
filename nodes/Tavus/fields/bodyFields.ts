import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	deepMerge,
	isEmptyValue,
	isPlainObject,
	ParameterError,
	parseJsonArray,
	parseJsonObject,
	toBoolean,
	toEnum,
	toHttpUrl,
	toNumber,
	toStringList,
	toTavusId,
	toText,
	toToolList,
} from '../validation';
import { getParameter } from '../parameters';

/** How a parameter value becomes a body value. */
export type BodyFieldKind =
	| { type: 'text' }
	| { type: 'boolean' }
	| { type: 'enum'; values: readonly string[] }
	| { type: 'number'; integer?: boolean; min?: number; max?: number }
	/** One text per entry (a multi-value field, or an array from an expression). */
	| { type: 'textList' }
	/** Comma-separated text, or an array from an expression. */
	| { type: 'csvList' }
	/** Comma-separated Tavus IDs, or an array from an expression. */
	| { type: 'idList' }
	| { type: 'id' }
	| { type: 'url' }
	| { type: 'jsonObject' }
	| { type: 'jsonArray' }
	/** OpenAI function-calling tools (validated). */
	| { type: 'tools' }
	/** Cartesia speed: a named speed ("normal") or a number. */
	| { type: 'speed' }
	/** A resource locator whose value is a Tavus ID. */
	| { type: 'locator' }
	/** A switch the builder reads itself; never sent as such. */
	| { type: 'flag' };

/** A node parameter and where its value goes in the request body. */
export interface BodyField {
	/** Dot path inside the group's object, e.g. `voice_settings.speed`. */
	api: string;
	/**
	 * Only for what the property cannot say (url, id, idList, csvList, tools, speed, flag);
	 * otherwise derived from the property by kindOf.
	 */
	kind?: BodyFieldKind;
	property: INodeProperties;
}

/**
 * How the field's value is converted: its explicit kind, or the one its property says. boolean →
 * boolean; number → integer (unless typeOptions.numberPrecision > 0) within minValue/maxValue;
 * options → one of the options' values; string → text, or textList when multipleValues;
 * resourceLocator → locator (a Tavus ID); json → jsonObject when the default is an object,
 * jsonArray otherwise.
 */
export function kindOf(field: BodyField): BodyFieldKind {
	if (field.kind) return field.kind;
	const { property } = field;
	const typeOptions = property.typeOptions ?? {};
	switch (property.type) {
		case 'boolean':
			return { type: 'boolean' };
		case 'number': {
			const { minValue, maxValue, numberPrecision } = typeOptions;
			return {
				type: 'number',
				integer: !(typeof numberPrecision === 'number' && numberPrecision > 0),
				...(typeof minValue === 'number' ? { min: minValue } : {}),
				...(typeof maxValue === 'number' ? { max: maxValue } : {}),
			};
		}
		case 'options': {
			const values = (property.options ?? []).map((option) =>
				'value' in option ? option.value : undefined,
			);
			if (values.every((value): value is string => typeof value === 'string')) {
				return { type: 'enum', values };
			}
			break;
		}
		case 'string':
			return typeOptions.multipleValues ? { type: 'textList' } : { type: 'text' };
		case 'resourceLocator':
			return { type: 'locator' };
		case 'json':
			return property.default === '{}' || isPlainObject(property.default)
				? { type: 'jsonObject' }
				: { type: 'jsonArray' };
	}
	throw new Error(`Body field "${property.name}" (${property.type}) needs an explicit kind`);
}

/** A collection of fields that lands under one path of the body (e.g. `layers.llm`). */
export interface BodyFieldGroup {
	/** Dot path of the group's object in the body; '' for top-level fields. */
	api: string;
	property: Omit<INodeProperties, 'options' | 'type' | 'default'>;
	fields: BodyField[];
}

export function enumOptions(values: readonly string[], labels: Record<string, string> = {}) {
	return values.map((value) => ({ name: labels[value] ?? value, value }));
}

/** The collection property for a group, options sorted by label as n8n lists them. */
export function groupProperty(group: BodyFieldGroup): INodeProperties {
	return {
		placeholder: 'Add Field',
		...group.property,
		type: 'collection',
		default: {},
		options: group.fields
			.map((field) => field.property)
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Converts and checks one value; undefined means "leave it out". */
function convertValue(label: string, kind: BodyFieldKind, raw: unknown): unknown {
	const value = kind.type === 'locator' ? locatorValue(raw) : raw;
	if (kind.type !== 'boolean' && kind.type !== 'number' && isEmptyValue(value)) return undefined;
	switch (kind.type) {
		case 'text':
			return toText(label, value);
		case 'boolean':
			if (value === undefined || value === null || value === '') return undefined;
			return toBoolean(label, value);
		case 'enum':
			return toEnum(label, value, kind.values);
		case 'number':
			if (value === undefined || value === null || value === '') return undefined;
			return toNumber(label, value, kind);
		case 'textList': {
			const list = toStringList(label, value, false);
			return list.length ? list : undefined;
		}
		case 'csvList': {
			const list = toStringList(label, value, true);
			return list.length ? list : undefined;
		}
		case 'idList': {
			const list = toStringList(label, value, true).map((id, index) =>
				toTavusId(`${label} (entry ${index + 1})`, id),
			);
			return list.length ? list : undefined;
		}
		case 'id':
			return toTavusId(label, value);
		case 'locator':
			return toTavusId(label, value);
		case 'url':
			return toHttpUrl(label, value);
		case 'jsonObject': {
			const object = parseJsonObject(label, value);
			return object && Object.keys(object).length ? object : undefined;
		}
		case 'jsonArray': {
			const list = parseJsonArray(label, value);
			return list && list.length ? list : undefined;
		}
		case 'tools': {
			const tools = toToolList(label, value);
			return tools && tools.length ? tools : undefined;
		}
		case 'flag':
			return undefined;
		case 'speed': {
			if (typeof value === 'number') return toNumber(label, value);
			const text = toText(label, value).trim();
			if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
			if (!/^[a-z]+$/.test(text)) {
				throw new ParameterError(
					label,
					`must be a number or a named speed like "normal", got "${text}"`,
				);
			}
			return text;
		}
	}
}

/** A resource locator value ({ mode, value }) or a plain string from an expression. */
export function locatorValue(value: unknown): unknown {
	if (isPlainObject(value) && 'value' in value) {
		const inner = value.value;
		return typeof inner === 'string' ? inner.trim() : inner;
	}
	return typeof value === 'string' ? value.trim() : value;
}

/** Sets `value` at a dot path, deep-merging objects that meet. */
export function setAtPath(target: IDataObject, path: string, value: unknown): void {
	if (path === '') {
		// The escape hatch: an object merged into the whole body.
		if (isPlainObject(value)) Object.assign(target, deepMerge(target, value));
		return;
	}
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (!isPlainObject(node[key])) node[key] = {};
		node = node[key] as IDataObject;
	}
	const last = keys[keys.length - 1];
	const existing = node[last];
	node[last] =
		isPlainObject(existing) && isPlainObject(value)
			? deepMerge(existing, value)
			: (value as IDataObject);
}

/**
 * Builds the object of one group from the values the user set in its collection. Unknown
 * keys are ignored (n8n only stores the fields the collection defines); empty values are
 * left out, so an untouched group yields {}.
 */
export function buildGroupBody(
	fields: readonly BodyField[],
	values: IDataObject | undefined,
	labelPrefix: string,
): IDataObject {
	const body: IDataObject = {};
	if (!values) return body;
	if (!isPlainObject(values)) {
		throw new ParameterError(labelPrefix, 'must be an object of fields');
	}
	for (const field of fields) {
		const kind = kindOf(field);
		if (kind.type === 'flag' || !(field.property.name in values)) continue;
		const label = labelPrefix
			? `${labelPrefix} › ${field.property.displayName}`
			: field.property.displayName;
		const converted = convertValue(label, kind, values[field.property.name]);
		if (converted !== undefined) setAtPath(body, field.api, converted);
	}
	return body;
}

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
		if (field.property.required && kindOf(field).type !== 'flag' && !hasPath(body, field.api)) {
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

/** Reads the values of top-level parameters for one item, by parameter name. */
export function readTopValues(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: BodyField[],
): IDataObject {
	const top: IDataObject = {};
	for (const field of fields) {
		const { name, default: fallback } = field.property;
		top[name] = getParameter(context, name, itemIndex, fallback) as IDataObject[string];
	}
	return top;
}

/** Reads the values of the tables' parameters for one item. */
export function readBodyValues(
	context: IExecuteFunctions,
	itemIndex: number,
	tables: BodyFieldTables,
): BodyValues {
	const top = readTopValues(context, itemIndex, tables.top);
	const groups: Record<string, IDataObject> = {};
	for (const group of tables.groups ?? []) {
		groups[group.property.name] = getParameter(
			context,
			group.property.name,
			itemIndex,
			{},
		) as IDataObject;
	}
	return { top, groups };
}

// Constructors for the common field shapes (a parameter and where its value goes).

export function textField(
	api: string,
	property: Omit<INodeProperties, 'type' | 'default'>,
): BodyField {
	return { api, property: { type: 'string', default: '', ...property } };
}

/**
 * A multi-select filled from the account (documents, guardrails, their tags); an expression may
 * give an array or comma-separated values. `idList` sends an array, `csvList` the joined list.
 */
export function pickListField(
	api: string,
	list: 'idList' | 'csvList',
	property: { displayName: string; name: string; loadOptionsMethod: string; description: string },
): BodyField {
	const { loadOptionsMethod, ...rest } = property;
	return {
		api,
		kind: { type: list },
		property: { type: 'multiOptions', typeOptions: { loadOptionsMethod }, default: [], ...rest },
	};
}

/** Tags (`tags`), typed comma-separated and sent as Tavus's comma-separated list. */
export function tagsField(placeholder: string, description: string): BodyField {
	return {
		api: 'tags',
		kind: { type: 'csvList' },
		property: {
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder,
			description,
		},
	};
}

/** A URL (checked as http(s) before sending). */
export function urlField(
	api: string,
	property: Omit<INodeProperties, 'type' | 'default'>,
): BodyField {
	return { api, kind: { type: 'url' }, property: { type: 'string', default: '', ...property } };
}

export function enumField(
	api: string,
	values: readonly string[],
	property: Omit<INodeProperties, 'type' | 'options'>,
	labels: Record<string, string> = {},
): BodyField {
	return { api, property: { type: 'options', options: enumOptions(values, labels), ...property } };
}

export function booleanField(api: string, property: Omit<INodeProperties, 'type'>): BodyField {
	return { api, property: { type: 'boolean', ...property } };
}

export function textListField(
	api: string,
	property: Omit<INodeProperties, 'type' | 'default'>,
): BodyField {
	return {
		api,
		property: {
			type: 'string',
			default: [],
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Entry' },
			...property,
		},
	};
}

export function jsonField(
	api: string,
	type: 'jsonObject' | 'jsonArray' | 'tools',
	property: Omit<INodeProperties, 'type' | 'default'>,
): BodyField {
	return {
		api,
		// jsonObject and jsonArray follow from the default; tools are validated as such.
		...(type === 'tools' ? { kind: { type } } : {}),
		property: { type: 'json', default: type === 'jsonObject' ? '{}' : '[]', ...property },
	};
}

/** Callback URL (`callback_url`): where Tavus POSTs status updates. */
export function callbackUrlField(options: {
	description: string;
	placeholder?: string;
	required?: boolean;
}): BodyField {
	return urlField('callback_url', {
		displayName: 'Callback URL',
		name: 'callbackUrl',
		...(options.required ? { required: true } : {}),
		placeholder: options.placeholder ?? 'e.g. the Production URL of a Tavus Trigger node',
		description: options.description,
	});
}

/** The escape hatch: an object deep-merged into the request body last. */
export function extraBodyField(
	description = 'Fields the node does not offer yet, deep-merged into the request body last (they win over the fields above)',
	placeholder?: string,
): BodyField {
	return {
		api: '',
		property: {
			displayName: 'Extra Body Fields (JSON)',
			name: 'extraBody',
			type: 'json',
			default: '{}',
			...(placeholder ? { placeholder } : {}),
			description,
		},
	};
}
