import type { IDataObject } from 'n8n-workflow';
import { buildReplicaBody } from '../../nodes/Tavus/resources/replica/buildReplicaBody';
import { buildVideoBody } from '../../nodes/Tavus/resources/video/buildVideoBody';
import { type BodyValues, buildBodyFromTables } from '../../nodes/Tavus/fields/bodyFields';
import { ParameterError } from '../../nodes/Tavus/validation';

const anna = { __rl: true, mode: 'list', value: 'r90bbd427f71' };

function video(top: IDataObject, groups: Record<string, IDataObject> = {}): BodyValues {
	return { top: { replica: anna, script: '', audioUrl: '', videoName: '', ...top }, groups };
}

function replica(top: IDataObject, groups: Record<string, IDataObject> = {}): BodyValues {
	return {
		top: {
			trainVideoUrl: '',
			trainImageUrl: '',
			voice: { mode: 'list', value: '' },
			replicaName: '',
			...top,
		},
		groups,
	};
}

function refusal(build: () => unknown): string {
	let caught: unknown;
	try {
		build();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(ParameterError);
	return (caught as ParameterError).message;
}

describe('buildVideoBody (pure)', () => {
	it('builds the documented example body', () => {
		expect(
			buildVideoBody(
				video(
					{ script: 'Hi, this is my first video.', videoName: 'My First Video' },
					{ additionalFields: { backgroundUrl: 'https://yourwebsite.com/' } },
				),
			),
		).toStrictEqual({
			replica_id: 'r90bbd427f71',
			script: 'Hi, this is my first video.',
			video_name: 'My First Video',
			background_url: 'https://yourwebsite.com/',
		});
	});

	it('keeps a script as typed (no trimming of the words)', () => {
		expect(buildVideoBody(video({ script: '  Hello  ' })).script).toBe('  Hello  ');
	});

	it('accepts transparent background with fast rendering, and scrolling with a website', () => {
		expect(
			buildVideoBody(
				video(
					{ script: 'x' },
					{
						additionalFields: {
							fast: true,
							transparentBackground: true,
							backgroundUrl: 'https://example.com',
						},
						videoProperties: { backgroundScroll: false },
					},
				),
			),
		).toMatchObject({
			fast: true,
			transparent_background: true,
			properties: { background_scroll: false },
		});
	});

	it('leaves false booleans in (they differ from the Tavus defaults)', () => {
		expect(
			buildVideoBody(
				video(
					{ script: 'x' },
					{ additionalFields: { fast: false }, videoProperties: { startWithWave: false } },
				),
			),
		).toStrictEqual({
			replica_id: 'r90bbd427f71',
			script: 'x',
			fast: false,
			properties: { start_with_wave: false },
		});
	});

	it.each([
		[video({}), 'Script or Audio URL: is required'],
		[
			video({ script: 'x', audioUrl: 'https://example.com/a.wav' }),
			'Script and Audio URL: cannot be used together: set only one of them',
		],
		[video({ replica: { mode: 'id', value: '' }, script: 'x' }), 'Replica: is required'],
		[
			video({ script: 'x' }, { additionalFields: { transparentBackground: true, fast: false } }),
			'Additional Fields › Transparent Background: needs Fast Rendering on',
		],
		[
			video({ script: 'x' }, { videoProperties: { backgroundScrollReturn: 'halt' } }),
			'Background Scrolling › After Scrolling: needs Additional Fields › Background Website URL',
		],
	])('refuses %#', (values, message) => {
		expect(refusal(() => buildVideoBody(values))).toBe(message);
	});
});

describe('buildReplicaBody (pure)', () => {
	it('builds the documented "Image to Replica" example', () => {
		expect(
			buildReplicaBody(
				replica(
					{
						trainImageUrl:
							'https://my-example-bucket.s3.us-east-1.amazonaws.com/your-train-image.png',
						voice: { mode: 'list', value: 'anna' },
						replicaName: 'Image Replica',
					},
					{
						additionalFields: {
							callbackUrl: 'https://yourwebsite.com/webhook',
							autoFixTrainingImage: true,
						},
					},
				),
			),
		).toStrictEqual({
			callback_url: 'https://yourwebsite.com/webhook',
			face_name: 'Image Replica',
			train_image_url: 'https://my-example-bucket.s3.us-east-1.amazonaws.com/your-train-image.png',
			voice_name: 'anna',
			auto_fix_training_image: true,
		});
	});

	it('takes a voice name from an expression (a plain string)', () => {
		expect(
			buildReplicaBody(replica({ trainImageUrl: 'https://example.com/a.png', voice: ' felix ' }))
				.voice_name,
		).toBe('felix');
	});

	it('lets Extra Body Fields override the picker', () => {
		expect(
			buildReplicaBody(
				replica(
					{ trainImageUrl: 'https://example.com/a.png', voice: 'anna' },
					{ additionalFields: { extraBody: '{"voice_name": "emma"}' } },
				),
			).voice_name,
		).toBe('emma');
	});

	it.each([
		[replica({}), 'Train Video URL or Train Image URL: is required'],
		[
			replica({
				trainVideoUrl: 'https://example.com/v.mp4',
				trainImageUrl: 'https://example.com/a.png',
				voice: 'anna',
			}),
			'Train Video URL and Train Image URL: cannot be used together: set only one of them',
		],
		[
			replica({ trainImageUrl: 'https://example.com/a.png' }),
			'Voice: is required when training from an image (Train Image URL)',
		],
		[
			replica({ trainImageUrl: 'https://example.com/a.png', voice: 'an/na' }),
			'Voice: "an/na" is not a voice name (voice names are slugs like anna; see Voice → Get Many)',
		],
	])('refuses %#', (values, message) => {
		expect(refusal(() => buildReplicaBody(values))).toBe(message);
	});
});

describe('buildBodyFromTables (pure)', () => {
	it('names a required top-level field that is empty', () => {
		const tables = {
			top: [
				{
					api: 'file_url',
					kind: { type: 'url' as const },
					property: {
						displayName: 'File URL',
						name: 'fileUrl',
						type: 'string' as const,
						required: true,
						default: '',
					},
				},
			],
		};
		expect(refusal(() => buildBodyFromTables(tables, { top: { fileUrl: '' } }))).toBe(
			'File URL: is required',
		);
		expect(
			buildBodyFromTables(tables, { top: { fileUrl: 'https://example.com/v.mp4' } }),
		).toStrictEqual({ file_url: 'https://example.com/v.mp4' });
	});
});
