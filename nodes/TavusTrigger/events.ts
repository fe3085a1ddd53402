import type { IDataObject } from 'n8n-workflow';
import { hideUrlToken, MASK } from '../Tavus/transport/secrets';
import { isPlainObject } from '../Tavus/validation';

/**
 * Tavus callbacks and how to recognise them. Conversation callbacks carry `event_type`; the
 * guardrail, objective, replica-training, video, lipsync, document and transcription callbacks
 * have shapes of their own and no `event_type`, so they are recognised by their fields.
 * The PAL-era events (tavus-api-2026-11.md §11) are documented as conversation events; that they
 * reach callback_url is inferred, so their payloads are passed on as they come.
 */
export const TAVUS_EVENTS = [
	{
		value: 'system.replica_joined',
		name: 'Replica Joined',
		description: 'The replica joined the call',
	},
	{
		value: 'system.pal_joined',
		name: 'PAL Joined',
		description:
			'The PAL joined the call: the new name of Replica Joined, same payload. Tavus sends both, so pick one.',
	},
	{
		value: 'system.shutdown',
		name: 'Conversation Ended (Shutdown)',
		description: 'The conversation ended, with the reason',
	},
	{
		value: 'application.transcription_ready',
		name: 'Transcript Ready',
		description: 'The full transcript after the call',
	},
	{
		value: 'application.recording_ready',
		name: 'Recording Ready',
		description: 'A recording was stored in your bucket',
	},
	{
		value: 'application.recording_copy_failed',
		name: 'Recording Copy Failed',
		description: 'A recording could not be copied to your storage',
	},
	{
		value: 'application.perception_analysis',
		name: 'Perception Analysis',
		description: 'The end-of-call visual/audio analysis',
	},
	{
		value: 'application.perception_unavailable',
		name: 'Perception Unavailable',
		description:
			'Perception was on but produced no analysis, with the reason (no_vision_history, empty_summary, summary_error)',
	},
	{
		value: 'application.post_call_action_executed',
		name: 'Post-Call Action Executed',
		description:
			'A post-call tool ran after the call, with its tool name, status, request and response',
	},
	{
		value: 'canvas.interaction',
		name: 'Canvas Interaction',
		description:
			'Someone answered, skipped or dismissed a Magic Canvas card, with the interaction record',
	},
	{
		value: 'guardrail.triggered',
		name: 'Guardrail Triggered',
		description: 'A guardrail with a callback URL was triggered',
	},
	{
		value: 'objective.completed',
		name: 'Objective Completed',
		description: 'An objective with a callback URL was completed, with its output variables',
	},
	{
		value: 'replica.training_completed',
		name: 'Replica Training Completed',
		description: 'A replica finished training',
	},
	{
		value: 'replica.training_failed',
		name: 'Replica Training Failed',
		description: 'A replica failed to train',
	},
	{
		value: 'video.ready',
		name: 'Video Ready',
		description: 'A generated video is ready (hosted_url, download_url)',
	},
	{ value: 'video.failed', name: 'Video Failed', description: 'A video failed to generate' },
	{
		value: 'lipsync.completed',
		name: 'Lipsync Completed',
		description: 'A lipsync video is ready',
	},
	{ value: 'lipsync.failed', name: 'Lipsync Failed', description: 'A lipsync video failed' },
	{
		value: 'document.status',
		name: 'Document Status',
		description:
			'A knowledge-base document reports its processing status (processing, ready, error)',
	},
	{
		value: 'transcription.completed',
		name: 'Transcription Completed',
		description: 'A transcription is ready, with its text',
	},
	{
		value: 'transcription.failed',
		name: 'Transcription Failed',
		description: 'A transcription failed',
	},
] as const;

export const ALL_EVENT_VALUES: string[] = TAVUS_EVENTS.map((event) => event.value);

/**
 * Selected by default: every event but PAL Joined, which Tavus sends together with Replica
 * Joined (identical payload): with both selected every join would start the workflow twice.
 */
export const DEFAULT_EVENT_VALUES: string[] = ALL_EVENT_VALUES.filter(
	(value) => value !== 'system.pal_joined',
);

const FAILED = ['error', 'failed', 'failure'];

/** The event type of a callback body, or undefined when it is not a Tavus callback. */
export function classifyEvent(body: IDataObject): string | undefined {
	if (typeof body.event_type === 'string' && body.event_type.trim() !== '')
		return body.event_type.trim();
	const properties = isPlainObject(body.properties) ? body.properties : {};
	if (typeof body.objective_name === 'string' && 'output_variables' in body)
		return 'objective.completed';
	if (typeof properties.guardrail === 'string' || typeof properties.guardrail_uuid === 'string') {
		return 'guardrail.triggered';
	}
	const status = typeof body.status === 'string' ? body.status.toLowerCase() : undefined;
	if (typeof body.video_id === 'string' && status)
		return FAILED.includes(status) ? 'video.failed' : 'video.ready';
	if (typeof body.lipsync_id === 'string' && status) {
		return FAILED.includes(status) ? 'lipsync.failed' : 'lipsync.completed';
	}
	if (typeof body.document_id === 'string' && status) return 'document.status';
	if (typeof body.transcription_id === 'string' && status) {
		return FAILED.includes(status) ? 'transcription.failed' : 'transcription.completed';
	}
	if (typeof body.replica_id === 'string' && status) {
		return FAILED.includes(status) ? 'replica.training_failed' : 'replica.training_completed';
	}
	return undefined;
}

/** Names (headers, auth fields) whose text values are secrets: masked in what a callback passes on. */
const SECRET_NAME =
	/^(authorization|proxy-authorization|cookie|set-cookie|x-tavus-signature)$|api[-_]?key|token|secret|password/i;

