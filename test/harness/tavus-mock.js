'use strict';
/**
 * Mock Tavus API server for tests (jest engine tests, e2e runs against a real n8n, benchmarks).
 *
 * Plain CommonJS, Node built-ins only. Listens on 127.0.0.1 only and never contacts anything else.
 * It follows the documented Tavus API (see /work/shared/reference/tavus-api.md and tavus-openapi.yaml;
 * the tool registry /v2/tools follows tavus-api-2026-11.md §3.1–3.7, PAL tools /v2/pals/{id}/tools §3.8,
 * skills /v2/skills and /v2/pals/{id}/skills §6)
 * strictly: wrong types, unknown fields, missing required fields and a wrong auth header are rejected
 * with the status codes and error keys (`error` vs `message`) that Tavus documents.
 *
 * Usage (library):  const { startTavusMock } = require('./tavus-mock');
 *                   const mock = await startTavusMock({ apiKey: 'k' }); ...; await mock.close();
 * Usage (CLI):      node test/harness/tavus-mock.js [--port N] [--api-key K] [--latency MS]
 *                   prints exactly one line `TAVUS_MOCK_URL=http://127.0.0.1:PORT`, serves until SIGTERM/SIGINT.
 */

const http = require('node:http');
const crypto = require('node:crypto');
const { URL } = require('node:url');

const DEFAULT_API_KEY = 'tavus-test-key';
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const HTML_502 = '<html><body><h1>502 Bad Gateway</h1></body></html>';
/**
 * Fault kinds (addFault / POST /__mock/faults):
 * - status: answer `status` with `body` (default 500 {message});
 * - reset: destroy the connection before Tavus acts (nothing is created);
 * - resetAfter: act on the request (create, delete, ...), then destroy the connection unanswered;
 * - timeout: never answer;
 * - html: an HTML page with `status` (502 by default; 200 gives an HTML 200);
 * - empty: an empty body with `status` (502 by default; 204 or 200 give an empty 2xx);
 * - redirect: answer `status` (307 by default) with Location `location`, by default the same path
 *   on the "elsewhere" server (another origin on 127.0.0.1, see `mock.elsewhere`), which records
 *   every request it gets and answers 200 with a fake object;
 * - drip: act on the request, then send the answer one byte every `intervalMs` (500 by default).
 */
const FAULT_KINDS = [
	'status',
	'reset',
	'resetAfter',
	'timeout',
	'html',
	'empty',
	'redirect',
	'drip',
];

// ---------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : structuredClone(v));
const randomHex = (n) =>
	crypto
		.randomBytes(Math.ceil(n / 2))
		.toString('hex')
		.slice(0, n);
const stableHex = (seed, n) => crypto.createHash('sha1').update(seed).digest('hex').slice(0, n);
const pad2 = (n) => String(n).padStart(2, '0');

function typeName(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number' && Number.isInteger(v)) return 'integer';
	return typeof v;
}

function deepEqual(a, b) {
	if (a === b) return true;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		return a.every((x, i) => deepEqual(x, b[i]));
	}
	if (isPlainObject(a)) {
		if (!isPlainObject(b)) return false;
		const ka = Object.keys(a);
		const kb = Object.keys(b);
		if (ka.length !== kb.length) return false;
		return ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
	}
	return false;
}

function isHttpUrl(v) {
	if (typeof v !== 'string' || v.length === 0) return false;
	try {
		const u = new URL(v);
		return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
	} catch {
		return false;
	}
}

function base64url(buf) {
	return Buffer.from(buf)
		.toString('base64')
		.replace(/=+$/, '')
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
}

/** Thrown by handlers: becomes an HTTP response. `body` undefined = no body. */
class ApiError extends Error {
	constructor(status, body, headers) {
		super(
			body && (body.error || body.message) ? String(body.error || body.message) : `HTTP ${status}`,
		);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}
const err400 = (msg) => new ApiError(400, { error: msg });
const msg400 = (msg) => new ApiError(400, { message: msg });

// ---------------------------------------------------------------------------------------------
// JSON Pointer (RFC 6901) + JSON Patch (RFC 6902)
// ---------------------------------------------------------------------------------------------

class PatchError extends Error {}

function parsePointer(ptr) {
	if (typeof ptr !== 'string') throw new PatchError('pointer must be a string');
	if (ptr === '') return [];
	if (ptr[0] !== '/') throw new PatchError(`pointer must start with "/": ${ptr}`);
	return ptr
		.slice(1)
		.split('/')
		.map((tok) => {
			if (/~(?![01])/.test(tok)) throw new PatchError(`invalid escape in pointer: ${ptr}`);
			const out = tok.replace(/~1/g, '/').replace(/~0/g, '~');
			if (out === '__proto__') throw new PatchError('forbidden pointer token');
			return out;
		});
}

function arrayIndex(arr, tok, forAdd) {
	if (forAdd && tok === '-') return arr.length;
	if (!/^(0|[1-9][0-9]*)$/.test(tok)) throw new PatchError(`invalid array index: ${tok}`);
	const i = Number(tok);
	if (forAdd ? i > arr.length : i >= arr.length)
		throw new PatchError(`array index out of range: ${tok}`);
	return i;
}

function walk(doc, tokens) {
	let cur = doc;
	for (const tok of tokens) {
		if (Array.isArray(cur)) cur = cur[arrayIndex(cur, tok, false)];
		else if (isPlainObject(cur) && hasOwn(cur, tok)) cur = cur[tok];
		else throw new PatchError(`path not found: /${tokens.join('/')}`);
	}
	return cur;
}

function parentOf(doc, tokens) {
	const parent = walk(doc, tokens.slice(0, -1));
	if (!Array.isArray(parent) && !isPlainObject(parent))
		throw new PatchError('parent is not a container');
	return parent;
}

function opAdd(doc, tokens, value) {
	if (tokens.length === 0) return clone(value);
	const parent = parentOf(doc, tokens);
	const last = tokens[tokens.length - 1];
	if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, clone(value));
	else parent[last] = clone(value);
	return doc;
}

function opRemove(doc, tokens) {
	if (tokens.length === 0) throw new PatchError('cannot remove the whole document');
	const parent = parentOf(doc, tokens);
	const last = tokens[tokens.length - 1];
	if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false), 1);
	else if (hasOwn(parent, last)) delete parent[last];
	else throw new PatchError(`path not found: /${tokens.join('/')}`);
	return doc;
}

function opReplace(doc, tokens, value) {
	if (tokens.length === 0) return clone(value);
	const parent = parentOf(doc, tokens);
	const last = tokens[tokens.length - 1];
	if (Array.isArray(parent)) parent[arrayIndex(parent, last, false)] = clone(value);
	else if (hasOwn(parent, last)) parent[last] = clone(value);
	else throw new PatchError(`path not found: /${tokens.join('/')}`);
	return doc;
}

const PATCH_OPS = ['add', 'remove', 'replace', 'copy', 'move', 'test'];

function validatePatchShape(ops) {
	if (!Array.isArray(ops)) throw new PatchError('patch document must be a JSON array');
	for (const op of ops) {
		if (!isPlainObject(op)) throw new PatchError('each operation must be an object');
		if (!PATCH_OPS.includes(op.op)) throw new PatchError(`unknown op: ${String(op.op)}`);
		if (typeof op.path !== 'string') throw new PatchError('path must be a string');
		parsePointer(op.path);
		if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !hasOwn(op, 'value')) {
			throw new PatchError(`${op.op} requires a value`);
		}
		if (op.op === 'move' || op.op === 'copy') {
			if (typeof op.from !== 'string') throw new PatchError(`${op.op} requires from`);
			parsePointer(op.from);
		}
	}
}

