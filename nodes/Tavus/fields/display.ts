import type { INodeProperties } from 'n8n-workflow';

/** Scopes properties to a resource's operations (adds displayOptions.show). */
export function showFor(
	resource: string,
	operations: string[],
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: {
				...property.displayOptions?.show,
				resource: [resource],
				operation: operations,
			},
		},
	}));
}
