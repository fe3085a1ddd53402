import type { INodeProperties } from 'n8n-workflow';

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]*$';

/** A picker for a Tavus object: a searchable list of the account's objects, or an ID. */
export function tavusLocator(options: {
	name: string;
	displayName: string;
	/** What the object is called in descriptions, e.g. "replica (Face)". */
	noun: string;
	searchListMethod: string;
	example: string;
	required?: boolean;
	description?: string;
	/** The typed-in mode when it is not a Tavus ID (e.g. a voice by name). */
	typedMode?: { displayName: string; name: string; regex: string; errorMessage: string };
}): INodeProperties {
	const typed = options.typedMode ?? {
		displayName: 'By ID',
		name: 'id',
		regex: ID_PATTERN,
		errorMessage: 'A Tavus ID has only letters, digits, "-" and "_"',
	};
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required,
		description:
			options.description ??
			`The ${options.noun}. Pick it from the list, or give its ID (e.g. from a previous node: {{ $json.id }}).`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${options.noun}...`,
				typeOptions: {
					searchListMethod: options.searchListMethod,
					searchable: true,
				},
			},
			{
				displayName: typed.displayName,
				name: typed.name,
				type: 'string',
				placeholder: `e.g. ${options.example}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: typed.regex, errorMessage: typed.errorMessage },
					},
				],
			},
		],
	};
}

/** What a `tavusLocator` of one kind of object says and searches with. */
export interface LocatorOptions {
	noun: string;
	searchListMethod: string;
	example: string;
}

/** A kind of object's locator settings: its noun, its listSearch method and an example ID. */
export function locatorOptions(
	noun: string,
	searchListMethod: string,
	example: string,
): LocatorOptions {
	return { noun, searchListMethod, example };
}

export const replicaLocatorOptions = locatorOptions(
	'replica (Face)',
	'searchReplicas',
	'r79e1c033f',
);
export const personaLocatorOptions = locatorOptions('persona (PAL)', 'searchPersonas', 'p5317866');
