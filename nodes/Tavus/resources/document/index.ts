import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { groupProperty } from '../../fields/bodyFields';
import { readListFilters } from '../../fields/listFilters';
import { earlierTry } from '../../transport/once';
import { tavusApiRequest } from '../../transport/request';
import { nodeForErrors } from '../../transport/secrets';
import type { TavusOperation, TavusResource } from '../../types';
import { isEmptyValue, isPlainObject, ParameterError } from '../../validation';
import { readWaitSettings, type WaitSettings } from '../../wait';
import { buildForItem } from '../common';
import { objectOperations, readId } from '../crud';
import { createOrUpdateByName } from '../upsert';
import { buildDocumentUpdate, buildRecrawlBody, documentChanges } from './buildDocument';
import {
	additionalFieldsProperty,
	createDocument,
	documentList,
	readDocument,
	waitForDocument,
} from './documentApi';
import {
	DOCUMENT_WAIT,
	documentFilters,
	documentIdParameter,
	documentNameField,
	documentUpdateFields,
	documentUrlField,
	documentWaitProperties,
	recrawlOverride,
} from './fields';
import { getParameter } from '../../parameters';

/** The document, or the finished one with Wait Until Processed (`wait`, read before the request). */
async function maybeWait(
	context: IExecuteFunctions,
	itemIndex: number,
	wait: WaitSettings,
	document: IDataObject,
	idFallback?: string,
): Promise<IDataObject> {
	if (!wait.enabled) return document;
	const documentId = typeof document.document_id === 'string' ? document.document_id : idFallback;
	if (!documentId) {
		throw new NodeOperationError(
			nodeForErrors(context.getNode()),
			`Tavus accepted the document but returned no document_id to wait for [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return await waitForDocument(
		context,
		itemIndex,
		documentId,
		wait,
		document.status ? document : undefined,
	);
}

/** The document an operation works on, and the body built from one of its collections. */
function readDocumentBody(
	context: IExecuteFunctions,
	itemIndex: number,
	collection: string,
	build: (value: IDataObject) => IDataObject | undefined,
): { documentId: string; body: IDataObject | undefined } {
	const documentId = readId(context, itemIndex, documentIdParameter);
	const value = getParameter(context, collection, itemIndex, {}) as IDataObject;
	return { documentId, body: buildForItem(context, itemIndex, () => build(value)) };
}

const create: TavusOperation = {
	option: operationOption(
		'create',
		'document',
		'Add a file or website URL to the knowledge base; Tavus processes it in the background (optionally crawling linked pages). Returns document_id, which personas and conversations take in document_ids. Can wait until it is processed.',
	),
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body = readDocument(this, itemIndex);
		const wait = readWaitSettings(this, itemIndex, DOCUMENT_WAIT);
		return await maybeWait(this, itemIndex, wait, await createDocument(this, body, itemIndex));
	},
};

const createOrUpdate: TavusOperation = {
	option: operationOption(
		'createOrUpdate',
		'document',
		'Find a document by its exact document_name and update its tags, or create it from the URL if none exists. Safe to run repeatedly: never adds the same document twice.',
	),
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const body = readDocument(this, itemIndex);
		const wait = readWaitSettings(this, itemIndex, DOCUMENT_WAIT);
		const name = buildForItem(this, itemIndex, () => {
			if (isEmptyValue(body.document_name)) {
				throw new ParameterError(
					'Document Name',
					'is required to find the document by name',
					'Create or Update matches documents by their exact name.',
				);
			}
			return String(body.document_name);
		});
		const result = await createOrUpdateByName(this, itemIndex, {
			name,
			list: documentList(name),
			update: async (documentId, existing) => {
				if (
					existing.document_url !== undefined &&
					!sameUrl(existing.document_url, body.document_url)
				) {
					throw new NodeOperationError(
						nodeForErrors(this.getNode()),
						`The document "${name}" (${documentId}) exists with another URL: ${String(existing.document_url)} [item ${itemIndex}]`,
						{
							itemIndex,
							description:
								'Tavus cannot change the URL of a document. Delete the document (Document → Delete) or give this one another name, then run again.',
						},
					);
				}
				const path = `/v2/documents/${documentId}`;
				// n8n's Retry On Fail reran the node after an earlier try of this run sent the change:
				// its answer stands; a change whose answer was lost stands when nothing differs any more.
				const earlier = earlierTry(this, itemIndex, 'PATCH', path);
				const earlierChanges = isPlainObject(earlier?.sent) ? earlier.sent : undefined;
				if (earlier?.kind === 'success' && earlierChanges) {
					const document = isPlainObject(earlier.body) ? earlier.body : existing;
					return { action: 'updated', changes: earlierChanges, document };
				}
				const changes = documentChanges(existing, body);
				if (Object.keys(changes).length === 0)
					return earlierChanges
						? { action: 'updated', changes: earlierChanges, document: existing }
						: { action: 'unchanged', changes, document: existing };
				const response = await tavusApiRequest.call(this, {
					method: 'PATCH',
					path,
					body: changes,
					itemIndex,
					// Setting a name and tags twice has the effect of once: safe to send again.
					idempotent: true,
					recomputed: true,
				});
				return {
					action: 'updated',
					changes,
					document: isPlainObject(response.body) ? response.body : existing,
				};
			},
			create: async () => await createDocument(this, body, itemIndex),
		});
		// Found: the document itself (as Create outputs it), with the action and what changed.
		const { document, ...outcome } = result;
		const output: IDataObject = isPlainObject(document) ? { ...document, ...outcome } : result;
		if (!wait.enabled) return output;
		// Waited: the finished document, with the action and what changed.
		const finished = await maybeWait(this, itemIndex, wait, output);
		return {
			...finished,
			action: output.action,
			...(output.changes !== undefined ? { changes: output.changes } : {}),
		};
	},
};

const update: TavusOperation = {
	option: operationOption(
		'update',
		'document',
		'Rename a document or replace its tags, by document_id',
	),
	properties: [documentIdParameter.property, groupProperty(documentUpdateFields)],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const { documentId, body } = readDocumentBody(
			this,
			itemIndex,
			'updateFields',
			buildDocumentUpdate,
		);
		const response = await tavusApiRequest.call(this, {
			method: 'PATCH',
			path: `/v2/documents/${documentId}`,
			body,
			itemIndex,
			// Setting a name and tags twice has the effect of once: safe to send again.
			idempotent: true,
		});
		return response.body as IDataObject;
	},
};

const recrawl: TavusOperation = {
	option: operationOption(
		'recrawl',
		'document',
		'Fetch a crawled website document again to refresh its content (the document must be ready or error; once per hour). Can wait until it is processed.',
	),
	properties: [documentIdParameter.property, groupProperty(recrawlOverride)],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const { documentId, body } = readDocumentBody(
			this,
			itemIndex,
			'crawlOverride',
			buildRecrawlBody,
		);
		const wait = readWaitSettings(this, itemIndex, DOCUMENT_WAIT);
		const response = await tavusApiRequest.call(this, {
			method: 'POST',
			path: `/v2/documents/${documentId}/recrawl`,
			body,
			itemIndex,
		});
		const document = (isPlainObject(response.body) ? response.body : {}) as IDataObject;
		return await maybeWait(this, itemIndex, wait, document, documentId);
	},
};

export const document: TavusResource = {
	option: {
		name: 'Document',
		value: 'document',
		description:
			'A knowledge base document (file or website) that personas and conversations can draw on',
	},
	defaultOperation: 'create',
	operations: [
		create,
		createOrUpdate,
		...objectOperations({
			noun: 'document',
			path: '/v2/documents',
			id: documentIdParameter,
			idKey: 'document_id',
			delete: { description: 'Delete a knowledge base document by document_id' },
			get: {
				description:
					'Get one document by document_id with its processing status (started, processing, ready, error, recrawling)',
			},
			getAll: {
				description:
					'List knowledge base documents, optionally filtered by name or ID, status and tags',
				firstPage: 0,
				filterProperties: [documentFilters],
				query: (context, itemIndex) => readListFilters(context, itemIndex, {}, ['status']),
			},
		}),
		recrawl,
		update,
	],
	shared: [
		{
			first: true,
			operations: ['create', 'createOrUpdate'],
			properties: [documentUrlField.property, documentNameField.property, additionalFieldsProperty],
		},
		{
			operations: ['create', 'createOrUpdate', 'recrawl'],
			properties: documentWaitProperties(),
		},
	],
};

/** Two URLs are the same document when they differ only in a trailing slash or letter case of the host. */
function sameUrl(a: unknown, b: unknown): boolean {
	const normal = (value: unknown) => {
		const text = String(value ?? '').trim();
		try {
			const url = new URL(text);
			return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`;
		} catch {
			return text.replace(/\/+$/, '');
		}
	};
	return normal(a) === normal(b);
}
