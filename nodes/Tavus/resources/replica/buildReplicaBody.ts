import type { IDataObject } from 'n8n-workflow';
import { isEmptyValue, ParameterError, requireExactlyOne } from '../../validation';
import { type BodyValues, buildBodyFromTables } from '../../fields/bodyFields';
import { toVoiceName } from '../voice/voiceField';
import { replicaTables } from './fields';

/**
 * The body of POST /v2/faces (Create). Pure: no n8n context, no HTTP. Exactly one of
 * train_video_url / train_image_url; voice_name is required with an image.
 */
export function buildReplicaBody(values: BodyValues): IDataObject {
	const additional = values.groups?.additionalFields ?? {};
	if (!isEmptyValue(additional.modelName) && !isEmptyValue(additional.customModelName)) {
		throw new ParameterError(
			'Additional Fields › Custom Model Name',
			'cannot be used together with Additional Fields › Model Name',
			'Keep Model Name for a value of the list, or Custom Model Name for any other model, not both.',
		);
	}
	const body = buildBodyFromTables(replicaTables, values);
	const voiceName = toVoiceName('Voice', values.top.voice);
	if (voiceName !== undefined && body.voice_name === undefined) body.voice_name = voiceName;
	const hasImage = body.train_image_url !== undefined;
	requireExactlyOne([body.train_video_url !== undefined, hasImage], {
		labels: ['Train Video URL', 'Train Image URL'],
		missingHint:
			'Train the replica (Face) from a video of the person, or from an image plus a Voice.',
	});
	if (hasImage && body.voice_name === undefined) {
		throw new ParameterError(
			'Voice',
			'is required when training from an image (Train Image URL)',
			'Pick a Tavus stock voice, or type a voice_name such as anna (Voice → Get Many lists them).',
		);
	}
	return body;
}
