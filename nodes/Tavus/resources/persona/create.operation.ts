import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import { maskPersonaSecrets } from '../../transport/secrets';
import { buildForItem } from '../common';
import { operationOption } from '../operationOption';
import { buildPersonaBody } from './buildPersonaBody';
import { readPersonaParameters, readTopLevelCore } from './fields';
import { attachAfterWrite, readToolIds } from './palTools';

// Its fields (the persona's own, the layers, Additional Fields) are shared with Create or
// Update and Update: see index.ts.
export const option = operationOption(
	'create',
	'persona',
	'Create a persona (PAL): system prompt, default replica and the LLM, TTS, STT, perception and conversational-flow layers. Returns persona_id.',
);

export const properties = [];

/** The body of a new persona from the item's parameters (Create and Create or Update). */
export async function readNewPersona(
	context: IExecuteFunctions,
	itemIndex: number,
	check: (body: IDataObject) => void = () => {},
): Promise<IDataObject> {
	const parameters = await readPersonaParameters(
		context,
		itemIndex,
		readTopLevelCore(context, itemIndex),
	);
	return buildForItem(context, itemIndex, () => {
		const body = buildPersonaBody(parameters, { requireSystemPrompt: true });
		check(body);
		return body;
	});
}

/** POST /v2/personas; Tavus's answer with provider keys masked. */
export async function createPersona(
	context: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await tavusApiRequest.call(context, {
		method: 'POST',
		path: '/v2/personas',
		body,
		itemIndex,
		creates: 'persona',
	});
	return maskPersonaSecrets(response.body as IDataObject);
}

/**
 * POST /v2/personas, then the Tools (if any) to /v2/pals/{id}/tools. Both are read and checked
 * before anything is sent. Under n8n's Retry On Fail a persona created by an earlier try is not
 * created again (transport/once.ts): a failed attach is what the rerun sends again.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await readNewPersona(this, itemIndex);
	const toolIds = readToolIds(this, itemIndex);
	const persona = await createPersona(this, body, itemIndex);
	return await attachAfterWrite(this, itemIndex, toolIds, persona, 'created');
}
