import { personaLocatorOptions, tavusLocator } from '../../fields/locators';
import type { IdParameter } from '../crud';

/** The persona an operation works on (Get, Update, Delete). */
export const personaIdParameter: IdParameter = {
	property: tavusLocator({
		...personaLocatorOptions,
		name: 'persona',
		displayName: 'Persona',
		required: true,
	}),
};
