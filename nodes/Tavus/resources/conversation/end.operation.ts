import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import { readId } from '../crud';
import { conversationIdParameter } from './conversationId';

export const option = operationOption(
	'end',
	'conversation',
	'End a running conversation by conversation_id; the replica leaves the call',
);

export const properties = [conversationIdParameter.property];

/** POST /v2/conversations/{id}/end. Ending twice ends once, so it is retried like a read. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const conversationId = readId(this, itemIndex, conversationIdParameter);
	await tavusApiRequest.call(this, {
		method: 'POST',
		path: `/v2/conversations/${conversationId}/end`,
		itemIndex,
		idempotent: true,
		alreadyDoneStatuses: [400, 404],
	});
	return { ended: true, conversation_id: conversationId };
}
