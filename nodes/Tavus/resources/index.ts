import type { INodeProperties } from 'n8n-workflow';
import type { TavusResource } from '../types';
import { conversation } from './conversation';
import { document } from './document';
import { guardrail } from './guardrail';
import { lipsync } from './lipsync';
import { objective } from './objective';
import { persona } from './persona';
import { pronunciationDictionary } from './pronunciationDictionary';
import { replacement } from './replacement';
import { replica } from './replica';
import { transcription } from './transcription';
import { video } from './video';
import { voice } from './voice';

/** Every resource of the Tavus node, by its Resource value. */
export const resources: Record<string, TavusResource> = {
	persona,
	conversation,
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
			name: 'Document',
			value: 'document',
			description:
				'A knowledge base document (file or website) that personas and conversations can draw on',
		},
		{
			name: 'Guardrail',
			value: 'guardrail',
			description:
				'A behavioural boundary a persona keeps (individual guardrails, or legacy guardrail sets)',
		},
		{
			name: 'Lipsync',
			value: 'lipsync',
			description: 'Re-sync the mouth movements in a video to new audio (legacy Tavus API)',
		},
		{
			name: 'Objective',
			value: 'objective',
			description:
				'A set of objectives a conversation works through, each with a prompt and what follows',
		},
		{
			name: 'Persona',
			value: 'persona',
			description:
				'A persona (PAL in the Tavus app): how the replica thinks, speaks, sees and listens',
		},
		{
			name: 'Pronunciation Dictionary',
			value: 'pronunciationDictionary',
			description: 'Rules for how a persona’s voice says brand names and terms',
		},
		{
			name: 'Replacement',
			value: 'replacement',
			description:
				'Replace words in an existing video using an edited transcript (legacy Tavus API)',
		},
		{
			name: 'Replica',
			value: 'replica',
			description: 'A replica (Face in the Tavus app): the face and voice a persona speaks through',
		},
		{
			name: 'Transcription',
			value: 'transcription',
			description: 'Speech-to-text of a video file',
		},
		{
			name: 'Video',
			value: 'video',
			description: 'A generated video of a replica (Face) speaking a script or an audio file',
		},
		{
			name: 'Voice',
			value: 'voice',
			description: 'A Tavus stock voice, used to train a replica (Face) from an image',
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
