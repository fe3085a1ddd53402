import { operationOption } from '../operationOption';
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';
import { groupProperty, readBodyValues } from '../../fields/bodyFields';
import { nodeForErrors } from '../../transport/secrets';
import { buildForItem } from '../common';
import { createObject } from '../crud';
import { buildVideoBody } from './buildVideoBody';
import { videoAdditionalFields, videoProperties, videoTables, videoTopFields } from './fields';
import { readVideoWait, videoWaitProperties, waitForVideo } from './waitForVideo';

export const option = operationOption(
	'generate',
	'video',
	'Generate a video of a replica (Face) speaking a text script or an audio file, optionally over a website or video background. Returns video_id and hosted_url; with Wait Until Ready, waits until the video is ready and returns download_url too.',
);

export const properties: INodeProperties[] = [
	...videoTopFields.map((field) => field.property),
	...videoWaitProperties(),
	groupProperty(videoAdditionalFields),
	groupProperty(videoProperties),
];

/**
 * POST /v2/videos. Outputs the new video (status 'queued'), or with Wait Until Ready the video
 * as GET ?verbose=true returns it once 'ready' (download_url, hosted_url, thumbnails).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readBodyValues(this, itemIndex, videoTables);
	const body = buildForItem(this, itemIndex, () => buildVideoBody(values));
	const wait = readVideoWait(this, itemIndex);
	const video = await createObject(this, '/v2/videos', 'video', body, itemIndex);
	if (!wait.enabled) return video;
	const videoId = typeof video.video_id === 'string' ? video.video_id : '';
	if (!videoId) {
		throw new NodeOperationError(
			nodeForErrors(this.getNode()),
			`Tavus accepted the video but returned no video_id to wait for [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return await waitForVideo(this, itemIndex, videoId, wait, { initial: video, verbose: true });
}
