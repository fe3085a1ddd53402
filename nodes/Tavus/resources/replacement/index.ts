import { type BodyField, textField } from '../../fields/bodyFields';
import { originalVideoUrlField } from '../../fields/jobs';
import { jobResource } from '../crud';

const top: BodyField[] = [
	originalVideoUrlField(
		'The publicly reachable video (e.g. a presigned S3 URL) whose words are replaced',
	),
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

export const replacement = jobResource({
	noun: 'replacement',
	description: 'Replace words in an existing video using an edited transcript (legacy Tavus API)',
	path: '/v2/replacements',
	examples: { id: 'e.g. w0108f2d24k2a', name: 'e.g. Personalised for John' },
	top,
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
