import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { getParameter } from '../../parameters';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { isPlainObject } from '../../validation';
import { buildForItem } from '../common';
import { conferencingUsername } from './buildPersonaBody';

export const option: OperationOption = {
	name: 'Check Conferencing Username',
	value: 'checkUsername',
	action: 'Check a conferencing username',
	description:
		'Whether a Google Meet username (&lt;username&gt;@tavusinvite.com, the Conferencing Layer’s Username) is still free. Returns username, available and, when it is not, reason.',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. anna',
		description:
			'The username to check (the part before @tavusinvite.com). Checked against Tavus’s rules first and sent lowercase: Tavus compares usernames without regard to case.',
	},
];

/** GET /v2/pals/check-username?username=… → {username, available, reason?}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const raw = getParameter(this, 'username', itemIndex, '');
	const username = buildForItem(this, itemIndex, () => conferencingUsername('Username', raw));
	const response = await tavusApiRequest.call(this, {
		method: 'GET',
		path: '/v2/pals/check-username',
		qs: { username },
		itemIndex,
	});
	const answer = isPlainObject(response.body) ? response.body : {};
	return {
		username,
		available: answer.available,
		...(answer.reason !== undefined && answer.reason !== null ? { reason: answer.reason } : {}),
	};
}
