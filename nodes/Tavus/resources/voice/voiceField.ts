import type { INodeProperties } from 'n8n-workflow';
import { locatorValue } from '../../fields/bodyFields';
import { tavusLocator } from '../../fields/locators';
import { isEmptyValue, ParameterError, toText } from '../../validation';

const VOICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A voice picker: Tavus stock voices by name (GET /v2/voices), or a voice name typed in. */
export function voiceLocator(options: {
	name: string;
	displayName: string;
	description: string;
}): INodeProperties {
	return tavusLocator({
		...options,
		noun: 'voice',
		searchListMethod: 'searchVoices',
		example: 'anna',
		typedMode: {
			displayName: 'By Name',
			name: 'name',
			regex: VOICE_NAME.source,
			errorMessage: 'A voice name is a slug of letters, digits, "-", "_" and ".", like anna',
		},
	});
}

/** A voice_name from a picker value or an expression; undefined when empty. */
export function toVoiceName(field: string, value: unknown): string | undefined {
	const raw = locatorValue(value);
	if (isEmptyValue(raw)) return undefined;
	const text = toText(field, raw).trim();
	if (!VOICE_NAME.test(text) || text.length > 100) {
		throw new ParameterError(
			field,
			`"${text.length > 60 ? text.slice(0, 60) + '…' : text}" is not a voice name (voice names are slugs like anna; see Voice → Get Many)`,
		);
	}
	return text;
}
