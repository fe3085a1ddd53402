import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { verboseQuery } from '../../fields/common';
import type { TavusOperation, TavusResource } from '../../types';
import { deleteOperation, getOperation, listOperation, readId, renameOperation } from '../crud';
import { videoIdParameter, videoNameProperty, videoVerboseProperty } from './fields';
import * as generate from './generate.operation';
import { readVideoWait, videoWaitProperties, waitForVideo } from './waitForVideo';

const getVideo = getOperation({
	option: operationOption(
		'get',
		'video',
		'Get one video by video_id with its status (queued, generating, ready, error, deleted) and, once ready, download_url, stream_url and hosted_url. Can wait until it is ready.',
	),
	id: videoIdParameter,
	path: (id) => `/v2/videos/${id}`,
	extraProperties: [videoVerboseProperty],
	query: verboseQuery,
});

/** Get, optionally polling until the video is ready (the GET itself is crud's). */
const get: TavusOperation = {
	option: getVideo.option,
	properties: [...getVideo.properties, ...videoWaitProperties()],
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
	option: {
		name: 'Video',
		value: 'video',
		description: 'A generated video of a replica (Face) speaking a script or an audio file',
	},
	defaultOperation: 'generate',
	operations: [
		deleteOperation({
			option: operationOption(
				'delete',
				'video',
				'Delete a generated video by video_id (optionally with all its assets, irreversibly)',
			),
			id: videoIdParameter,
			path: (id) => `/v2/videos/${id}`,
			idKey: 'video_id',
			hardDelete: true,
		}),
		generate,
		get,
		// GET /v2/videos pages are 0-based (the OpenAPI: "0-indexed, default 0").
		listOperation({
			option: operationOption(
				'getAll',
				'video',
				'List the account’s generated videos with their status and links, one item per video',
			),
			path: '/v2/videos',
			firstPage: 0,
		}),
		renameOperation({
			option: operationOption('rename', 'video', 'Change the video_name of a video by video_id'),
			id: videoIdParameter,
			path: (id) => `/v2/videos/${id}/name`,
			idKey: 'video_id',
			nameKey: 'video_name',
			nameProperty: videoNameProperty,
		}),
	],
};
