import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import { maskPersonaSecrets } from '../../transport/secrets';
import type { OperationOption } from '../../types';
import { buildForItem } from '../common';
import { buildPersonaBody } from './buildPersonaBody';
import { readPersonaParameters, readTopLevelCore } from './fields';

// Its fields (the persona's own, the layers, Additional Fields) are shared with Create or
// Update and Update: see index.ts.
export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a persona',
	description:
		'Create a persona (PAL): system prompt, default replica and the LLM, TTS, STT, perception and conversational-flow layers. Returns persona_id.',
};

export const properties = [];

/** POST /v2/personas with the body built from the item's parameters. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const parameters = await readPersonaParameters(
		this,
		itemIndex,
		readTopLevelCore(this, itemIndex),
	);
	const body = buildForItem(this, itemIndex, () =>
		buildPersonaBody(parameters, {
			requireSystemPrompt: true,
		}),
	);
	const response = await tavusApiRequest.call(this, {
		method: 'POST',
		path: '/v2/personas',
		body,
		itemIndex,
		creates: 'persona',
	});
	return maskPersonaSecrets(response.body as IDataObject);
}