/** Applies an RFC 6902 patch to a deep copy of `doc`; throws PatchError. */
function applyJsonPatch(doc, ops) {
	validatePatchShape(ops);
	let out = clone(doc);
	for (const op of ops) {
		const path = parsePointer(op.path);
		switch (op.op) {
			case 'add':
				out = opAdd(out, path, op.value);
				break;
			case 'remove':
				out = opRemove(out, path);
				break;
			case 'replace':
				out = opReplace(out, path, op.value);
				break;
			case 'copy':
				out = opAdd(out, path, walk(out, parsePointer(op.from)));
				break;
			case 'move': {
				const from = parsePointer(op.from);
				if (op.from === op.path) break;
				if (path.length > from.length && from.every((t, i) => t === path[i])) {
					throw new PatchError('cannot move a value into one of its children');
				}
				const value = walk(out, from);
				out = opRemove(out, from);
				out = opAdd(out, path, value);
				break;
			}
			case 'test':
				if (!deepEqual(walk(out, path), op.value))
					throw new PatchError(`test failed at ${op.path}`);
				break;
			default:
				throw new PatchError('unreachable');
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Declarative body validation
// ---------------------------------------------------------------------------------------------

class ValidationError extends Error {}

const S = {
	str: { t: 'string' },
	nonEmpty: { t: 'string', nonEmpty: true },
	bool: { t: 'boolean' },
	num: { t: 'number' },
	url: { t: 'url' },
	any: { t: 'any' },
	int: (min, max) => ({ t: 'integer', min, max }),
	numRange: (min, max) => ({ t: 'number', min, max }),
	strMax: (maxLength, nonEmpty) => ({ t: 'string', maxLength, nonEmpty }),
	enumOf: (...values) => ({ t: 'enum', values }),
	arr: (items, maxItems) => ({ t: 'array', items, maxItems }),
	strArr: (maxItems) => ({ t: 'array', items: { t: 'string' }, maxItems }),
	obj: (props, opts = {}) => ({ t: 'object', props, ...opts }),
	map: (values) => ({ t: 'map', values }),
	oneOf: (label, ...options) => ({ t: 'oneOf', label, options }),
	custom: (fn) => ({ t: 'custom', fn }),
};

function typeError(path, expected, value) {
	return new ValidationError(
		`Invalid type for ${path}: expected ${expected}, got ${typeName(value)}`,
	);
}

function joinPath(base, key) {
	return base ? `${base}.${key}` : key;
}

/**
 * ctx: { allowUnknown: boolean }. null is accepted for any optional field (treated as "not set"),
 * except inside arrays and where `notNull` is set.
 */
function check(schema, value, path, ctx) {
	switch (schema.t) {
		case 'any':
			return;
		case 'string':
			if (typeof value !== 'string') throw typeError(path, 'string', value);
			if (schema.nonEmpty && value.trim() === '')
				throw new ValidationError(`${path} must not be empty`);
			if (schema.maxLength !== undefined && value.length > schema.maxLength) {
				throw new ValidationError(`${path} must be at most ${schema.maxLength} characters`);
			}
			return;
		case 'url':
			if (typeof value !== 'string') throw typeError(path, 'string', value);
			if (!isHttpUrl(value))
				throw new ValidationError(`Invalid ${path}: must be a valid http(s) URL`);
			return;
		case 'boolean':
			if (typeof value !== 'boolean') throw typeError(path, 'boolean', value);
			return;
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value))
				throw typeError(path, 'number', value);
			if (
				(schema.min !== undefined && value < schema.min) ||
				(schema.max !== undefined && value > schema.max)
			) {
				throw new ValidationError(`${path} must be between ${schema.min} and ${schema.max}`);
			}
			return;
		case 'integer':
			if (typeof value !== 'number' || !Number.isInteger(value))
				throw typeError(path, 'integer', value);
			if (schema.min !== undefined && value < schema.min)
				throw new ValidationError(`${path} must be >= ${schema.min}`);
			if (schema.max !== undefined && value > schema.max)
				throw new ValidationError(`${path} must be <= ${schema.max}`);
			return;
		case 'enum':
			if (typeof value !== 'string') throw typeError(path, 'string', value);
			if (!schema.values.includes(value)) {
				throw new ValidationError(
					`Invalid value for ${path}: ${JSON.stringify(value)} (expected one of: ${schema.values.join(', ')})`,
				);
			}
			return;
		case 'array':
			if (!Array.isArray(value)) throw typeError(path, 'array', value);
			if (schema.maxItems !== undefined && value.length > schema.maxItems) {
				throw new ValidationError(`${path} must have at most ${schema.maxItems} items`);
			}
			value.forEach((item, i) => check(schema.items, item, `${path}[${i}]`, ctx));
			return;
		case 'map':
			if (!isPlainObject(value)) throw typeError(path, 'object', value);
			for (const [k, v] of Object.entries(value)) check(schema.values, v, joinPath(path, k), ctx);
			return;
		case 'object': {
			if (!isPlainObject(value)) throw typeError(path, 'object', value);
			for (const req of schema.required || []) {
				if (!hasOwn(value, req) || value[req] === null || value[req] === undefined) {
					throw new ValidationError(`${joinPath(path, req)} is required`);
				}
			}
			for (const [k, v] of Object.entries(value)) {
				const sub = schema.props[k];
				const p = joinPath(path, k);
				if (!sub) {
					if (schema.open || ctx.allowUnknown) continue;
					throw new ValidationError(`Unknown field: ${p}`);
				}
				if (v === null && !sub.notNull) continue;
				check(sub, v, p, ctx);
			}
			return;
		}
		case 'oneOf': {
			for (const opt of schema.options) {
				try {
					check(opt, value, path, ctx);
					return;
				} catch (e) {
					if (!(e instanceof ValidationError)) throw e;
				}
			}
			throw typeError(path, schema.label, value);
		}
		case 'custom':
			schema.fn(value, path, ctx);
			return;
		default:
			throw new Error(`bad schema type ${schema.t}`);
	}
}

function rejectUnknownKeys(obj, allowed, path, ctx) {
	if (ctx.allowUnknown) return;
	for (const k of Object.keys(obj)) {
		if (!allowed.includes(k)) throw new ValidationError(`Unknown field: ${joinPath(path, k)}`);
	}
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** OpenAI function-calling tool arrays: llm.tools, perception_tools, visual_tools, audio_tools. */
function checkTools(value, path, ctx) {
	if (!Array.isArray(value)) throw typeError(path, 'array', value);
	value.forEach((tool, i) => {
		const p = `${path}[${i}]`;
		if (!isPlainObject(tool)) throw typeError(p, 'object', tool);
		rejectUnknownKeys(tool, ['type', 'function'], p, ctx);
		if (tool.type !== 'function') {
			throw new ValidationError(
				`Invalid value for ${p}.type: ${JSON.stringify(tool.type)} (expected "function")`,
			);
		}
		const fn = tool.function;
		if (!isPlainObject(fn))
			throw new ValidationError(`${p}.function is required and must be an object`);
		rejectUnknownKeys(fn, ['name', 'description', 'parameters', 'strict'], `${p}.function`, ctx);
		if (typeof fn.name !== 'string')
			throw new ValidationError(`${p}.function.name is required and must be a string`);
		if (!SNAKE_CASE.test(fn.name)) {
			throw new ValidationError(
				`Invalid ${p}.function.name: ${JSON.stringify(fn.name)} must be snake_case`,
			);
		}
		if (fn.description !== undefined && typeof fn.description !== 'string') {
			throw typeError(`${p}.function.description`, 'string', fn.description);
		}
		if (fn.strict !== undefined && typeof fn.strict !== 'boolean') {
			throw typeError(`${p}.function.strict`, 'boolean', fn.strict);
		}
		const params = fn.parameters;
		const pp = `${p}.function.parameters`;
		if (!isPlainObject(params))
			throw new ValidationError(`${pp} is required and must be an object`);
		if (params.type !== 'object') {
			throw new ValidationError(
				`Invalid value for ${pp}.type: ${JSON.stringify(params.type)} (expected "object")`,
			);
		}
		if (!isPlainObject(params.properties)) {
			throw new ValidationError(`${pp}.properties is required and must be an object`);
		}
		for (const [name, def] of Object.entries(params.properties)) {
			if (!isPlainObject(def)) throw typeError(`${pp}.properties.${name}`, 'object', def);
		}
		if (params.required !== undefined) {
			if (!Array.isArray(params.required) || params.required.some((r) => typeof r !== 'string')) {
				throw typeError(`${pp}.required`, 'array of strings', params.required);
			}
			for (const r of params.required) {
				if (!hasOwn(params.properties, r)) {
					throw new ValidationError(
						`${pp}.required lists "${r}", which is not in ${pp}.properties`,
					);
				}
			}
		}
	});
}

function checkKeyTemplate(value, path) {
	if (typeof value !== 'string') throw typeError(path, 'string', value);
	if (value.length > 512) throw new ValidationError(`${path} must be at most 512 characters`);
	if (!/^[0-9A-Za-z./_\-{}]*$/.test(value))
		throw new ValidationError(`${path} contains invalid characters`);
	if (value.startsWith('/') || value.includes('//') || value.includes('..')) {
		throw new ValidationError(`${path} must not start with "/" or contain "//" or ".."`);
	}
}

const TOOLS = S.custom(checkTools);
const LMH = S.enumOf('low', 'medium', 'high');
const STT_SENSITIVITY = S.enumOf('superlow', 'verylow', 'low', 'medium', 'high');

const ENUMS = {
	pipelineMode: ['full', 'echo'],
	// [3P] values (tavus-api-2026-11.md §12, §12b) are accepted as live Tavus accepts them.
	ttsEngine: ['cartesia', 'elevenlabs', 'azure', 'playht', 'inworld', 'tavus-auto'],
	perceptionModel: ['raven-1', 'raven-0', 'off', 'basic'],
	sttEngine: [
		'tavus-auto',
		'tavus-parakeet',
		'tavus-soniox',
		'tavus-whisper',
		'tavus-deepgram-medical',
		'tavus-advanced',
		'tavus-turbo',
		'tavus-sarvam',
	],
	turnDetectionModel: ['sparrow-1', 'sparrow-0', 'time-based', 'timebased', 'sparrow-2'],
	transportType: ['daily', 'livekit'],
	documentStatus: ['started', 'processing', 'ready', 'error', 'recrawling'],
	recordingProvider: ['s3', 'gcs', 'azure_blob'],
};

const PERSONA_SCHEMA = S.obj({
	persona_name: S.str,
	system_prompt: S.str,
	pipeline_mode: S.enumOf(...ENUMS.pipelineMode),
	default_replica_id: S.str,
	context: S.str,
	document_ids: S.strArr(),
	document_tags: S.strArr(),
	objectives_id: S.str,
	guardrails_id: S.str,
	guardrail_ids: S.strArr(50),
	guardrail_tags: S.strArr(50),
	layers: S.obj({
		llm: S.obj({
			model: S.str,
			base_url: S.str,
			api_key: S.str,
			speculative_inference: S.bool,
			tools: TOOLS,
			headers: S.map(S.str),
			extra_body: S.map(S.any),
			default_query: S.map(S.any),
		}),
		tts: S.obj({
			api_key: S.str,
			tts_engine: S.enumOf(...ENUMS.ttsEngine),
			external_voice_id: S.str,
			voice_settings: S.obj(
				{
					speed: S.oneOf('string or number', S.str, S.num),
					emotion: S.strArr(),
					stability: S.numRange(0, 1),
					similarity_boost: S.numRange(0, 1),
					style: S.numRange(0, 1),
					use_speaker_boost: S.bool,
				},
				{ open: true },
			),
			tts_emotion_control: S.bool,
			tts_model_name: S.str,
			pronunciation_dictionary_id: S.str,
			playht_user_id: S.str,
		}),
		perception: S.obj({
			perception_model: S.enumOf(...ENUMS.perceptionModel),
			visual_awareness_queries: S.strArr(),
			visual_tool_prompt: S.str,
			visual_tools: TOOLS,
			audio_awareness_queries: S.strArr(),
			audio_tool_prompt: S.str,
			audio_tools: TOOLS,
			perception_analysis_queries: S.strArr(),
			ambient_awareness_queries: S.strArr(),
			perception_tool_prompt: S.str,
			perception_tools: TOOLS,
		}),
		stt: S.obj({
			stt_engine: S.enumOf(...ENUMS.sttEngine),
			hotwords: S.str,
			participant_pause_sensitivity: STT_SENSITIVITY,
			participant_interrupt_sensitivity: STT_SENSITIVITY,
			smart_turn_detection: S.bool,
		}),
		conversational_flow: S.obj({
			turn_detection_model: S.enumOf(...ENUMS.turnDetectionModel),
			turn_taking_patience: LMH,
			replica_interruptibility: LMH,
			pal_interruptibility: LMH,
			voice_isolation: S.enumOf('off', 'near'),
			wake_phrase: S.str,
			idle_engagement: S.enumOf('off', 'patient', 'eager'),
			turn_commitment: LMH,
			active_listening: S.oneOf('string or boolean', S.str, S.bool),
		}),
		transport: S.obj({ transport_type: S.enumOf(...ENUMS.transportType) }),
		conferencing: S.obj({ username: S.str, allowlist: S.strArr() }),
	}),
});

const PERSONA_READ_ONLY = ['persona_id', 'persona_type', 'created_at', 'updated_at'];

const CONVERSATION_SCHEMA = S.obj({
	replica_id: S.str,
	persona_id: S.str,
	audio_only: S.bool,
	callback_url: S.url,
	conversation_name: S.str,
	conversational_context: S.str,
	custom_greeting: S.str,
	memory_stores: S.strArr(),
	document_ids: S.strArr(),
	document_retrieval_strategy: S.enumOf('speed', 'quality', 'balanced'),
	document_tags: S.strArr(),
	test_mode: S.bool,
	require_auth: S.bool,
	max_participants: S.int(2),
	enable_dynamic_greeting: S.bool,
	meeting_url: S.url,
	properties: S.obj({
		max_call_duration: S.int(1),
		participant_left_timeout: S.int(0),
		participant_absent_timeout: S.int(0),
		enable_recording: S.bool,
		enable_closed_captions: S.bool,
		apply_greenscreen: S.bool,
		require_auth: S.bool,
		language: S.nonEmpty,
		recording_s3_bucket_name: S.str,
		recording_s3_bucket_region: S.str,
		aws_assume_role_arn: S.str,
		recording_storage: S.obj(
			{
				provider: { ...S.enumOf(...ENUMS.recordingProvider), notNull: true },
				bucket_name: S.str,
				bucket_region: S.str,
				assume_role_arn: S.str,
				external_id: S.str,
				project_id: S.str,
				workload_identity_provider: S.str,
				service_account_email: S.str,
				storage_account: S.str,
				container: S.str,
				tenant_id: S.str,
				client_id: S.str,
				key_template: S.custom(checkKeyTemplate),
			},
			{ required: ['provider'] },
		),
	}),
});

const REPLICA_SCHEMA = S.obj({
	consent_video_url: S.url,
	train_video_url: S.url,
	train_image_url: S.url,
	voice_name: S.nonEmpty,
	auto_fix_training_image: S.bool,
	callback_url: S.url,
	replica_name: S.str,
	model_name: S.enumOf('phoenix-3', 'phoenix-4'),
	properties: S.obj({ background_green_screen: S.bool }),
});

const VIDEO_SCHEMA = S.obj({
	replica_id: S.str,
	video_name: S.str,
	script: S.nonEmpty,
	audio_url: S.url,
	background_url: S.url,
	background_source_url: S.url,
	callback_url: S.url,
	fast: S.bool,
	transparent_background: S.bool,
	watermark_image_url: S.url,
	properties: S.obj({
		background_scroll: S.bool,
		background_scroll_type: S.enumOf('human', 'smooth'),
		background_scroll_depth: S.enumOf('middle', 'bottom'),
		background_scroll_return: S.enumOf('return', 'halt'),
		start_with_wave: S.bool,
	}),
});

const OBJECTIVE_ITEM_SCHEMA = S.obj({
	objective_name: S.str,
	objective_prompt: S.str,
	confirmation_mode: S.enumOf('auto', 'manual'),
	output_variables: S.strArr(),
	modality: S.enumOf('verbal', 'visual'),
	next_conditional_objectives: S.map(S.str),
	next_required_objective: S.str,
	callback_url: S.url,
});

const GUARDRAIL_ITEM_PROPS = {
	guardrail_name: S.str,
	guardrail_prompt: S.str,
	modality: S.enumOf('verbal', 'visual'),
	callback_url: { t: 'url' },
};

const GUARDRAIL_SCHEMA = S.obj({
	...GUARDRAIL_ITEM_PROPS,
	callback_url: S.custom((v, p) => {
		check(S.url, v, p, {});
		if (v.length > 2048) throw new ValidationError(`${p} must be at most 2048 characters`);
	}),
	tags: S.arr(S.strMax(64, true), 32),
	app_message: S.bool,
});

const CRAWL_SCHEMA = S.obj({ depth: S.int(1, 10), max_pages: S.int(1, 100) });

const DOCUMENT_SCHEMA = S.obj({
	document_url: S.url,
	document_name: S.str,
	callback_url: S.url,
	tags: S.strArr(),
	crawl: CRAWL_SCHEMA,
});

const PD_RULE_SCHEMA = S.obj(
	{
		text: { ...S.strMax(200, true), notNull: true },
		pronunciation: { ...S.strMax(500, true), notNull: true },
		type: { ...S.enumOf('alias', 'ipa'), notNull: true },
		case_sensitive: S.bool,
		word_boundaries: S.bool,
	},
	{ required: ['text', 'pronunciation', 'type'] },
);

// ---------------------------------------------------------------------------------------------
// Tool registry (/v2/tools), tavus-api-2026-11.md §3.1–3.7
// ---------------------------------------------------------------------------------------------

/** owner_id of every user tool (the documented example value). */
const TOOL_OWNER_ID = 3675;
const TOOL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;
const TOOL_MAX_SCHEMA_CHARS = 10000;
const TOOL_MASK = '********';
const TOOL_SECRET_FIELDS = ['token', 'password', 'value', 'secret', 'client_secret'];
const TOOL_FIELDS = [
	'name',
	'description',
	'parameters',
	'delivery',
	'trigger_type',
	'origin',
	'on_call',
	'on_resolve',
	'static_filler',
];
const TOOL_READ_ONLY = ['tool_id', 'owner_id', 'is_system_tool', 'created_at', 'updated_at'];
const TOOL_ENUMS = {
	trigger_type: ['in_call', 'post_call'],
	origin: ['llm', 'vision', 'audio'],
	on_call: ['generate_filler', 'static_filler', 'silent', 'passthrough'],
	on_resolve: ['generate_response', 'response_in_result', 'add_to_context', 'fire_and_forget'],
};
const TOOL_API_FIELDS = [
	'url',
	'method',
	'timeout',
	'headers',
	'auth',
	'body_template',
	'query_params',
	'content_type',
];
const TOOL_API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** auth.type → [required fields, optional fields] (§4.2). */
const TOOL_AUTH_TYPES = {
	none: [[], []],
	bearer: [['token'], []],
	api_key: [['name', 'value'], ['location']],
	basic: [['username', 'password'], []],
	oauth2_client_credentials: [['token_url', 'client_id', 'client_secret'], ['scope']],
	hmac: [['secret'], []],
};
/** Tool timestamps look like "2026-05-15T10:30:00" (no zone, no fraction). */
const toolStamp = (d) => d.toISOString().slice(0, 19);

/** True when host (URL.hostname, IPv6 in brackets) is loopback, private or link-local. */
function isNonPublicHost(hostname) {
	const h = hostname.toLowerCase().replace(/\.$/, '');
	if (h === 'localhost' || h.endsWith('.localhost')) return true;
	let v4 = h;
	if (h.startsWith('[')) {
		const v6 = h.slice(1, -1);
		const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
		if (mapped) v4 = mapped[1];
		else {
			const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
			if (hex) {
				const a = parseInt(hex[1], 16);
				const b = parseInt(hex[2], 16);
				v4 = `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
			} else {
				if (v6 === '::' || v6 === '::1') return true;
				const first = parseInt(v6.split(':')[0] || '0', 16);
				// fc00::/7 (unique local), fe80::/10 (link-local)
				return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
			}
		}
	}
	const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(v4);
	if (!m) return false;
	const [a, b] = [Number(m[1]), Number(m[2])];
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168)
	);
}

/** delivery.api.url / auth.token_url: https, static public host; {placeholders} only after the host. */
function checkToolUrl(value, path) {
	if (typeof value !== 'string') throw typeError(path, 'string', value);
	if (value.trim() === '') throw new ValidationError(`${path} is required`);
	const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(value);
	if (authority && /[{}]/.test(authority[1])) {
		throw new ValidationError(
			`Invalid ${path}: the hostname must be static (placeholders are only allowed in the path and query string)`,
		);
	}
	let u;
	try {
		u = new URL(value);
	} catch {
		throw new ValidationError(`Invalid ${path}: must be a valid https URL`);
	}
	if (u.protocol !== 'https:') throw new ValidationError(`Invalid ${path}: must use https`);
	if (!u.hostname) throw new ValidationError(`Invalid ${path}: must be a valid https URL`);
	if (isNonPublicHost(u.hostname)) {
		throw new ValidationError(
			`Invalid ${path}: private, loopback and link-local addresses are not allowed`,
		);
	}
}

/** Copy of a stored tool with delivery.api.auth secrets replaced by "********". */
function maskTool(tool) {
	const t = clone(tool);
	const auth = t.delivery && t.delivery.api && t.delivery.api.auth;
	if (isPlainObject(auth)) {
		for (const k of TOOL_SECRET_FIELDS) if (auth[k] != null) auth[k] = TOOL_MASK;
	}
	return t;
}

const END_CALL_TOOL = Object.freeze({
	tool_id: 'end_call',
	owner_id: null,
	name: 'end_call',
	description:
		'End the conversation. Call this when the conversation has reached a natural stopping point.',
	parameters: { type: 'object', properties: {} },
	delivery: { app_message: true },
	is_system_tool: true,
	trigger_type: 'in_call',
	origin: 'llm',
	on_call: 'silent',
	on_resolve: 'fire_and_forget',
	static_filler: null,
	created_at: '2026-05-01T00:00:00',
	updated_at: '2026-05-01T00:00:00',
});

// ---------------------------------------------------------------------------------------------
// Deployments (/v2/deployments), tavus-api-2026-11.md §7
// ---------------------------------------------------------------------------------------------

// Skills (tavus-api-2026-11.md §6). The ids are documented [D]; the registry's item fields are not
// ([NF]): skill_id, display_name, description follow a third-party connector [3P], and the list
// shape {data: [...]} is ours [I] (the docs say only "type: object").
const SKILL_REGISTRY = Object.freeze([
	{
		skill_id: 'internet_search',
		display_name: 'Internet Search',
		description: 'Lets the PAL search the web for current information during a conversation.',
	},
	{
		skill_id: 'presentation',
		display_name: 'Presentation',
		description: 'Lets the PAL present slides from knowledge base documents.',
	},
	{
		skill_id: 'magic_canvas',
		display_name: 'Magic Canvas',
		description: 'Lets the PAL show interactive cards (questions, inputs, calendars, charts).',
	},
]);
const SLIDES_TRIGGERS = ['on_demand', 'walk_the_deck'];
// Seven components ship [D mc-overview]; the interaction enum adds image and video (conflict 7 vs 9):
// all nine are accepted.
const CANVAS_COMPONENTS = [
	'question',
	'input',
	'calendar',
	'scheduling_embed',
	'text',
	'chart',
	'alert',
	'image',
	'video',
];
/** ISO 8601 with microseconds and an offset, as attachments show them: 2026-06-10T14:30:45.123456+00:00. */
const skillStamp = (d) => d.toISOString().replace('Z', '000+00:00');

const DEPLOYMENT_CHANNELS = ['widget', 'embed', 'landing-page'];
const DEPLOYMENT_STATUSES = ['draft', 'active', 'inactive'];
/** What a create body or a patch may set (status only by patch). */
const DEPLOYMENT_FIELDS = [
	'pal_id',
	'channel',
	'status',
	'name',
	'password',
	'customization',
	'limits',
	'allowed_origins',
];
const DEPLOYMENT_READ_ONLY = [
	'deployment_id',
	'has_password',
	'replica_thumbnail_video_url',
	'thumbnail_video_url',
	'thumbnail_image_url',
	'usage_total',
	'usage_today',
	'created_at',
	'updated_at',
];
const DEPLOYMENT_SCHEMA = S.obj(
	{
		pal_id: S.nonEmpty,
		channel: S.enumOf(...DEPLOYMENT_CHANNELS),
		status: S.enumOf(...DEPLOYMENT_STATUSES),
		name: S.str,
		password: S.str,
		customization: S.obj({}, { open: true }),
		limits: S.obj(
			{ max_call_duration: S.int(1), daily_call_limit_per_user: S.int(1) },
			{ open: true },
		),
		allowed_origins: S.strArr(),
	},
	{ required: ['pal_id', 'channel'] },
);

// ---------------------------------------------------------------------------------------------
// Default seed
// ---------------------------------------------------------------------------------------------

const ANNA_ID = 'r90bbd427f71';
const DOCS_REPLICA_ID = 'r79e1c033f';
const SEEDED_REPLICAS = 23;
const seedReplicaId = (i) => `r${stableHex(`tavus-mock-replica-${i}`, 12)}`;
const STARTED_REPLICA_INDEX = 11;
const ERROR_REPLICA_INDEX = 12;

const SEED = Object.freeze({
	apiKey: DEFAULT_API_KEY,
	annaReplicaId: ANNA_ID,
	docsReplicaId: DOCS_REPLICA_ID,
	startedReplicaId: seedReplicaId(STARTED_REPLICA_INDEX),
	errorReplicaId: seedReplicaId(ERROR_REPLICA_INDEX),
	replicaIds: Object.freeze([
		ANNA_ID,
		DOCS_REPLICA_ID,
		...Array.from({ length: SEEDED_REPLICAS }, (_, i) => seedReplicaId(i + 1)),
	]),
	replicaCount: 2 + SEEDED_REPLICAS,
	userReplicaCount: 13,
	systemReplicaCount: 12,
	systemPersonaIds: Object.freeze(['pcb7a34da5fe', 'p1af207b8189']),
	voiceNames: Object.freeze(['anna', 'benjamin', 'charlotte', 'daniel', 'emma', 'felix']),
	systemToolIds: Object.freeze(['end_call']),
	toolOwnerId: TOOL_OWNER_ID,
});

function buildDefaultSeed() {
	const replicas = [];
	const replica = (id, name, type, i, extra = {}) => ({
		replica_id: id,
		replica_name: name,
		replica_type: type,
		thumbnail_video_url: `https://cdn.tavus.invalid/replicas/${id}/thumbnail.mp4`,
		training_progress: '100/100',
		status: 'completed',
		model_name: i % 2 === 0 ? 'phoenix-4' : 'phoenix-3',
		error_message: null,
		created_at: new Date(Date.UTC(2025, 0, 1 + i, 9, 0, 0)).toISOString(),
		updated_at: new Date(Date.UTC(2025, 0, 1 + i, 9, 30, 0)).toISOString(),
		...extra,
	});
	replicas.push(
		replica(ANNA_ID, 'Anna', 'system', 1, {
			created_at: '2024-01-24T07:14:03.327Z',
			updated_at: '2024-01-24T07:14:03.327Z',
		}),
	);
	replicas.push(replica(DOCS_REPLICA_ID, 'Docs Example Replica', 'user', 0));
	for (let i = 1; i <= SEEDED_REPLICAS; i++) {
		const extra = {};
		if (i === STARTED_REPLICA_INDEX)
			Object.assign(extra, { status: 'started', training_progress: '42/100' });
		if (i === ERROR_REPLICA_INDEX) {
			Object.assign(extra, {
				status: 'error',
				training_progress: '0/100',
				error_message: 'Training video failed quality checks',
			});
		}
		replicas.push(
			replica(seedReplicaId(i), `Replica ${pad2(i)}`, i <= 12 ? 'user' : 'system', i + 1, extra),
		);
	}

	const personas = [
		{
			persona_id: 'pcb7a34da5fe',
			persona_name: 'Sales Development Rep',
			persona_type: 'system',
			pipeline_mode: 'full',
			system_prompt:
				'You are a friendly sales development representative who qualifies inbound leads.',
			default_replica_id: ANNA_ID,
			document_ids: [],
			document_tags: [],
			layers: {
				llm: { model: 'tavus-gpt-oss', speculative_inference: true },
				tts: { tts_engine: 'cartesia', tts_emotion_control: true, tts_model_name: 'sonic-3' },
				perception: { perception_model: 'raven-1' },
				stt: { stt_engine: 'tavus-auto' },
			},
			created_at: '2025-03-01T10:00:00.000Z',
			updated_at: '2025-03-01T10:00:00.000Z',
		},
		{
			persona_id: 'p1af207b8189',
			persona_name: 'Sales Coach',
			persona_type: 'system',
			pipeline_mode: 'full',
			system_prompt: 'You are a sales coach who helps the user practise handling objections.',
			default_replica_id: seedReplicaId(13),
			document_ids: [],
			document_tags: [],
			layers: {
				llm: { model: 'tavus-gpt-oss', speculative_inference: true },
				tts: { tts_engine: 'cartesia', tts_emotion_control: true },
				perception: { perception_model: 'raven-1' },
				stt: { stt_engine: 'tavus-auto' },
			},
			created_at: '2025-03-02T10:00:00.000Z',
			updated_at: '2025-03-02T10:00:00.000Z',
		},
	];

	const voiceDefs = [
		['anna', ANNA_ID, ['female', 'professional']],
		['benjamin', seedReplicaId(13), ['male', 'friendly']],
		['charlotte', seedReplicaId(14), ['female', 'calm']],
		['daniel', seedReplicaId(15), ['male', 'professional']],
		['emma', seedReplicaId(16), ['female', 'energetic']],
		['felix', seedReplicaId(17), ['male', 'narrator']],
	];
	const voices = voiceDefs.map(([name, rid, tags]) => ({
		voice_name: name,
		replica_id: rid,
		audio_url: name === 'emma' ? null : `https://cdn.tavus.invalid/voices/${name}.mp3`,
		tags: tags.map((t) => ({ tag_name: t })),
	}));

	return { replicas, personas, voices };
}

// ---------------------------------------------------------------------------------------------
// The mock
// ---------------------------------------------------------------------------------------------

const STATE_KINDS = {
	personas: 'persona_id',
	replicas: 'replica_id',
	conversations: 'conversation_id',
	videos: 'video_id',
	voices: 'voice_name',
	documents: 'document_id',
	objectives: 'objectives_id',
	guardrails: 'uuid',
	guardrailSets: 'guardrails_id',
	pronunciationDictionaries: 'pronunciation_dictionary_id',
	lipsyncs: 'lipsync_id',
	replacements: 'replacement_id',
	transcriptions: 'transcription_id',
	memories: null, // key: `${memory_store}/${memory_id}`
	tools: 'tool_id',
	deployments: 'deployment_id',
};

const CONFIG_DEFAULTS = {
	apiKey: DEFAULT_API_KEY,
	latencyMs: 0,
	personaGetShape: 'wrapped',
	allowUnknownFields: false,
	videoReadyAfterGets: 2,
	replicaReadyAfterGets: 2,
	documentReadyAfterGets: 2,
	jobReadyAfterGets: 1,
	maxConcurrentConversations: Infinity,
	maxCrawlDocuments: 100,
	maxConcurrentCrawls: 5,
	recrawlCooldownMs: 60 * 60 * 1000,
	videoTimestamps: 'rfc1123',
	seedDefaults: true,
	/** Oldest recorded requests are dropped beyond this many (keeps long benchmarks bounded). */
	maxRecordedRequests: 100000,
	/**
	 * Tavus's rate limit as a stand-in: a request that arrives while this many are in flight is
	 * answered 429 at once, with Retry-After: throttleRetryAfter (seconds).
	 */
	maxInFlight: Infinity,
	throttleRetryAfter: 1,
};

function normalizeConfig(input) {
	const out = {};
	for (const [k, v] of Object.entries(input || {})) {
		if (k === 'port' || v === undefined) continue;
		if (!hasOwn(CONFIG_DEFAULTS, k)) throw new TypeError(`startTavusMock: unknown option ${k}`);
		out[k] = v;
	}
	if (out.personaGetShape !== undefined && !['wrapped', 'bare'].includes(out.personaGetShape)) {
		throw new TypeError('personaGetShape must be "wrapped" or "bare"');
	}
	if (out.videoTimestamps !== undefined && !['rfc1123', 'iso'].includes(out.videoTimestamps)) {
		throw new TypeError('videoTimestamps must be "rfc1123" or "iso"');
	}
	for (const k of [
		'maxConcurrentConversations',
		'maxCrawlDocuments',
		'maxConcurrentCrawls',
		'maxInFlight',
	]) {
		if (out[k] === 'Infinity' || out[k] === null) out[k] = Infinity;
	}
	return out;
}

class TavusMock {
	constructor(options) {
		this._initial = { ...CONFIG_DEFAULTS, ...normalizeConfig(options) };
		this.config = { ...this._initial };
		this._requests = [];
		this._faults = [];
		this._faultSeq = 0;
		this._reqSeq = 0;
		this._timers = new Set();
		this._sockets = new Set();
		this._closed = false;
		this._inFlight = 0;
		this.throttled = 0;
		this.elsewhere = null;
		this._clockOffsetMs = 0;
		this._meta = new Map();
		this.state = {};
		for (const kind of Object.keys(STATE_KINDS)) this.state[kind] = new Map();
		this.server = null;
		this.baseUrl = '';
		this.port = 0;
		this._seedDefaults();
	}

	// ----- public config properties ------------------------------------------------------------
	get apiKey() {
		return this.config.apiKey;
	}
	set apiKey(v) {
		this.config.apiKey = v;
	}
	get allowUnknownFields() {
		return this.config.allowUnknownFields;
	}
	set allowUnknownFields(v) {
		this.config.allowUnknownFields = Boolean(v);
	}
	get personaGetShape() {
		return this.config.personaGetShape;
	}
	set personaGetShape(v) {
		if (!['wrapped', 'bare'].includes(v))
			throw new TypeError('personaGetShape must be "wrapped" or "bare"');
		this.config.personaGetShape = v;
	}
	get videoReadyAfterGets() {
		return this.config.videoReadyAfterGets;
	}
	set videoReadyAfterGets(v) {
		this.config.videoReadyAfterGets = v;
	}
	get maxConcurrentConversations() {
		return this.config.maxConcurrentConversations;
	}
	set maxConcurrentConversations(v) {
		this.config.maxConcurrentConversations = v;
	}
	get latencyMs() {
		return this.config.latencyMs;
	}
	get requests() {
		return this._requests;
	}
	get faults() {
		return this._faults.map((f) => ({ ...f }));
	}

	configure(patch) {
		const norm = normalizeConfig(patch);
		if (norm.seedDefaults !== undefined) delete norm.seedDefaults;
		Object.assign(this.config, norm);
		return { ...this.config };
	}

	url(path = '') {
		return `${this.baseUrl}${path}`;
	}

	now() {
		return new Date(Date.now() + this._clockOffsetMs);
	}

	advanceTime(ms) {
		this._clockOffsetMs += Number(ms) || 0;
	}

	setLatency(ms) {
		const n = Number(ms);
		if (!Number.isFinite(n) || n < 0) throw new TypeError('latency must be a non-negative number');
		this.config.latencyMs = n;
	}

	requestsTo(method, pathPrefixOrRegex) {
		const m = method ? String(method).toUpperCase() : '*';
		return this._requests.filter((r) => {
			if (m !== '*' && r.method !== m) return false;
			if (pathPrefixOrRegex === undefined || pathPrefixOrRegex === null) return true;
			if (pathPrefixOrRegex instanceof RegExp) return pathPrefixOrRegex.test(r.path);
			return r.path.startsWith(pathPrefixOrRegex);
		});
	}

	addFault(spec = {}) {
		const kind = spec.kind || 'status';
		if (!FAULT_KINDS.includes(kind)) {
			throw new TypeError(`unknown fault kind: ${kind}`);
		}
		let times = spec.times === undefined ? 1 : spec.times;
		if (times === 'Infinity' || times === null) times = Infinity;
		times = Number(times);
		if (!(times > 0)) throw new TypeError('fault times must be > 0');
		let path = spec.path;
		if (typeof spec.pathRegex === 'string') path = new RegExp(spec.pathRegex);
		const defaultStatus =
			kind === 'html' || kind === 'empty'
				? 502
				: kind === 'redirect'
					? 307
					: kind === 'resetAfter' || kind === 'drip'
						? undefined
						: 500;
		const fault = {
			id: ++this._faultSeq,
			method: spec.method ? String(spec.method).toUpperCase() : undefined,
			path,
			times,
			remaining: times,
			kind,
			status: spec.status === undefined ? defaultStatus : Number(spec.status),
			location: spec.location,
			skip: spec.skip === undefined ? 0 : Number(spec.skip),
			intervalMs: spec.intervalMs === undefined ? 500 : Number(spec.intervalMs),
			body: spec.body,
			headers: spec.headers ? { ...spec.headers } : undefined,
		};
		this._faults.push(fault);
		return { id: fault.id, kind, status: fault.status, times };
	}

	clearRequests() {
		this._requests.length = 0;
	}

	clearFaults() {
		this._faults.length = 0;
	}

	_takeFault(method, path) {
		for (let i = 0; i < this._faults.length; i++) {
			const f = this._faults[i];
			if (f.method && f.method !== method) continue;
			if (f.path instanceof RegExp) {
				if (!f.path.test(path)) continue;
			} else if (typeof f.path === 'string' && !path.startsWith(f.path)) continue;
			if (f.skip > 0) {
				f.skip -= 1;
				continue;
			}
			f.remaining -= 1;
			if (f.remaining <= 0) this._faults.splice(i, 1);
			return f;
		}
		return undefined;
	}

	reset() {
		this._requests.length = 0;
		this._faults.length = 0;
		this._meta.clear();
		this._clockOffsetMs = 0;
		this.afterAnswer = undefined;
		this.throttled = 0;
		if (this.elsewhere) this.elsewhere.requests.length = 0;
		this.config = { ...this._initial };
		for (const map of Object.values(this.state)) map.clear();
		this._seedDefaults();
	}

	_seedDefaults() {
		// System tools are part of the platform, not of the account: always there.
		this.seed({ tools: [END_CALL_TOOL] });
		if (!this.config.seedDefaults) return;
		this.seed(buildDefaultSeed());
	}

	/** Adds objects directly (no validation). Missing ids and timestamps are generated. */
	seed(data = {}) {
		const added = {};
		for (const [kind, list] of Object.entries(data)) {
			if (!hasOwn(STATE_KINDS, kind)) throw new TypeError(`seed: unknown kind ${kind}`);
			if (!Array.isArray(list)) throw new TypeError(`seed: ${kind} must be an array`);
			added[kind] = [];
			for (const input of list) {
				const obj = clone(input);
				const key = this._seedOne(kind, obj);
				added[kind].push(key);
			}
		}
		return added;
	}

	_seedOne(kind, obj) {
		const iso = this.now().toISOString();
		const idKey = STATE_KINDS[kind];
		const ensure = (k, v) => {
			if (obj[k] === undefined) obj[k] = v;
		};
		switch (kind) {
			case 'personas':
				ensure(
					'persona_id',
					this._newId('personas', () => `p${randomHex(12)}`),
				);
				ensure('persona_type', 'user');
				ensure('layers', {});
				break;
			case 'replicas':
				ensure(
					'replica_id',
					this._newId('replicas', () => `r${randomHex(12)}`),
				);
				ensure('replica_name', `Replica ${obj.replica_id}`);
				ensure('replica_type', 'user');
				ensure('status', 'completed');
				ensure('training_progress', obj.status === 'completed' ? '100/100' : '0/100');
				ensure('model_name', 'phoenix-4');
				ensure(
					'thumbnail_video_url',
					`https://cdn.tavus.invalid/replicas/${obj.replica_id}/thumbnail.mp4`,
				);
				ensure('error_message', null);
				break;
			case 'conversations':
				ensure(
					'conversation_id',
					this._newId('conversations', () => `c${randomHex(12)}`),
				);
				ensure('conversation_name', `New Conversation ${Date.now()}`);
				ensure('conversation_url', `https://tavus.daily.co/${obj.conversation_id}`);
				ensure('status', 'active');
				ensure('callback_url', '');
				ensure('replica_id', ANNA_ID);
				ensure('persona_id', null);
				ensure('test_mode', false);
				break;
			case 'videos':
				ensure(
					'video_id',
					this._newId('videos', () => randomHex(10)),
				);
				ensure('video_name', null);
				ensure('status', 'queued');
				ensure('replica_id', ANNA_ID);
				ensure('data', { script: '' });
				ensure('hosted_url', `https://tavus.video/${obj.video_id}`);
				break;
			case 'voices':
				ensure('tags', []);
				ensure('audio_url', null);
				break;
			case 'documents':
				ensure(
					'document_id',
					this._newId('documents', () => `d${randomHex(12)}`),
				);
				ensure('document_name', obj.document_id);
				ensure('document_url', `https://example.invalid/${obj.document_id}.pdf`);
				ensure('status', 'ready');
				ensure('progress', null);
				ensure('error_message', null);
				ensure('callback_url', null);
				ensure('tags', []);
				ensure('crawl_config', null);
				ensure('crawled_urls', null);
				ensure('last_crawled_at', null);
				ensure('crawl_count', null);
				break;
			case 'objectives':
				ensure(
					'objectives_id',
					this._newId('objectives', () => `o${randomHex(12)}`),
				);
				ensure('data', []);
				ensure('status', 'active');
				break;
			case 'guardrails':
				ensure(
					'uuid',
					this._newId('guardrails', () => `g${randomHex(12)}`),
				);
				ensure('modality', 'verbal');
				ensure('callback_url', null);
				ensure('tags', []);
				ensure('app_message', true);
				break;
			case 'guardrailSets':
				ensure(
					'guardrails_id',
					this._newId('guardrailSets', () => `g${10000 + crypto.randomInt(90000)}`),
				);
				ensure('guardrails_name', null);
				ensure('data', []);
				ensure('status', 'active');
				break;
			case 'pronunciationDictionaries':
				ensure(
					'pronunciation_dictionary_id',
					this._newId('pronunciationDictionaries', () => `pd_${randomHex(12)}`),
				);
				ensure('rules', []);
				break;
			case 'lipsyncs':
				ensure(
					'lipsync_id',
					this._newId('lipsyncs', () => `w${randomHex(12)}`),
				);
				ensure('status', 'started');
				break;
			case 'replacements':
				ensure(
					'replacement_id',
					this._newId('replacements', () => `w${randomHex(12)}`),
				);
				ensure('status', 'started');
				break;
			case 'transcriptions':
				ensure(
					'transcription_id',
					this._newId('transcriptions', () => `t${randomHex(12)}`),
				);
				ensure('status', 'started');
				break;
			case 'tools': {
				ensure('is_system_tool', false);
				ensure(
					'tool_id',
					obj.is_system_tool ? obj.name : this._newId('tools', () => `t${randomHex(12)}`),
				);
				if (typeof obj.tool_id !== 'string')
					throw new TypeError('seed: tools need tool_id or name');
				ensure('owner_id', obj.is_system_tool ? null : TOOL_OWNER_ID);
				ensure('name', obj.tool_id);
				ensure('description', '');
				ensure('parameters', {});
				ensure('delivery', { app_message: true });
				ensure('trigger_type', 'in_call');
				ensure('origin', obj.trigger_type === 'post_call' ? null : 'llm');
				ensure('on_call', obj.origin === 'llm' ? 'generate_filler' : null);
				ensure('on_resolve', 'fire_and_forget');
				ensure('static_filler', null);
				ensure('created_at', toolStamp(this.now()));
				ensure('updated_at', obj.created_at);
				break;
			}
			case 'deployments':
				ensure(
					'deployment_id',
					this._newId('deployments', () => `d${randomHex(16)}`),
				);
				ensure('pal_id', null);
				ensure('channel', 'widget');
				ensure('status', 'active');
				ensure('name', null);
				ensure('password', null);
				ensure('customization', {});
				ensure('limits', {});
				ensure('allowed_origins', []);
				break;
			case 'memories':
				if (typeof obj.memory_store !== 'string' || typeof obj.memory_id !== 'string') {
					throw new TypeError('seed: memories need memory_store and memory_id');
				}
				break;
			default:
				break;
		}
		if (kind !== 'voices' && kind !== 'memories') {
			ensure('created_at', iso);
			ensure('updated_at', obj.created_at);
		}
		const key = idKey ? obj[idKey] : `${obj.memory_store}/${obj.memory_id}`;
		this.state[kind].set(key, obj);
		return key;
	}

	_newId(kind, gen) {
		for (;;) {
			const id = gen();
			if (!this.state[kind].has(id)) return id;
		}
	}

	_metaFor(kind, id) {
		const key = `${kind}:${id}`;
		let m = this._meta.get(key);
		if (!m) {
			m = { gets: 0 };
			this._meta.set(key, m);
		}
		return m;
	}

	stateSnapshot() {
		const out = {};
		for (const [kind, map] of Object.entries(this.state))
			out[kind] = Object.fromEntries(clone([...map.entries()]));
		return out;
	}

	// ----- lifecycle -----------------------------------------------------------------------------
	async listen(port) {
		this.server = http.createServer((req, res) => {
			this._handle(req, res).catch((e) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ message: `Mock internal error: ${e && e.message}` }));
				}
			});
		});
		this.server.on('connection', (socket) => {
			this._sockets.add(socket);
			socket.on('close', () => this._sockets.delete(socket));
		});
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, HOST, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = this.server.address().port;
		this.baseUrl = `http://${HOST}:${this.port}`;
		this.elsewhere = await startElsewhere(this._sockets);
	}

	async close() {
		if (this._closed) return;
		this._closed = true;
		for (const t of this._timers) clearTimeout(t);
		this._timers.clear();
		if (!this.server) return;
		if (this.elsewhere) this.elsewhere.server.close();
		const done = new Promise((resolve) => this.server.close(() => resolve()));
		for (const s of this._sockets) s.destroy();
		this._sockets.clear();
		await done;
	}

	_sleep(ms) {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this._timers.delete(t);
				resolve();
			}, ms);
			this._timers.add(t);
		});
	}

	// ----- HTTP plumbing -------------------------------------------------------------------------
	_readBody(req) {
		return new Promise((resolve, reject) => {
			const chunks = [];
			let size = 0;
			let tooLarge = false;
			req.on('data', (c) => {
				size += c.length;
				if (size > MAX_BODY_BYTES) tooLarge = true;
				else chunks.push(c);
			});
			req.on('end', () => resolve({ raw: Buffer.concat(chunks).toString('utf8'), tooLarge }));
			req.on('error', reject);
		});
	}

	_send(res, record, status, body, headers = {}) {
		if (res.destroyed || res.headersSent) return;
		const h = {};
		let payload;
		if (status === 204 || status === 304 || body === undefined) {
			payload = undefined;
		} else if (typeof body === 'string') {
			payload = body;
			h['content-type'] = 'application/json; charset=utf-8';
		} else {
			payload = JSON.stringify(body, (_k, v) => (v === Infinity ? 'Infinity' : v));
			h['content-type'] = 'application/json; charset=utf-8';
		}
		for (const [k, v] of Object.entries(headers || {})) h[k.toLowerCase()] = v;
		if (payload !== undefined) h['content-length'] = Buffer.byteLength(payload);
		else if (status !== 204 && status !== 304) h['content-length'] = 0;
		if (record) record.status = status;
		res.writeHead(status, h);
		res.end(payload);
	}

	async _handle(req, res) {
		const url = new URL(req.url, `http://${HOST}`);
		const path = url.pathname;
		const method = req.method.toUpperCase();
		const { raw, tooLarge } = await this._readBody(req);
		const query = Object.fromEntries(url.searchParams.entries());

		if (path === '/__mock' || path.startsWith('/__mock/')) {
			return this._handleControl(req, res, method, path, raw);
		}

		let parsed;
		if (raw.length > 0) {
			try {
				parsed = JSON.parse(raw);
			} catch {
				parsed = undefined;
			}
		}
		const record = {
			id: ++this._reqSeq,
			time: new Date().toISOString(),
			method,
			path,
			query,
			headers: { ...req.headers },
			rawBody: raw,
			body: parsed,
			status: null,
		};
		this._requests.push(record);
		const max = this.config.maxRecordedRequests;
		if (this._requests.length > max) {
			this._requests.splice(0, this._requests.length - max + Math.floor(max / 10));
		}

		if (this._inFlight >= this.config.maxInFlight) {
			this.throttled += 1;
			record.fault = 'throttled';
			return this._send(
				res,
				record,
				429,
				{ message: 'Rate limit exceeded' },
				{ 'retry-after': String(this.config.throttleRetryAfter) },
			);
		}
		this._inFlight += 1;
		try {
			if (this.config.latencyMs > 0) await this._sleep(this.config.latencyMs);
			if (this._closed) return;

			const fault = this._takeFault(method, path);
			if (fault && !['resetAfter', 'drip'].includes(fault.kind)) {
				return this._applyFault(fault, req, res, record);
			}
			if (fault) record.fault = fault.kind;
			const answer = this._answer(method, path, query, req.headers, raw, tooLarge, record);
			// Test hook (forced interleavings): runs after Tavus acted, before the answer is sent.
			if (typeof this.afterAnswer === 'function') this.afterAnswer(record, answer);
			if (fault && fault.kind === 'resetAfter') {
				record.status = answer.status;
				req.socket.destroy();
				return;
			}
			if (fault && fault.kind === 'drip') {
				return await this._drip(res, record, answer, fault.intervalMs);
			}
			this._send(res, record, answer.status, answer.body, answer.headers);
		} finally {
			this._inFlight -= 1;
		}
	}

	/** What Tavus answers to a request: { status, body, headers }. */
	_answer(method, path, query, headers, raw, tooLarge, record) {
		try {
			if (tooLarge) throw new ApiError(413, { error: 'Request body too large' });
			return this._route(method, path, query, headers, raw);
		} catch (e) {
			if (e instanceof ApiError) return { status: e.status, body: e.body, headers: e.headers };
			record.error = String((e && e.stack) || e);
			return { status: 500, body: { message: `Mock internal error: ${e && e.message}` } };
		}
	}

	/** Sends an answer one byte at a time (a dripping body). */
	async _drip(res, record, answer, intervalMs) {
		const payload = Buffer.from(
			answer.body === undefined ? '' : JSON.stringify(answer.body),
			'utf8',
		);
		record.status = answer.status;
		res.writeHead(answer.status, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': payload.length,
		});
		for (let i = 0; i < payload.length; i++) {
			if (res.destroyed || this._closed) return;
			res.write(payload.subarray(i, i + 1));
			await this._sleep(intervalMs);
		}
		if (!res.destroyed) res.end();
	}

	_applyFault(fault, req, res, record) {
		record.fault = fault.kind;
		switch (fault.kind) {
			case 'reset':
				req.socket.destroy();
				return;
			case 'timeout':
				// Never answer. The socket is destroyed by close() or when the client gives up.
				return;
			case 'redirect': {
				const location =
					fault.location ||
					`${this.elsewhere ? this.elsewhere.baseUrl : 'http://127.0.0.1:9'}${req.url}`;
				record.status = fault.status;
				res.writeHead(fault.status, { location, 'content-length': 0 });
				res.end();
				return;
			}
			case 'html':
				record.status = fault.status;
				res.writeHead(fault.status, {
					'content-type': 'text/html; charset=utf-8',
					'content-length': Buffer.byteLength(HTML_502),
					...lowerKeys(fault.headers),
				});
				res.end(HTML_502);
				return;
			case 'empty':
				record.status = fault.status;
				res.writeHead(fault.status, {
					...(fault.status === 204 || fault.status === 304 ? {} : { 'content-length': 0 }),
					...lowerKeys(fault.headers),
				});
				res.end();
				return;
			default: {
				const body =
					fault.body === undefined
						? { message: http.STATUS_CODES[fault.status] || 'Error' }
						: fault.body;
				this._send(res, record, fault.status, body, fault.headers);
			}
		}
	}

	_handleControl(req, res, method, path, raw) {
		const reply = (status, body) => this._send(res, null, status, body);
		let body;
		if (raw.length > 0) {
			try {
				body = JSON.parse(raw);
			} catch {
				return reply(400, { error: 'Invalid JSON body' });
			}
		}
		try {
			const route = `${method} ${path}`;
			switch (route) {
				case 'GET /__mock/requests':
					return reply(200, this._requests);
				case 'DELETE /__mock/requests':
					this._requests.length = 0;
					return reply(200, { ok: true });
				case 'POST /__mock/reset':
					this.reset();
					return reply(200, { ok: true });
				case 'GET /__mock/state':
					return reply(200, this.stateSnapshot());
				case 'GET /__mock/faults':
					return reply(
						200,
						this.faults.map((f) => ({
							...f,
							path: f.path instanceof RegExp ? String(f.path) : f.path,
						})),
					);
				case 'POST /__mock/faults':
					return reply(200, { ok: true, ...this.addFault(body || {}) });
				case 'DELETE /__mock/faults':
					this.clearFaults();
					return reply(200, { ok: true });
				case 'POST /__mock/latency':
					this.setLatency(body && body.ms);
					return reply(200, { ok: true, ms: this.config.latencyMs });
				case 'POST /__mock/seed':
					return reply(200, { ok: true, added: this.seed(body || {}) });
				case 'GET /__mock/config':
					return reply(200, this.config);
				case 'POST /__mock/config':
					return reply(200, this.configure(body || {}));
				case 'GET /__mock/elsewhere':
					return reply(200, {
						url: this.elsewhere && this.elsewhere.baseUrl,
						requests: this.elsewhere ? this.elsewhere.requests : [],
					});
				case 'GET /__mock/throttled':
					return reply(200, { throttled: this.throttled, inFlight: this._inFlight });
				case 'POST /__mock/time':
					this.advanceTime(body && body.advanceMs);
					return reply(200, { ok: true, now: this.now().toISOString() });
				default:
					return reply(404, { message: 'Not found' });
			}
		} catch (e) {
			return reply(400, { error: String((e && e.message) || e) });
		}
	}

	// ----- routing -------------------------------------------------------------------------------
	_route(method, path, query, headers, raw) {
		if (!path.startsWith('/v2/')) throw new ApiError(404, { message: 'Not found' });
		if (headers['x-api-key'] !== this.config.apiKey)
			throw new ApiError(401, { message: 'Invalid access token' });

		let matched = false;
		for (const r of ROUTES) {
			const m = r.re.exec(path);
			if (!m) continue;
			matched = true;
			if (r.method !== method) continue;
			let params;
			try {
				params = m.slice(1).map((s) => decodeURIComponent(s));
			} catch {
				throw new ApiError(404, { message: 'Not found' });
			}
			const body = this._parseBody(method, headers, raw);
			const ctx = { method, path, query, headers, body, params, rawBody: raw };
			return this[r.handler](ctx, ...params);
		}
		if (matched) {
			const allowed = ROUTES.filter((r) => r.re.test(path)).map((r) => r.method);
			throw new ApiError(
				405,
				{ message: 'Method Not Allowed' },
				{ allow: [...new Set(allowed)].join(', ') },
			);
		}
		throw new ApiError(404, { message: 'Not found' });
	}

	_parseBody(method, headers, raw) {
		if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return undefined;
		if (raw.length === 0) return undefined;
		const ct = String(headers['content-type'] || '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		const okType =
			ct === 'application/json' || (method === 'PATCH' && ct === 'application/json-patch+json');
		if (!okType) throw err400('Invalid JSON body: Content-Type must be application/json');
		try {
			return JSON.parse(raw);
		} catch {
			throw err400('Invalid JSON body');
		}
	}

	_ctx() {
		return { allowUnknown: Boolean(this.config.allowUnknownFields) };
	}

	/** Runs the schema check; converts ValidationError to 400 with the given error key. */
	_validate(schema, body, key = 'error') {
		if (!isPlainObject(body))
			throw new ApiError(400, { [key]: 'Request body must be a JSON object' });
		try {
			check(schema, body, '', this._ctx());
		} catch (e) {
			if (e instanceof ValidationError) throw new ApiError(400, { [key]: e.message });
			throw e;
		}
	}

	_iso() {
		return this.now().toISOString();
	}

	// ----- query helpers -------------------------------------------------------------------------
	_intParam(query, name, { min, max, def }) {
		const raw = query[name];
		if (raw === undefined) return def;
		if (!/^-?\d+$/.test(raw)) throw err400(`Invalid request: ${name} must be an integer`);
		const n = Number(raw);
		if (n < min || (max !== undefined && n > max)) {
			throw err400(
				max !== undefined
					? `Invalid request: ${name} must be an integer between ${min} and ${max}`
					: `Invalid request: ${name} must be an integer >= ${min}`,
			);
		}
		return n;
	}

	_boolParam(query, name) {
		const raw = query[name];
		if (raw === undefined) return false;
		const v = raw.toLowerCase();
		if (v === 'true') return true;
		if (v === 'false') return false;
		throw err400(`Invalid request: ${name} must be true or false`);
	}

	_enumParam(query, name, values, def) {
		const raw = query[name];
		if (raw === undefined) return def;
		if (!values.includes(raw)) throw err400(`Invalid ${name}: must be one of ${values.join(', ')}`);
		return raw;
	}

	_paginate(items, query, { base = 1, withMeta = false } = {}) {
		const limit = this._intParam(query, 'limit', { min: 1, max: 100, def: 10 });
		const page = this._intParam(query, 'page', { min: base, def: base });
		const start = (page - base) * limit;
		const out = { data: items.slice(start, start + limit), total_count: items.length };
		if (withMeta) {
			out.page = page;
			out.limit = limit;
		}
		return out;
	}

	_needObject(body, key = 'error') {
		if (!isPlainObject(body))
			throw new ApiError(400, { [key]: 'Request body must be a JSON object' });
		return body;
	}

	// =============================================================================================
	// Personas
	// =============================================================================================
	_validatePersonaDoc(doc, original) {
		const ctx = this._ctx();
		if (!isPlainObject(doc)) throw err400('Persona must be a JSON object');
		const body = { ...doc };
		if (original) {
			for (const k of PERSONA_READ_ONLY) {
				if (!deepEqual(doc[k], original[k])) throw err400(`${k} is read-only`);
				delete body[k];
			}
		}
		try {
			check(PERSONA_SCHEMA, body, '', ctx);
		} catch (e) {
			if (e instanceof ValidationError) throw err400(e.message);
			throw e;
		}
		const mode = body.pipeline_mode || 'full';
		if (
			mode !== 'echo' &&
			(typeof body.system_prompt !== 'string' || body.system_prompt.trim() === '')
		) {
			throw err400('system_prompt is required when pipeline_mode is full');
		}
		const changed = (k) => !original || !deepEqual(body[k], original[k]);
		if (body.default_replica_id != null && changed('default_replica_id')) {
			if (!this.state.replicas.has(body.default_replica_id)) throw err400('Invalid replica_uuid');
		}
		if (Array.isArray(body.document_ids) && changed('document_ids')) {
			const missing = body.document_ids.filter((id) => !this.state.documents.has(id));
			if (missing.length) throw err400(`Invalid document_ids: ${missing.join(', ')}`);
		}
		if (
			body.objectives_id != null &&
			changed('objectives_id') &&
			!this.state.objectives.has(body.objectives_id)
		) {
			throw err400('Invalid objectives_id');
		}
		if (
			body.guardrails_id != null &&
			changed('guardrails_id') &&
			!this.state.guardrailSets.has(body.guardrails_id)
		) {
			throw err400('Invalid guardrails_id');
		}
		if (Array.isArray(body.guardrail_ids) && changed('guardrail_ids')) {
			const missing = body.guardrail_ids.filter((id) => !this.state.guardrails.has(id));
			if (missing.length) throw err400(`Invalid guardrail_ids: ${missing.join(', ')}`);
		}
		this._checkConferencing(body, original, mode);
		const tts = body.layers && body.layers.tts;
		const pdId = tts && tts.pronunciation_dictionary_id;
		const origPd =
			original && original.layers && original.layers.tts
				? original.layers.tts.pronunciation_dictionary_id
				: undefined;
		if (typeof pdId === 'string' && pdId !== '' && pdId !== origPd) {
			if (!this.state.pronunciationDictionaries.has(pdId))
				throw err400('Invalid pronunciation_dictionary_id');
		}
	}

	// Google Meet conferencing (tavus-api-2026-11.md §2.3): username rules, globally unique
	// (case-insensitive, stored lowercase), needs a default face and the full pipeline.
	_conferencingProblem(username) {
		if (username.length < 2) return 'Username must be at least 2 characters.';
		if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9]$/.test(username)) {
			return 'Username may only contain letters, digits, ".", "_" and "-", and must start and end with a letter or digit.';
		}
		if (/^bot\d+$/i.test(username)) return 'Username is reserved.';
		return undefined;
	}

	_conferencingTaken(username, exceptId) {
		const name = username.toLowerCase();
		for (const p of this.state.personas.values()) {
			if (p.persona_id === exceptId) continue;
			const conf = p.layers && p.layers.conferencing;
			if (conf && typeof conf.username === 'string' && conf.username.toLowerCase() === name) {
				return true;
			}
		}
		return false;
	}

	_checkConferencing(body, original, mode) {
		const conf = body.layers && body.layers.conferencing;
		if (!isPlainObject(conf) || Object.keys(conf).length === 0) return;
		if (body.default_replica_id == null) {
			throw err400('default_replica_id is required when layers.conferencing is set');
		}
		if (mode !== 'full') throw err400('layers.conferencing requires pipeline_mode full');
		if (typeof conf.username === 'string') {
			const problem = this._conferencingProblem(conf.username);
			if (problem) throw err400(`layers.conferencing.username: ${problem}`);
			if (this._conferencingTaken(conf.username, original && original.persona_id)) {
				throw err400('layers.conferencing.username: Username is already taken.');
			}
		}
		for (const entry of conf.allowlist || []) {
			try {
				new RegExp(entry.replace(/^\(\?[aiLmsux]+\)/, '').replace(/\(\?P</g, '(?<'));
			} catch {
				throw err400(`layers.conferencing.allowlist: invalid entry ${JSON.stringify(entry)}`);
			}
		}
	}

	/** Tavus stores the username lowercase; returns the stored copy of the layers. */
	_storedLayers(layers) {
		const out = clone(layers ?? {});
		if (out.conferencing && typeof out.conferencing.username === 'string') {
			out.conferencing.username = out.conferencing.username.toLowerCase();
		}
		return out;
	}

	checkConferencingUsername(ctx) {
		const username = ctx.query.username;
		if (typeof username !== 'string' || username.trim() === '') {
			throw err400('username is required');
		}
		const problem = this._conferencingProblem(username);
		if (problem) return { status: 200, body: { available: false, reason: problem } };
		if (this._conferencingTaken(username)) {
			return { status: 200, body: { available: false, reason: 'Username is already taken.' } };
		}
		return { status: 200, body: { available: true } };
	}

	createPersona(ctx) {
		if (!isPlainObject(ctx.body)) throw err400('Request body must be a JSON object');
		this._validatePersonaDoc(ctx.body, undefined);
		const b = ctx.body;
		const now = this._iso();
		const persona = {
			persona_id: this._newId('personas', () => `p${randomHex(12)}`),
			persona_name: b.persona_name ?? null,
			persona_type: 'user',
			pipeline_mode: b.pipeline_mode ?? 'full',
			system_prompt: b.system_prompt ?? null,
			default_replica_id: b.default_replica_id ?? null,
			document_ids: b.document_ids ?? [],
			document_tags: b.document_tags ?? [],
			layers: this._storedLayers(b.layers),
		};
		for (const [k, v] of Object.entries(b)) if (!hasOwn(persona, k)) persona[k] = clone(v);
		persona.created_at = now;
		persona.updated_at = now;
		this.state.personas.set(persona.persona_id, persona);
		const conf = persona.layers.conferencing;
		return {
			status: 200,
			body: {
				persona_id: persona.persona_id,
				persona_name: persona.persona_name,
				created_at: now,
				...(conf && typeof conf.username === 'string'
					? { conferencing_email: `${conf.username}@tavusinvite.com` }
					: {}),
			},
		};
	}

	listPersonas(ctx) {
		const type = this._enumParam(ctx.query, 'persona_type', ['user', 'system'], undefined);
		const items = [...this.state.personas.values()].filter((p) => !type || p.persona_type === type);
		return { status: 200, body: this._paginate(clone(items), ctx.query) };
	}

	_persona(id, { owned = false } = {}) {
		const p = this.state.personas.get(id);
		if (!p || (owned && p.persona_type === 'system')) throw err400('Invalid persona_id');
		return p;
	}

	getPersona(ctx, id) {
		const p = clone(this._persona(id));
		return { status: 200, body: this.config.personaGetShape === 'bare' ? p : { data: [p] } };
	}

	patchPersona(ctx, id) {
		const original = this._persona(id, { owned: true });
		let result;
		try {
			result = applyJsonPatch(original, ctx.body);
		} catch (e) {
			if (e instanceof PatchError)
				throw new ApiError(422, { message: 'Invalid JSON patch format' });
			throw e;
		}
		if (deepEqual(result, original)) return { status: 304 };
		this._validatePersonaDoc(result, original);
		if (isPlainObject(result.layers)) result.layers = this._storedLayers(result.layers);
		result.updated_at = this._iso();
		this.state.personas.set(id, result);
		return { status: 200, body: {} };
	}

	deletePersona(ctx, id) {
		this._persona(id, { owned: true });
		this.state.personas.delete(id);
		return { status: 204 };
	}

	// =============================================================================================
	// Conversations
	// =============================================================================================
	_conversationView(c, verbose) {
		const o = {
			conversation_id: c.conversation_id,
			conversation_name: c.conversation_name,
			conversation_url: c.conversation_url,
			callback_url: c.callback_url,
			status: c.status,
			replica_id: c.replica_id,
			persona_id: c.persona_id,
			created_at: c.created_at,
			updated_at: c.updated_at,
		};
		if (verbose) {
			o.shutdown_reason = c.shutdown_reason ?? null;
			o.events = this._conversationEvents(c);
		}
		return o;
	}

	_conversationEvents(c) {
		if (c.test_mode) return [];
		const created = new Date(c.created_at).getTime();
		const at = (s) => new Date(created + s * 1000).toISOString();
		const events = [
			{
				event_type: 'system.replica_joined',
				timestamp: at(4),
				properties: { replica_id: c.replica_id },
			},
		];
		if (c.status === 'ended') {
			const t0 = created / 1000 + 5;
			events.push({
				event_type: 'application.transcription_ready',
				timestamp: c.updated_at,
				properties: {
					replica_id: c.replica_id,
					transcript: [
						{
							role: 'assistant',
							content: c.custom_greeting || 'Hi, welcome. What brought you here today?',
							timestamp: t0,
							seconds_from_start: 0,
							duration: 2.15,
							inference_id: `inf_${stableHex(c.conversation_id, 8)}`,
						},
						{
							role: 'user',
							content: 'Just testing.',
							timestamp: t0 + 27.04,
							seconds_from_start: 27.04,
							duration: 1.84,
						},
					],
				},
			});
			events.push({
				event_type: 'application.perception_analysis',
				timestamp: c.updated_at,
				properties: { analysis: 'The user appeared calm and engaged throughout the call.' },
			});
			events.push({
				event_type: 'system.shutdown',
				timestamp: c.updated_at,
				properties: {
					replica_id: c.replica_id,
					reason: c.shutdown_reason || 'participant_left_timeout',
				},
			});
		}
		return events;
	}

	createConversation(ctx) {
		const b = ctx.body;
		this._validate(CONVERSATION_SCHEMA, b);
		let persona;
		if (b.persona_id != null) {
			persona = this.state.personas.get(b.persona_id);
			if (!persona) throw err400('Invalid persona_id');
		}
		let replicaId = b.replica_id ?? null;
		if (replicaId == null) {
			replicaId = persona ? persona.default_replica_id : null;
			if (replicaId == null) {
				throw err400(
					'replica_id is required: pass replica_id or a persona_id whose persona has a default_replica_id',
				);
			}
		}
		const replica = this.state.replicas.get(replicaId);
		if (!replica) throw err400('Invalid replica_uuid');
		if (replica.status !== 'completed') {
			throw err400(`Replica ${replicaId} is not ready (status: ${replica.status})`);
		}
		if (Array.isArray(b.document_ids)) {
			const missing = b.document_ids.filter((id) => !this.state.documents.has(id));
			if (missing.length) throw err400(`Invalid document_ids: ${missing.join(', ')}`);
		}
		const testMode = b.test_mode === true;
		if (!testMode) {
			const active = [...this.state.conversations.values()].filter(
				(c) => c.status === 'active' && !c.test_mode,
			);
			if (active.length >= this.config.maxConcurrentConversations) {
				throw msg400('User has reached maximum concurrent conversations');
			}
		}
		const id = this._newId('conversations', () => `c${randomHex(12)}`);
		const now = this._iso();
		const conv = {
			conversation_id: id,
			conversation_name: b.conversation_name ?? `New Conversation ${this.now().getTime()}`,
			conversation_url: `https://tavus.daily.co/${id}`,
			status: testMode ? 'ended' : 'active',
			callback_url: b.callback_url ?? '',
			replica_id: replicaId,
			persona_id: persona ? persona.persona_id : null,
			test_mode: testMode,
			created_at: now,
			updated_at: now,
		};
		for (const [k, v] of Object.entries(b)) if (!hasOwn(conv, k) && v !== null) conv[k] = clone(v);
		if (testMode) conv.shutdown_reason = null;
		this.state.conversations.set(id, conv);
		const body = {
			conversation_id: id,
			conversation_name: conv.conversation_name,
			conversation_url: conv.conversation_url,
			status: conv.status,
			callback_url: conv.callback_url,
			created_at: now,
		};
		const requireAuth =
			b.require_auth === true || (b.properties && b.properties.require_auth === true);
		if (requireAuth) body.meeting_token = this._meetingToken(id);
		return { status: 200, body };
	}

	_meetingToken(id) {
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const payload = base64url(
			JSON.stringify({ r: id, exp: Math.floor(this.now().getTime() / 1000) + 300 }),
		);
		const sig = base64url(
			crypto.createHmac('sha256', 'tavus-mock').update(`${header}.${payload}`).digest(),
		);
		return `${header}.${payload}.${sig}`;
	}

	listConversations(ctx) {
		const status = this._enumParam(ctx.query, 'status', ['active', 'ended'], undefined);
		const items = [...this.state.conversations.values()]
			.filter((c) => !status || c.status === status)
			.map((c) => this._conversationView(c, false));
		return { status: 200, body: this._paginate(clone(items), ctx.query) };
	}

	_conversation(id) {
		const c = this.state.conversations.get(id);
		if (!c) throw err400('Invalid conversation_id');
		return c;
	}

	getConversation(ctx, id) {
		const verbose = this._boolParam(ctx.query, 'verbose');
		return { status: 200, body: clone(this._conversationView(this._conversation(id), verbose)) };
	}

	endConversation(ctx, id) {
		const c = this._conversation(id);
		if (c.status !== 'ended') {
			c.status = 'ended';
			c.shutdown_reason = 'end_conversation_endpoint_hit';
			c.updated_at = this._iso();
		}
		return { status: 200 };
	}

	/**
	 * POST /v2/conversations/{id}/send-app-message (tavus-api-2026-11.md §9.3, §4.1). Documented:
	 * the 65536-byte limit, "only active conversations", the room gone (status [I] 410), the
	 * message shape (tool_result needs properties.tool_call_id). The required properties of the
	 * other interactions come from their event schemas (openapi); that the endpoint checks them
	 * is [I]. The success body is not documented: an empty 200.
	 */
	sendAppMessage(ctx, id) {
		if (Buffer.byteLength(ctx.rawBody || '', 'utf8') > 65536) {
			throw new ApiError(413, { error: 'Request body exceeds 65536 bytes' });
		}
		const c = this._conversation(id);
		if (c.status !== 'active') {
			throw err400('App messages can only be sent to active conversations.');
		}
		if (c.room_available === false) {
			throw new ApiError(410, { error: "The conversation's room is no longer available." });
		}
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Invalid app message: the body must be a JSON object');
		if (b.message_type !== 'conversation') {
			throw err400('Invalid app message: message_type must be "conversation"');
		}
		if (typeof b.event_type !== 'string' || b.event_type.trim() === '') {
			throw err400('Invalid app message: event_type must be a non-empty string');
		}
		if (b.conversation_id !== undefined && b.conversation_id !== id) {
			throw err400('Invalid app message: conversation_id does not match the URL');
		}
		if (b.properties !== undefined && !isPlainObject(b.properties)) {
			throw err400('Invalid app message: properties must be an object');
		}
		const p = b.properties || {};
		const needText = (key) => {
			if (typeof p[key] !== 'string') {
				throw err400(`Invalid app message: ${b.event_type} requires properties.${key} (string)`);
			}
		};
		const oneOf = (key, allowed) => {
			if (p[key] !== undefined && !allowed.includes(p[key])) {
				throw err400(`Invalid app message: properties.${key} must be one of ${allowed.join(', ')}`);
			}
		};
		const LEVELS = ['superlow', 'verylow', 'low', 'medium', 'high', 'auto'];
		switch (b.event_type) {
			case 'conversation.tool_result':
				if (typeof p.tool_call_id !== 'string' || p.tool_call_id === '') {
					throw err400(
						'Invalid app message: conversation.tool_result requires properties.tool_call_id',
					);
				}
				if (p.output !== undefined && typeof p.output !== 'string' && !isPlainObject(p.output)) {
					throw err400('Invalid app message: properties.output must be a string or an object');
				}
				oneOf('status', ['success', 'error']);
				break;
			case 'conversation.respond':
				needText('text');
				break;
			case 'conversation.overwrite_llm_context':
			case 'conversation.append_llm_context':
				needText('context');
				break;
			case 'conversation.echo':
				oneOf('modality', ['text', 'audio']);
				if (p.done !== undefined && typeof p.done !== 'boolean') {
					throw err400('Invalid app message: properties.done must be a boolean');
				}
				break;
			case 'conversation.sensitivity': {
				const keys = ['participant_pause_sensitivity', 'participant_interrupt_sensitivity'];
				const given = keys.filter((k) => p[k] !== undefined);
				if (given.length !== 1) {
					throw err400(`Invalid app message: send exactly one of ${keys.join(', ')}`);
				}
				oneOf(given[0], LEVELS);
				break;
			}
			default:
				break;
		}
		return { status: 200 };
	}

	deleteConversation(ctx, id) {
		this._boolParam(ctx.query, 'hard');
		this._conversation(id);
		this.state.conversations.delete(id);
		return { status: 204 };
	}

	// =============================================================================================
	// Replicas
	// =============================================================================================
	_replicaView(r, verbose, full) {
		const o = {
			replica_id: r.replica_id,
			replica_name: r.replica_name,
			thumbnail_video_url: r.thumbnail_video_url,
			training_progress: r.training_progress,
			status: r.status,
			created_at: r.created_at,
		};
		if (full) {
			o.updated_at = r.updated_at;
			o.error_message = r.error_message ?? null;
		}
		if (verbose) o.replica_type = r.replica_type;
		o.model_name = r.model_name;
		return o;
	}

	listReplicas(ctx) {
		const q = ctx.query;
		const verbose = this._boolParam(q, 'verbose');
		const type = this._enumParam(q, 'replica_type', ['user', 'system'], undefined);
		const ids =
			q.replica_ids !== undefined
				? q.replica_ids
						.split(',')
						.map((s) => s.trim())
						.filter(Boolean)
				: undefined;
		const items = [...this.state.replicas.values()]
			.filter((r) => !type || r.replica_type === type)
			.filter((r) => q.model_name === undefined || r.model_name === q.model_name)
			.filter((r) => !ids || ids.includes(r.replica_id))
			.map((r) => this._replicaView(r, verbose, false));
		return { status: 200, body: this._paginate(clone(items), q) };
	}

	_replica(id, { owned = false } = {}) {
		const r = this.state.replicas.get(id);
		if (!r || (owned && r.replica_type === 'system')) throw err400('Invalid replica_id');
		return r;
	}

	getReplica(ctx, id) {
		const verbose = this._boolParam(ctx.query, 'verbose');
		const r = this._replica(id);
		const meta = this._meta.get(`replicas:${id}`);
		if (meta && meta.training && r.status === 'started') {
			meta.gets += 1;
			const n = this.config.replicaReadyAfterGets;
			if (meta.gets >= n) {
				if (/MOCK_FAIL/.test(r.replica_name || '')) {
					r.status = 'error';
					r.training_progress = '0/100';
					r.error_message = 'Training failed (MOCK_FAIL)';
				} else if (!/MOCK_NEVER/.test(r.replica_name || '')) {
					r.status = 'completed';
					r.training_progress = '100/100';
				}
			} else {
				r.training_progress = `${Math.min(99, Math.round((meta.gets / Math.max(n, 1)) * 100))}/100`;
			}
			r.updated_at = this._iso();
		}
		return { status: 200, body: clone(this._replicaView(r, verbose, true)) };
	}

	createReplica(ctx) {
		const b = ctx.body;
		this._validate(REPLICA_SCHEMA, b);
		const hasVideo = b.train_video_url != null;
		const hasImage = b.train_image_url != null;
		if (!hasVideo && !hasImage)
			throw err400('Either train_video_url or train_image_url must be provided.');
		if (hasVideo && hasImage)
			throw err400('Provide only one of train_video_url or train_image_url, not both.');
		if (hasImage && b.voice_name == null)
			throw err400('voice_name is required when train_image_url is provided.');
		if (b.voice_name != null && !this.state.voices.has(String(b.voice_name).toLowerCase())) {
			throw err400('Invalid voice_name');
		}
		const id = this._newId('replicas', () => `r${randomHex(12)}`);
		const now = this._iso();
		const r = {
			replica_id: id,
			replica_name: b.replica_name ?? `Replica ${id}`,
			replica_type: 'user',
			thumbnail_video_url: `https://cdn.tavus.invalid/replicas/${id}/thumbnail.mp4`,
			training_progress: '0/100',
			status: 'started',
			model_name: b.model_name ?? 'phoenix-4',
			error_message: null,
			callback_url: b.callback_url ?? null,
			created_at: now,
			updated_at: now,
		};
		this.state.replicas.set(id, r);
		this._metaFor('replicas', id).training = true;
		return { status: 200, body: { replica_id: id, status: 'started' } };
	}

	renameReplica(ctx, id) {
		const r = this._replica(id, { owned: true });
		const b = this._needObject(ctx.body);
		this._validate(S.obj({ replica_name: S.str }), b);
		if (typeof b.replica_name !== 'string' || b.replica_name.trim() === '')
			throw err400('replica_name is required');
		r.replica_name = b.replica_name;
		r.updated_at = this._iso();
		return { status: 200 };
	}

	deleteReplica(ctx, id) {
		this._boolParam(ctx.query, 'hard');
		this._replica(id, { owned: true });
		this.state.replicas.delete(id);
		return { status: 200 };
	}

	// =============================================================================================
	// Faces (/v2/faces, tavus-api-2026-11.md §8): the PAL-era names of replicas, the same objects.
	// Bodies and answers say face_*; a replica made on one path is read on the other.
	// =============================================================================================
	_faceView(view) {
		const o = {};
		for (const [key, value] of Object.entries(view)) o[key.replace(/^replica_/, 'face_')] = value;
		return o;
	}

	_asReplicaCall(ctx, renames) {
		const body = isPlainObject(ctx.body) ? { ...ctx.body } : ctx.body;
		if (isPlainObject(body)) {
			for (const [from, to] of Object.entries(renames)) {
				if (to in body) throw err400(`Unknown field: ${to}`);
				if (from in body) {
					body[to] = body[from];
					delete body[from];
				}
			}
		}
		const query = { ...ctx.query };
		for (const [from, to] of Object.entries({
			face_type: 'replica_type',
			face_ids: 'replica_ids',
		})) {
			if (to in query) throw err400(`Unknown query parameter: ${to}`);
			if (from in query) {
				query[to] = query[from];
				delete query[from];
			}
		}
		return { ...ctx, body, query };
	}

	createFace(ctx) {
		const b = this._needObject(ctx.body);
		// model_name: phoenix-4 (default), phoenix-3, and newer names (phoenix-4.5) taken as given.
		if (b.model_name !== undefined && (typeof b.model_name !== 'string' || b.model_name === ''))
			throw err400('model_name must be a non-empty string');
		const { model_name: model, ...rest } = b;
		const known = model === undefined || model === 'phoenix-3' || model === 'phoenix-4';
		const call = this._asReplicaCall(
			{ ...ctx, body: known ? b : rest },
			{ face_name: 'replica_name' },
		);
		const answer = this.createReplica(call);
		const id = answer.body.replica_id;
		if (!known) this.state.replicas.get(id).model_name = model;
		return { status: 200, body: { face_id: id, status: answer.body.status } };
	}

	listFaces(ctx) {
		const answer = this.listReplicas(this._asReplicaCall(ctx, {}));
		const body = { ...answer.body, data: answer.body.data.map((r) => this._faceView(r)) };
		return { status: 200, body };
	}

	getFace(ctx, id) {
		const answer = this.getReplica(this._asReplicaCall(ctx, {}), id);
		return { status: 200, body: this._faceView(answer.body) };
	}

	renameFace(ctx, id) {
		const b = this._needObject(ctx.body);
		if (typeof b.face_name !== 'string' || b.face_name.trim() === '')
			throw err400('face_name is required');
		if (!this.state.replicas.has(id)) throw err400('Invalid face_id');
		return this.renameReplica(this._asReplicaCall(ctx, { face_name: 'replica_name' }), id);
	}

	deleteFace(ctx, id) {
		if (!this.state.replicas.has(id)) throw err400('Invalid face_id');
		return this.deleteReplica(ctx, id);
	}

	// =============================================================================================
	// Voices
	// =============================================================================================
	listVoices(ctx) {
		const q = ctx.query;
		const sort = this._enumParam(q, 'sort', ['asc', 'desc'], 'asc');
		const search = q.search !== undefined ? q.search.toLowerCase() : undefined;
		const tag = q.tag !== undefined ? q.tag.toLowerCase() : undefined;
		const items = [...this.state.voices.values()]
			.filter((v) => !search || v.voice_name.toLowerCase().includes(search))
			.filter((v) => !tag || (v.tags || []).some((t) => String(t.tag_name).toLowerCase() === tag))
			.sort((a, b) => a.voice_name.localeCompare(b.voice_name) * (sort === 'desc' ? -1 : 1));
		return { status: 200, body: this._paginate(clone(items), q, { withMeta: true }) };
	}

	// =============================================================================================
	// Videos
	// =============================================================================================
	_ts(date) {
		return this.config.videoTimestamps === 'iso' ? date.toISOString() : date.toUTCString();
	}

	_videoView(v, verbose, forList) {
		const o = {
			video_id: v.video_id,
			video_name: v.video_name,
			status: v.status,
			data: clone(v.data),
			download_url: v.download_url ?? null,
			stream_url: v.stream_url ?? null,
			hosted_url: v.hosted_url,
			status_details: v.status_details ?? null,
			created_at: v.created_at,
			updated_at: v.updated_at,
		};
		if (forList) {
			o.background_url = v.background_url ?? null;
			o.background_source_url = v.background_source_url ?? null;
			o.still_image_thumbnail_url = v.still_image_thumbnail_url ?? null;
			o.gif_thumbnail_url = v.gif_thumbnail_url ?? null;
			o.error_details = v.error_details ?? null;
		} else if (verbose) {
			o.still_image_thumbnail_url = v.still_image_thumbnail_url ?? null;
			o.gif_thumbnail_url = v.gif_thumbnail_url ?? null;
		}
		return o;
	}

	createVideo(ctx) {
		const b = ctx.body;
		this._validate(VIDEO_SCHEMA, b);
		if (b.replica_id == null) throw err400('replica_id is required');
		const replica = this.state.replicas.get(b.replica_id);
		if (!replica) throw err400('Invalid replica_id');
		if (replica.status !== 'completed')
			throw err400(`Replica ${b.replica_id} is not ready (status: ${replica.status})`);
		const hasScript = b.script != null;
		const hasAudio = b.audio_url != null;
		if (!hasScript && !hasAudio) throw err400('Either script or audio_url must be provided.');
		if (hasScript && hasAudio) throw err400('Provide only one of script or audio_url, not both.');
		const id = this._newId('videos', () => randomHex(10));
		const now = this._ts(this.now());
		const v = {
			video_id: id,
			video_name: b.video_name ?? null,
			status: 'queued',
			replica_id: b.replica_id,
			data: { script: b.script ?? '' },
			hosted_url: `https://tavus.video/${id}`,
			download_url: null,
			stream_url: null,
			status_details: null,
			created_at: now,
			updated_at: now,
		};
		for (const [k, val] of Object.entries(b))
			if (!hasOwn(v, k) && k !== 'script' && val !== null) v[k] = clone(val);
		this.state.videos.set(id, v);
		return {
			status: 200,
			body: {
				video_id: id,
				video_name: v.video_name,
				status: 'queued',
				hosted_url: v.hosted_url,
				created_at: now,
			},
		};
	}

	listVideos(ctx) {
		const items = [...this.state.videos.values()].map((v) => this._videoView(v, false, true));
		return { status: 200, body: this._paginate(clone(items), ctx.query, { base: 0 }) };
	}

	_video(id) {
		const v = this.state.videos.get(id);
		if (!v) throw err400('Invalid video_id');
		return v;
	}

	_advanceVideo(v) {
		if (v.status !== 'queued' && v.status !== 'generating') return;
		const meta = this._metaFor('videos', v.video_id);
		meta.gets += 1;
		const marker = `${v.video_name || ''} ${(v.data && v.data.script) || ''}`;
		const ready = meta.gets >= this.config.videoReadyAfterGets;
		const stamp = this._ts(this.now());
		if (/MOCK_NEVER/.test(marker) || !ready) {
			v.status = 'generating';
			v.status_details = 'Your video is being generated.';
		} else if (/MOCK_FAIL/.test(marker)) {
			v.status = 'error';
			v.status_details = 'Video generation failed (MOCK_FAIL).';
			v.error_details = 'MOCK_FAIL: the mock was asked to fail this video.';
		} else {
			const id = v.video_id;
			v.status = 'ready';
			v.status_details = 'Your video is ready.';
			v.download_url = `https://cdn.tavus.invalid/videos/${id}.mp4`;
			v.stream_url = `https://stream.tavus.invalid/videos/${id}.m3u8`;
			v.hosted_url = `https://tavus.video/${id}`;
			v.still_image_thumbnail_url = `https://cdn.tavus.invalid/videos/${id}.jpg`;
			v.gif_thumbnail_url = `https://cdn.tavus.invalid/videos/${id}.gif`;
		}
		v.updated_at = stamp;
	}

	getVideo(ctx, id) {
		const verbose = this._boolParam(ctx.query, 'verbose');
		const v = this._video(id);
		this._advanceVideo(v);
		return { status: 200, body: this._videoView(v, verbose, false) };
	}

	renameVideo(ctx, id) {
		const v = this._video(id);
		const b = this._needObject(ctx.body);
		this._validate(S.obj({ video_name: S.str }), b);
		if (typeof b.video_name !== 'string' || b.video_name.trim() === '')
			throw err400('video_name is required');
		v.video_name = b.video_name;
		v.updated_at = this._ts(this.now());
		return { status: 200 };
	}

	deleteVideo(ctx, id) {
		const hard = this._boolParam(ctx.query, 'hard');
		const v = this._video(id);
		if (hard) this.state.videos.delete(id);
		else {
			v.status = 'deleted';
			v.updated_at = this._ts(this.now());
		}
		return { status: 200 };
	}

	// =============================================================================================
	// Lipsync, replacements, transcriptions (deprecated/legacy video tooling)
	// =============================================================================================
	_advanceJob(kind, job, onDone) {
		if (job.status !== 'started') return;
		const meta = this._metaFor(kind, job[STATE_KINDS[kind]]);
		meta.gets += 1;
		if (meta.gets >= this.config.jobReadyAfterGets) {
			job.status = 'completed';
			job.updated_at = this._iso();
			onDone(job);
		}
	}

	_requireFields(b, names) {
		for (const n of names) if (b[n] == null) throw err400(`${n} is required`);
	}

	createLipsync(ctx) {
		const b = ctx.body;
		this._validate(
			S.obj({
				original_video_url: S.url,
				source_audio_url: S.url,
				lipsync_name: S.str,
				callback_url: S.url,
			}),
			b,
		);
		if (b.original_video_url == null) throw err400('Invalid original_video_url');
		if (b.source_audio_url == null) throw err400('Invalid source_audio_url');
		const id = this._newId('lipsyncs', () => `w${randomHex(12)}`);
		const now = this._iso();
		const l = {
			lipsync_id: id,
			lipsync_name: b.lipsync_name ?? null,
			status: 'started',
			callback_url: b.callback_url ?? null,
			original_video_url: b.original_video_url,
			source_audio_url: b.source_audio_url,
			video_url: null,
			created_at: now,
			updated_at: now,
		};
		this.state.lipsyncs.set(id, l);
		return {
			status: 200,
			body: {
				lipsync_id: id,
				lipsync_name: l.lipsync_name,
				status: 'started',
				callback_url: l.callback_url,
				request_id: id,
				request_name: l.lipsync_name,
			},
		};
	}

	_lipsyncView(l) {
		return {
			lipsync_id: l.lipsync_id,
			lipsync_name: l.lipsync_name,
			status: l.status,
			created_at: l.created_at,
			video_url: l.video_url,
			request_id: l.lipsync_id,
			request_name: l.lipsync_name,
		};
	}

	listLipsyncs(ctx) {
		const items = [...this.state.lipsyncs.values()].map((l) => this._lipsyncView(l));
		return { status: 200, body: this._paginate(clone(items), ctx.query) };
	}

	getLipsync(ctx, id) {
		const l = this.state.lipsyncs.get(id);
		if (!l) throw err400('Invalid lipsync_id');
		this._advanceJob('lipsyncs', l, (j) => {
			j.video_url = `https://cdn.tavus.invalid/lipsync/${j.lipsync_id}.mp4`;
		});
		return { status: 200, body: clone(this._lipsyncView(l)) };
	}

	deleteLipsync(ctx, id) {
		if (!this.state.lipsyncs.has(id)) throw err400('Invalid lipsync_id');
		this.state.lipsyncs.delete(id);
		return { status: 204 };
	}

	createReplacement(ctx) {
		const b = ctx.body;
		this._validate(
			S.obj({
				original_video_url: S.url,
				transcription_id: S.str,
				new_transcript: S.nonEmpty,
				callback_url: S.url,
				replacement_name: S.str,
			}),
			b,
		);
		this._requireFields(b, ['original_video_url', 'new_transcript']);
		if (b.transcription_id != null && !this.state.transcriptions.has(b.transcription_id)) {
			throw err400('Invalid transcription_id');
		}
		const id = this._newId('replacements', () => `w${randomHex(12)}`);
		const now = this._iso();
		const r = {
			replacement_id: id,
			replacement_name: b.replacement_name ?? null,
			status: 'started',
			original_video_url: b.original_video_url,
			transcription_id: b.transcription_id ?? null,
			new_transcript: b.new_transcript,
			callback_url: b.callback_url ?? null,
			created_at: now,
			updated_at: now,
		};
		this.state.replacements.set(id, r);
		return { status: 200, body: { replacement_id: id, status: 'started', created_at: now } };
	}

	_replacementView(r) {
		return {
			replacement_id: r.replacement_id,
			replacement_name: r.replacement_name,
			status: r.status,
			created_at: r.created_at,
		};
	}

	listReplacements(ctx) {
		const items = [...this.state.replacements.values()].map((r) => this._replacementView(r));
		return { status: 200, body: this._paginate(clone(items), ctx.query) };
	}

	getReplacement(ctx, id) {
		const r = this.state.replacements.get(id);
		if (!r) throw err400('Invalid replacement_id');
		this._advanceJob('replacements', r, () => {});
		return { status: 200, body: clone(this._replacementView(r)) };
	}

	deleteReplacement(ctx, id) {
		if (!this.state.replacements.has(id)) throw err400('Invalid replacement_id');
		this.state.replacements.delete(id);
		return { status: 204 };
	}

	createTranscription(ctx) {
		const b = ctx.body;
		this._validate(S.obj({ file_url: S.url, callback_url: S.url }), b);
		this._requireFields(b, ['file_url', 'callback_url']);
		const id = this._newId('transcriptions', () => `t${randomHex(12)}`);
		const now = this._iso();
		const t = {
			transcription_id: id,
			file_url: b.file_url,
			callback_url: b.callback_url,
			text: null,
			status: 'started',
			created_at: now,
			updated_at: now,
		};
		this.state.transcriptions.set(id, t);
		return {
			status: 200,
			body: { transcription_id: id, status: 'started', callback_url: t.callback_url },
		};
	}

	_transcriptionView(t) {
		return {
			transcription_id: t.transcription_id,
			file_url: t.file_url,
			text: t.text,
			status: t.status,
			created_at: t.created_at,
		};
	}

	listTranscriptions(ctx) {
		const items = [...this.state.transcriptions.values()].map((t) => this._transcriptionView(t));
		return { status: 200, body: this._paginate(clone(items), ctx.query) };
	}

	getTranscription(ctx, id) {
		const t = this.state.transcriptions.get(id);
		if (!t) throw err400('Invalid transcription_id');
		this._advanceJob('transcriptions', t, (j) => {
			j.text = 'Hello from the Tavus mock transcription.';
		});
		return { status: 200, body: clone(this._transcriptionView(t)) };
	}

	deleteTranscription(ctx, id) {
		if (!this.state.transcriptions.has(id)) throw err400('Invalid transcription_id');
		this.state.transcriptions.delete(id);
		return { status: 204 };
	}

	// =============================================================================================
	// Objectives (a set of objectives under one objectives_id)
	// =============================================================================================
	/** Validates objective items; `mk` builds the error (POST: {message}, PATCH: {error}). */
	_validateObjectives(items, mk) {
		if (!Array.isArray(items) || items.length === 0)
			throw mk('data is required and must be a non-empty array');
		const ctx = this._ctx();
		const names = new Set();
		items.forEach((item, i) => {
			const p = `data[${i}]`;
			if (!isPlainObject(item)) throw mk(`${p} must be an object`);
			if (item.objective_name == null || item.objective_name === '')
				throw mk('objective_name is required');
			if (item.objective_prompt == null || item.objective_prompt === '')
				throw mk('objective_prompt is required');
			try {
				check(OBJECTIVE_ITEM_SCHEMA, item, p, ctx);
			} catch (e) {
				if (e instanceof ValidationError) throw mk(e.message);
				throw e;
			}
			if (/\s/.test(item.objective_name))
				throw mk(`objective_name must not contain spaces: "${item.objective_name}"`);
			if (names.has(item.objective_name))
				throw mk(`Duplicate objective_name: ${item.objective_name}`);
			names.add(item.objective_name);
		});
		for (const item of items) {
			const hasCond = item.next_conditional_objectives != null;
			const hasReq = item.next_required_objective != null;
			if (hasCond && hasReq) {
				throw mk(
					`next_conditional_objectives and next_required_objective are mutually exclusive (objective ${item.objective_name})`,
				);
			}
			const refs = [
				...(hasCond ? Object.keys(item.next_conditional_objectives) : []),
				...(hasReq ? [item.next_required_objective] : []),
			];
			for (const ref of refs) {
				if (!names.has(ref))
					throw mk(`Objective ${item.objective_name} references unknown objective: ${ref}`);
				if (ref === item.objective_name)
					throw mk(`Objective ${item.objective_name} cannot reference itself`);
			}
		}
	}

	_normalizeObjective(item) {
		return {
			objective_name: item.objective_name,
			objective_prompt: item.objective_prompt,
			confirmation_mode: item.confirmation_mode ?? 'auto',
			output_variables: item.output_variables ?? [],
			modality: item.modality ?? 'verbal',
			...(item.next_conditional_objectives != null
				? { next_conditional_objectives: item.next_conditional_objectives }
				: {}),
			...(item.next_required_objective != null
				? { next_required_objective: item.next_required_objective }
				: {}),
			...(item.callback_url != null ? { callback_url: item.callback_url } : {}),
			...Object.fromEntries(
				Object.entries(item).filter(([k]) => !hasOwn(OBJECTIVE_ITEM_SCHEMA.props, k)),
			),
		};
	}

	createObjectives(ctx) {
		const b = ctx.body;
		if (!isPlainObject(b)) throw msg400('Request body must be a JSON object');
		if (!this.config.allowUnknownFields) {
			for (const k of Object.keys(b)) if (k !== 'data') throw msg400(`Unknown field: ${k}`);
		}
		if (b.data == null) throw msg400('data is required');
		this._validateObjectives(b.data, msg400);
		const id = this._newId('objectives', () => `o${randomHex(12)}`);
		const now = this._iso();
		const set = {
			objectives_id: id,
			data: clone(b.data).map((i) => this._normalizeObjective(i)),
			status: 'active',
			created_at: now,
			updated_at: now,
		};
		this.state.objectives.set(id, set);
		return {
			status: 200,
			body: {
				objectives_id: id,
				objective_name: set.data[0].objective_name,
				status: 'active',
				created_at: now,
			},
		};
	}

	_objectivesView(set) {
		return {
			objectives_id: set.objectives_id,
			...(set.data[0] || {}),
			data: set.data,
			created_at: set.created_at,
			updated_at: set.updated_at,
		};
	}

	listObjectives(ctx) {
		const items = [...this.state.objectives.values()].map((s) => this._objectivesView(s));
		return { status: 200, body: this._paginate(clone(items), ctx.query) };
	}

	_objectiveSet(id) {
		const s = this.state.objectives.get(id);
		if (s) return s;
		if (/^o[0-9a-z]+$/i.test(id)) throw new ApiError(404, { error: 'Objective not found' });
		throw err400('Invalid objectives_id');
	}

	getObjectives(ctx, id) {
		return { status: 200, body: { data: clone(this._objectivesView(this._objectiveSet(id))) } };
	}

	/**
	 * Documented PATCH paths come in two styles: `/data/0/objective_name` (against the set) and
	 * `/objective_name` (against the first item). Each patch must use one style.
	 */
	_patchSetDoc(items, ops) {
		validatePatchShape(ops);
		const pathsOf = (op) => [op.path, ...(typeof op.from === 'string' ? [op.from] : [])];
		const styles = new Set(
			ops.flatMap((op) => pathsOf(op).map((p) => (parsePointer(p)[0] === 'data' ? 'set' : 'item'))),
		);
		if (styles.size > 1) throw new PatchError('mixed path styles');
		if (styles.has('item')) {
			if (items.length === 0) throw new PatchError('no item');
			const first = applyJsonPatch(items[0], ops);
			return [first, ...items.slice(1)];
		}
		const doc = applyJsonPatch({ data: items }, ops);
		if (!isPlainObject(doc)) throw new PatchError('document must stay an object');
		return doc.data;
	}

	patchObjectives(ctx, id) {
		const set = this._objectiveSet(id);
		let items;
		try {
			items = this._patchSetDoc(set.data, ctx.body);
		} catch (e) {
			if (e instanceof PatchError) throw err400('Invalid patch operation');
			throw e;
		}
		if (deepEqual(items, set.data)) return { status: 304 };
		this._validateObjectives(items, err400);
		set.data = items;
		set.updated_at = this._iso();
		return { status: 200, body: { message: 'Objective updated successfully' } };
	}

	deleteObjectives(ctx, id) {
		this._objectiveSet(id);
		this.state.objectives.delete(id);
		return { status: 204 };
	}

	// =============================================================================================
	// Guardrails: individual (uuid g+12 hex) and legacy sets (guardrails_id g+5 digits)
	// =============================================================================================
	_validateGuardrailItem(item, path, mk, { individual }) {
		if (!isPlainObject(item)) throw mk(`${path || 'body'} must be an object`);
		if (item.guardrail_name == null || item.guardrail_name === '')
			throw mk('guardrail_name is required');
		if (item.guardrail_prompt == null || item.guardrail_prompt === '')
			throw mk('guardrail_prompt is required');
		try {
			check(individual ? GUARDRAIL_SCHEMA : S.obj(GUARDRAIL_ITEM_PROPS), item, path, this._ctx());
		} catch (e) {
			if (e instanceof ValidationError) throw mk(e.message);
			throw e;
		}
		if (!/^[A-Za-z0-9_]+$/.test(item.guardrail_name)) {
			throw mk('guardrail_name may only contain letters, digits and underscores');
		}
		if (item.guardrail_name.length > 100) throw mk('guardrail_name must be at most 100 characters');
		if (item.guardrail_prompt.length > 1000)
			throw mk('guardrail_prompt must be at most 1000 characters');
	}

	_checkTagCapacity(tags, selfId, mk) {
		for (const tag of tags || []) {
			const n = [...this.state.guardrails.values()].filter(
				(g) => g.uuid !== selfId && (g.tags || []).includes(tag),
			).length;
			if (n >= 50) throw mk(`Tag ${tag} already has the maximum of 50 guardrails`);
		}
	}

	createGuardrails(ctx) {
		const b = ctx.body;
		if (!isPlainObject(b)) throw msg400('Request body must be a JSON object');
		const now = this._iso();
		if (!hasOwn(b, 'guardrail_name') && (hasOwn(b, 'data') || hasOwn(b, 'name'))) {
			// Legacy set shape.
			if (!this.config.allowUnknownFields) {
				for (const k of Object.keys(b))
					if (k !== 'name' && k !== 'data') throw msg400(`Unknown field: ${k}`);
			}
			if (b.name != null && typeof b.name !== 'string')
				throw msg400('Invalid type for name: expected string');
			if (!Array.isArray(b.data) || b.data.length === 0)
				throw msg400('data is required and must be a non-empty array');
			b.data.forEach((item, i) =>
				this._validateGuardrailItem(item, `data[${i}]`, msg400, { individual: false }),
			);
			const id = this._newId('guardrailSets', () => `g${10000 + crypto.randomInt(90000)}`);
			const set = {
				guardrails_id: id,
				guardrails_name: b.name ?? null,
				data: clone(b.data).map((i) => ({ modality: 'verbal', ...i })),
				status: 'active',
				created_at: now,
				updated_at: now,
			};
			this.state.guardrailSets.set(id, set);
			return {
				status: 200,
				body: {
					guardrails_id: id,
					guardrails_name: set.guardrails_name,
					status: 'active',
					created_at: now,
				},
			};
		}
		this._validateGuardrailItem(b, '', msg400, { individual: true });
		this._checkTagCapacity(b.tags, undefined, msg400);
		const g = {
			uuid: this._newId('guardrails', () => `g${randomHex(12)}`),
			guardrail_name: b.guardrail_name,
			guardrail_prompt: b.guardrail_prompt,
			modality: b.modality ?? 'verbal',
			callback_url: b.callback_url ?? null,
			tags: b.tags ?? [],
			app_message: b.app_message ?? true,
			created_at: now,
			updated_at: now,
		};
		for (const [k, v] of Object.entries(b)) if (!hasOwn(g, k)) g[k] = clone(v);
		this.state.guardrails.set(g.uuid, g);
		return { status: 200, body: clone(g) };
	}

	listGuardrails(ctx) {
		const q = ctx.query;
		const legacyRaw = q.legacy === undefined ? 'true' : q.legacy.toLowerCase();
		if (legacyRaw !== 'true' && legacyRaw !== 'false')
			throw err400('Invalid request: legacy must be true or false');
		if (legacyRaw === 'true') {
			const items = [...this.state.guardrailSets.values()].map((s) => ({
				guardrails_id: s.guardrails_id,
				guardrails_name: s.guardrails_name,
				created_at: s.created_at,
				updated_at: s.updated_at,
			}));
			return { status: 200, body: this._paginate(clone(items), q) };
		}
		const sort = this._enumParam(q, 'sort', ['ascending', 'descending'], 'ascending');
		const needle = q.name_or_uuid !== undefined ? q.name_or_uuid.toLowerCase() : undefined;
		const tags =
			q.tags !== undefined
				? q.tags
						.split(',')
						.map((t) => t.trim())
						.filter(Boolean)
				: undefined;
		let items = [...this.state.guardrails.values()]
			.filter(
				(g) =>
					!needle ||
					g.uuid.toLowerCase() === needle ||
					g.guardrail_name.toLowerCase().includes(needle),
			)
			.filter((g) => !tags || (g.tags || []).some((t) => tags.includes(t)));
		if (sort === 'descending') items = items.reverse();
		return { status: 200, body: this._paginate(clone(items), q, { base: 0, withMeta: true }) };
	}

	_guardrailTarget(id) {
		if (this.state.guardrailSets.has(id))
			return { legacy: true, obj: this.state.guardrailSets.get(id) };
		if (this.state.guardrails.has(id)) return { legacy: false, obj: this.state.guardrails.get(id) };
		if (/^g\d{5}$/.test(id) || /^g[0-9a-f]{12}$/.test(id))
			throw new ApiError(404, { error: 'Guardrails not found' });
		throw err400('Invalid guardrails_id');
	}

	getGuardrails(ctx, id) {
		const t = this._guardrailTarget(id);
		if (!t.legacy) return { status: 200, body: clone(t.obj) };
		const s = t.obj;
		return {
			status: 200,
			body: {
				data: clone({
					...(s.data[0] || {}),
					guardrails_id: s.guardrails_id,
					guardrails_name: s.guardrails_name,
					data: s.data,
					created_at: s.created_at,
					updated_at: s.updated_at,
				}),
			},
		};
	}

	patchGuardrails(ctx, id) {
		const t = this._guardrailTarget(id);
		const bad = () => err400('Invalid patch operation');
		if (t.legacy) {
			let items;
			try {
				items = this._patchSetDoc(t.obj.data, ctx.body);
			} catch (e) {
				if (e instanceof PatchError) throw bad();
				throw e;
			}
			if (deepEqual(items, t.obj.data)) return { status: 304 };
			if (!Array.isArray(items) || items.length === 0)
				throw err400('data must be a non-empty array');
			items.forEach((item, i) =>
				this._validateGuardrailItem(item, `data[${i}]`, err400, { individual: false }),
			);
			t.obj.data = items;
			t.obj.updated_at = this._iso();
			return { status: 200, body: { message: 'Guardrails updated successfully' } };
		}
		let result;
		try {
			result = applyJsonPatch(t.obj, ctx.body);
		} catch (e) {
			if (e instanceof PatchError) throw bad();
			throw e;
		}
		if (deepEqual(result, t.obj)) return { status: 304 };
		if (!isPlainObject(result)) throw err400('Guardrail must be a JSON object');
		for (const k of ['uuid', 'created_at', 'updated_at']) {
			if (!deepEqual(result[k], t.obj[k])) throw err400(`${k} is read-only`);
		}
		const rest = { ...result };
		delete rest.uuid;
		delete rest.created_at;
		delete rest.updated_at;
		this._validateGuardrailItem(rest, '', err400, { individual: true });
		this._checkTagCapacity(
			(rest.tags || []).filter((tag) => !(t.obj.tags || []).includes(tag)),
			id,
			err400,
		);
		result.updated_at = this._iso();
		this.state.guardrails.set(id, result);
		return { status: 200, body: { message: 'Guardrails updated successfully' } };
	}

	deleteGuardrails(ctx, id) {
		const t = this._guardrailTarget(id);
		if (t.legacy) {
			this.state.guardrailSets.delete(id);
			for (const p of this.state.personas.values())
				if (p.guardrails_id === id) p.guardrails_id = null;
		} else {
			this.state.guardrails.delete(id);
			for (const p of this.state.personas.values()) {
				if (Array.isArray(p.guardrail_ids))
					p.guardrail_ids = p.guardrail_ids.filter((g) => g !== id);
			}
		}
		return { status: 204 };
	}

	// =============================================================================================
	// Documents
	// =============================================================================================
	_crawlInFlight() {
		return [...this.state.documents.values()].filter(
			(d) => d.crawl_config && ['started', 'processing', 'recrawling'].includes(d.status),
		).length;
	}

	createDocument(ctx) {
		const b = ctx.body;
		this._validate(DOCUMENT_SCHEMA, b);
		if (b.document_url == null) throw err400('Invalid request: document_url is required');
		if (b.crawl != null) {
			const crawlDocs = [...this.state.documents.values()].filter((d) => d.crawl_config).length;
			const max = this.config.maxCrawlDocuments;
			if (crawlDocs >= max) {
				throw new ApiError(429, {
					error: `Crawl document limit reached (${max}). Contact support@tavus.io to increase your limit.`,
				});
			}
			if (this._crawlInFlight() >= this.config.maxConcurrentCrawls) {
				throw new ApiError(429, {
					error: `Concurrent crawl limit reached (${this.config.maxConcurrentCrawls}). Please wait for a crawl to finish.`,
				});
			}
		}
		const id = this._newId('documents', () => `d${randomHex(12)}`);
		const now = this._iso();
		const u = new URL(b.document_url);
		const defaultName = decodeURIComponent(
			u.pathname.split('/').filter(Boolean).pop() || u.hostname,
		);
		const d = {
			document_id: id,
			document_name: b.document_name ?? defaultName,
			document_url: b.document_url,
			status: 'started',
			progress: null,
			error_message: null,
			created_at: now,
			updated_at: now,
			callback_url: b.callback_url ?? null,
			tags: b.tags ?? [],
			crawl_config: b.crawl != null ? { depth: 1, max_pages: 10, ...b.crawl } : null,
			crawled_urls: null,
			last_crawled_at: null,
			crawl_count: b.crawl != null ? 0 : null,
		};
		this.state.documents.set(id, d);
		return { status: 200, body: clone(d) };
	}

	_advanceDocument(d) {
		if (!['started', 'processing', 'recrawling'].includes(d.status)) return;
		const meta = this._metaFor('documents', d.document_id);
		meta.gets += 1;
		const marker = `${d.document_name || ''} ${d.document_url}`;
		const now = this._iso();
		if (/MOCK_NEVER/.test(marker) || meta.gets < this.config.documentReadyAfterGets) {
			if (d.status === 'started') d.status = 'processing';
			d.progress = Math.min(
				99,
				Math.round((meta.gets / Math.max(1, this.config.documentReadyAfterGets)) * 100),
			);
		} else if (/MOCK_FAIL/.test(marker)) {
			d.status = 'error';
			d.progress = null;
			d.error_message = 'file_download_failed';
		} else {
			d.status = 'ready';
			d.progress = null;
			d.error_message = null;
			if (d.crawl_config) {
				const cfg = meta.recrawlConfig || d.crawl_config;
				const pages = Math.min(cfg.max_pages, 3);
				const baseUrl = d.document_url.replace(/\/$/, '');
				d.crawled_urls = [
					d.document_url,
					...Array.from({ length: pages - 1 }, (_, i) => `${baseUrl}/page-${i + 1}`),
				];
				d.last_crawled_at = now;
				d.crawl_count = (d.crawl_count || 0) + 1;
				meta.recrawlConfig = undefined;
			}
		}
		d.updated_at = now;
	}

	listDocuments(ctx) {
		const q = ctx.query;
		const sort = this._enumParam(q, 'sort', ['ascending', 'descending'], 'ascending');
		const status = this._enumParam(q, 'status', ENUMS.documentStatus, undefined);
		const needle = q.name_or_uuid !== undefined ? q.name_or_uuid.toLowerCase() : undefined;
		const tags =
			q.tags !== undefined
				? q.tags
						.split(',')
						.map((t) => t.trim())
						.filter(Boolean)
				: undefined;
		let items = [...this.state.documents.values()]
			.filter((d) => !status || d.status === status)
			.filter(
				(d) =>
					!needle ||
					d.document_id.toLowerCase() === needle ||
					String(d.document_name || '')
						.toLowerCase()
						.includes(needle),
			)
			.filter((d) => !tags || (d.tags || []).some((t) => tags.includes(t)));
		items.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
		if (sort === 'descending') items = items.reverse();
		return { status: 200, body: this._paginate(clone(items), q, { base: 0, withMeta: true }) };
	}

	_document(id) {
		const d = this.state.documents.get(id);
		if (!d) throw new ApiError(404, { message: 'Document not found' });
		return d;
	}

	getDocument(ctx, id) {
		const d = this._document(id);
		this._advanceDocument(d);
		return { status: 200, body: clone(d) };
	}

	patchDocument(ctx, id) {
		const d = this._document(id);
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Invalid request: body must be a JSON object');
		try {
			check(S.obj({ document_name: S.str, tags: S.strArr() }), b, '', this._ctx());
		} catch (e) {
			if (e instanceof ValidationError) throw err400(`Invalid request: ${e.message}`);
			throw e;
		}
		if (b.document_name != null && typeof b.document_name !== 'string') {
			throw err400('Invalid request: document_name must be a string');
		}
		if (b.document_name != null) d.document_name = b.document_name;
		if (b.tags != null) d.tags = clone(b.tags);
		d.updated_at = this._iso();
		return { status: 200, body: clone(d) };
	}

	deleteDocument(ctx, id) {
		this._document(id);
		this.state.documents.delete(id);
		return { status: 204 };
	}

	recrawlDocument(ctx, id) {
		const d = this._document(id);
		const b = ctx.body;
		if (b !== undefined) {
			if (!isPlainObject(b)) throw err400('Invalid request: body must be a JSON object');
			try {
				check(S.obj({ crawl: CRAWL_SCHEMA }), b, '', this._ctx());
			} catch (e) {
				if (e instanceof ValidationError) throw err400(`Invalid request: ${e.message}`);
				throw e;
			}
		}
		const override = b && b.crawl != null ? b.crawl : undefined;
		if (!d.crawl_config && !override)
			throw err400('Document was not created with crawl configuration');
		if (d.status !== 'ready' && d.status !== 'error') {
			throw new ApiError(409, {
				error: `Document must be in 'ready' or 'error' state to recrawl, current status: ${d.status}`,
			});
		}
		const meta = this._metaFor('documents', id);
		const nowMs = this.now().getTime();
		if (
			meta.lastRecrawlAt !== undefined &&
			nowMs - meta.lastRecrawlAt < this.config.recrawlCooldownMs
		) {
			const minutes = Math.ceil(
				(this.config.recrawlCooldownMs - (nowMs - meta.lastRecrawlAt)) / 60000,
			);
			throw new ApiError(429, {
				error: `Recrawl cooldown: please wait ${minutes} minutes before recrawling this document.`,
			});
		}
		if (this._crawlInFlight() >= this.config.maxConcurrentCrawls) {
			throw new ApiError(429, {
				error: `Concurrent crawl limit reached (${this.config.maxConcurrentCrawls}). Please wait for a crawl to finish.`,
			});
		}
		meta.lastRecrawlAt = nowMs;
		meta.gets = 0;
		const effective = { depth: 1, max_pages: 10, ...(d.crawl_config || {}), ...(override || {}) };
		if (!d.crawl_config) d.crawl_config = effective;
		meta.recrawlConfig = effective;
		d.status = 'recrawling';
		d.progress = 0;
		d.error_message = null;
		d.updated_at = this._iso();
		return { status: 202, body: { ...clone(d), crawl_config: effective } };
	}

	// =============================================================================================
	// Pronunciation dictionaries
	// =============================================================================================
	_validateDictionary(doc, mk) {
		if (doc.name == null) throw mk('Invalid request: name is required');
		if (typeof doc.name !== 'string') throw mk('Invalid request: name must be a string');
		if (doc.name.trim() === '') throw mk('Invalid request: name is required');
		if (doc.name.length > 255) throw mk('Invalid request: name must be at most 255 characters');
		if (doc.rules != null) {
			try {
				check(S.arr(PD_RULE_SCHEMA), doc.rules, 'rules', this._ctx());
			} catch (e) {
				if (e instanceof ValidationError) throw mk(`Invalid request: ${e.message}`);
				throw e;
			}
			const texts = doc.rules.map((r) => r.text);
			if (new Set(texts).size !== texts.length)
				throw mk('Invalid request: duplicate text values in rules');
		}
	}

	_normalizeRules(rules) {
		return (rules || []).map((r) =>
			isPlainObject(r)
				? {
						...r,
						case_sensitive: r.case_sensitive ?? false,
						word_boundaries: r.word_boundaries ?? true,
					}
				: r,
		);
	}

	createDictionary(ctx) {
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Invalid request: body must be a JSON object');
		if (!this.config.allowUnknownFields) {
			for (const k of Object.keys(b))
				if (k !== 'name' && k !== 'rules') throw err400(`Unknown field: ${k}`);
		}
		this._validateDictionary(b, err400);
		const now = this._iso();
		const rules = this._normalizeRules(clone(b.rules));
		const d = {
			pronunciation_dictionary_id: this._newId(
				'pronunciationDictionaries',
				() => `pd_${randomHex(12)}`,
			),
			name: b.name,
			rules,
			rules_count: rules.length,
			created_at: now,
			updated_at: now,
		};
		this.state.pronunciationDictionaries.set(d.pronunciation_dictionary_id, d);
		return { status: 201, body: clone(d) };
	}

	listDictionaries(ctx) {
		const sort = this._enumParam(ctx.query, 'sort', ['asc', 'desc'], 'desc');
		let items = [...this.state.pronunciationDictionaries.values()].map((d) => ({
			pronunciation_dictionary_id: d.pronunciation_dictionary_id,
			name: d.name,
			rules_count: (d.rules || []).length,
			created_at: d.created_at,
			updated_at: d.updated_at,
		}));
		items.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
		if (sort === 'desc') items = items.reverse();
		return {
			status: 200,
			body: this._paginate(clone(items), ctx.query, { base: 0, withMeta: true }),
		};
	}

	_dictionary(id) {
		const d = this.state.pronunciationDictionaries.get(id);
		if (!d) throw new ApiError(404, { message: 'Pronunciation dictionary not found' });
		return d;
	}

	getDictionary(ctx, id) {
		const d = this._dictionary(id);
		return { status: 200, body: clone({ ...d, rules_count: (d.rules || []).length }) };
	}

	patchDictionary(ctx, id) {
		const d = this._dictionary(id);
		const readOnly = ['/pronunciation_dictionary_id', '/rules_count', '/created_at', '/updated_at'];
		const invalid = () => new ApiError(422, { message: 'Invalid JSON patch format' });
		let ops;
		try {
			validatePatchShape(ctx.body);
			for (const op of ctx.body) {
				for (const p of [op.path, ...(typeof op.from === 'string' ? [op.from] : [])]) {
					if (p !== '/name' && p !== '/rules' && !readOnly.includes(p))
						throw new PatchError(`unsupported path ${p}`);
				}
			}
			// Read-only fields are silently ignored.
			ops = ctx.body.filter((op) => !readOnly.includes(op.path));
		} catch (e) {
			if (e instanceof PatchError) throw invalid();
			throw e;
		}
		const current = { name: d.name, rules: d.rules };
		let result;
		try {
			result = applyJsonPatch(current, ops);
		} catch (e) {
			if (e instanceof PatchError) throw invalid();
			throw e;
		}
		const comparable = isPlainObject(result)
			? {
					...result,
					rules: Array.isArray(result.rules) ? this._normalizeRules(result.rules) : result.rules,
				}
			: result;
		if (deepEqual(comparable, current)) return { status: 304 };
		if (!isPlainObject(result)) throw invalid();
		this._validateDictionary(result, err400);
		d.name = result.name;
		d.rules = this._normalizeRules(result.rules);
		d.rules_count = d.rules.length;
		d.updated_at = this._iso();
		return { status: 200, body: clone(d) };
	}

	deleteDictionary(ctx, id) {
		this._dictionary(id);
		this.state.pronunciationDictionaries.delete(id);
		for (const p of this.state.personas.values()) {
			const tts = p.layers && p.layers.tts;
			if (tts && tts.pronunciation_dictionary_id === id) tts.pronunciation_dictionary_id = null;
		}
		return { status: 204 };
	}

	// =============================================================================================
	// Tool registry (tavus-api-2026-11.md §3.1–3.7). Stored unmasked in state.tools; every
	// response masks delivery.api.auth secrets. Errors are 400 {error}.
	// =============================================================================================
	/** Top-level body keys: read-only fields and unknown fields → 400 (unless allowUnknownFields). */
	_checkToolKeys(b) {
		if (this.config.allowUnknownFields) return;
		for (const k of Object.keys(b)) {
			if (TOOL_READ_ONLY.includes(k)) throw err400(`${k} is read-only`);
			if (!TOOL_FIELDS.includes(k)) throw err400(`Unknown field: ${k}`);
		}
	}

	/**
	 * Validates a complete tool input (TOOL_FIELDS; null = not set = default) and returns the
	 * stored fields with defaults applied. `prevAuth`: stored delivery.api.auth whose secrets an
	 * omitted secret field keeps (same auth.type only).
	 */
	_normalizeTool(input, prevAuth) {
		try {
			return this._normalizeToolInner(input, prevAuth);
		} catch (e) {
			if (e instanceof ValidationError) throw err400(e.message);
			throw e;
		}
	}

	_normalizeToolInner(input, prevAuth) {
		const V = (m) => new ValidationError(m);
		const enumCheck = (k, v) => check(S.enumOf(...TOOL_ENUMS[k]), v, k, {});

		const { name, description } = input;
		if (name == null) throw V('name is required');
		if (typeof name !== 'string') throw typeError('name', 'string', name);
		if (!TOOL_NAME_RE.test(name)) {
			throw V(
				`Invalid name: ${JSON.stringify(name)} must match ^[a-zA-Z_][a-zA-Z0-9_]{0,63}$ (letters, digits and underscores; starts with a letter or underscore; at most 64 characters)`,
			);
		}
		if (description == null) throw V('description is required');
		if (typeof description !== 'string') throw typeError('description', 'string', description);
		if (description.trim() === '') throw V('description is required');

		const parameters = input.parameters == null ? {} : input.parameters;
		if (!isPlainObject(parameters)) throw typeError('parameters', 'object', parameters);
		if (Object.keys(parameters).length > 0) {
			if (parameters.type === undefined) throw V('parameters.type is required (expected "object")');
			if (parameters.type !== 'object') {
				throw V(
					`Invalid value for parameters.type: ${JSON.stringify(parameters.type)} (expected "object")`,
				);
			}
			if (!isPlainObject(parameters.properties))
				throw V('parameters.properties is required and must be an object');
			for (const [prop, def] of Object.entries(parameters.properties)) {
				if (prop.startsWith('tavus_')) {
					throw V(
						`Invalid parameters.properties.${prop}: property names starting with "tavus_" are reserved for Tavus-injected placeholders`,
					);
				}
				if (!isPlainObject(def)) throw typeError(`parameters.properties.${prop}`, 'object', def);
			}
			if (parameters.required !== undefined) {
				const r = parameters.required;
				if (!Array.isArray(r) || r.some((x) => typeof x !== 'string'))
					throw typeError('parameters.required', 'array of strings', r);
				for (const x of r) {
					if (!hasOwn(parameters.properties, x))
						throw V(`parameters.required lists "${x}", which is not in parameters.properties`);
				}
			}
		}
		const size = description.length + JSON.stringify(parameters).length;
		if (size > TOOL_MAX_SCHEMA_CHARS) {
			throw V(
				`description and parameters together must be at most ${TOOL_MAX_SCHEMA_CHARS} characters (got ${size})`,
			);
		}

		const triggerType = input.trigger_type ?? 'in_call';
		enumCheck('trigger_type', triggerType);
		const postCall = triggerType === 'post_call';
		let origin = input.origin ?? null;
		if (postCall) {
			if (origin !== null) throw V('origin must be omitted for post_call tools');
		} else {
			origin = origin ?? 'llm';
			enumCheck('origin', origin);
		}
		const perception = origin === 'vision' || origin === 'audio';

		let onCall = input.on_call ?? null;
		if (onCall !== null) {
			if (perception)
				throw V('on_call must be omitted for perception tools (origin vision or audio)');
			enumCheck('on_call', onCall);
		} else if (origin === 'llm') onCall = 'generate_filler';

		const onResolve = input.on_resolve ?? 'fire_and_forget';
		enumCheck('on_resolve', onResolve);
		if (perception && onResolve !== 'fire_and_forget') {
			throw V(
				'on_resolve must be fire_and_forget (or omitted) for perception tools (origin vision or audio)',
			);
		}

		const staticFiller = input.static_filler ?? null;
		if (staticFiller !== null) {
			if (typeof staticFiller !== 'string')
				throw typeError('static_filler', 'string', staticFiller);
			if (perception)
				throw V('static_filler must be omitted for perception tools (origin vision or audio)');
		}
		if (onCall === 'static_filler' && (staticFiller === null || staticFiller.trim() === ''))
			throw V('static_filler is required when on_call is static_filler');

		const delivery = this._normalizeDelivery(input.delivery, prevAuth);
		if (postCall && !delivery.api) {
			throw V('post_call tools must use delivery.api (app_message delivery is not allowed)');
		}

		return {
			name,
			description,
			parameters: clone(parameters),
			delivery,
			trigger_type: triggerType,
			origin,
			on_call: onCall,
			on_resolve: onResolve,
			static_filler: staticFiller,
		};
	}

	_normalizeDelivery(d, prevAuth) {
		const V = (m) => new ValidationError(m);
		const ctx = this._ctx();
		if (d == null) return { app_message: true };
		if (!isPlainObject(d)) throw typeError('delivery', 'object', d);
		rejectUnknownKeys(d, ['app_message', 'api'], 'delivery', ctx);
		if (d.app_message != null && typeof d.app_message !== 'boolean')
			throw typeError('delivery.app_message', 'boolean', d.app_message);
		if (d.api != null && !isPlainObject(d.api)) throw typeError('delivery.api', 'object', d.api);
		const app = d.app_message === true;
		const hasApi = d.api != null;
		if (app === hasApi) {
			throw V(
				`Invalid delivery: use exactly one channel, either app_message: true alone or api with app_message false (${app ? 'both are set' : 'none is enabled'})`,
			);
		}
		if (app) return { app_message: true };

		const api = d.api;
		rejectUnknownKeys(api, TOOL_API_FIELDS, 'delivery.api', ctx);
		if (api.url == null) throw V('delivery.api.url is required');
		checkToolUrl(api.url, 'delivery.api.url');
		if (api.method != null) {
			check(S.enumOf(...TOOL_API_METHODS), api.method, 'delivery.api.method', ctx);
		}
		if (api.timeout != null) {
			if (typeof api.timeout !== 'number' || !Number.isFinite(api.timeout))
				throw typeError('delivery.api.timeout', 'number', api.timeout);
			if (api.timeout <= 0) throw V('delivery.api.timeout must be greater than 0 (seconds)');
		}
		if (api.headers != null) check(S.map(S.str), api.headers, 'delivery.api.headers', ctx);
		if (api.query_params != null)
			check(S.map(S.str), api.query_params, 'delivery.api.query_params', ctx);
		if (api.body_template != null && !isPlainObject(api.body_template))
			throw typeError('delivery.api.body_template', 'object', api.body_template);
		if (api.content_type != null && typeof api.content_type !== 'string')
			throw typeError('delivery.api.content_type', 'string', api.content_type);

		const out = {};
		for (const [k, v] of Object.entries(api)) if (v !== null && k !== 'auth') out[k] = clone(v);
		if (api.auth != null) out.auth = this._normalizeToolAuth(api.auth, prevAuth);
		return { app_message: false, api: out };
	}

	_normalizeToolAuth(auth, prevAuth) {
		const V = (m) => new ValidationError(m);
		const p = 'delivery.api.auth';
		if (!isPlainObject(auth)) throw typeError(p, 'object', auth);
		if (auth.type == null) throw V(`${p}.type is required`);
		check(S.enumOf(...Object.keys(TOOL_AUTH_TYPES)), auth.type, `${p}.type`, {});
		const [required, optional] = TOOL_AUTH_TYPES[auth.type];
		if (!this.config.allowUnknownFields) {
			for (const k of Object.keys(auth)) {
				if (k !== 'type' && !required.includes(k) && !optional.includes(k)) {
					throw V(`Unknown field: ${p}.${k} (not used by auth type ${auth.type})`);
				}
			}
		}
		const known = ['type', ...required, ...optional];
		const out = {};
		for (const [k, v] of Object.entries(auth)) {
			if (v === null) continue;
			if (!known.includes(k)) {
				out[k] = clone(v);
				continue;
			}
			if (typeof v !== 'string') throw typeError(`${p}.${k}`, 'string', v);
			if (TOOL_SECRET_FIELDS.includes(k) && v === TOOL_MASK) {
				throw V(
					`Invalid ${p}.${k}: "${TOOL_MASK}" is the masked value; send the real secret, or omit the field to keep the stored one`,
				);
			}
			out[k] = v;
		}
		if (isPlainObject(prevAuth) && prevAuth.type === auth.type) {
			for (const k of TOOL_SECRET_FIELDS) {
				if (out[k] === undefined && prevAuth[k] != null && known.includes(k)) out[k] = prevAuth[k];
			}
		}
		for (const k of required) {
			if (out[k] === undefined || out[k].trim() === '') throw V(`${p}.${k} is required`);
		}
		if (auth.type === 'api_key') {
			out.location = out.location ?? 'header';
			check(S.enumOf('header', 'query'), out.location, `${p}.location`, {});
		}
		if (auth.type === 'oauth2_client_credentials') checkToolUrl(out.token_url, `${p}.token_url`);
		return out;
	}

	_checkToolName(name, selfId) {
		for (const t of this.state.tools.values()) {
			if (t.name !== name || t.tool_id === selfId) continue;
			if (t.is_system_tool) throw err400(`Tool name "${name}" is reserved for a system tool`);
			throw err400(`A tool named "${name}" already exists`);
		}
	}

	createTool(ctx) {
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Request body must be a JSON object');
		this._checkToolKeys(b);
		const input = {};
		for (const k of TOOL_FIELDS) if (hasOwn(b, k)) input[k] = b[k];
		const fields = this._normalizeTool(input, undefined);
		this._checkToolName(fields.name, undefined);
		const now = toolStamp(this.now());
		const tool = {
			tool_id: this._newId('tools', () => `t${randomHex(12)}`),
			owner_id: TOOL_OWNER_ID,
			name: fields.name,
			description: fields.description,
			parameters: fields.parameters,
			delivery: fields.delivery,
			is_system_tool: false,
			trigger_type: fields.trigger_type,
			origin: fields.origin,
			on_call: fields.on_call,
			on_resolve: fields.on_resolve,
			static_filler: fields.static_filler,
			created_at: now,
			updated_at: now,
		};
		for (const [k, v] of Object.entries(b)) if (!hasOwn(tool, k)) tool[k] = clone(v);
		this.state.tools.set(tool.tool_id, tool);
		return { status: 200, body: maskTool(tool) };
	}

	listTools(ctx) {
		const q = ctx.query;
		const sort = this._enumParam(q, 'sort', ['asc', 'desc'], 'asc');
		const type = this._enumParam(q, 'type', ['user', 'system', 'all'], 'user');
		const needle = q.name_or_uuid !== undefined ? q.name_or_uuid.toLowerCase() : undefined;
		const byCreated = (system) => {
			const list = [...this.state.tools.values()]
				.filter((t) => Boolean(t.is_system_tool) === system)
				.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
			return sort === 'desc' ? list.reverse() : list;
		};
		let items = [];
		if (type !== 'user') items = items.concat(byCreated(true));
		if (type !== 'system') items = items.concat(byCreated(false));
		if (needle !== undefined) {
			items = items.filter(
				(t) =>
					String(t.tool_id).toLowerCase() === needle ||
					String(t.name).toLowerCase().includes(needle),
			);
		}
		const page = this._paginate(items, q);
		page.data = page.data.map(maskTool);
		return { status: 200, body: page };
	}

	_tool(id) {
		const t = this.state.tools.get(id);
		if (!t) throw err400('Bad Request. Tool not found');
		return t;
	}

	getTool(ctx, id) {
		return { status: 200, body: maskTool(this._tool(id)) };
	}

	patchTool(ctx, id) {
		const t = this._tool(id);
		if (t.is_system_tool) throw err400('Bad Request. Cannot update system tools');
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Request body must be a JSON object');
		this._checkToolKeys(b);
		const input = {};
		for (const k of TOOL_FIELDS) input[k] = hasOwn(b, k) ? b[k] : clone(t[k]);
		// A new trigger_type / origin re-derives the dependent fields the body leaves out.
		const trigger = input.trigger_type ?? 'in_call';
		const triggerChanged = hasOwn(b, 'trigger_type') && trigger !== t.trigger_type;
		if (triggerChanged && !hasOwn(b, 'origin')) input.origin = null;
		const origin = input.origin ?? (trigger === 'post_call' ? null : 'llm');
		if (triggerChanged || origin !== t.origin) {
			for (const k of ['on_call', 'on_resolve', 'static_filler'])
				if (!hasOwn(b, k)) input[k] = null;
		}
		const prevAuth = t.delivery && t.delivery.api ? t.delivery.api.auth : undefined;
		const fields = this._normalizeTool(input, prevAuth);
		this._checkToolName(fields.name, id);
		const extra = {};
		if (this.config.allowUnknownFields) {
			for (const [k, v] of Object.entries(b))
				if (!TOOL_FIELDS.includes(k) && !TOOL_READ_ONLY.includes(k)) extra[k] = clone(v);
		}
		const changed =
			TOOL_FIELDS.some((k) => !deepEqual(fields[k], t[k])) ||
			Object.entries(extra).some(([k, v]) => !deepEqual(v, t[k]));
		Object.assign(t, fields, extra);
		if (changed) t.updated_at = toolStamp(this.now());
		return { status: 200, body: maskTool(t) };
	}

	deleteTool(ctx, id) {
		const t = this.state.tools.get(id);
		if (!t || t.is_system_tool) throw err400('Bad Request. Cannot delete system tools');
		// Soft delete at Tavus: gone from every endpoint and the name is free again.
		this.state.tools.delete(id);
		return { status: 204 };
	}

	// =============================================================================================
	// PAL tools (tavus-api-2026-11.md §3.8): /v2/pals/{pal_id}/tools. A PAL is a persona (same
	// p… id, state.personas). Attachments are kept per PAL in _meta (cleared on reset); a tool
	// deleted from the registry drops out of every PAL's list.
	// =============================================================================================
	_palToolIds(palId) {
		const meta = this._metaFor('palTools', palId);
		if (!meta.toolIds) meta.toolIds = [];
		meta.toolIds = meta.toolIds.filter((toolId) => this.state.tools.has(toolId));
		return meta;
	}

	_pal(palId, { owned = false } = {}) {
		const p = this.state.personas.get(palId);
		if (!p || (owned && p.persona_type === 'system')) throw err400('PAL not found');
		return p;
	}

	attachPalTools(ctx, palId) {
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Request body must be a JSON object');
		if (!this.config.allowUnknownFields) {
			for (const k of Object.keys(b)) if (k !== 'tool_ids') throw err400(`Unknown field: ${k}`);
		}
		if (!hasOwn(b, 'tool_ids')) throw err400('tool_ids is required');
		const ids = b.tool_ids;
		if (!Array.isArray(ids)) throw err400(`tool_ids: expected array, got ${typeName(ids)}`);
		if (ids.length === 0) throw err400('tool_ids must not be empty');
		ids.forEach((toolId, i) => {
			if (typeof toolId !== 'string' || toolId === '')
				throw err400(`tool_ids[${i}]: expected non-empty string, got ${typeName(toolId)}`);
		});
		this._pal(palId, { owned: true });
		const wanted = [...new Set(ids)];
		for (const toolId of wanted) {
			const t = this.state.tools.get(toolId);
			if (!t) throw err400(`Bad Request. Tool not found: ${toolId}`);
		}
		const meta = this._palToolIds(palId);
		// System tools (end_call) are always available: accepted, never listed as attached.
		const added = wanted.filter(
			(toolId) => !meta.toolIds.includes(toolId) && !this.state.tools.get(toolId).is_system_tool,
		);
		if (meta.toolIds.length + added.length > 50)
			throw err400('Bad Request. A PAL can have at most 50 tools attached');
		meta.toolIds.push(...added);
		return {
			status: 200,
			body: { data: wanted.map((toolId) => maskTool(this.state.tools.get(toolId))) },
		};
	}

	listPalTools(ctx, palId) {
		this._pal(palId);
		const { toolIds } = this._palToolIds(palId);
		return {
			status: 200,
			body: { data: toolIds.map((toolId) => maskTool(this.state.tools.get(toolId))) },
		};
	}

	detachPalTool(ctx, palId, toolId) {
		const notAttached = () => err400('Bad Request. Tool not attached to this PAL');
		if (!this.state.personas.has(palId)) throw notAttached();
		const meta = this._palToolIds(palId);
		if (!meta.toolIds.includes(toolId)) throw notAttached();
		meta.toolIds = meta.toolIds.filter((id) => id !== toolId);
		return { status: 204 };
	}

	// =============================================================================================
	// Skills (tavus-api-2026-11.md §6): the registry GET /v2/skills, and the skills of a PAL
	// (/v2/pals/{pal_id}/skills; a PAL is a persona, state.personas). Attachments are kept per PAL in
	// _meta (cleared on reset), keyed by skill_id in attach order. Errors: 400 {"error":"PAL not
	// found"} [D]; an unknown skill id in the URL → 404 "Unknown skill '<id>'" [D]; config strictly
	// validated, stray fields → 400 [D]. A skill that is not attached → 404 on GET/PATCH/DELETE [I]
	// (the docs' text is cut off).
	// =============================================================================================
	listSkills() {
		return { status: 200, body: { data: clone(SKILL_REGISTRY) } };
	}

	_palSkills(palId) {
		const meta = this._metaFor('palSkills', palId);
		if (!meta.skills) meta.skills = new Map();
		return meta.skills;
	}

	_knownSkill(skillId) {
		if (!SKILL_REGISTRY.some((s) => s.skill_id === skillId))
			throw new ApiError(404, { error: `Unknown skill '${skillId}'` });
	}

	_attachedSkill(palId, skillId) {
		const a = this._palSkills(palId).get(skillId);
		if (!a) throw new ApiError(404, { error: `Skill '${skillId}' is not attached to this PAL` });
		return a;
	}

	/** Validates a skill's whole config (after a merge, too); returns it. */
	_checkSkillConfig(skillId, config, path = 'config') {
		if (!isPlainObject(config)) throw err400(`${path}: expected object, got ${typeName(config)}`);
		const allowed = {
			internet_search: [],
			presentation: ['document_ids', 'slides_trigger', 'prompt'],
			magic_canvas: ['components'],
		}[skillId];
		for (const k of Object.keys(config))
			if (!allowed.includes(k)) throw err400(`${path}.${k}: unknown field for skill ${skillId}`);
		if (skillId === 'presentation') {
			const ids = config.document_ids;
			if (ids === undefined) throw err400(`${path}.document_ids is required`);
			if (!Array.isArray(ids))
				throw err400(`${path}.document_ids: expected array, got ${typeName(ids)}`);
			if (ids.length === 0) throw err400(`${path}.document_ids must not be empty`);
			ids.forEach((id, i) => {
				if (typeof id !== 'string' || id === '')
					throw err400(
						`${path}.document_ids[${i}]: expected non-empty string, got ${typeName(id)}`,
					);
			});
			if (config.slides_trigger !== undefined && !SLIDES_TRIGGERS.includes(config.slides_trigger))
				throw err400(`${path}.slides_trigger: must be one of ${SLIDES_TRIGGERS.join(', ')}`);
			if (config.prompt !== undefined && typeof config.prompt !== 'string')
				throw err400(`${path}.prompt: expected string, got ${typeName(config.prompt)}`);
		}
		if (skillId === 'magic_canvas' && config.components !== undefined) {
			const cs = config.components;
			if (!isPlainObject(cs))
				throw err400(`${path}.components: expected object, got ${typeName(cs)}`);
			for (const [name, c] of Object.entries(cs)) {
				const at = `${path}.components.${name}`;
				if (!CANVAS_COMPONENTS.includes(name)) throw err400(`${at}: unknown component`);
				if (!isPlainObject(c)) throw err400(`${at}: expected object, got ${typeName(c)}`);
				const fields =
					name === 'scheduling_embed' ? ['enabled', 'provider', 'scheduling_url'] : ['enabled'];
				for (const k of Object.keys(c))
					if (!fields.includes(k)) throw err400(`${at}.${k}: unknown field`);
				if (c.enabled !== undefined && typeof c.enabled !== 'boolean')
					throw err400(`${at}.enabled: expected boolean, got ${typeName(c.enabled)}`);
				if (c.provider !== undefined && typeof c.provider !== 'string')
					throw err400(`${at}.provider: expected string, got ${typeName(c.provider)}`);
				if (c.scheduling_url !== undefined && !isHttpUrl(c.scheduling_url))
					throw err400(`${at}.scheduling_url: expected an http(s) URL`);
			}
		}
		return config;
	}

	/** The config of a PUT body {"config": {...}} (config defaults to {}; an empty body is OK). */
	_skillBodyConfig(b, skillId, path = 'config') {
		if (b === undefined) return {};
		if (!isPlainObject(b)) throw err400('Request body must be a JSON object');
		if (!this.config.allowUnknownFields) {
			for (const k of Object.keys(b)) if (k !== 'config') throw err400(`Unknown field: ${k}`);
		}
		return clone(this._checkSkillConfig(skillId, b.config === undefined ? {} : b.config, path));
	}

	_putSkill(palId, skillId, config) {
		const skills = this._palSkills(palId);
		const now = skillStamp(this.now());
		const before = skills.get(skillId);
		const a = {
			skill_id: skillId,
			config,
			attached_at: before ? before.attached_at : now,
			updated_at: now,
		};
		skills.set(skillId, a);
		return a;
	}

	listPalSkills(ctx, palId) {
		this._pal(palId);
		return { status: 200, body: { data: Object.fromEntries(clone([...this._palSkills(palId)])) } };
	}

	getPalSkill(ctx, palId, skillId) {
		this._pal(palId);
		this._knownSkill(skillId);
		return { status: 200, body: clone(this._attachedSkill(palId, skillId)) };
	}

	attachPalSkill(ctx, palId, skillId) {
		this._pal(palId, { owned: true });
		this._knownSkill(skillId);
		const config = this._skillBodyConfig(ctx.body, skillId);
		return { status: 200, body: clone(this._putSkill(palId, skillId, config)) };
	}

	/**
	 * Merge: given keys replace, omitted are kept, null removes; the merged config is validated.
	 * Whether the partial config is wrapped in {"config": ...} is ambiguous in the docs: both are
	 * taken [I].
	 */
	patchPalSkill(ctx, palId, skillId) {
		this._pal(palId, { owned: true });
		this._knownSkill(skillId);
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Request body must be a JSON object');
		const wrapped = Object.keys(b).length === 1 && hasOwn(b, 'config');
		const partial = wrapped ? b.config : b;
		if (!isPlainObject(partial)) throw err400(`config: expected object, got ${typeName(partial)}`);
		const a = this._attachedSkill(palId, skillId);
		const merged = clone(a.config);
		for (const [k, v] of Object.entries(partial)) {
			if (v === null) delete merged[k];
			else merged[k] = clone(v);
		}
		this._checkSkillConfig(skillId, merged);
		return { status: 200, body: clone(this._putSkill(palId, skillId, merged)) };
	}

	detachPalSkill(ctx, palId, skillId) {
		this._pal(palId, { owned: true });
		this._knownSkill(skillId);
		this._attachedSkill(palId, skillId);
		this._palSkills(palId).delete(skillId);
		return { status: 204 };
	}

	/** Replace all: {"skills": {<id>: {} | {"config": {...}}}}; skills missing are detached. */
	replacePalSkills(ctx, palId) {
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Request body must be a JSON object');
		if (!this.config.allowUnknownFields) {
			for (const k of Object.keys(b)) if (k !== 'skills') throw err400(`Unknown field: ${k}`);
		}
		if (!hasOwn(b, 'skills')) throw err400('skills is required');
		if (!isPlainObject(b.skills))
			throw err400(`skills: expected object, got ${typeName(b.skills)}`);
		this._pal(palId, { owned: true });
		const wanted = [];
		for (const [skillId, entry] of Object.entries(b.skills)) {
			this._knownSkill(skillId);
			if (!isPlainObject(entry))
				throw err400(`skills.${skillId}: expected object, got ${typeName(entry)}`);
			for (const k of Object.keys(entry))
				if (k !== 'config') throw err400(`skills.${skillId}.${k}: unknown field`);
			wanted.push([skillId, this._skillBodyConfig(entry, skillId, `skills.${skillId}.config`)]);
		}
		const skills = this._palSkills(palId);
		for (const skillId of [...skills.keys()])
			if (!wanted.some(([id]) => id === skillId)) skills.delete(skillId);
		for (const [skillId, config] of wanted) this._putSkill(palId, skillId, config);
		return { status: 200, body: { data: Object.fromEntries(clone([...skills])) } };
	}

	// =============================================================================================
	// Deployments (tavus-api-2026-11.md §7): hosted channels of a PAL (a persona, state.personas).
	// Stored with the password (string|null); every answer shows has_password only. GET and
	// PATCH answers carry an ETag; PATCH honours If-Match (412 on mismatch). List: {data,
	// total_count}, 1-based pages. Errors are 400 {error} (404 {error} for an unknown id).
	// =============================================================================================
	_deploymentView(d) {
		const view = {
			deployment_id: d.deployment_id,
			pal_id: d.pal_id,
			channel: d.channel,
			status: d.status,
			name: d.name,
			has_password: typeof d.password === 'string' && d.password !== '',
			customization: clone(d.customization),
			replica_thumbnail_video_url: null,
			thumbnail_video_url: d.thumbnail_video_url ?? null,
			thumbnail_image_url: d.thumbnail_image_url ?? null,
			limits: clone(d.limits),
			allowed_origins: clone(d.allowed_origins),
			usage_total: d.usage_total ?? 0,
			usage_today: d.usage_today ?? 0,
			created_at: d.created_at,
			updated_at: d.updated_at,
		};
		for (const [k, v] of Object.entries(d))
			if (!hasOwn(view, k) && k !== 'password') view[k] = clone(v);
		return view;
	}

	_deploymentEtag(d) {
		return `"${stableHex(JSON.stringify(this._deploymentView(d)), 16)}"`;
	}

	/** Validates the writable fields of a deployment (create body, or the document after a patch). */
	_checkDeployment(doc) {
		try {
			check(DEPLOYMENT_SCHEMA, doc, '', this._ctx());
		} catch (e) {
			if (e instanceof ValidationError) throw err400(e.message);
			throw e;
		}
		if (!this.state.personas.has(doc.pal_id)) throw err400('Invalid pal_id');
	}

	_deployment(id) {
		const d = this.state.deployments.get(id);
		if (!d) throw new ApiError(404, { error: 'Deployment not found' });
		return d;
	}

	createDeployment(ctx) {
		const b = ctx.body;
		if (!isPlainObject(b)) throw err400('Request body must be a JSON object');
		for (const k of DEPLOYMENT_READ_ONLY) if (hasOwn(b, k)) throw err400(`${k} is read-only`);
		if (hasOwn(b, 'status') && !this.config.allowUnknownFields)
			throw err400('Unknown field: status');
		this._checkDeployment(b);
		const now = this._iso();
		// The thumbnails are the PAL's default face's (when it has one).
		const face = this.state.replicas.get(this.state.personas.get(b.pal_id).default_replica_id);
		const thumbnail = face && face.thumbnail_video_url;
		const d = {
			deployment_id: this._newId('deployments', () => `d${randomHex(16)}`),
			thumbnail_video_url: thumbnail || null,
			thumbnail_image_url: thumbnail ? thumbnail.replace(/\.mp4$/, '.jpg') : null,
			pal_id: b.pal_id,
			channel: b.channel,
			status: 'active',
			name: b.name ?? null,
			password: b.password ?? null,
			customization: clone(b.customization ?? {}),
			limits: clone(b.limits ?? {}),
			allowed_origins: clone(b.allowed_origins ?? []),
			created_at: now,
			updated_at: now,
		};
		for (const [k, v] of Object.entries(b)) if (!hasOwn(d, k)) d[k] = clone(v);
		this.state.deployments.set(d.deployment_id, d);
		return { status: 200, body: this._deploymentView(d) };
	}

	listDeployments(ctx) {
		const items = [...this.state.deployments.values()].map((d) => this._deploymentView(d));
		return { status: 200, body: this._paginate(items, ctx.query) };
	}

	getDeployment(ctx, id) {
		const d = this._deployment(id);
		return {
			status: 200,
			body: this._deploymentView(d),
			headers: { etag: this._deploymentEtag(d) },
		};
	}

	patchDeployment(ctx, id) {
		const d = this._deployment(id);
		const ifMatch = ctx.headers['if-match'];
		if (
			ifMatch !== undefined &&
			ifMatch.trim() !== '*' &&
			ifMatch.trim() !== this._deploymentEtag(d)
		) {
			throw new ApiError(412, {
				error: 'Precondition failed: the deployment was changed since the ETag was read',
			});
		}
		// The document a patch applies to: the writable fields, password included.
		const doc = {};
		for (const k of DEPLOYMENT_FIELDS) doc[k] = clone(d[k]);
		let result;
		try {
			result = applyJsonPatch(doc, ctx.body);
		} catch (e) {
			if (e instanceof PatchError)
				throw new ApiError(422, { message: 'Invalid JSON patch format' });
			throw e;
		}
		for (const k of Object.keys(result)) {
			if (DEPLOYMENT_READ_ONLY.includes(k)) throw err400(`${k} is read-only`);
		}
		const checked = { ...result };
		for (const k of ['status']) if (checked[k] === undefined) delete checked[k];
		if (!isPlainObject(checked.customization)) checked.customization = {};
		if (!isPlainObject(checked.limits)) checked.limits = {};
		if (!Array.isArray(checked.allowed_origins)) checked.allowed_origins = [];
		this._checkDeployment(checked);
		const changed = DEPLOYMENT_FIELDS.some((k) => !deepEqual(checked[k], d[k]));
		Object.assign(d, checked);
		if (changed) d.updated_at = this._iso();
		return {
			status: 200,
			body: this._deploymentView(d),
			headers: { etag: this._deploymentEtag(d) },
		};
	}

	deleteDeployment(ctx, id) {
		this._deployment(id);
		this.state.deployments.delete(id);
		return { status: 204 };
	}

	// =============================================================================================
	// Memories
	// =============================================================================================
	deleteMemory(ctx, store, memoryId) {
		const key = `${store}/${memoryId}`;
		if (!this.state.memories.has(key)) throw new ApiError(404, { error: 'Memory not found' });
		this.state.memories.delete(key);
		return { status: 204 };
	}
}

