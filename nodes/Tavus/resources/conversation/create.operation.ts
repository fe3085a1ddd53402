import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { groupProperty, readTopValues } from '../../fields/bodyFields';
import {
	conversationAdditionalFields,
	conversationProperties,
	conversationTopFields,
} from '../../fields/conversation';
import { tavusApiRequest } from '../../transport/request';
import { buildForItem } from '../common';
import { buildConversationBody } from './buildConversationBody';
import { getParameter } from '../../parameters';

export const option = operationOption(
	'create',
	'conversation',
	'Start a live video conversation with a persona and replica. Returns conversation_url, the link a person opens to join.',
);

export const properties = [
	...conversationTopFields.map((field) => field.property),
	groupProperty(conversationAdditionalFields),
	groupProperty(conversationProperties),
];

/** POST /v2/conversations; the output carries conversation_url (and meeting_token when private). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const top = readTopValues(this, itemIndex, conversationTopFields);
	const body = buildForItem(this, itemIndex, () =>
		buildConversationBody({
			top,
			additionalFields: getParameter(this, 'additionalFields', itemIndex, {}) as IDataObject,
			properties: getParameter(this, 'conversationProperties', itemIndex, {}) as IDataObject,
		}),
	);
	const response = await tavusApiRequest.call(this, {
		method: 'POST',
		path: '/v2/conversations',
		body,
		itemIndex,
		creates: 'conversation',
	});
	return response.body as IDataObject;
}
