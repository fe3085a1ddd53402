import type { INodeProperties } from 'n8n-workflow';
import {
	type BodyField,
	type BodyFieldGroup,
	type BodyFieldTables,
	callbackUrlField,
	enumOptions,
	extraBodyField,
	textField,
	urlField,
} from '../../fields/bodyFields';
import { verboseProperty } from '../../fields/common';
import { replicaLocatorOptions, tavusLocator } from '../../fields/locators';
import type { IdParameter } from '../crud';

/** The video an operation works on (Get, Rename, Delete). */
export const videoIdParameter: IdParameter = {
	property: tavusLocator({
		noun: 'video',
		searchListMethod: 'searchVideos',
		example: '8a4f94e736',
		name: 'video',
		displayName: 'Video',
		required: true,
		description:
			'The video. Pick it from the list, or give its video_id, e.g. {{ $json.video_id }} from a Video Generate node.',
	}),
};

const SCROLL_TYPES = ['human', 'smooth'] as const;
const SCROLL_DEPTHS = ['middle', 'bottom'] as const;
const SCROLL_RETURNS = ['return', 'halt'] as const;

/** Top-level parameters of Generate (POST /v2/videos). */
export const videoTopFields: BodyField[] = [
	{
		api: 'replica_id',
		property: tavusLocator({
			...replicaLocatorOptions,
			name: 'replica',
			displayName: 'Replica',
			required: true,
			description:
				'The replica (Face in the Tavus app) who speaks in the video. Pick it, or give its replica_id, e.g. r90bbd427f71 (Anna, a Tavus stock replica).',
		}),
	},
	textField('script', {
		displayName: 'Script',
		name: 'script',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{ $json.name }}, thanks for signing up!',
		description:
			'The words the replica says, as plain text (Tavus turns it into speech in the replica’s voice). Set either Script or Audio URL, not both.',
	}),
	urlField('audio_url', {
		displayName: 'Audio URL',
		name: 'audioUrl',
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/voice-over.mp3',
		description:
			'A publicly reachable .wav or .mp3 file (e.g. a presigned S3 URL) used as the video’s speech instead of a Script. Set either Script or Audio URL, not both.',
	}),
	textField('video_name', {
		displayName: 'Video Name',
		name: 'videoName',
		placeholder: 'e.g. Welcome video for Ada',
		description: 'A name for the video, shown in the Tavus app and in Get Many',
	}),
];

/** Additional Fields of Generate: background, callback, rendering, watermark. */
export const videoAdditionalFields: BodyFieldGroup = {
	api: '',
	property: {
		displayName: 'Additional Fields',
		name: 'additionalFields',
	},
	fields: [
		urlField('background_url', {
			displayName: 'Background Website URL',
			name: 'backgroundUrl',
			placeholder: 'e.g. https://example.com/pricing',
			description:
				'A public website that Tavus records (scrolling, see Background Scrolling) and puts behind the replica. Use this or Background Video URL.',
		}),
		urlField('background_source_url', {
			displayName: 'Background Video URL',
			name: 'backgroundSourceUrl',
			placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/background.mp4',
			description:
				'A publicly reachable video file (e.g. a presigned S3 URL) put behind the replica. Use this or Background Website URL.',
		}),
		callbackUrlField({
			description:
				'Where Tavus POSTs the video object when generation is finished (status ready or error)',
			placeholder: 'e.g. the Production URL of a Webhook node',
		}),
		{
			api: 'fast',
			property: {
				displayName: 'Fast Rendering',
				name: 'fast',
				type: 'boolean',
				default: false,
				description:
					'Whether to use Tavus’s bare-bones fast rendering: quicker, but without backgrounds, thumbnails and stream URL',
			},
		},
		{
			api: 'transparent_background',
			property: {
				displayName: 'Transparent Background',
				name: 'transparentBackground',
				type: 'boolean',
				default: false,
				description:
					'Whether to render a .webm video with a transparent background (needs Fast Rendering on)',
			},
		},
		urlField('watermark_image_url', {
			displayName: 'Watermark Image URL',
			name: 'watermarkImageUrl',
			placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/logo.png',
			description: 'A publicly reachable PNG or JPEG image shown as a watermark on the video',
		}),
		extraBodyField('Fields the node does not offer yet, deep-merged into the request body last'),
	],
};

/** `properties` of Generate: how a recorded website scrolls, the opening wave. */
export const videoProperties: BodyFieldGroup = {
	api: 'properties',
	property: {
		displayName: 'Background Scrolling',
		name: 'videoProperties',
		placeholder: 'Add Option',
		description:
			'How the recorded website (Background Website URL) scrolls, and whether the replica waves first',
	},
	fields: [
		{
			api: 'background_scroll',
			property: {
				displayName: 'Scroll',
				name: 'backgroundScroll',
				type: 'boolean',
				default: true,
				description:
					'Whether the website scrolls down during the video (off: it shows the top of the page). Tavus default: on.',
			},
		},
		{
			api: 'background_scroll_type',
			property: {
				displayName: 'Scroll Type',
				name: 'backgroundScrollType',
				type: 'options',
				options: enumOptions(SCROLL_TYPES, { human: 'Human', smooth: 'Smooth' }),
				default: 'human',
				description:
					'Human: scrolls like a person, pausing now and then (Tavus default). Smooth: scrolls at an even pace without stopping.',
			},
		},
		{
			api: 'background_scroll_depth',
			property: {
				displayName: 'Scroll Depth',
				name: 'backgroundScrollDepth',
				type: 'options',
				options: enumOptions(SCROLL_DEPTHS, { middle: 'Middle', bottom: 'Bottom' }),
				default: 'middle',
				description: 'How far down the page it scrolls (Tavus default: Middle)',
			},
		},
		{
			api: 'background_scroll_return',
			property: {
				displayName: 'After Scrolling',
				name: 'backgroundScrollReturn',
				type: 'options',
				options: enumOptions(SCROLL_RETURNS, { return: 'Return', halt: 'Halt' }),
				default: 'return',
				description:
					'Return: scroll back up once the depth is reached (Tavus default). Halt: stay there.',
			},
		},
		{
			api: 'start_with_wave',
			property: {
				displayName: 'Start With Wave',
				name: 'startWithWave',
				type: 'boolean',
				default: true,
				description:
					'Whether the video opens with the replica waving (only some stock replicas support it). Tavus default: on.',
			},
		},
	],
};

export const videoTables: BodyFieldTables = {
	top: videoTopFields,
	// Additional Fields last: its Extra Body Fields (JSON) are merged into the body last.
	groups: [videoProperties, videoAdditionalFields],
};

export const videoVerboseProperty = verboseProperty(
	'Verbose',
	'Whether to include the thumbnail image and GIF links (still_image_thumbnail_url, gif_thumbnail_url)',
);

export const videoNameProperty: INodeProperties = {
	displayName: 'New Name',
	name: 'newName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Sales demo, final',
	description: 'The new video_name',
};
