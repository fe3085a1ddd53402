/**
 * Tool calls the way Tavus delivers them to an API-delivered tool (reference §4.2–4.4, §5):
 *
 * - the body: Tavus's shape for HMAC tools is not documented; the guess (§4.3) is
 *   {"tool_call_id","conversation_id","name","arguments":"<JSON string>"}. Other auth types and
 *   post-call actions send what the tool's body_template produced (any JSON object).
 * - the auth Tavus adds: hmac → X-Tavus-Signature: hex(HMAC-SHA256(secret, raw body bytes)),
 *   lowercase, no prefix, no timestamp; bearer → Authorization: Bearer <token>; api_key →
 *   <name>: <value> (or ?<name>=<value>).
 *
 * `toolCallRequest` builds the input of `harness.runWebhook`; `sendToolCall` posts the same
 * request to a real URL (an n8n Production URL).
 */
import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { WebhookRequestInput } from './engine';

export type ToolAuth =
	| { type: 'none' }
	| {
			type: 'hmac';
			secret: string;
			/** header value as is (e.g. a wrong or prefixed one) */ signature?: string;
	  }
	| { type: 'bearer'; token: string }
	| { type: 'api_key'; name: string; value: string; location?: 'header' | 'query' };

export interface TavusToolCall {
	name: string;
	arguments: IDataObject;
	toolCallId?: string;
	conversationId?: string;
	/** Send arguments as a JSON string (Tavus's guessed shape, default) or as an object. */
	argumentsAs?: 'string' | 'object';
}

/** hex(HMAC-SHA256(secret, raw body bytes)), lowercase: X-Tavus-Signature. */
export function signToolCall(secret: string, rawBody: string | Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** The guessed Tavus-shape body of an HMAC-delivered tool call. */
export function tavusToolCallBody(call: TavusToolCall): IDataObject {
	return {
		tool_call_id: call.toolCallId ?? 'call_9f8e7d6c5b4a',
		conversation_id: call.conversationId ?? 'c123456',
		name: call.name,
		arguments: call.argumentsAs === 'object' ? call.arguments : JSON.stringify(call.arguments),
	};
}

export interface ToolCallRequest {
	headers: Record<string, string>;
	query: Record<string, string>;
	/** The exact bytes sent (and signed). */
	body: string;
}

/** Headers, query and raw body of a call with the auth Tavus adds. */
export function buildToolCall(body: IDataObject | string, auth: ToolAuth): ToolCallRequest {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const query: Record<string, string> = {};
	switch (auth.type) {
		case 'hmac':
			headers['x-tavus-signature'] = auth.signature ?? signToolCall(auth.secret, raw);
			break;
		case 'bearer':
			headers.authorization = `Bearer ${auth.token}`;
			break;
		case 'api_key':
			if (auth.location === 'query') query[auth.name] = auth.value;
			else headers[auth.name.toLowerCase()] = auth.value;
			break;
		case 'none':
			break;
	}
	return { headers, query, body: raw };
}

/** The call as `harness.runWebhook` input (the raw body is sent byte for byte). */
export function toolCallRequest(body: IDataObject | string, auth: ToolAuth): WebhookRequestInput {
	const call = buildToolCall(body, auth);
	return { method: 'POST', headers: call.headers, query: call.query, body: call.body };
}

/** Posts the call to a real URL; answers status, parsed JSON (when it is) and the raw text. */
export async function sendToolCall(
	url: string,
	body: IDataObject | string,
	auth: ToolAuth,
): Promise<{ status: number; json: unknown; text: string }> {
	const call = buildToolCall(body, auth);
	const target = new URL(url);
	for (const [key, value] of Object.entries(call.query)) target.searchParams.set(key, value);
	const response = await fetch(target, { method: 'POST', headers: call.headers, body: call.body });
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}
