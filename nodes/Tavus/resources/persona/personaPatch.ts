import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import { personaAdditionalFields, personaCoreFields, personaLayers } from '../../fields/persona';
import { buildJsonPatch, escapePointerKey, type PatchOperation } from '../../jsonPatch';
import { isSecretKey, MASK, maskLayerValue } from '../../transport/secrets';
import { isPlainObject } from '../../validation';

function pointerOf(apiPath: string): string {
	return apiPath
		.split('.')
		.filter((key) => key !== '')
		.map((key) => `/${escapePointerKey(key)}`)
		.join('');
}

/** Objects compared key by key when patching a persona: the layers and voice settings. */
export function isPersonaContainer(pointer: string): boolean {
	return (
		pointer === '/layers' ||
		/^\/layers\/[^/]+$/.test(pointer) ||
		pointer === '/layers/tts/voice_settings'
	);
}

/** The JSON Patch that makes the current persona carry the desired values. */
export function buildPersonaPatch(
	current: IDataObject,
	desired: IDataObject,
	remove: readonly string[] = [],
): PatchOperation[] {
	// Tavus's documented persona (GET) has no pipeline_mode: a persona without one is in the
	// default full mode, so asking for "full" again is no change.
	const seen =
		current.pipeline_mode === undefined && desired.pipeline_mode === 'full'
			? { ...current, pipeline_mode: 'full' }
			: current;
	return buildJsonPatch(seen, desired, remove, isPersonaContainer);
}

/** Fields that Update can remove, from the same table that defines them. */
export function removableFieldOptions(): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = [];
	for (const field of personaCoreFields) {
		if (field.api === 'persona_name') continue;
		options.push({ name: field.property.displayName, value: pointerOf(field.api) });
	}
	for (const field of personaAdditionalFields.fields) {
		if (field.api === '') continue;
		options.push({ name: field.property.displayName, value: pointerOf(field.api) });
	}
	for (const layer of personaLayers) {
		options.push({
			name: `${layer.property.displayName} (Whole Layer)`,
			value: pointerOf(layer.api),
		});
		const seen = new Set<string>();
		for (const field of layer.fields) {
			const pointer = pointerOf(`${layer.api}.${field.api}`);
			if (seen.has(pointer)) continue;
			seen.add(pointer);
			const label = field.api === 'model' ? 'Model' : field.property.displayName;
			options.push({ name: `${layer.property.displayName} › ${label}`, value: pointer });
		}
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Unwraps GET /v2/personas/{id}: documented as {"data": [persona]}, sometimes a bare object. */
export function unwrapPersona(body: unknown): IDataObject {
	if (isPlainObject(body)) {
		if (Array.isArray(body.data)) return (body.data[0] ?? {}) as IDataObject;
		if (isPlainObject(body.data)) return body.data;
		return body;
	}
	return {};
}

const SECRET_MAP_POINTER = /\/(headers|default_query)(\/|$)/;

/**
 * A patch safe to show in the output: provider keys, secret-named values and LLM header and
 * query values masked, also inside a whole layer added at once (`/layers`, `/layers/llm`).
 */
export function maskPatch(operations: PatchOperation[]): PatchOperation[] {
	return operations.map((operation) => {
		if (!('value' in operation)) return operation;
		const last = operation.path.split('/').pop() ?? '';
		const secretPlace = isSecretKey(last) || SECRET_MAP_POINTER.test(operation.path);
		if (secretPlace && !isPlainObject(operation.value)) return { ...operation, value: MASK };
		if (secretPlace && isPlainObject(operation.value)) {
			const names = Object.keys(operation.value);
			return { ...operation, value: Object.fromEntries(names.map((name) => [name, MASK])) };
		}
		if (isPlainObject(operation.value) || Array.isArray(operation.value)) {
			return { ...operation, value: maskLayerValue(operation.value) as IDataObject };
		}
		return operation;
	});
}