function lowerKeys(obj) {
	const out = {};
	for (const [k, v] of Object.entries(obj || {})) out[k.toLowerCase()] = v;
	return out;
}

const ID = '([^/]+)';
const ROUTES = [
	['POST', '/v2/personas', 'createPersona'],
	['GET', '/v2/personas', 'listPersonas'],
	['GET', `/v2/personas/${ID}`, 'getPersona'],
	['PATCH', `/v2/personas/${ID}`, 'patchPersona'],
	['DELETE', `/v2/personas/${ID}`, 'deletePersona'],
	['GET', '/v2/pals/check-username', 'checkConferencingUsername'],

	['POST', '/v2/conversations', 'createConversation'],
	['GET', '/v2/conversations', 'listConversations'],
	['GET', `/v2/conversations/${ID}`, 'getConversation'],
	['DELETE', `/v2/conversations/${ID}`, 'deleteConversation'],
	['POST', `/v2/conversations/${ID}/end`, 'endConversation'],
	['POST', `/v2/conversations/${ID}/send-app-message`, 'sendAppMessage'],

	['GET', '/v2/replicas', 'listReplicas'],
	['POST', '/v2/replicas', 'createReplica'],
	['GET', `/v2/replicas/${ID}`, 'getReplica'],
	['DELETE', `/v2/replicas/${ID}`, 'deleteReplica'],
	['PATCH', `/v2/replicas/${ID}/name`, 'renameReplica'],
	['GET', '/v2/faces', 'listFaces'],
	['POST', '/v2/faces', 'createFace'],
	['GET', `/v2/faces/${ID}`, 'getFace'],
	['DELETE', `/v2/faces/${ID}`, 'deleteFace'],
	['PATCH', `/v2/faces/${ID}/name`, 'renameFace'],

	['GET', '/v2/voices', 'listVoices'],

	['POST', '/v2/videos', 'createVideo'],
	['GET', '/v2/videos', 'listVideos'],
	['GET', `/v2/videos/${ID}`, 'getVideo'],
	['DELETE', `/v2/videos/${ID}`, 'deleteVideo'],
	['PATCH', `/v2/videos/${ID}/name`, 'renameVideo'],

	['POST', '/v2/lipsync', 'createLipsync'],
	['GET', '/v2/lipsync', 'listLipsyncs'],
	['GET', `/v2/lipsync/${ID}`, 'getLipsync'],
	['DELETE', `/v2/lipsync/${ID}`, 'deleteLipsync'],

	['POST', '/v2/replacements', 'createReplacement'],
	['GET', '/v2/replacements', 'listReplacements'],
	['GET', `/v2/replacements/${ID}`, 'getReplacement'],
	['DELETE', `/v2/replacements/${ID}`, 'deleteReplacement'],

	['POST', '/v2/transcriptions', 'createTranscription'],
	['GET', '/v2/transcriptions', 'listTranscriptions'],
	['GET', `/v2/transcriptions/${ID}`, 'getTranscription'],
	['DELETE', `/v2/transcriptions/${ID}`, 'deleteTranscription'],

	['POST', '/v2/objectives', 'createObjectives'],
	['GET', '/v2/objectives', 'listObjectives'],
	['GET', `/v2/objectives/${ID}`, 'getObjectives'],
	['PATCH', `/v2/objectives/${ID}`, 'patchObjectives'],
	['DELETE', `/v2/objectives/${ID}`, 'deleteObjectives'],

	['POST', '/v2/guardrails', 'createGuardrails'],
	['GET', '/v2/guardrails', 'listGuardrails'],
	['GET', `/v2/guardrails/${ID}`, 'getGuardrails'],
	['PATCH', `/v2/guardrails/${ID}`, 'patchGuardrails'],
	['DELETE', `/v2/guardrails/${ID}`, 'deleteGuardrails'],

	['POST', '/v2/documents', 'createDocument'],
	['GET', '/v2/documents', 'listDocuments'],
	['GET', `/v2/documents/${ID}`, 'getDocument'],
	['PATCH', `/v2/documents/${ID}`, 'patchDocument'],
	['DELETE', `/v2/documents/${ID}`, 'deleteDocument'],
	['POST', `/v2/documents/${ID}/recrawl`, 'recrawlDocument'],

	['POST', '/v2/pronunciation-dictionaries', 'createDictionary'],
	['GET', '/v2/pronunciation-dictionaries', 'listDictionaries'],
	['GET', `/v2/pronunciation-dictionaries/${ID}`, 'getDictionary'],
	['PATCH', `/v2/pronunciation-dictionaries/${ID}`, 'patchDictionary'],
	['DELETE', `/v2/pronunciation-dictionaries/${ID}`, 'deleteDictionary'],

	['DELETE', `/v2/memories/${ID}/${ID}`, 'deleteMemory'],

	['POST', '/v2/tools', 'createTool'],
	['GET', '/v2/tools', 'listTools'],
	['GET', `/v2/tools/${ID}`, 'getTool'],
	['PATCH', `/v2/tools/${ID}`, 'patchTool'],
	['DELETE', `/v2/tools/${ID}`, 'deleteTool'],

	['POST', `/v2/pals/${ID}/tools`, 'attachPalTools'],
	['GET', `/v2/pals/${ID}/tools`, 'listPalTools'],
	['DELETE', `/v2/pals/${ID}/tools/${ID}`, 'detachPalTool'],

	['GET', '/v2/skills', 'listSkills'],
	['GET', `/v2/pals/${ID}/skills`, 'listPalSkills'],
	['PUT', `/v2/pals/${ID}/skills`, 'replacePalSkills'],
	['GET', `/v2/pals/${ID}/skills/${ID}`, 'getPalSkill'],
	['PUT', `/v2/pals/${ID}/skills/${ID}`, 'attachPalSkill'],
	['PATCH', `/v2/pals/${ID}/skills/${ID}`, 'patchPalSkill'],
	['DELETE', `/v2/pals/${ID}/skills/${ID}`, 'detachPalSkill'],

	['POST', '/v2/deployments', 'createDeployment'],
	['GET', '/v2/deployments', 'listDeployments'],
	['GET', `/v2/deployments/${ID}`, 'getDeployment'],
	['PATCH', `/v2/deployments/${ID}`, 'patchDeployment'],
	['DELETE', `/v2/deployments/${ID}`, 'deleteDeployment'],
].map(([method, pattern, handler]) => ({ method, re: new RegExp(`^${pattern}$`), handler }));

