import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { groupProperty, readTopValues } from '../../fields/bodyFields';
import { personaAdditionalFields, personaCoreFields, personaLayers } from '../../fields/persona';
import { connectionOf } from '../../transport/request';
import type { PersonaParameters } from './buildPersonaBody';
import { getParameter } from '../../parameters';

/** The persona's own fields as top-level parameters (Create, Create or Update). */
export function personaCoreProperties(): INodeProperties[] {
	return personaCoreFields.map((field) => field.property);
}

/** The layer collections and Additional Fields, shared by Create, Update and Create or Update. */
export function personaGroupProperties(): INodeProperties[] {
	return [...personaLayers, personaAdditionalFields].map(groupProperty);
}

/** Reads one item's persona parameters (top-level core fields, layers, additional fields). */
export async function readPersonaParameters(
	context: IExecuteFunctions,
	itemIndex: number,
	core: IDataObject,
): Promise<PersonaParameters> {
	const layers: Record<string, IDataObject | undefined> = {};
	for (const layer of personaLayers) {
		layers[layer.property.name] = getParameter(
			context,
			layer.property.name,
			itemIndex,
			{},
		) as IDataObject;
	}
	// true, or "true" from an expression (buildPersonaBody refuses anything else, naming the field).
	const wantsKey = (layer: IDataObject | undefined) =>
		String(layer?.apiKeyFromCredential ?? '')
			.trim()
			.toLowerCase() === 'true';
	let providerKeys: PersonaParameters['providerKeys'];
	if (wantsKey(layers.llmLayer) || wantsKey(layers.ttsLayer)) {
		const credentials = (await connectionOf(context, itemIndex)).credentials.data;
		providerKeys = {
			llm: typeof credentials.llmApiKey === 'string' ? credentials.llmApiKey : undefined,
			tts: typeof credentials.ttsApiKey === 'string' ? credentials.ttsApiKey : undefined,
		};
	}
	return {
		core,
		layers,
		additionalFields: getParameter(context, 'additionalFields', itemIndex, {}) as IDataObject,
		providerKeys,
	};
}

/** Reads the top-level core fields of one item (Create, Create or Update). */
export function readTopLevelCore(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return readTopValues(context, itemIndex, personaCoreFields);
}
