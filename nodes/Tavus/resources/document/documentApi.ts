import { createObject } from '../crud';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { groupProperty, readBodyValues } from '../../fields/bodyFields';
import { nameSearchList } from '../../fields/listFilters';
import { DOCUMENTS } from '../../methods/listSearchKnowledge';
import { tavusApiRequest } from '../../transport/request';
import { isPlainObject } from '../../validation';
import { waitUntil, type WaitSettings } from '../../wait';
import { buildForItem } from '../common';
import type { NamedList } from '../upsert';
import { buildDocumentBody } from './buildDocument';
import { documentAdditionalFields, documentNameField, documentUrlField } from './fields';

export const additionalFieldsProperty = groupProperty(documentAdditionalFields);

/** Documents by document_name (0-based pages, server-side name search narrows the pages). */
export const documentList = (name: string): NamedList => nameSearchList(DOCUMENTS, name);

/** Reads and checks one item's document (Create, Create or Update). */
export function readDocument(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const { top, groups } = readBodyValues(context, itemIndex, {
		top: [documentUrlField, documentNameField],
		groups: [documentAdditionalFields],
	});
	return buildForItem(context, itemIndex, () => buildDocumentBody(top, groups?.additionalFields));
}

export async function createDocument(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await createObject(context, '/v2/documents', 'document', body, itemIndex);
}

const status = (document: IDataObject) => String(document.status ?? 'unknown');

/**
 * Polls GET /v2/documents/{id} until the document is `ready` (→ returned) or `error` (→ an item
 * error naming Tavus's error code), bounded by Max Wait.
 */
export async function waitForDocument(
	context: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	settings: WaitSettings,
	initial?: IDataObject,
): Promise<IDataObject> {
	return await waitUntil<IDataObject>(context, {
		fetch: async () => {
			const response = await tavusApiRequest.call(context, {
				method: 'GET',
				path: `/v2/documents/${documentId}`,
				itemIndex,
			});
			return (isPlainObject(response.body) ? response.body : {}) as IDataObject;
		},
		initial,
		isDone: (document) => document.status === 'ready',
		isFailed: (document) => document.status === 'error',
		describe: (document) => `Document ${documentId} is still '${status(document)}'`,
		describeFailure: (document) =>
			`Document ${documentId} ended in status 'error': ${typeof document.error_message === 'string' && document.error_message ? document.error_message : 'Tavus gave no error_message'}`,
		failureHint:
			'Tavus could not process the document (e.g. file_download_failed, file_format_unsupported, file_size_too_large). Check that the URL is public and the file is a supported format under 50 MB, then create it again or recrawl it.',
		timeoutHint:
			'Tavus is still processing the document. Raise Max Wait (Seconds), or turn Wait Until Processed off and read the document later with Document → Get (or let Tavus call a Callback URL).',
		maxWaitMs: settings.maxWaitMs,
		intervalMs: settings.intervalMs,
		itemIndex,
	});
}
