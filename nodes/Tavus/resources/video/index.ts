import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../fields/display';
import type { TavusOperation, TavusResource } from '../../types';
import { deleteOperation, getOperation, listOperation, readId, renameOperation } from '../crud';
import { verboseProperty, videoIdParameter, videoNameProperty } from './fields';
import * as generate from './generate.operation';
import { readVideoWait, videoWaitProperties, waitForVideo } from './waitForVideo';
import { getParameter } from '../../parameters';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['video'] } },
	options: [
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a video',
			description:
				'Delete a generated video by video_id (optionally with all its assets, irreversibly)',
		},
		{
			name: 'Generate',
			value: 'generate',
			action: 'Generate a video',
			description:
				'Generate a video of a replica (Face) speaking a text script or an audio file, optionally over a website or video background. Returns video_id and hosted_url; with Wait Until Ready, waits until the video is ready and returns download_url too.',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a video',
			description:
				'Get one video by video_id with its status (queued, generating, ready, error, deleted) and, once ready, download_url, stream_url and hosted_url. Can wait until it is ready.',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many videos',
			description:
				'List the account’s generated videos with their status and links, one item per video',
		},
		{
			name: 'Rename',
			value: 'rename',
			action: 'Rename a video',
			description: 'Change the video_name of a video by video_id',
		},
	],
	default: 'generate',
};

const getVideo = getOperation({
	resource: 'video',
	operation: 'get',
	id: videoIdParameter,
	path: (id) => `/v2/videos/${id}`,
	extraProperties: [verboseProperty],
	query: (context, itemIndex) =>
		getParameter(context, 'verbose', itemIndex, false) ? { verbose: true } : {},
});

/** Get, optionally polling until the video is ready (the GET itself is crud's). */
const get: TavusOperation = {
	properties: [...getVideo.properties, ...showFor('video', ['get'], videoWaitProperties())],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const wait = readVideoWait(this, itemIndex);
		const first = (await getVideo.execute.call(this, itemIndex)) as IDataObject;
		if (!wait.enabled) return first;
		const videoId = readId(this, itemIndex, videoIdParameter);
		return await waitForVideo(this, itemIndex, videoId, wait, {
			initial: first,
			verbose: false,
			fetch: async () => (await getVideo.execute.call(this, itemIndex)) as IDataObject,
		});
	},
};

export const video: TavusResource = {
	operationProperty,
	operations: {
		delete: deleteOperation({
			resource: 'video',
			operation: 'delete',
			id: videoIdParameter,
			path: (id) => `/v2/videos/${id}`,
			idKey: 'video_id',
			hardDelete: true,
		}),
		generate,
		get,
		// GET /v2/videos pages are 0-based (the OpenAPI: "0-indexed, default 0").
		getAll: listOperation({
			resource: 'video',
			operation: 'getAll',
			path: '/v2/videos',
			firstPage: 0,
		}),
		rename: renameOperation({
			resource: 'video',
			operation: 'rename',
			id: videoIdParameter,
			path: (id) => `/v2/videos/${id}/name`,
			idKey: 'video_id',
			nameKey: 'video_name',
			nameProperty: videoNameProperty,
		}),
	},
};
