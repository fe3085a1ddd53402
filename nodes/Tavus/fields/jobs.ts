import { type BodyField, urlField } from './bodyFields';

/** The video a legacy job (Lipsync, Replacement) works on; `description` says what it does to it. */
export function originalVideoUrlField(description: string): BodyField {
	return urlField('original_video_url', {
		displayName: 'Original Video URL',
		name: 'originalVideoUrl',
		required: true,
		placeholder: 'e.g. https://my-bucket.s3.amazonaws.com/video.mp4',
		description,
	});
}
