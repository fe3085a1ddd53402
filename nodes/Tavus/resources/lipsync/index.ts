import { type BodyField, type BodyFieldTables, urlField } from '../../fields/bodyFields';
import { idProperty } from '../../fields/common';
import { type IdParameter, jobAdditionalFields, jobResource } from '../crud';

const lipsyncIdParameter: IdParameter = {
	property: idProperty({
		name: 'lipsyncId',
		displayName: 'Lipsync ID',
		placeholder: 'e.g. wf85407a7ba9d',
		description: 'The lipsync_id, e.g. {{ $json.lipsync_id }} from a Lipsync Create node',
	}),
};

const top: BodyField[] = [
	urlField('original_video_url', {
		displayName: 'Original Video URL',
		name: 'originalVideoUrl',
		required: true,
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/video.mp4',
		description:
			'The publicly reachable video (e.g. a presigned S3 URL) whose speaker is re-synced',
	}),
	urlField('source_audio_url', {
		displayName: 'Source Audio URL',
		name: 'sourceAudioUrl',
		required: true,
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/audio.mp3',
		description: 'The publicly reachable audio file the mouth movements are synced to',
	}),
];

const additionalFields = jobAdditionalFields('lipsync', {
	displayName: 'Lipsync Name',
	name: 'lipsyncName',
	placeholder: 'e.g. Spanish dub',
});

const tables: BodyFieldTables = { top, groups: [additionalFields] };

export const lipsync = jobResource({
	option: {
		name: 'Lipsync',
		value: 'lipsync',
		description: 'Re-sync the mouth movements in a video to new audio (legacy Tavus API)',
	},
	noun: 'lipsync',
	path: '/v2/lipsync',
	id: lipsyncIdParameter,
	idKey: 'lipsync_id',
	tables,
	descriptions: {
		create:
			'Re-sync the mouth movements of the speaker in a video to a new audio file (both as URLs). Returns lipsync_id with status started; the result video_url appears on Get once completed. Tavus marks the Lipsync API as no longer supported.',
		delete:
			'Delete a lipsync request by lipsync_id. Tavus marks the Lipsync API as no longer supported.',
		get: 'Get one lipsync request by lipsync_id with its status (started, completed, error) and, once completed, video_url. Tavus marks the Lipsync API as no longer supported.',
		getAll:
			'List the account’s lipsync requests, one item per request. Tavus marks the Lipsync API as no longer supported.',
	},
});