// ---------------------------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------------------------

/**
 * Another origin (same host, another port) that redirect faults point at. It records what it
 * receives (method, path, headers, body) and answers 200 with an object that looks like Tavus's.
 */
async function startElsewhere(sockets) {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url, `http://${HOST}`);
			if (url.pathname === '/__elsewhere/requests') {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(requests));
				return;
			}
			requests.push({
				method: req.method,
				path: url.pathname,
				headers: { ...req.headers },
				rawBody: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					persona_id: 'p_elsewhere',
					conversation_id: 'c_elsewhere',
					deleted: true,
					message: 'answered by another origin',
				}),
			);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, HOST, resolve);
	});
	return { server, requests, baseUrl: `http://${HOST}:${server.address().port}` };
}

async function startTavusMock(options = {}) {
	const mock = new TavusMock(options);
	await mock.listen(options.port === undefined ? 0 : Number(options.port));
	return mock;
}

function parseCliArgs(argv) {
	const opts = {};
	const map = {
		'--port': ['port', Number],
		'--api-key': ['apiKey', String],
		'--latency': ['latencyMs', Number],
		'--persona-get-shape': ['personaGetShape', String],
		'--video-ready-after-gets': ['videoReadyAfterGets', Number],
		'--max-concurrent-conversations': ['maxConcurrentConversations', Number],
		'--video-timestamps': ['videoTimestamps', String],
		'--max-in-flight': ['maxInFlight', Number],
		'--throttle-retry-after': ['throttleRetryAfter', Number],
	};
	for (let i = 0; i < argv.length; i++) {
		let arg = argv[i];
		let value;
		const eq = arg.indexOf('=');
		if (eq > 0) {
			value = arg.slice(eq + 1);
			arg = arg.slice(0, eq);
		}
		if (arg === '--allow-unknown-fields') {
			opts.allowUnknownFields = value === undefined ? true : value !== 'false';
			continue;
		}
		const spec = map[arg];
		if (!spec) throw new Error(`unknown argument: ${arg}`);
		if (value === undefined) value = argv[++i];
		if (value === undefined) throw new Error(`missing value for ${arg}`);
		opts[spec[0]] = spec[1](value);
	}
	return opts;
}

if (require.main === module) {
	(async () => {
		let opts;
		try {
			opts = parseCliArgs(process.argv.slice(2));
		} catch (e) {
			process.stderr.write(
				`${e.message}\nusage: node tavus-mock.js [--port N] [--api-key K] [--latency MS]\n`,
			);
			process.exit(2);
		}
		const mock = await startTavusMock(opts);
		process.stdout.write(`TAVUS_MOCK_URL=${mock.baseUrl}\n`);
		let stopping = false;
		const stop = () => {
			if (stopping) return;
			stopping = true;
			mock.close().then(
				() => process.exit(0),
				() => process.exit(1),
			);
		};
		process.on('SIGTERM', stop);
		process.on('SIGINT', stop);
	})().catch((e) => {
		process.stderr.write(`tavus-mock failed to start: ${(e && e.stack) || e}\n`);
		process.exit(1);
	});
}

module.exports = {
	startTavusMock,
	TavusMock,
	SEED,
	DEFAULT_API_KEY,
	applyJsonPatch,
	parsePointer,
	PatchError,
};
