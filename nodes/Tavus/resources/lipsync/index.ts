import { type BodyField, urlField } from '../../fields/bodyFields';
import { originalVideoUrlField } from '../../fields/jobs';
import { jobResource } from '../crud';

const top: BodyField[] = [
	originalVideoUrlField(
		'The publicly reachable video (e.g. a presigned S3 URL) whose speaker is re-synced',
	),
	urlField('source_audio_url', {
		displayName: 'Source Audio URL',
		name: 'sourceAudioUrl',
		required: true,
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/audio.mp3',
		description: 'The publicly reachable audio file the mouth movements are synced to',
	}),
];

export const lipsync = jobResource({
	noun: 'lipsync',
	description: 'Re-sync the mouth movements in a video to new audio (legacy Tavus API)',
	path: '/v2/lipsync',
	examples: { id: 'e.g. wf85407a7ba9d', name: 'e.g. Spanish dub' },
	top,
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
