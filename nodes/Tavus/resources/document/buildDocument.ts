import type { IDataObject } from 'n8n-workflow';
import { buildGroupBody } from '../../fields/bodyFields';
import { isEmptyValue, ParameterError, requireChanges } from '../../validation';
import {
	documentAdditionalFields,
	documentNameField,
	documentUpdateFields,
	documentUrlField,
	recrawlOverride,
} from './fields';

/** The body of POST /v2/documents. Pure: no n8n context, no HTTP. */
export function buildDocumentBody(
	core: IDataObject,
	additionalFields: IDataObject | undefined,
): IDataObject {
	const body = buildGroupBody([documentUrlField, documentNameField], core, '');
	if (isEmptyValue(body.document_url)) {
		throw new ParameterError('Document URL', 'is required', 'A public URL of a file or a website.');
	}
	Object.assign(
		body,
		buildGroupBody(documentAdditionalFields.fields, additionalFields, 'Additional Fields'),
	);
	return body;
}

/** The body of POST /v2/documents/{id}/recrawl: `{crawl}` or nothing. */
export function buildRecrawlBody(override: IDataObject | undefined): IDataObject | undefined {
	const body = buildGroupBody(recrawlOverride.fields, override, 'Crawl Override');
	return Object.keys(body).length ? body : undefined;
}

/** The body of PATCH /v2/documents/{id} (name and tags; tags replace the current ones). */
export function buildDocumentUpdate(updateFields: IDataObject | undefined): IDataObject {
	const body = buildGroupBody(documentUpdateFields.fields, updateFields, 'Update Fields');
	// Tags added but left empty: remove every tag.
	if (updateFields && 'tags' in updateFields && body.tags === undefined) body.tags = [];
	return requireChanges(body, {
		field: 'Update Fields',
		reason: 'has no field to change',
		hint: 'Add Document Name or Tags.',
	});
}

function sameTags(a: unknown, b: unknown): boolean {
	const list = (value: unknown) => (Array.isArray(value) ? value.map(String).sort() : []);
	const left = list(a);
	const right = list(b);
	return left.length === right.length && left.every((tag, index) => tag === right[index]);
}

/** What Create or Update changes on a document found by name: its tags, when given and different. */
export function documentChanges(current: IDataObject, desired: IDataObject): IDataObject {
	const changes: IDataObject = {};
	if (desired.tags !== undefined && !sameTags(current.tags, desired.tags))
		changes.tags = desired.tags;
	return changes;
}
