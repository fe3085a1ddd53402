import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getParameter } from '../parameters';

/** Return All + Limit, the n8n convention for every Get Many. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** A plain Tavus ID parameter (used where no picker exists). */
export function idProperty(options: {
	name: string;
	displayName: string;
	placeholder: string;
	description: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: options.placeholder,
		description: options.description,
	};
}

/** The boolean "verbose" parameter of a Get: asks Tavus for the fields it leaves out by default. */
export function verboseProperty(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'verbose', type: 'boolean', default: false, description };
}

/** The query of a Get with a `verboseProperty`: `{ verbose: true }` when it is on. */
export function verboseQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return getParameter(context, 'verbose', itemIndex, false) ? { verbose: true } : {};
}

/** A Get Many's "Filters" collection. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** An Update's "Update Fields" collection: the fields it may change. */
export function updateFieldsCollection(
	description: string,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options,
	};
}

/**
 * A Get Many filter between the account's own objects and Tavus's stock ones, e.g. Persona Type.
 * `noun` is capitalised (Persona), `plural` is how descriptions say them (personas).
 */
export function stockTypeFilter(
	noun: string,
	plural: string,
	userDescription: string,
): INodeProperties {
	return {
		displayName: `${noun} Type`,
		name: `${noun.toLowerCase()}Type`,
		type: 'options',
		options: [
			{ name: 'User', value: 'user', description: userDescription },
			{ name: 'System', value: 'system', description: `Tavus stock ${plural}` },
		],
		default: 'user',
		description: `Whether to list your own ${plural} or Tavus stock ${plural}`,
	};
}

/** One choice of an options parameter: [label, value]. */
type Choice = [name: string, value: string];

/** A "Sort" parameter of two orders; the first is the default. */
export function sortProperty(orders: [Choice, Choice], description: string): INodeProperties {
	const [first, second] = orders.map(([name, value]) => ({ name, value }));
	const firstValue = first.value;
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [first, second],
		default: firstValue,
		description,
	};
}
