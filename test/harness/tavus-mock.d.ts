/**
 * Types for the mock Tavus API server in tavus-mock.js (plain CommonJS, Node built-ins only).
 * See the header of tavus-mock.js for behaviour.
 */

export type JsonValue =
	| string
	| number
	| boolean
	| null
	| JsonValue[]
	| { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface TavusMockOptions {
	/** Expected `x-api-key` header value. Default 'tavus-test-key'. */
	apiKey?: string;
	/** Port on 127.0.0.1; 0 (default) = ephemeral. */
	port?: number;
	/** Delay before every /v2 response (faults included). Default 0. */
	latencyMs?: number;
	/** GET /v2/personas/{id}: 'wrapped' (default, documented `{data:[persona]}`) or 'bare' (the persona object). */
	personaGetShape?: 'wrapped' | 'bare';
	/** Accept unknown body fields instead of 400 `Unknown field: ...`. Default false. */
	allowUnknownFields?: boolean;
	/** GET /v2/videos/{id} calls until a video is `ready` (queued → generating → ready). Default 2. */
	videoReadyAfterGets?: number;
	/** GET /v2/replicas/{id} calls until a replica created via POST is `completed`. Default 2. */
	replicaReadyAfterGets?: number;
	/** GET /v2/documents/{id} calls until a document is `ready` (started → processing → ready). Default 2. */
	documentReadyAfterGets?: number;
	/** GET calls until a lipsync / replacement / transcription is `completed`. Default 1. */
	jobReadyAfterGets?: number;
	/** Active (non test_mode) conversations allowed; beyond → 400 {message}. Default Infinity. */
	maxConcurrentConversations?: number;
	/** Crawl-backed documents per account (429 beyond). Default 100. */
	maxCrawlDocuments?: number;
	/** Crawls in flight (started/processing/recrawling) at once (429 beyond). Default 5. */
	maxConcurrentCrawls?: number;
	/** Cooldown between two recrawls of one document (429 inside it). Default 3 600 000 (1 h). */
	recrawlCooldownMs?: number;
	/** Video `created_at`/`updated_at`: 'rfc1123' (default, as the Tavus docs show) or 'iso'. */
	videoTimestamps?: 'rfc1123' | 'iso';
	/** Seed the default replicas, personas and voices (also on reset). Default true. The system tool end_call is always seeded. */
	seedDefaults?: boolean;
	/** Oldest recorded requests are dropped beyond this many (bounded memory for benchmarks). Default 100 000. */
	maxRecordedRequests?: number;
	/** Requests in flight at once before the stand-in answers 429 (Tavus's rate limit). Default Infinity. */
	maxInFlight?: number;
	/** Retry-After (seconds) of those 429s. Default 1. */
	throttleRetryAfter?: number;
}

export type TavusMockConfig = Required<Omit<TavusMockOptions, 'port'>>;

export interface RecordedRequest {
	/** Sequence number (1-based, per mock). */
	id: number;
	/** Wall-clock ISO time the request arrived. */
	time: string;
	/** Upper-case HTTP method. */
	method: string;
	/** Pathname only, e.g. '/v2/personas'. */
	path: string;
	/** Query parameters (last value wins for repeated keys). */
	query: Record<string, string>;
	/** Request headers, lower-cased names. */
	headers: Record<string, string | string[] | undefined>;
	/** Raw request body ('' when none). */
	rawBody: string;
	/** Parsed JSON body, or undefined when empty / not JSON. */
	body: unknown;
	/** Status sent; null while pending or when no response was sent (fault 'reset' / 'timeout'). */
	status: number | null;
	/** Set when a fault handled the request. */
	fault?: FaultKind;
	/** Set when the mock itself crashed (500). */
	error?: string;
}

export type FaultKind =
	| 'status'
	| 'reset'
	| 'resetAfter'
	| 'timeout'
	| 'html'
	| 'empty'
	| 'redirect'
	| 'drip'
	| 'throttled';

export interface FaultSpec {
	/** Only this method (case-insensitive); any when omitted. */
	method?: string;
	/** Pathname prefix (string) or RegExp; any path when omitted. */
	path?: string | RegExp;
	/** RegExp source (for the HTTP control endpoint, where RegExp cannot be sent). */
	pathRegex?: string;
	/** How many matching requests it fires for. Default 1. Infinity (or 'Infinity') = until cleared. */
	times?: number | 'Infinity';
	/** Status for 'status' (default 500), 'html' (default 502), 'empty' (default 502). */
	status?: number;
	/** 'status' kind body: object → JSON, string → sent as is. Default `{message: <reason phrase>}`. */
	body?: unknown;
	/** Extra response headers, e.g. `{ 'Retry-After': '2' }`. */
	headers?: Record<string, string>;
	/** 'redirect': the Location (default: the same path on `mock.elsewhere`, another origin). */
	location?: string;
	/** Let this many matching requests through before the fault fires. Default 0. */
	skip?: number;
	/** 'drip': milliseconds between two bytes of the answer. Default 500. */
	intervalMs?: number;
	/**
	 * 'status' (default): status + body; 'reset': socket destroyed before any response;
	 * 'timeout': never answered (freed on close); 'html': HTML 502 page; 'empty': status with no body;
	 * 'resetAfter': acted on, then the socket destroyed unanswered; 'redirect': a 3xx to another
	 * origin; 'drip': acted on, answer sent one byte every intervalMs.
	 */
	kind?: FaultKind;
}

export interface AddedFault {
	id: number;
	kind: FaultKind;
	status: number;
	times: number;
}

export interface PendingFault {
	id: number;
	method?: string;
	path?: string | RegExp;
	times: number;
	remaining: number;
	kind: FaultKind;
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

interface Stored {
	created_at?: string;
	updated_at?: string;
	[key: string]: unknown;
}

export interface MockPersona extends Stored {
	persona_id: string;
	persona_name?: string | null;
	persona_type?: 'user' | 'system';
	pipeline_mode?: 'full' | 'echo';
	system_prompt?: string | null;
	default_replica_id?: string | null;
	document_ids?: string[];
	document_tags?: string[];
	layers?: Record<string, unknown>;
}

export interface MockReplica extends Stored {
	replica_id: string;
	replica_name?: string;
	replica_type?: 'user' | 'system';
	status?: 'started' | 'completed' | 'error';
	training_progress?: string;
	model_name?: string;
	thumbnail_video_url?: string;
	error_message?: string | null;
}

export interface MockConversation extends Stored {
	conversation_id: string;
	conversation_name?: string;
	conversation_url?: string;
	status?: 'active' | 'ended';
	callback_url?: string;
	replica_id?: string;
	persona_id?: string | null;
	test_mode?: boolean;
	shutdown_reason?: string | null;
}

export interface MockVideo extends Stored {
	video_id: string;
	video_name?: string | null;
	status?: 'queued' | 'generating' | 'ready' | 'deleted' | 'error';
	replica_id?: string;
	data?: { script?: string };
	hosted_url?: string;
	download_url?: string | null;
	stream_url?: string | null;
	status_details?: string | null;
}

export interface MockVoice {
	voice_name: string;
	replica_id?: string;
	audio_url?: string | null;
	tags?: Array<{ tag_name: string }>;
	[key: string]: unknown;
}

export interface MockDocument extends Stored {
	document_id: string;
	document_name?: string;
	document_url?: string;
	status?: 'started' | 'processing' | 'ready' | 'error' | 'recrawling';
	tags?: string[];
	crawl_config?: { depth: number; max_pages: number } | null;
}

export interface MockObjectives extends Stored {
	objectives_id: string;
	data?: Array<Record<string, unknown>>;
}

export interface MockGuardrail extends Stored {
	uuid: string;
	guardrail_name?: string;
	guardrail_prompt?: string;
	modality?: 'verbal' | 'visual';
	callback_url?: string | null;
	tags?: string[];
	app_message?: boolean;
}

export interface MockGuardrailSet extends Stored {
	guardrails_id: string;
	guardrails_name?: string | null;
	data?: Array<Record<string, unknown>>;
}

export interface MockPronunciationDictionary extends Stored {
	pronunciation_dictionary_id: string;
	name?: string;
	rules?: Array<Record<string, unknown>>;
}

export interface MockLipsync extends Stored {
	lipsync_id: string;
}
export interface MockReplacement extends Stored {
	replacement_id: string;
}
export interface MockTranscription extends Stored {
	transcription_id: string;
}
export interface MockMemory {
	memory_store: string;
	memory_id: string;
	[key: string]: unknown;
}

export type ToolAuthType =
	| 'none'
	| 'bearer'
	| 'api_key'
	| 'basic'
	| 'oauth2_client_credentials'
	| 'hmac';

/** delivery.api.auth as stored (secrets in clear; responses show them as '********'). */
export interface MockToolAuth {
	type: ToolAuthType;
	/** bearer */
	token?: string;
	/** api_key (location defaults to 'header') */
	name?: string;
	value?: string;
	location?: 'header' | 'query';
	/** basic */
	username?: string;
	password?: string;
	/** oauth2_client_credentials (scope optional) */
	token_url?: string;
	client_id?: string;
	client_secret?: string;
	scope?: string;
	/** hmac */
	secret?: string;
}

export interface MockToolApiDelivery {
	url: string;
	method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Seconds, > 0. */
	timeout?: number;
	headers?: Record<string, string>;
	auth?: MockToolAuth;
	body_template?: Record<string, unknown>;
	query_params?: Record<string, string>;
	content_type?: string;
}

/** Exactly one channel: `{app_message: true}` or `{app_message: false, api: {...}}`. */
export interface MockToolDelivery {
	app_message: boolean;
	api?: MockToolApiDelivery;
}

/** A registry tool (/v2/tools). System tools: tool_id = name, owner_id null, is_system_tool true. */
export interface MockTool {
	/** 't' + 12 hex for user tools; 'end_call' for the system tool. */
	tool_id: string;
	owner_id?: number | null;
	name?: string;
	description?: string;
	parameters?: Record<string, unknown>;
	delivery?: MockToolDelivery;
	is_system_tool?: boolean;
	trigger_type?: 'in_call' | 'post_call';
	origin?: 'llm' | 'vision' | 'audio' | null;
	on_call?: 'generate_filler' | 'static_filler' | 'silent' | 'passthrough' | null;
	on_resolve?: 'generate_response' | 'response_in_result' | 'add_to_context' | 'fire_and_forget';
	static_filler?: string | null;
	/** 'YYYY-MM-DDTHH:MM:SS' (no zone). */
	created_at?: string;
	updated_at?: string;
	[key: string]: unknown;
}

/**
 * A deployment (/v2/deployments) as stored: with its password (string|null), which answers never
 * show (they say has_password). 'd' + 16 hex.
 */
export interface MockDeployment {
	deployment_id: string;
	pal_id?: string | null;
	channel?: 'widget' | 'embed' | 'landing-page';
	status?: 'draft' | 'active' | 'inactive';
	name?: string | null;
	password?: string | null;
	customization?: Record<string, unknown>;
	limits?: Record<string, unknown>;
	allowed_origins?: string[];
	created_at?: string;
	updated_at?: string;
	[key: string]: unknown;
}

/** Live stored objects (mutating them changes what the API serves). */
export interface TavusMockState {
	personas: Map<string, MockPersona>;
	replicas: Map<string, MockReplica>;
	conversations: Map<string, MockConversation>;
	videos: Map<string, MockVideo>;
	/** Keyed by voice_name. */
	voices: Map<string, MockVoice>;
	documents: Map<string, MockDocument>;
	objectives: Map<string, MockObjectives>;
	/** Individual guardrails, keyed by uuid (g + 12 hex). */
	guardrails: Map<string, MockGuardrail>;
	/** Legacy guardrail sets, keyed by guardrails_id (g + 5 digits). */
	guardrailSets: Map<string, MockGuardrailSet>;
	pronunciationDictionaries: Map<string, MockPronunciationDictionary>;
	lipsyncs: Map<string, MockLipsync>;
	replacements: Map<string, MockReplacement>;
	transcriptions: Map<string, MockTranscription>;
	/** Keyed by `${memory_store}/${memory_id}`. */
	memories: Map<string, MockMemory>;
	/**
	 * Registry tools keyed by tool_id, secrets unmasked. Always holds the system tool 'end_call'
	 * (also after reset and with seedDefaults false). DELETE removes the entry.
	 */
	tools: Map<string, MockTool>;
	/** Deployments keyed by deployment_id, passwords unmasked. */
	deployments: Map<string, MockDeployment>;
}

type Seedable<T> = Partial<T> & Record<string, unknown>;

/** Objects to add directly (not validated); ids and timestamps are generated when missing. */
export interface TavusMockSeed {
	personas?: Array<Seedable<MockPersona>>;
	replicas?: Array<Seedable<MockReplica>>;
	conversations?: Array<Seedable<MockConversation>>;
	videos?: Array<Seedable<MockVideo>>;
	voices?: MockVoice[];
	documents?: Array<Seedable<MockDocument>>;
	objectives?: Array<Seedable<MockObjectives>>;
	guardrails?: Array<Seedable<MockGuardrail>>;
	guardrailSets?: Array<Seedable<MockGuardrailSet>>;
	pronunciationDictionaries?: Array<Seedable<MockPronunciationDictionary>>;
	lipsyncs?: Array<Seedable<MockLipsync>>;
	replacements?: Array<Seedable<MockReplacement>>;
	transcriptions?: Array<Seedable<MockTranscription>>;
	memories?: MockMemory[];
	/** Defaults: tool_id t+12 hex (system: name), owner_id 3675 (system: null), in_call/llm tool. */
	tools?: Array<Seedable<MockTool>>;
	/** Defaults: deployment_id d+16 hex, widget, active, no password, empty customization/limits/origins. */
	deployments?: Array<Seedable<MockDeployment>>;
}

/** Keys (ids) of the objects a seed() call added, per kind. */
export type SeedResult = Partial<Record<keyof TavusMockState, string[]>>;

export interface TavusMock {
	/** 'http://127.0.0.1:PORT' */
	readonly baseUrl: string;
	readonly port: number;
	/** Every /v2 (and other non-control) request, in arrival order; control requests are not recorded. */
	readonly requests: RecordedRequest[];
	readonly state: TavusMockState;
	/** Current configuration (mutable through the properties below or configure()). */
	readonly config: TavusMockConfig;
	/** Pending faults (copies). */
	readonly faults: PendingFault[];
	readonly latencyMs: number;
	/** Another origin that redirect faults point at, with what it received. */
	readonly elsewhere: {
		baseUrl: string;
		requests: Array<{
			method: string;
			path: string;
			headers: Record<string, string>;
			rawBody: string;
		}>;
	} | null;
	/** Requests answered 429 by the maxInFlight limit. */
	readonly throttled: number;

	apiKey: string;
	allowUnknownFields: boolean;
	personaGetShape: 'wrapped' | 'bare';
	videoReadyAfterGets: number;
	maxConcurrentConversations: number;

	/** `${baseUrl}${path}` */
	url(path?: string): string;
	/** Requests filtered by method ('*' / undefined = any) and pathname prefix or RegExp. */
	requestsTo(method?: string, pathPrefixOrRegex?: string | RegExp): RecordedRequest[];
	seed(data: TavusMockSeed): SeedResult;
	addFault(fault?: FaultSpec): AddedFault;
	clearFaults(): void;
	/** Empties `requests` (same array instance). */
	clearRequests(): void;
	setLatency(ms: number): void;
	/**
	 * Test hook for forced interleavings: called after Tavus acted on a request (state changed),
	 * before its answer is sent; `answer.body` is what will be sent. Cleared by reset().
	 */
	afterAnswer?: (
		request: RecordedRequest,
		answer: { status: number; body?: unknown; headers?: Record<string, string> },
	) => void;
	/** Changes any option except port/seedDefaults at runtime; returns the new config. */
	configure(options: Omit<TavusMockOptions, 'port' | 'seedDefaults'>): TavusMockConfig;
	/** The mock's clock (real time + advanceTime offset); used for timestamps and cooldowns. */
	now(): Date;
	/** Moves the mock's clock forward (e.g. past the 1 h recrawl cooldown). */
	advanceTime(ms: number): void;
	/** Plain-JSON copy of every state map (objects keyed by id), as served by GET /__mock/state. */
	stateSnapshot(): Record<keyof TavusMockState, Record<string, unknown>>;
	/** Clears requests, faults, all state and the clock offset; restores the start options; re-seeds defaults. */
	reset(): void;
	/** Closes the server, destroys open sockets (incl. 'timeout' faults) and clears timers. */
	close(): Promise<void>;
}

/** Well-known ids of the default seed. */
export interface TavusMockSeedIds {
	readonly apiKey: string;
	/** Stock replica "Anna" (system). */
	readonly annaReplicaId: 'r90bbd427f71';
	/** User replica used in the docs' Create Persona example. */
	readonly docsReplicaId: 'r79e1c033f';
	/** Seeded user replica still training (status 'started'); conversations/videos with it → 400. */
	readonly startedReplicaId: string;
	/** Seeded user replica whose training failed (status 'error'). */
	readonly errorReplicaId: string;
	/** All 25 seeded replica ids in list order. */
	readonly replicaIds: readonly string[];
	readonly replicaCount: number;
	readonly userReplicaCount: number;
	readonly systemReplicaCount: number;
	/** 'pcb7a34da5fe' (Sales Development Rep), 'p1af207b8189' (Sales Coach). */
	readonly systemPersonaIds: readonly string[];
	readonly voiceNames: readonly string[];
	/** ['end_call'] (always seeded). */
	readonly systemToolIds: readonly string[];
	/** owner_id of every user tool: 3675. */
	readonly toolOwnerId: number;
}

export declare const SEED: TavusMockSeedIds;
export declare const DEFAULT_API_KEY: string;

export declare function startTavusMock(options?: TavusMockOptions): Promise<TavusMock>;

/** RFC 6902 JSON Patch on a deep copy of doc; throws PatchError on any failure. */
export declare function applyJsonPatch<T = unknown>(doc: unknown, ops: unknown): T;
/** RFC 6901 pointer → reference tokens (unescaped). */
export declare function parsePointer(pointer: string): string[];
export declare class PatchError extends Error {}