/** Header names whose values are not secrets; every other header value is masked. */
const PLAIN_HEADERS = new Set([
	'accept',
	'accept-encoding',
	'content-length',
	'content-type',
	'date',
	'host',
	'user-agent',
]);

/** A map of headers (an object, or a list of {name, value}) with every value but plain ones masked. */
function maskHeaders(headers: unknown): unknown {
	if (Array.isArray(headers)) return headers.map((entry) => maskSecrets(entry, 1, true));
	if (!isPlainObject(headers)) return maskSecrets(headers, 1);
	const masked: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) {
		masked[name] = PLAIN_HEADERS.has(name.toLowerCase()) ? value : MASK;
	}
	return masked;
}

/**
 * A post-call action's request or response (shapes not documented) with secrets masked: the
 * tool's auth travels in them (Authorization, API-key headers under any name, an OAuth token
 * answer, also inside a JSON text body). `inHeaderList`: an entry of a header list, whose
 * `value` is masked unless its `name` is a plain header.
 */
function maskSecrets(value: unknown, depth = 0, inHeaderList = false): unknown {
	if (typeof value === 'string') {
		const json = parseJsonText(value);
		if (json !== undefined) {
			// Re-written only when something was masked: the text stays as sent otherwise.
			const masked = JSON.stringify(maskSecrets(json, depth + 1));
			return masked === JSON.stringify(json) ? value : masked;
		}
		return hideUrlToken(value).replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`);
	}
	if (depth > 12) return value;
	if (Array.isArray(value)) return value.map((entry) => maskSecrets(entry, depth + 1));
	if (!isPlainObject(value)) return value;
	const nameOfEntry = typeof value.name === 'string' ? value.name : undefined;
	const masked: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (/^headers$/i.test(key)) masked[key] = maskHeaders(entry) as IDataObject[string];
		else if (SECRET_NAME.test(key) && typeof entry === 'string' && entry !== '') masked[key] = MASK;
		else if (
			key === 'value' &&
			nameOfEntry !== undefined &&
			(SECRET_NAME.test(nameOfEntry) ||
				(inHeaderList && !PLAIN_HEADERS.has(nameOfEntry.toLowerCase())))
		)
			masked[key] = MASK;
		else masked[key] = maskSecrets(entry, depth + 1) as IDataObject[string];
	}
	return masked;
}

/** A text that is a JSON object or array, parsed; undefined for any other text. */
function parseJsonText(text: string): unknown {
	const trimmed = text.trim();
	if (!/^[[{]/.test(trimmed)) return undefined;
	try {
		const parsed: unknown = JSON.parse(trimmed);
		return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
	} catch {
		return undefined;
	}
}

interface TranscriptTurn extends IDataObject {
	role: string;
	content: string;
}

/** One line per turn ("user: Hello"), skipping the system prompt Tavus sometimes puts first. */
function transcriptText(turns: TranscriptTurn[]): string {
	return turns
		.filter((turn) => turn.role !== 'system')
		.map((turn) => `${turn.role}: ${turn.content}`)
		.join('\n');
}

/**
 * The output item: the callback as received, plus fields that save users from digging:
 * `event` (also for callbacks without event_type), `conversation_id`, the transcript as an
 * array and as text, the shutdown reason (read from shutdown_reason or reason), the
 * recording, the analysis, and a video's URLs.
 */
export function shapeEvent(event: string, body: IDataObject): IDataObject {
	const properties = isPlainObject(body.properties) ? body.properties : {};
	const output: IDataObject = { ...body, event };
	// The callback URL may carry the trigger's secret token: never pass it on.
	if (typeof body.webhook_url === 'string') output.webhook_url = hideUrlToken(body.webhook_url);
	if (typeof body.conversation_id === 'string') output.conversation_id = body.conversation_id;
	if (event === 'application.transcription_ready') {
		const turns = Array.isArray(properties.transcript)
			? (properties.transcript.filter(
					(turn) =>
						isPlainObject(turn) &&
						typeof turn.role === 'string' &&
						typeof turn.content === 'string',
				) as TranscriptTurn[])
			: [];
		output.transcript = turns;
		output.transcript_text = transcriptText(turns);
	}
	if (event === 'system.shutdown') {
		const reason =
			properties.shutdown_reason ?? properties.reason ?? body.shutdown_reason ?? body.reason;
		output.shutdown_reason = typeof reason === 'string' ? reason : null;
	}
	if (event === 'application.perception_analysis' && typeof properties.analysis === 'string') {
		output.analysis = properties.analysis;
	}
	if (event === 'application.recording_ready' || event === 'application.recording_copy_failed') {
		output.recording = properties;
	}
	if (event === 'guardrail.triggered') {
		output.guardrail = properties.guardrail ?? null;
		output.guardrail_uuid = properties.guardrail_uuid ?? null;
	}
	if (event === 'application.post_call_action_executed') {
		const masked = maskSecrets(properties) as IDataObject;
		output.properties = masked;
		output.tool_name = masked.tool_name ?? null;
		output.status = masked.status ?? null;
		output.request = masked.request ?? null;
		output.response = masked.response ?? null;
	}
	if (event === 'application.perception_unavailable') {
		output.reason = typeof properties.reason === 'string' ? properties.reason : null;
	}
	if (event === 'canvas.interaction') output.interaction = properties;
	for (const key of ['replica_id', 'face_id', 'pal_id']) {
		if (typeof properties[key] === 'string' && output[key] === undefined) {
			output[key] = properties[key];
		}
	}
	return output;
}
