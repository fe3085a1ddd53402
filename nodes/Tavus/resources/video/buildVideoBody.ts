import type { IDataObject } from 'n8n-workflow';
import { isPlainObject, ParameterError, requireExactlyOne } from '../../validation';
import { videoTables } from './fields';
import { type BodyValues, buildBodyFromTables } from '../../fields/bodyFields';

const SCROLL_KEYS: Record<string, string> = {
	background_scroll: 'Scroll',
	background_scroll_type: 'Scroll Type',
	background_scroll_depth: 'Scroll Depth',
	background_scroll_return: 'After Scrolling',
};

/**
 * The body of POST /v2/videos (Generate). Pure: no n8n context, no HTTP. Applies the rules
 * Tavus documents: a replica, exactly one of script / audio_url, one background at most, a
 * transparent background only with fast rendering, scrolling options only with a website.
 */
export function buildVideoBody(values: BodyValues): IDataObject {
	const body = buildBodyFromTables(videoTables, values);
	requireExactlyOne([body.script !== undefined, body.audio_url !== undefined], {
		labels: ['Script', 'Audio URL'],
		missingHint:
			'Set Script (the words the replica says) or Audio URL (a .wav or .mp3 file the replica speaks).',
		bothHint: 'Tavus speaks either a text script or an audio file; clear one of the two fields.',
	});
	if (body.background_url !== undefined && body.background_source_url !== undefined) {
		throw new ParameterError(
			'Additional Fields › Background Website URL and Background Video URL',
			'cannot be used together: set only one of them',
		);
	}
	if (body.transparent_background === true && body.fast !== true) {
		throw new ParameterError(
			'Additional Fields › Transparent Background',
			'needs Fast Rendering on',
			'Tavus renders a transparent background only with its fast rendering: add Fast Rendering and turn it on.',
		);
	}
	const properties = body.properties;
	if (isPlainObject(properties) && body.background_url === undefined) {
		const scroll = Object.keys(properties).find((key) => key in SCROLL_KEYS);
		if (scroll) {
			throw new ParameterError(
				`Background Scrolling › ${SCROLL_KEYS[scroll]}`,
				'needs Additional Fields › Background Website URL',
				'Scrolling applies to a recorded website only; set Background Website URL or remove the scrolling options.',
			);
		}
	}
	return body;
}
