import type { INodeProperties } from 'n8n-workflow';
import { showFor } from '../fields/display';
import type { OperationExecute, TavusResource } from '../types';
import { conversation } from './conversation';
import { deployment } from './deployment';
import { document } from './document';
import { guardrail } from './guardrail';
import { lipsync } from './lipsync';
import { objective } from './objective';
import { persona } from './persona';
import { pronunciationDictionary } from './pronunciationDictionary';
import { replacement } from './replacement';
import { replica } from './replica';
import { skill } from './skill';
import { tool } from './tool';
import { transcription } from './transcription';
import { video } from './video';
import { voice } from './voice';

/** Every resource of the Tavus node, in the order their fields are listed. */
export const resources: TavusResource[] = [
	persona,
	conversation,
	deployment,
	replica,
	video,
	voice,
	lipsync,
	replacement,
	transcription,
	document,
	guardrail,
	objective,
	pronunciationDictionary,
	tool,
	skill,
];

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The Resource dropdown: one entry per resource, A to Z. */
function resourceProperty(): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => resource.option).sort(byName),
		default: 'persona',
	};
}

/** A resource's Operation dropdown: its operations' entries, A to Z. */
function operationProperty(resource: TavusResource): INodeProperties {
	const { defaultOperation } = resource;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.option.value] } },
		options: resource.operations.map((operation) => operation.option).sort(byName),
		default: defaultOperation,
	};
}

/**
 * The node's properties: Resource, then per resource its Operation dropdown, the shared fields
 * marked `first`, each operation's fields shown for that operation, and the other shared fields.
 */
export function resourceProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [resourceProperty()];
	for (const resource of resources) {
		const value = resource.option.value;
		const shared = (first: boolean) =>
			(resource.shared ?? [])
				.filter((group) => (group.first ?? false) === first)
				.flatMap((group) => showFor(value, group.operations, group.properties));
		properties.push(operationProperty(resource), ...shared(true));
		for (const operation of resource.operations) {
			properties.push(...showFor(value, [operation.option.value], operation.properties));
		}
		properties.push(...shared(false));
	}
	return properties;
}

const table = new Map<string, OperationExecute>();
for (const resource of resources) {
	for (const operation of resource.operations) {
		table.set(`${resource.option.value}:${operation.option.value}`, operation.execute);
	}
}

/** The execute of an operation, or undefined for a resource/operation pair the node lacks. */
export function findOperation(resource: string, operation: string): OperationExecute | undefined {
	return table.get(`${resource}:${operation}`);
}
