import type { INodeProperties } from 'n8n-workflow';
import type { TavusResource } from '../types';
import { conversation } from './conversation';
import { persona } from './persona';
import { replica } from './replica';

/** Every resource of the Tavus node, by its Resource value. */
export const resources: Record<string, TavusResource> = {
	persona,
	conversation,
	replica,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Conversation',
			value: 'conversation',
			description: 'A live video call between people and a replica driven by a persona',
		},
		{
			name: 'Persona',
			value: 'persona',
			description: 'A persona (PAL in the Tavus app): how the replica thinks, speaks, sees and listens',
		},
		{
			name: 'Replica',
			value: 'replica',
			description: 'A replica (Face in the Tavus app): the face and voice a persona speaks through',
		},
	],
	default: 'persona',
};

/** The node's properties: Resource, then each resource's Operation selector and fields. */
export function resourceProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [resourceProperty];
	for (const resource of Object.values(resources)) {
		properties.push(resource.operationProperty);
		for (const operation of Object.values(resource.operations)) {
			properties.push(...operation.properties);
		}
		properties.push(...(resource.sharedProperties ?? []));
	}
	return properties;
}
