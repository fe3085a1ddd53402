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
import { voiceLocator } from '../voice/voiceField';

const REPLICA_MODELS = ['phoenix-4', 'phoenix-3'] as const;

/** Top-level parameters of Create (POST /v2/faces). */
const replicaTopFields: BodyField[] = [
	urlField('train_video_url', {
		displayName: 'Train Video URL',
		name: 'trainVideoUrl',
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/training.mp4',
		description:
			'A publicly reachable training video of the person (e.g. a presigned S3 URL). Unless a Consent Video URL is set, it must open with the Tavus consent statement. Set either Train Video URL or Train Image URL.',
	}),
	urlField('train_image_url', {
		displayName: 'Train Image URL',
		name: 'trainImageUrl',
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/portrait.png',
		description:
			'A publicly reachable image to train the replica (Face) from, instead of a video. Needs a Voice. Set either Train Video URL or Train Image URL.',
	}),
	{
		// Read by buildReplicaBody (voice_name): a picker value, not a Tavus ID.
		api: 'voice_name',
		kind: { type: 'flag' },
		property: voiceLocator({
			name: 'voice',
			displayName: 'Voice',
			description:
				'The Tavus stock voice the replica speaks with. Required with Train Image URL (optional with a video). Pick it, or type a voice_name such as anna.',
		}),
	},
	textField('face_name', {
		displayName: 'Replica Name',
		name: 'replicaName',
		placeholder: 'e.g. Rio',
		description: 'A name for the replica (Face), sent as face_name',
	}),
];

const replicaAdditionalFields: BodyFieldGroup = {
	api: '',
	property: {
		displayName: 'Additional Fields',
		name: 'additionalFields',
	},
	fields: [
		urlField('consent_video_url', {
			displayName: 'Consent Video URL',
			name: 'consentVideoUrl',
			placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/consent.mp4',
			description:
				'A separate video with only the spoken consent statement, when the training video does not open with it',
		}),
		{
			api: 'model_name',
			property: {
				displayName: 'Model Name',
				name: 'modelName',
				type: 'options',
				options: enumOptions(REPLICA_MODELS, {
					'phoenix-4': 'Phoenix 4',
					'phoenix-3': 'Phoenix 3',
				}),
				default: 'phoenix-4',
				description:
					'The Phoenix model to train with (Tavus default: Phoenix 4). For a model this list does not have, set Custom Model Name instead.',
			},
		},
		textField('model_name', {
			displayName: 'Custom Model Name',
			name: 'customModelName',
			placeholder: 'e.g. a model Tavus added after this node',
			description:
				'Any model_name, sent as typed, for a model the Model Name list does not have. Set Model Name or this, not both.',
		}),
		callbackUrlField({
			description:
				'Where Tavus POSTs {replica_id, status} when training is finished (ready) or failed (error). Training takes hours.',
			placeholder: 'e.g. the Production URL of a Webhook node',
		}),
		{
			api: 'properties.background_green_screen',
			property: {
				displayName: 'Green Screen Background',
				name: 'backgroundGreenScreen',
				type: 'boolean',
				default: false,
				description: 'Whether the replica gets a green screen background',
			},
		},
		{
			api: 'auto_fix_training_image',
			property: {
				displayName: 'Auto-Fix Training Image',
				name: 'autoFixTrainingImage',
				type: 'boolean',
				default: false,
				description:
					'Whether Tavus’s AI Image Fixer adjusts the training image to its requirements (image training only)',
			},
		},
		extraBodyField('Fields the node does not offer yet, deep-merged into the request body last'),
	],
};

export const replicaTables: BodyFieldTables = {
	top: replicaTopFields,
	groups: [replicaAdditionalFields],
};

export const replicaNameProperty: INodeProperties = {
	displayName: 'New Name',
	name: 'newName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Rio',
	description: 'The new name (face_name, the replica_name of older workflows)',
};
