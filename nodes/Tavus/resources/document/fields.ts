import type { INodeProperties } from 'n8n-workflow';
import {
	type BodyField,
	type BodyFieldGroup,
	callbackUrlField,
	tagsField,
	urlField,
} from '../../fields/bodyFields';
import { listFilters } from '../../fields/listFilters';
import { tavusLocator } from '../../fields/locators';
import { documentLocatorOptions } from '../../methods/listSearchKnowledge';
import { type WaitDefaults, waitProperties } from '../../wait';
import type { IdParameter } from '../crud';

export const DOCUMENT_STATUSES = ['started', 'processing', 'ready', 'error', 'recrawling'] as const;

/** The document an operation works on (Get, Update, Delete, Recrawl). */
export const documentIdParameter: IdParameter = {
	property: tavusLocator({
		...documentLocatorOptions,
		name: 'document',
		displayName: 'Document',
		required: true,
		description:
			'The knowledge base document. Pick it from the list, or give its document_id, e.g. {{ $json.document_id }}.',
	}),
};

export const documentUrlField: BodyField = urlField('document_url', {
	displayName: 'Document URL',
	name: 'documentUrl',
	required: true,
	placeholder: 'e.g. https://docs.example.com/ or https://example.com/handbook.pdf',
	description:
		'A public URL of a file (pdf, txt, docx, doc, png, jpg, pptx, csv, xlsx; up to 50 MB, English) or a website. Tavus downloads and processes it in the background.',
});

export const documentNameField: BodyField = {
	api: 'document_name',
	property: {
		displayName: 'Document Name',
		name: 'documentName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Company Handbook',
		description:
			'A name for the document (Tavus makes one up when empty). Create or Update finds the document by it.',
	},
};

export const crawlFields: BodyField[] = [
	{
		api: 'crawl.depth',
		property: {
			displayName: 'Crawl Depth',
			name: 'crawlDepth',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 1,
			description:
				'For a website: how many links deep to follow from the URL (1–10). Setting Crawl Depth or Crawl Max Pages crawls several pages into one document; Tavus allows 100 crawled documents and 5 crawls at a time.',
		},
	},
	{
		api: 'crawl.max_pages',
		property: {
			displayName: 'Crawl Max Pages',
			name: 'crawlMaxPages',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 10,
			description: 'For a website: the most pages to crawl (1–100)',
		},
	},
];

export const documentTagsField = tagsField(
	'e.g. onboarding, pricing',
	'Labels for the document (comma-separated). A persona or conversation with Document Tags gets every document carrying one of them.',
);

export const documentAdditionalFields: BodyFieldGroup = {
	api: '',
	property: { displayName: 'Additional Fields', name: 'additionalFields' },
	fields: [
		callbackUrlField({
			description:
				'Where Tavus POSTs status updates while the document is processed (started, processing, ready, error)',
			placeholder: 'e.g. https://your-server.com/webhook',
		}),
		...crawlFields,
		documentTagsField,
	],
};

/** Recrawl: depth and pages for this crawl only (the stored settings otherwise). */
export const recrawlOverride: BodyFieldGroup = {
	api: '',
	property: {
		displayName: 'Crawl Override',
		name: 'crawlOverride',
		placeholder: 'Add Setting',
		description:
			'Depth and pages for this recrawl only; without them the settings the document was created with are used',
	},
	fields: crawlFields,
};

export const documentUpdateFields: BodyFieldGroup = {
	api: '',
	property: {
		displayName: 'Update Fields',
		name: 'updateFields',
		description:
			'The fields to change. Tags replace all of the document’s tags (Tags left empty removes them all).',
	},
	fields: [documentNameField, documentTagsField],
};

/** Get Many: Name or ID, Sort, Status and Tags. */
export const documentFilters: INodeProperties = listFilters({
	plural: 'documents',
	nameOrId: {
		displayName: 'Name or ID',
		placeholder: 'e.g. handbook or d8-5c71baca86fc',
		description: 'Only documents whose name contains this text, or with this document_id',
	},
	sortDescription: 'Order of the results by creation date',
	extra: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: DOCUMENT_STATUSES.map((value) => ({
				name: value[0].toUpperCase() + value.slice(1),
				value,
			})),
			default: 'ready',
			description: 'Only documents with this processing status',
		},
	],
	tagsMethod: 'getDocumentTags',
});

/** Max Wait and Poll Interval defaults of documents. */
export const DOCUMENT_WAIT: WaitDefaults = { maxWait: 900, pollInterval: 10 };

/** Wait Until Processed, Max Wait, Poll Interval (Create, Create or Update, Recrawl). */
export function documentWaitProperties(): INodeProperties[] {
	const [wait, ...rest] = waitProperties('document', 'ready', DOCUMENT_WAIT);
	return [
		{
			...wait,
			displayName: 'Wait Until Processed',
			description:
				"Whether to poll the document until Tavus has processed it (status 'ready', or 'error') and output it then, instead of right away. Conversations can only use ready documents.",
		},
		...rest,
	];
}
