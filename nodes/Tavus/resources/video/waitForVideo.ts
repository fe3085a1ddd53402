import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { tavusApiRequest } from '../../transport/request';
import { isPlainObject } from '../../validation';
import {
	readWaitSettings,
	type WaitDefaults,
	waitProperties,
	waitUntil,
	type WaitSettings,
} from '../../wait';

const VIDEO_WAIT: WaitDefaults = { maxWait: 600, pollInterval: 10 };

/** Wait Until Ready, Max Wait, Poll Interval for videos (Generate, Get). */
export function videoWaitProperties() {
	return waitProperties('video', 'ready', VIDEO_WAIT);
}

/** Reads and checks one item's wait settings; throws (naming field and item) before any request. */
export function readVideoWait(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	return readWaitSettings(context, itemIndex, VIDEO_WAIT);
}

const status = (video: IDataObject) => String(video.status ?? 'unknown');

function details(video: IDataObject): string {
	for (const key of ['status_details', 'error_details']) {
		const value = video[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return 'Tavus gave no status_details';
}

/**
 * Polls GET /v2/videos/{id} until the video is `ready` (→ returned) or `error`/`deleted`
 * (→ an item error naming status_details), bounded by the settings' Max Wait.
 */
export async function waitForVideo(
	context: IExecuteFunctions,
	itemIndex: number,
	videoId: string,
	settings: WaitSettings,
	options: { initial?: IDataObject; verbose: boolean; fetch?: () => Promise<IDataObject> },
): Promise<IDataObject> {
	const fetch =
		options.fetch ??
		(async () => {
			const response = await tavusApiRequest.call(context, {
				method: 'GET',
				path: `/v2/videos/${videoId}`,
				qs: options.verbose ? { verbose: true } : undefined,
				itemIndex,
			});
			return (isPlainObject(response.body) ? response.body : {}) as IDataObject;
		});
	return await waitUntil<IDataObject>(context, {
		fetch,
		initial: options.initial,
		isDone: (video) => video.status === 'ready',
		isFailed: (video) => video.status === 'error' || video.status === 'deleted',
		describe: (video) => `Video ${videoId} is still '${status(video)}'`,
		describeFailure: (video) =>
			`Video ${videoId} ended in status '${status(video)}': ${details(video)}`,
		failureHint:
			'Tavus could not generate this video. Check the script or audio file and the replica, then generate it again.',
		timeoutHint:
			'Tavus is still working on the video. Raise Max Wait (Seconds), or turn Wait Until Ready off and read the video later with Video → Get (or let Tavus call a Callback URL).',
		maxWaitMs: settings.maxWaitMs,
		intervalMs: settings.intervalMs,
		itemIndex,
	});
}
