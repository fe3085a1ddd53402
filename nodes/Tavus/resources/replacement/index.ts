import { type BodyField, type BodyFieldTables, textField, urlField } from '../../fields/bodyFields';
import { idProperty } from '../../fields/common';
import { type IdParameter, jobAdditionalFields, jobResource } from '../crud';

const replacementIdParameter: IdParameter = {
	property: idProperty({
		name: 'replacementId',
		displayName: 'Replacement ID',
		placeholder: 'e.g. w0108f2d24k2a',
		description:
			'The replacement_id, e.g. {{ $json.replacement_id }} from a Replacement Create node',
	}),
};

const top: BodyField[] = [
	urlField('original_video_url', {
		displayName: 'Original Video URL',
		name: 'originalVideoUrl',
		required: true,
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/video.mp4',
		description: 'The publicly reachable video (e.g. a presigned S3 URL) whose words are replaced',
	}),
	textField('new_transcript', {
		displayName: 'New Transcript',
		name: 'newTranscript',
		typeOptions: { rows: 4 },
		required: true,
		placeholder: "e.g. Hello John, I'm excited to show you our new product!",
		description:
			'The edited transcript: the text of the Transcription of this video with the words changed that should be replaced',
	}),
	{
		api: 'transcription_id',
		kind: { type: 'id' },
		property: {
			displayName: 'Transcription ID',
			name: 'transcriptionId',
			type: 'string',
			default: '',
			placeholder: 'e.g. t0108f2d24k2a',
			description:
				'The transcription_id of the original transcript (Transcription → Create); Tavus compares it with New Transcript to find the words to replace',
		},
	},
];

const additionalFields = jobAdditionalFields('replacement', {
	displayName: 'Replacement Name',
	name: 'replacementName',
	placeholder: 'e.g. Personalised for John',
});

const tables: BodyFieldTables = { top, groups: [additionalFields] };

export const replacement = jobResource({
	option: {
		name: 'Replacement',
		value: 'replacement',
		description: 'Replace words in an existing video using an edited transcript (legacy Tavus API)',
	},
	noun: 'replacement',
	path: '/v2/replacements',
	id: replacementIdParameter,
	idKey: 'replacement_id',
	tables,
	descriptions: {
		create:
			'Replace words in an existing video: give the video URL and the edited transcript (from a Transcription of that video). Returns replacement_id with status started. Tavus marks the Replacements API as no longer supported.',
		delete:
			'Delete a word replacement request by replacement_id. Tavus marks the Replacements API as no longer supported.',
		get: 'Get one word replacement request by replacement_id with its status (started, completed, error). Tavus marks the Replacements API as no longer supported.',
		getAll:
			'List the account’s word replacement requests, one item per request. Tavus marks the Replacements API as no longer supported.',
	},
});
