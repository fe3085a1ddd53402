import { type BodyField, callbackUrlField, urlField } from '../../fields/bodyFields';
import { jobResource } from '../crud';

const top: BodyField[] = [
	urlField('file_url', {
		displayName: 'File URL',
		name: 'fileUrl',
		required: true,
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/video.mp4',
		description: 'The publicly reachable video (e.g. a presigned S3 URL) to transcribe',
	}),
	callbackUrlField({
		description:
			'Where Tavus POSTs when the transcription is completed or failed (Tavus requires it)',
		placeholder: 'e.g. the Production URL of a Webhook node',
		required: true,
	}),
];

export const transcription = jobResource({
	noun: 'transcription',
	description: 'Speech-to-text of a video file',
	path: '/v2/transcriptions',
	examples: { id: 'e.g. t0108f2d24k2a' },
	top,
	descriptions: {
		create:
			'Transcribe the speech of a video file (by URL) to text. Returns transcription_id with status started; the text appears on Get once completed, and Tavus calls the Callback URL.',
		delete: 'Delete a transcription by transcription_id',
		get: 'Get one transcription by transcription_id with its status (started, completed, error) and, once completed, the transcribed text',
		getAll: 'List the account’s transcriptions with their text, one item per transcription',
	},
});
