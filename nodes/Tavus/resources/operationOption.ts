import type { OperationOption } from '../types';

const NAMES: Record<string, string> = {
	create: 'Create',
	createOrUpdate: 'Create or Update',
	delete: 'Delete',
	end: 'End',
	generate: 'Generate',
	get: 'Get',
	getAll: 'Get Many',
	recrawl: 'Recrawl',
	rename: 'Rename',
	update: 'Update',
};

const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const plural = (noun: string) => (/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`);

/**
 * The Operation-dropdown entry of a usual operation, its name and action said the same way for
 * every resource: operationOption('getAll', 'persona', '…') is "Get Many", "Get many personas".
 */
export function operationOption(
	value: keyof typeof NAMES,
	noun: string,
	description: string,
): OperationOption {
	const name = NAMES[value];
	let action = `${name} ${withArticle(noun)}`;
	if (value === 'getAll') action = `Get many ${plural(noun)}`;
	if (value === 'createOrUpdate') action = `Create or update ${withArticle(noun)} by name`;
	return { name, value, action, description };
}
