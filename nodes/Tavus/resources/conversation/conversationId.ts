import { idProperty } from '../../fields/common';
import type { IdParameter } from '../crud';

export const conversationIdParameter: IdParameter = {
	property: idProperty({
		name: 'conversationId',
		displayName: 'Conversation ID',
		placeholder: 'e.g. c123456',
		description:
			'The conversation_id, e.g. {{ $json.conversation_id }} from a Conversation Create node',
	}),
};
