import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { requestOptionsField } from './fields/options';
import {
	searchDeployments,
	searchPersonas,
	searchReplicas,
	searchTools,
} from './methods/listSearch';
import {
	getDocuments,
	getDocumentTags,
	getGuardrails,
	getGuardrailTags,
	searchDocuments,
	searchGuardrails,
	searchGuardrailSets,
	searchObjectives,
	searchPronunciationDictionaries,
} from './methods/listSearchKnowledge';
import { searchVideos, searchVoices } from './methods/listSearchMedia';
import { searchSkills } from './methods/listSearchSkills';
import { resourceProperties } from './resources';
import { route } from './router';

export class Tavus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tavus',
		name: 'tavus',
		icon: { light: 'file:../../icons/tavus.svg', dark: 'file:../../icons/tavus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and manage Tavus personas (PALs), replicas (Faces), conversations, deployments, personalized videos, tools, objectives, guardrails and knowledge-base documents',
		defaults: {
			name: 'Tavus',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'tavusApi',
				required: true,
			},
		],
		properties: [...resourceProperties(), requestOptionsField],
	};

	methods = {
		listSearch: {
			searchPersonas,
			searchReplicas,
			searchVideos,
			searchVoices,
			searchDocuments,
			searchGuardrails,
			searchGuardrailSets,
			searchObjectives,
			searchPronunciationDictionaries,
			searchTools,
			searchDeployments,
			searchSkills,
		},
		loadOptions: {
			getDocuments,
			getDocumentTags,
			getGuardrails,
			getGuardrailTags,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
