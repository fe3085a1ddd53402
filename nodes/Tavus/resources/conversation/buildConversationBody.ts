import type { IDataObject } from 'n8n-workflow';
import { buildGroupBody, setAtPath } from '../../fields/bodyFields';
import {
	conversationAdditionalFields,
	conversationProperties,
	conversationTopFields,
} from '../../fields/conversation';
import { isPlainObject, ParameterError } from '../../validation';

interface ConversationParameters {
	/** persona, replica, conversationName, callbackUrl. */
	top: IDataObject;
	additionalFields?: IDataObject;
	properties?: IDataObject;
}

const STORAGE_PROVIDERS = ['s3', 'gcs', 'azure_blob'];

/**
 * The body of POST /v2/conversations. Pure: no n8n context, no HTTP. Meeting URL is checked as
 * an http(s) URL like every URL field. Enable Dynamic Greeting and Custom Greeting may go
 * together: Tavus writes a contextual greeting and falls back to a static one
 * (tavus-api-2026-11.md §9.1).
 */
export function buildConversationBody(parameters: ConversationParameters): IDataObject {
	const body = buildGroupBody(conversationTopFields, parameters.top, '');
	if (!body.replica_id && !body.persona_id) {
		throw new ParameterError(
			'Replica',
			'is required when no Persona is set',
			'Set a Replica, or a Persona that has a default replica.',
		);
	}
	const properties = buildGroupBody(
		conversationProperties.fields,
		parameters.properties,
		'Properties',
	);
	const storage = properties.recording_storage;
	if (storage !== undefined) {
		if (!isPlainObject(storage) || !STORAGE_PROVIDERS.includes(String(storage.provider))) {
			throw new ParameterError(
				'Properties › Recording Storage (JSON)',
				`needs "provider": one of ${STORAGE_PROVIDERS.join(', ')}`,
			);
		}
	}
	if (Object.keys(properties).length > 0) setAtPath(body, 'properties', properties);
	const additional = buildGroupBody(
		conversationAdditionalFields.fields,
		parameters.additionalFields,
		'Additional Fields',
	);
	setAtPath(body, '', additional);
	return body;
}
