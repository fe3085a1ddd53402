/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Test harness that runs nodes through n8n-core's real execution engine.
 *
 * - Workflows run through `WorkflowExecute.processRunExecutionData` (the same engine the n8n
 *   server uses), starting at one node whose input is seeded on the `nodeExecutionStack`.
 * - HTTP is real: `this.helpers.httpRequestWithAuthentication` goes through n8n-core's request
 *   helpers and `@n8n/backend-network`; point the credential's base URL at a local server.
 * - `TestCredentialsHelper` plays the role of the CLI's `CredentialsHelper` (defaults, expression
 *   resolution and the generic `authenticate` block).
 * - `testCredential` mirrors the CLI's `CredentialsTester` (RoutingNode + `test.request` + `rules`).
 * - `runListSearch` uses n8n-core's `LoadOptionsContext`, `runWebhook` uses `WebhookContext` and
 *   interprets the result like the CLI's webhook helpers.
 * - n8n-core's `Logger`/`ErrorReporter` are replaced by collectors, so nothing is printed and tests
 *   can inspect what would have been logged (`getLogs`, `getLogText`).
 *
 * Node and credential classes are passed in by the caller (`createHarness`), nothing from
 * `nodes/` or `credentials/` is imported here.
 *
 * Usage:
 *   const harness = createHarness({
 *     nodeTypes: { [nodeType('tavus')]: new Tavus() },
 *     credentialTypes: { tavusApi: new TavusApi() },
 *   });
 *   const credentials = { tavusApi: { apiKey: 'k', baseUrl: 'http://127.0.0.1:<port>' } };
 *   const { items, error } = await harness.runNode({ resource: 'replica', operation: 'get' },
 *     [{ id: 'r1' }], { credentials });
 *   const res = await harness.testCredential('tavusApi', credentials.tavusApi);
 *
 * Differences from a real n8n instance worth knowing: expressions run on n8n-workflow's `legacy`
 * engine (n8n 2.x servers default to the isolated-vm `vm` engine, which needs Node 24), there is
 * no database/binary-data service/sub-workflow support, and webhooks are invoked directly (no
 * HTTP server, no CORS, no response headers from the description).
 */
import { createRequire } from 'node:module';

import packageJson from '../../package.json';

import {
	CredentialTestContext,
	ErrorReporter,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	RoutingNode,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialsExpressionResolveValues,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunData,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	IConnections,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	isExpression,
	isNodeClassInstance,
	jsonParse,
	LoggerProxy,
	NodeHelpers,
	resolveWebhookDescriptionField,
	setSafeRegexEngine,
	UnexpectedError,
	UserError,
	VersionedNodeType,
	Workflow,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Regular expressions without n8n's 250 ms wall-clock guard
// ---------------------------------------------------------------------------------------------

/*
 * n8n-workflow runs the regular expressions of parameters (resource locator validation and
 * extraction) in a vm with a 250 ms wall-clock limit. On a loaded 2-core machine a preempted
 * test process can exceed it for a trivial pattern ("Regular expression execution timed out"),
 * which makes tests flaky. The patterns here are the node's own, fixed ones: the harness runs
 * them natively. (Real n8n keeps its guard; nothing in the node depends on the engine.)
 */
setSafeRegexEngine({
	exec: (pattern: string, input: string, flags?: string) => new RegExp(pattern, flags).exec(input),
	test: (pattern: string, input: string, flags?: string) => new RegExp(pattern, flags).test(input),
	replace: (pattern: string, input: string, flags: string | undefined, replacement: string) =>
		input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern: string, input: string, flags?: string) =>
		Array.from(
			input.matchAll(new RegExp(pattern, flags?.includes('g') ? flags : `${flags ?? ''}g`)),
		),
	split: (pattern: string, input: string, flags?: string) =>
		input.split(new RegExp(pattern, flags)),
} as Parameters<typeof setSafeRegexEngine>[0]);

// ---------------------------------------------------------------------------------------------
// Quiet, collecting logger
// ---------------------------------------------------------------------------------------------

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogEntry {
	level: LogLevel;
	message: string;
	/** JSON of the metadata the caller passed (errors serialised with message + stack). */
	meta: string;
	source: 'logger' | 'errorReporter';
}

export interface ReportedError {
	error: Error;
	level: string;
	extra: IDataObject;
}

const logEntries: LogEntry[] = [];
const reportedErrors: ReportedError[] = [];

function safeStringify(value: unknown): string {
	if (value === undefined) return '';
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, v: unknown) => {
			if (v instanceof Error) {
				return { ...v, name: v.name, message: v.message, stack: v.stack };
			}
			if (typeof v === 'object' && v !== null) {
				if (seen.has(v)) return '[Circular]';
				seen.add(v);
			}
			return v;
		});
	} catch {
		return String(value);
	}
}

function record(level: LogLevel, message: unknown, meta: unknown, source: LogEntry['source']) {
	logEntries.push({
		level,
		message: typeof message === 'string' ? message : safeStringify(message),
		meta: safeStringify(meta),
		source,
	});
}

/** Stand-in for `@n8n/backend-common`'s `Logger` (the subset n8n-core uses). */
class CollectingLogger {
	error(message: unknown, meta?: unknown) {
		record('error', message, meta, 'logger');
	}

	warn(message: unknown, meta?: unknown) {
		record('warn', message, meta, 'logger');
	}

	info(message: unknown, meta?: unknown) {
		record('info', message, meta, 'logger');
	}

	debug(message: unknown, meta?: unknown) {
		record('debug', message, meta, 'logger');
	}

	scoped() {
		return this;
	}
}

/**
 * Stand-in for n8n-core's `ErrorReporter`. It logs what the default reporter logs (message and,
 * for `level: 'error'`, the stack of every error in the `cause` chain) and keeps the original
 * error instances, because `WorkflowExecute` only stores spread copies in the run data.
 */
class CollectingErrorReporter {
	error(e: unknown, options?: { level?: string; extra?: IDataObject; executionId?: string }) {
		const error = e instanceof Error ? e : new UnexpectedError(String(e));
		const level =
			options?.level ??
			((error as Error & { level?: string }).level as string | undefined) ??
			'error';
		reportedErrors.push({ error, level, extra: options?.extra ?? {} });
		const seen = new Set<unknown>();
		let current: unknown = error;
		while (current instanceof Error && !seen.has(current)) {
			seen.add(current);
			const currentLevel = (current as Error & { level?: string }).level;
			const withStack = currentLevel === undefined || currentLevel === 'error';
			record(
				'error',
				withStack && current.stack ? `${current.message}\n${current.stack}` : current.message,
				(current as Error & { extra?: unknown }).extra,
				'errorReporter',
			);
			current = (current as Error & { cause?: unknown }).cause;
		}
	}

	warn(e: unknown, options?: { extra?: IDataObject }) {
		this.error(e, { ...options, level: 'warning' });
	}

	info(message: unknown) {
		record('info', message, undefined, 'errorReporter');
	}
}

interface DiContainer {
	set(type: unknown, instance: unknown): void;
	get<T>(type: unknown): T;
	has(type: unknown): boolean;
}

const collectingLogger = new CollectingLogger();
const collectingErrorReporter = new CollectingErrorReporter();
let loggerInstalled = false;

/**
 * Registers the collecting logger/error reporter in the DI container *n8n-core* uses (n8n-core
 * ships its own nested copy of `@n8n/di` and `@n8n/backend-common`, so they are resolved relative
 * to n8n-core, not to this package) and routes `LoggerProxy` to it. Idempotent; runs on import.
 */
export function installQuietLogger(): void {
	if (loggerInstalled) return;
	const coreRequire = createRequire(require.resolve('n8n-core'));
	const { Container } = coreRequire('@n8n/di') as { Container: DiContainer };
	const { Logger } = coreRequire('@n8n/backend-common') as { Logger: unknown };
	Container.set(Logger, collectingLogger);
	Container.set(ErrorReporter, collectingErrorReporter);
	LoggerProxy.init(collectingLogger as unknown as Parameters<typeof LoggerProxy.init>[0]);
	loggerInstalled = true;
}

installQuietLogger();

/** Everything n8n-core/n8n-workflow logged or reported since the last `clearLogs()`. */
export function getLogs(): LogEntry[] {
	return [...logEntries];
}

/** All log lines (message + metadata) as one string, e.g. to assert a secret never appears. */
export function getLogText(): string {
	return logEntries.map((entry) => `[${entry.level}] ${entry.message} ${entry.meta}`).join('\n');
}

/** Original error instances handed to n8n-core's ErrorReporter since the last `clearLogs()`. */
export function getReportedErrors(): ReportedError[] {
	return [...reportedErrors];
}

export function clearLogs(): void {
	logEntries.length = 0;
	reportedErrors.length = 0;
}

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

export type AnyNodeType = INodeType | IVersionedNodeType;

/** Minimal `INodeTypes` over the node instances the caller passes in. */
export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, AnyNodeType>) {}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types[nodeType];
		if (!type) {
			throw new UnexpectedError(`Unknown node type "${nodeType}" (registered: ${this.names()})`);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name }]));
	}

	names(): string {
		return Object.keys(this.types).join(', ') || '(none)';
	}

	list(): string[] {
		return Object.keys(this.types);
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials helper
// ---------------------------------------------------------------------------------------------

export type CredentialsData = Record<string, ICredentialDataDecryptedObject>;

const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const emptyNodeTypes: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};

/**
 * `ICredentialsHelper` for tests. Decrypted data comes from `credentials` (keyed by credential
 * type name); everything else follows the CLI's `CredentialsHelper`:
 * - `getDecrypted` applies the credential type's property defaults and resolves expressions,
 * - `authenticate` applies a function-style or generic `authenticate` block, resolving
 *   `={{$credentials.x}}` through the workflow's expression engine,
 * - `preAuthentication` only runs for credential types with an expirable hidden property.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Data written back by `preAuthentication`/OAuth token updates, keyed by credential type. */
	readonly updates: CredentialsData = {};

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly credentials: CredentialsData = {},
	) {
		super();
	}

	getCredentialType(typeName: string): ICredentialType {
		const type = this.credentialTypes[typeName];
		if (!type) {
			const known = Object.keys(this.credentialTypes).join(', ') || '(none)';
			throw new UserError(
				`Unrecognized credential type: ${typeName} (registered in the test harness: ${known})`,
			);
		}
		return type;
	}

	getParentTypes(typeName: string): string[] {
		const type = this.credentialTypes[typeName];
		if (!type?.extends) return [];
		const parents: string[] = [];
		for (const parent of type.extends) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getCredentialType(typeName);
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		if (requestOptions.headers === undefined) requestOptions.headers = {};

		if (authenticate.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					const keyResolved = this.resolveValue(key, credentials, workflow, node);
					const valueResolved = this.resolveValue(value, credentials, workflow, node);
					if (!target[outerKey]) target[outerKey] = {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	private resolveValue(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		if (!resolved) return '';
		return String(resolved);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function') {
			return undefined;
		}
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) {
			return undefined;
		}
		const output = (await credentialType.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		this.updates[typeName] = { ...(this.updates[typeName] ?? {}), ...output };
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const data = this.rawData(nodeCredentials, type);
		const updates = this.updates;
		return {
			id: nodeCredentials.id ?? undefined,
			name: nodeCredentials.name,
			type,
			data: undefined,
			getData: async () => ({ ...data, ...(updates[type] ?? {}) }),
			getDataToSave: () => ({
				id: nodeCredentials.id,
				name: nodeCredentials.name,
				type,
				data: '',
			}),
			setData: async (newData: ICredentialDataDecryptedObject) => {
				updates[type] = { ...newData };
			},
			updateData: async (toUpdate: ICredentialDataDecryptedObject) => {
				updates[type] = { ...(updates[type] ?? {}), ...toUpdate };
			},
		} as unknown as ICredentials;
	}

	private rawData(
		nodeCredentials: INodeCredentialsDetails | undefined,
		type: string,
	): ICredentialDataDecryptedObject {
		this.getCredentialType(type);
		const data = this.credentials[type];
		if (data === undefined) {
			const given = Object.keys(this.credentials).join(', ') || '(none)';
			throw new UserError(
				`No test credentials for type "${type}" (node credential "${nodeCredentials?.name ?? '?'}", id "${
					nodeCredentials?.id ?? '?'
				}"). Pass them as credentials: { ${type}: {...} } (given: ${given}).`,
			);
		}
		return { ...data, ...(this.updates[type] ?? {}) };
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.rawData(nodeCredentials, type);
		if (raw === true) return data;
		return this.applyDefaultsAndResolve(data, type, mode, executeData, expressionResolveValues);
	}

	/** Property defaults + expression resolution, like the CLI's `applyDefaultsAndOverwrites`. */
	applyDefaultsAndResolve(
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode = 'internal',
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;

		if (expressionResolveValues) {
			data = expressionResolveValues.workflow.expression.getParameterValue(
				data as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				{},
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: emptyNodeTypes,
			});
			data = workflow.expression.getComplexParameterValue(
				mockNode,
				data as INodeParameters,
				mode,
				{},
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates[type] = {
			...(this.updates[type] ?? {}),
			oauthTokenData: data.oauthTokenData,
		};
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getCredentialType(type);
		if (credentialType.extends === undefined) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}

// ---------------------------------------------------------------------------------------------
// Shared plumbing
// ---------------------------------------------------------------------------------------------

export const TEST_INSTANCE_URL = 'http://localhost:5678/';

let executionCounter = 0;

function buildAdditionalData(
	credentialsHelper: ICredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const notSupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
	const base = {
		credentialsHelper,
		executeWorkflow: notSupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${TEST_INSTANCE_URL}rest`,
		instanceBaseUrl: TEST_INSTANCE_URL,
		formBaseUrl: `${TEST_INSTANCE_URL}form`,
		formWaitingBaseUrl: `${TEST_INSTANCE_URL}form-waiting`,
		formTestBaseUrl: `${TEST_INSTANCE_URL}form-test`,
		webhookBaseUrl: `${TEST_INSTANCE_URL}webhook`,
		webhookWaitingBaseUrl: `${TEST_INSTANCE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${TEST_INSTANCE_URL}webhook-test`,
		mcpBaseUrl: `${TEST_INSTANCE_URL}mcp`,
		mcpTestBaseUrl: `${TEST_INSTANCE_URL}mcp-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: notSupported('Code-node task runners'),
		externalSecretsProxy: new ExternalSecretsProxy(),
		userId: 'test-user',
	};
	return { ...base, ...extra } as unknown as IWorkflowExecuteAdditionalData;
}

/** Workflow node JSON as exported by n8n; `id`, `position` and `typeVersion` may be omitted. */
export type TestNode = Omit<INode, 'id' | 'position' | 'typeVersion' | 'parameters'> &
	Partial<Pick<INode, 'id' | 'position' | 'typeVersion' | 'parameters'>>;

export type InputItems = Array<INodeExecutionData | IDataObject>;

export function toItems(items: InputItems): INodeExecutionData[] {
	return items.map((item) => {
		const candidate = item as Partial<INodeExecutionData>;
		if (
			typeof candidate.json === 'object' &&
			candidate.json !== null &&
			!Array.isArray(candidate.json)
		) {
			return item as INodeExecutionData;
		}
		return { json: item as IDataObject };
	});
}

function latestVersion(version: number | number[]): number {
	return Array.isArray(version) ? version[version.length - 1] : version;
}

function defaultVersionOf(type: AnyNodeType): number {
	if (type instanceof VersionedNodeType) return type.getLatestVersion();
	const described = (type as IVersionedNodeType).description as
		| { defaultVersion?: number; version?: number | number[] }
		| undefined;
	if (described?.defaultVersion !== undefined) return described.defaultVersion;
	return latestVersion(described?.version ?? 1);
}

/** Fills id/position/typeVersion and, when missing, `credentials` for the given test data. */
function completeNode(
	node: TestNode,
	index: number,
	nodeTypes: TestNodeTypes,
	credentials: CredentialsData,
): INode {
	const type = nodeTypes.getByName(node.type);
	const typeVersion = node.typeVersion ?? defaultVersionOf(type);
	const full: INode = {
		...node,
		id: node.id ?? `node-${index + 1}`,
		position: node.position ?? [index * 220, 0],
		typeVersion,
		parameters: node.parameters ?? {},
	};
	if (full.credentials === undefined) {
		const described = nodeTypes.getByNameAndVersion(node.type, typeVersion).description.credentials;
		const selected = (described ?? []).filter((c) => credentials[c.name] !== undefined);
		if (selected.length) {
			full.credentials = Object.fromEntries(
				selected.map((c) => [c.name, { id: `${c.name}-id`, name: `${c.name} (test)` }]),
			);
		}
	}
	return full;
}

function findReportedError(executionId: string, nodeName?: string): Error | undefined {
	for (let i = reportedErrors.length - 1; i >= 0; i--) {
		const { error, extra } = reportedErrors[i];
		if (
			extra.executionId === executionId &&
			(nodeName === undefined || extra.nodeName === nodeName)
		) {
			return error;
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Workflow execution
// ---------------------------------------------------------------------------------------------

export interface RunWorkflowOptions {
	nodes: TestNode[];
	connections?: IConnections;
	/** Items fed to `startNode` (default `[{ json: {} }]`); plain objects are wrapped as `{ json }`. */
	inputItems?: InputItems;
	/** Node whose input is seeded; default: the first node. */
	startNode?: string;
	/** Decrypted credential data keyed by credential type, e.g. `{ tavusApi: { apiKey, baseUrl } }`. */
	credentials?: CredentialsData;
	/** Execution mode, default `manual` (what "Execute workflow" in the editor uses). */
	mode?: WorkflowExecuteMode;
	/** Workflow settings, default `{ executionOrder: 'v1' }` like new workflows in the editor. */
	settings?: IWorkflowSettings;
}

export interface RunWorkflowResult {
	run: IRun;
	status: IRun['status'];
	runData: IRunData;
	/** Names of nodes in the order they finished. */
	executionOrder: string[];
	/**
	 * The workflow's error when a node failed and stopped the run: the original error instance
	 * (NodeApiError / NodeOperationError …) as thrown by the node, or – if it could not be
	 * recovered – the plain copy from `resultData.error`. `undefined` on success.
	 */
	error: (Error & Partial<ExecutionError>) | undefined;
	/** Plain copy stored by n8n in `resultData.error` (what the execution log persists). */
	resultError: ExecutionError | undefined;
	/** Plain copy of the error on the last run of the last executed node (`runData[...].error`). */
	lastNodeError: ExecutionError | undefined;
	lastNodeExecuted: string | undefined;
	/** Items of `nodeName`'s output `outputIndex` (last run); `[]` if it produced none. */
	outputOf(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** Task data of the last run of `nodeName`. */
	taskOf(nodeName: string): ITaskData | undefined;
}

export interface RunNodeOptions {
	credentials?: CredentialsData;
	onError?: INode['onError'];
	/** n8n's node settings: Retry On Fail and its tries. */
	settings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/** Node type name; default: the first registered node type that has `execute` or `requestDefaults`. */
	nodeType?: string;
	typeVersion?: number;
	nodeName?: string;
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult extends RunWorkflowResult {
	/** Items of main output 0. */
	items: INodeExecutionData[];
	/** All main outputs. */
	outputs: INodeExecutionData[][];
}

// ---------------------------------------------------------------------------------------------
// Credential test
// ---------------------------------------------------------------------------------------------

export interface TestCredentialOptions {
	/** Credential id/name shown in the UI; only cosmetic. */
	id?: string;
	name?: string;
}

export interface TestCredentialResult extends INodeCredentialTestResult {
	/** The error thrown by the test request, if any (for debugging; the UI only shows `message`). */
	error?: Error;
}

// ---------------------------------------------------------------------------------------------
// List search
// ---------------------------------------------------------------------------------------------

export interface RunListSearchOptions {
	filter?: string;
	paginationToken?: string;
	credentials?: CredentialsData;
	/** What the editor sends as `currentNodeParameters` (the node's current parameters). */
	currentNodeParameters?: INodeParameters;
	/** Parameter path of the resource locator, e.g. `parameters.replicaId`. */
	path?: string;
	typeVersion?: number;
}

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

export interface WebhookRequestInput {
	/** Default: the webhook description's `httpMethod` (or POST). */
	method?: IHttpRequestMethods;
	headers?: Record<string, string | string[] | undefined>;
	query?: IDataObject;
	params?: IDataObject;
	/**
	 * Raw body string/Buffer (sent byte-for-byte, e.g. to test signatures) or an object that is
	 * JSON-encoded. Default content-type: `application/json`.
	 */
	body?: string | Buffer | IDataObject | IDataObject[];
	webhookName?: IWebhookDescription['name'];
}

export interface RunWebhookOptions {
	credentials?: CredentialsData;
	/** `webhook` (production URL, default) or `manual` (test URL). */
	mode?: WorkflowExecuteMode;
	typeVersion?: number;
	nodeName?: string;
	webhookId?: string;
	/**
	 * Nodes connected after the trigger. When the webhook starts the workflow, the run is executed
	 * through `WorkflowExecute` exactly like the CLI seeds it (trigger output = `workflowData`).
	 */
	downstream?: { nodes: TestNode[]; connections: IConnections };
}

export interface RecordedResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
	/** Whether the node ended the response (`res.end()/send()/json()`). */
	finished: boolean;
}

export interface RunWebhookResult {
	/** HTTP status n8n answers the caller with (undefined if nothing would be sent). */
	responseCode: number | undefined;
	/** Body n8n answers with (object → JSON, string → as is, undefined → empty). */
	responseBody: unknown;
	responseHeaders: Record<string, string>;
	/** Whether n8n would start a workflow execution. */
	workflowStarted: boolean;
	/** `webhookResultData.workflowData` (one array per output), or `undefined`. */
	emittedItems: INodeExecutionData[][] | undefined;
	/** Items of the trigger's main output 0 (`[]` when none). */
	items: INodeExecutionData[];
	/** What `webhook()` returned (undefined if it threw). */
	webhookResult: IWebhookResponseData | undefined;
	/** Error thrown by `webhook()`. */
	error: Error | undefined;
	responseMode: string;
	/** What the node itself wrote to `getResponseObject()` (relevant with `noWebhookResponse`). */
	nodeResponse: RecordedResponse;
	/** The execution that follows (only when the workflow starts and the node did not throw). */
	execution: RunWorkflowResult | undefined;
	/** The request object the node saw (headers, body, rawBody …). */
	request: FakeRequest;
}

/** The subset of express' `Request` that n8n's webhook path provides to nodes. */
export interface FakeRequest {
	method: string;
	url: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	query: IDataObject;
	params: IDataObject;
	body: unknown;
	rawBody: Buffer | undefined;
	contentType: string | undefined;
	encoding: BufferEncoding | undefined;
	readRawBody: () => Promise<void>;
	header: (name: string) => string | string[] | undefined;
	get: (name: string) => string | string[] | undefined;
}

/** Minimal express-like response recorder given to nodes as `getResponseObject()`. */
class FakeResponse {
	statusCode = 200;

	headers: Record<string, string> = {};

	body: unknown = undefined;

	finished = false;

	headersSent = false;

	private chunks: Buffer[] = [];

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number) {
		this.statusCode = code;
		return this.end();
	}

	setHeader(name: string, value: string | number | string[]) {
		this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		return this;
	}

	header(name: string | Record<string, string>, value?: string) {
		if (typeof name === 'object') {
			for (const [key, v] of Object.entries(name)) this.setHeader(key, v);
		} else if (value !== undefined) {
			this.setHeader(name, value);
		}
		return this;
	}

	set(name: string | Record<string, string>, value?: string) {
		return this.header(name, value);
	}

	getHeader(name: string) {
		return this.headers[name.toLowerCase()];
	}

	type(contentType: string) {
		return this.setHeader('content-type', contentType);
	}

	writeHead(code: number, headers?: Record<string, string>) {
		this.statusCode = code;
		if (headers) this.header(headers);
		this.headersSent = true;
		return this;
	}

	write(chunk: string | Buffer) {
		this.headersSent = true;
		this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
		return true;
	}

	json(body: unknown) {
		if (!this.headers['content-type']) this.setHeader('content-type', 'application/json');
		this.body = body;
		return this.finish();
	}

	send(body?: unknown) {
		if (body !== undefined && typeof body === 'object' && !Buffer.isBuffer(body))
			return this.json(body);
		this.body = Buffer.isBuffer(body) ? body.toString() : body;
		return this.finish();
	}

	end(chunk?: string | Buffer) {
		if (chunk !== undefined) this.write(chunk);
		if (this.body === undefined && this.chunks.length) {
			this.body = Buffer.concat(this.chunks).toString();
		}
		return this.finish();
	}

	on() {
		return this;
	}

	once() {
		return this;
	}

	private finish() {
		this.finished = true;
		this.headersSent = true;
		return this;
	}

	snapshot(): RecordedResponse {
		return {
			statusCode: this.statusCode,
			headers: { ...this.headers },
			body: this.body,
			finished: this.finished,
		};
	}
}

function headerValue(headers: FakeRequest['headers'], name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

const PARSABLE = (contentType: string | undefined) =>
	!!contentType &&
	(contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml'));

/**
 * Builds the request like n8n's webhook server: `rawBodyReader` (content type/charset parsed,
 * `readRawBody()`), then `parseBody` for typeVersion 1 nodes or parsable content types.
 */
function buildRequest(
	input: WebhookRequestInput,
	method: string,
	path: string,
	typeVersion: number,
) {
	const headers: FakeRequest['headers'] = {};
	for (const [key, value] of Object.entries(input.headers ?? {}))
		headers[key.toLowerCase()] = value;

	let raw: Buffer | undefined;
	if (input.body !== undefined) {
		if (Buffer.isBuffer(input.body)) raw = input.body;
		else if (typeof input.body === 'string') raw = Buffer.from(input.body);
		else raw = Buffer.from(JSON.stringify(input.body));
		if (headers['content-type'] === undefined) headers['content-type'] = 'application/json';
	}
	if (raw !== undefined && headers['content-length'] === undefined) {
		headers['content-length'] = String(raw.length);
	}

	let contentType: string | undefined;
	let encoding: BufferEncoding | undefined;
	const contentTypeHeader = headerValue(headers, 'content-type');
	if (contentTypeHeader) {
		const [type, ...parameters] = contentTypeHeader.split(';');
		contentType = type.trim().toLowerCase();
		encoding = 'utf-8';
		for (const parameter of parameters) {
			const [key, value] = parameter.split('=');
			if (key?.trim().toLowerCase() === 'charset' && value) {
				encoding = value.trim().replace(/^"|"$/g, '').toLowerCase() as BufferEncoding;
			}
		}
	}

	const query = input.query ?? {};
	const search = new URLSearchParams(
		Object.entries(query).map(([k, v]) => [k, String(v)]) as Array<[string, string]>,
	).toString();

	const request: FakeRequest = {
		method,
		url: `/webhook/${path}${search ? `?${search}` : ''}`,
		path: `/webhook/${path}`,
		headers,
		query,
		params: input.params ?? {},
		body: undefined,
		rawBody: undefined,
		contentType,
		encoding,
		readRawBody: async () => {
			if (!request.rawBody) request.rawBody = raw ?? Buffer.alloc(0);
		},
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};

	// n8n parses the body for typeVersion 1 always, for later versions only for parsable types.
	const shouldParse = typeVersion === 1 || PARSABLE(contentType);
	if (shouldParse && contentType !== 'multipart/form-data') {
		request.rawBody = raw ?? Buffer.alloc(0);
		if (request.rawBody.length) {
			const text = request.rawBody.toString(encoding);
			try {
				if (contentType === 'application/json') {
					request.body = jsonParse(text);
				} else if (contentType === 'application/x-www-form-urlencoded') {
					request.body = Object.fromEntries(new URLSearchParams(text));
				} else if (contentType === 'text/plain') {
					request.body = text;
				}
			} catch (error) {
				// n8n answers 422 UnprocessableRequestError('Failed to parse request body') here.
				const parseError = new UserError('Failed to parse request body', {
					description: (error as Error).message,
				});
				(parseError as UserError & { httpStatusCode?: number }).httpStatusCode = 422;
				throw parseError;
			}
		}
	}
	return request;
}

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/**
 * The package name, from package.json: the one place it is decided. n8n names a community node
 * type `<package name>.<node name>`, so tests build types with `nodeType('tavus')` and follow a
 * rename (`node scripts/rename-package.mjs <new-name>`).
 */
export const PACKAGE_NAME: string = packageJson.name;

/** The full node type n8n gives one of this package's nodes, e.g. `n8n-nodes-tavus.tavus`. */
export const nodeType = (nodeName: string): string => `${PACKAGE_NAME}.${nodeName}`;

export interface HarnessConfig {
	/** Node instances keyed by full type name, e.g. `{ [nodeType('tavus')]: new Tavus() }`. */
	nodeTypes: Record<string, AnyNodeType>;
	/** Credential type instances keyed by name, e.g. `{ tavusApi: new TavusApi() }`. */
	credentialTypes?: Record<string, ICredentialType>;
}

export interface Harness {
	nodeTypes: TestNodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	createCredentialsHelper(credentials?: CredentialsData): TestCredentialsHelper;
	runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult>;
	runNode(
		parameters: INodeParameters,
		inputItems?: InputItems,
		options?: RunNodeOptions,
	): Promise<RunNodeResult>;
	testCredential(
		credentialType: string,
		data: ICredentialDataDecryptedObject,
		options?: TestCredentialOptions,
	): Promise<TestCredentialResult>;
	runListSearch(
		nodeType: string,
		methodName: string,
		options?: RunListSearchOptions,
	): Promise<INodeListSearchResult>;
	runWebhook(
		nodeType: string,
		nodeParameters: INodeParameters,
		request?: WebhookRequestInput,
		options?: RunWebhookOptions,
	): Promise<RunWebhookResult>;
}

export function createHarness(config: HarnessConfig): Harness {
	const nodeTypes = new TestNodeTypes(config.nodeTypes);
	const credentialTypes = config.credentialTypes ?? {};

	const createCredentialsHelper = (credentials: CredentialsData = {}) =>
		new TestCredentialsHelper(credentialTypes, credentials);

	function buildResult(
		run: IRun,
		executionId: string,
		executionOrder: string[],
	): RunWorkflowResult {
		const { runData, lastNodeExecuted } = run.data.resultData;
		const resultError = run.data.resultData.error;
		const taskOf = (nodeName: string) => {
			const tasks = runData[nodeName];
			return tasks?.length ? tasks[tasks.length - 1] : undefined;
		};
		const lastNodeError = lastNodeExecuted ? taskOf(lastNodeExecuted)?.error : undefined;
		const original = resultError ? findReportedError(executionId, lastNodeExecuted) : undefined;
		return {
			run,
			status: run.status,
			runData,
			executionOrder,
			error: (original ?? resultError) as RunWorkflowResult['error'],
			resultError,
			lastNodeError,
			lastNodeExecuted,
			taskOf,
			outputOf: (nodeName: string, outputIndex = 0) =>
				taskOf(nodeName)?.data?.main?.[outputIndex] ?? [],
		};
	}

	async function execute(
		workflow: Workflow,
		startNode: INode,
		startData: INodeExecutionData[][],
		credentialsHelper: TestCredentialsHelper,
		mode: WorkflowExecuteMode,
		extraAdditionalData: Partial<IWorkflowExecuteAdditionalData> = {},
	): Promise<RunWorkflowResult> {
		const executionId = `test-execution-${++executionCounter}`;
		const workflowData: IWorkflowBase = {
			id: workflow.id,
			name: workflow.name ?? 'Test workflow',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			settings: workflow.settings,
		};
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		const executionOrder: string[] = [];
		hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
			executionOrder.push(nodeName);
		});
		const additionalData = buildAdditionalData(credentialsHelper, {
			hooks,
			executionId,
			workflowId: workflow.id,
			...extraAdditionalData,
		});
		const runExecutionData: IRunExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: startNode, data: { main: startData }, source: null }],
			},
		});
		const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
		const run = await workflowExecute.processRunExecutionData(workflow);
		return buildResult(run, executionId, executionOrder);
	}

	function buildWorkflow(nodes: INode[], connections: IConnections, settings?: IWorkflowSettings) {
		return new Workflow({
			id: 'test-workflow',
			name: 'Test workflow',
			nodes,
			connections,
			nodeTypes,
			active: false,
			settings: { executionOrder: 'v1', ...(settings ?? {}) },
		});
	}

	async function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult> {
		const credentials = options.credentials ?? {};
		if (!options.nodes.length) throw new UnexpectedError('runWorkflow needs at least one node');
		const nodes = options.nodes.map((node, index) =>
			completeNode(node, index, nodeTypes, credentials),
		);
		const workflow = buildWorkflow(nodes, options.connections ?? {}, options.settings);
		const startName = options.startNode ?? nodes[0].name;
		const startNode = workflow.getNode(startName);
		if (!startNode) throw new UnexpectedError(`Start node "${startName}" is not in the workflow`);
		const items = toItems(options.inputItems ?? [{ json: {} }]);
		return await execute(
			workflow,
			startNode,
			[items],
			createCredentialsHelper(credentials),
			options.mode ?? 'manual',
		);
	}

	function defaultActionNodeType(): string {
		const found = nodeTypes.list().find((name) => {
			const type = nodeTypes.getByNameAndVersion(name);
			return !!type.execute || !!type.description.requestDefaults;
		});
		if (!found) throw new UnexpectedError('No action node type registered in the harness');
		return found;
	}

	async function runNode(
		parameters: INodeParameters,
		inputItems: InputItems = [{ json: {} }],
		options: RunNodeOptions = {},
	): Promise<RunNodeResult> {
		const nodeName = options.nodeName ?? 'Node';
		const result = await runWorkflow({
			nodes: [
				{
					name: nodeName,
					type: options.nodeType ?? defaultActionNodeType(),
					typeVersion: options.typeVersion,
					parameters,
					onError: options.onError,
					...options.settings,
				},
			],
			inputItems,
			credentials: options.credentials,
			mode: options.mode,
		});
		const outputs = (result.taskOf(nodeName)?.data?.main ?? []).map((output) => output ?? []);
		return { ...result, items: outputs[0] ?? [], outputs };
	}

	// ---- credential test (mirrors packages/cli/src/services/credentials-tester.service.ts) ----

	function findTestedBy(credentialType: string):
		| {
				nodeType?: INodeType;
				testRequest?: ICredentialTestRequest;
				fn?: ICredentialTestFunction;
		  }
		| undefined {
		for (const name of nodeTypes.list()) {
			const type = nodeTypes.getByName(name);
			const versions: INodeType[] =
				type instanceof VersionedNodeType ? Object.values(type.nodeVersions) : [type as INodeType];
			for (const version of versions) {
				for (const { name: credName, testedBy } of version.description.credentials ?? []) {
					if (credName !== credentialType || !testedBy) continue;
					if (typeof testedBy === 'string') {
						const fn = version.methods?.credentialTest?.[testedBy];
						if (fn) return { fn };
						continue;
					}
					return { nodeType: version, testRequest: testedBy };
				}
			}
		}
		return undefined;
	}

	async function testCredential(
		credentialType: string,
		data: ICredentialDataDecryptedObject,
		options: TestCredentialOptions = {},
	): Promise<TestCredentialResult> {
		const helper = createCredentialsHelper({ [credentialType]: data });
		const type = helper.getCredentialType(credentialType);
		const found = type.test ? { testRequest: type.test } : findTestedBy(credentialType);
		if (!found) {
			return {
				status: 'Error',
				message: 'No testing function found for this credential.',
			};
		}

		const credentialsDecrypted: ICredentialsDecrypted = {
			id: options.id ?? 'credential-under-test',
			name: options.name ?? `${credentialType} (test)`,
			type: credentialType,
			data: { ...data },
		};
		try {
			credentialsDecrypted.data = helper.applyDefaultsAndResolve(
				credentialsDecrypted.data ?? {},
				credentialType,
				'internal',
			);
		} catch (error) {
			return {
				status: 'Error',
				message: String((error as Error).message),
				error,
			};
		}

		if ('fn' in found && found.fn) {
			const context = new CredentialTestContext();
			return await found.fn.call(context, credentialsDecrypted);
		}

		const testRequest = found.testRequest as ICredentialTestRequest;
		const baseNodeType: INodeType =
			('nodeType' in found && found.nodeType) ||
			({
				description: {
					displayName: 'No Operation, do nothing',
					name: 'n8n-nodes-base.noOp',
					group: ['organization'],
					version: 1,
					description: 'No Operation',
					defaults: { name: 'No Operation, do nothing' },
					inputs: ['main'],
					outputs: ['main'],
					properties: [],
				},
			} as unknown as INodeType);

		const nodeTypeCopy: INodeType = {
			description: {
				...baseNodeType.description,
				credentials: [{ name: credentialType, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: testRequest.request },
						default: '',
					},
				],
			},
		};
		const node: INode = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: nodeTypeCopy.description.name,
			typeVersion: latestVersion(nodeTypeCopy.description.version),
			position: [0, 0],
			credentials: {
				[credentialType]: {
					id: credentialsDecrypted.id,
					name: credentialsDecrypted.name,
				},
			},
		};
		const tempNodeTypes: INodeTypes = {
			getByName: () => nodeTypeCopy,
			getByNameAndVersion: () => nodeTypeCopy,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: tempNodeTypes,
		});
		const additionalData = buildAdditionalData(helper, { currentNodeParameters: node.parameters });
		const executeData: IExecuteData = { node, data: {}, source: null };
		const executeFunctions = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			createRunExecutionData({ executionData: null }),
			0,
			[],
			{ main: [[{ json: {} }]] },
			executeData,
			[],
		);
		const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await routingNode.runNode();
		} catch (e) {
			const error = e as Error & {
				cause?: {
					response?: { status: number; statusText?: string };
					code?: string;
				};
			};
			collectingErrorReporter.error(error);
			if (error.cause?.response) {
				const statusCode = error.cause.response.status;
				const statusMessage = error.cause.response.statusText;
				for (const rule of testRequest.rules ?? []) {
					if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
						return { status: 'Error', message: rule.properties.message, error };
					}
				}
				if (statusCode < 199 || statusCode > 299) {
					return {
						status: 'Error',
						message: statusMessage || `Received HTTP status code: ${statusCode}`,
						error,
					};
				}
			} else if (error.cause?.code) {
				return { status: 'Error', message: error.cause.code, error };
			}
			return { status: 'Error', message: String(error.message), error };
		}

		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseSuccessBody') {
				const json = response?.[0]?.[0]?.json;
				const value = rule.properties.key
					.split('.')
					.reduce<unknown>(
						(acc, key) => (acc && typeof acc === 'object' ? (acc as IDataObject)[key] : undefined),
						json,
					);
				if (value === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	// ---- list search (mirrors packages/cli/src/services/dynamic-node-parameters.service.ts) ----

	async function runListSearch(
		nodeTypeName: string,
		methodName: string,
		options: RunListSearchOptions = {},
	): Promise<INodeListSearchResult> {
		const credentials = options.credentials ?? {};
		const typeVersion = options.typeVersion ?? defaultVersionOf(nodeTypes.getByName(nodeTypeName));
		const nodeType = nodeTypes.getByNameAndVersion(nodeTypeName, typeVersion);
		const method = nodeType.methods?.listSearch?.[methodName];
		if (typeof method !== 'function') {
			throw new UnexpectedError('Node type does not have method defined', {
				tags: { nodeType: nodeType.description.name },
				extra: { methodName },
			});
		}
		const currentNodeParameters = options.currentNodeParameters ?? {};
		const node = completeNode(
			{
				name: 'Temp-Node',
				id: 'uuid-1234',
				type: nodeTypeName,
				typeVersion,
				parameters: currentNodeParameters,
			},
			0,
			nodeTypes,
			credentials,
		);
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
		});
		const additionalData = buildAdditionalData(createCredentialsHelper(credentials), {
			currentNodeParameters,
		});
		const context = new LoadOptionsContext(
			workflow,
			workflow.getNode(node.name) as INode,
			additionalData,
			options.path ?? 'parameters',
		);
		return await method.call(context, options.filter, options.paginationToken);
	}

	// ---- webhooks (mirrors packages/cli/src/webhooks/webhook-helpers.ts + webhook.service.ts) ----

	async function runWebhook(
		nodeTypeName: string,
		nodeParameters: INodeParameters,
		input: WebhookRequestInput = {},
		options: RunWebhookOptions = {},
	): Promise<RunWebhookResult> {
		const credentials = options.credentials ?? {};
		const mode = options.mode ?? 'webhook';
		const typeVersion = options.typeVersion ?? defaultVersionOf(nodeTypes.getByName(nodeTypeName));
		const nodeType = nodeTypes.getByNameAndVersion(nodeTypeName, typeVersion);
		if (nodeType.webhook === undefined) {
			throw new UnexpectedError('Node does not have any webhooks defined');
		}
		const webhookName = input.webhookName ?? 'default';
		const webhookDescription = (nodeType.description.webhooks ?? []).find(
			(w) => w.name === webhookName,
		);
		if (!webhookDescription) {
			throw new UnexpectedError(`Node type has no webhook named "${webhookName}"`);
		}

		const triggerName = options.nodeName ?? 'Trigger';
		const triggerNode = completeNode(
			{
				name: triggerName,
				type: nodeTypeName,
				typeVersion,
				parameters: nodeParameters,
				webhookId: options.webhookId ?? '00000000-0000-4000-8000-000000000000',
			},
			0,
			nodeTypes,
			credentials,
		);
		const downstream = (options.downstream?.nodes ?? []).map((node, index) =>
			completeNode(node, index + 1, nodeTypes, credentials),
		);
		const workflow = buildWorkflow(
			[triggerNode, ...downstream],
			options.downstream?.connections ?? {},
		);
		const node = workflow.getNode(triggerName) as INode;
		const additionalKeys: IWorkflowDataProxyAdditionalKeys = {};
		// Same evaluation as the CLI's WebhookExecutionContext: native resolver first, then the
		// expression engine; `fallback` only applies when the description lacks the field.
		const evaluate = <T>(property: string, fallback?: unknown, complex = false): T => {
			const native = resolveWebhookDescriptionField(node, webhookDescription, property);
			if (native.resolved) return native.value as T;
			const value = webhookDescription[property];
			return (
				complex
					? workflow.expression.getComplexParameterValue(
							node,
							value as string,
							mode,
							additionalKeys,
							undefined,
							fallback as string | undefined,
						)
					: workflow.expression.getSimpleParameterValue(
							node,
							value as string | boolean | undefined,
							mode,
							additionalKeys,
							undefined,
							fallback as string | undefined,
						)
			) as T;
		};

		let webhookPath = String(evaluate<string>('path') ?? '');
		webhookPath = webhookPath.replace(/^\//, '').replace(/\/$/, '');
		const path = NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			webhookPath,
			evaluate<boolean>('isFullPath', false),
		);
		const method =
			input.method ??
			((String(evaluate<string>('httpMethod', 'GET')).split(',')[0].trim() ||
				'POST') as IHttpRequestMethods);

		const responseMode = String(evaluate<string>('responseMode', 'onReceived'));
		const responseCode = Number(evaluate<number>('responseCode', 200));
		const responseData = evaluate<string | undefined>('responseData', 'firstEntryJson', true);

		const response = new FakeResponse();
		let request: FakeRequest;
		try {
			request = buildRequest(input, method, path, typeVersion);
		} catch (error) {
			return {
				responseCode: 422,
				responseBody: {
					code: 422,
					message: (error as Error).message,
					hint: (error as UserError).description,
				},
				responseHeaders: {},
				workflowStarted: false,
				emittedItems: undefined,
				items: [],
				webhookResult: undefined,
				error: error as Error,
				responseMode,
				nodeResponse: response.snapshot(),
				execution: undefined,
				request: { ...input, body: undefined } as unknown as FakeRequest,
			};
		}

		const credentialsHelper = createCredentialsHelper(credentials);
		const additionalData = buildAdditionalData(credentialsHelper, {
			httpRequest: request as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: response as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
			workflowId: workflow.id,
		});
		const webhookData: IWebhookData = {
			httpMethod: method,
			node: node.name,
			path,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest: mode === 'manual',
		};

		const base = {
			responseMode,
			request,
			nodeResponse: response.snapshot(),
		};

		let webhookResult: IWebhookResponseData;
		try {
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				mode,
				webhookData,
				[],
				null,
			);
			webhookResult = isNodeClassInstance(nodeType)
				? await (
						nodeType as unknown as {
							webhook: (c: unknown) => Promise<IWebhookResponseData>;
						}
					).webhook(context)
				: await nodeType.webhook.call(context);
		} catch (e) {
			const error = e as Error;
			collectingErrorReporter.error(error, {
				extra: { nodeName: node.name, nodeType: node.type },
			});
			// invokeWebhook(): responds 500 "Workflow Webhook Error: Workflow could not be started!"
			// and still hands an execution carrying the error to the WorkflowRunner.
			return {
				...base,
				responseCode: 500,
				responseBody: {
					code: 0,
					message: 'Workflow Webhook Error: Workflow could not be started!',
				},
				responseHeaders: { 'content-type': 'application/json' },
				workflowStarted: true,
				emittedItems: [[{ json: {} }]],
				items: [],
				webhookResult: undefined,
				error,
				nodeResponse: response.snapshot(),
				execution: undefined,
			};
		}

		const emittedItems = webhookResult.workflowData;
		const workflowStarted = emittedItems !== undefined;
		let responseCodeOut: number | undefined;
		let responseBody: unknown;
		let responseHeaders: Record<string, string> = {};

		if (webhookResult.noWebhookResponse === true) {
			// The node answered itself through getResponseObject().
			const recorded = response.snapshot();
			responseCodeOut = recorded.finished ? recorded.statusCode : undefined;
			responseBody = recorded.body;
			responseHeaders = recorded.headers;
		} else if (!workflowStarted) {
			responseCodeOut = responseCode;
			responseBody =
				webhookResult.webhookResponse !== undefined
					? webhookResult.webhookResponse
					: { message: 'Webhook call received' };
		} else if (responseMode === 'onReceived') {
			responseCodeOut = responseCode;
			// extractWebhookOnReceivedResponse(): a description without `responseData` evaluates to
			// the default 'firstEntryJson', which is then sent as the literal body.
			if (responseData === 'noData') responseBody = undefined;
			else if (responseData) responseBody = responseData;
			else if (webhookResult.webhookResponse !== undefined)
				responseBody = webhookResult.webhookResponse;
			else responseBody = { message: 'Workflow was started' };
		}

		let execution: RunWorkflowResult | undefined;
		if (workflowStarted) {
			execution = await execute(workflow, node, emittedItems, credentialsHelper, mode, {
				httpRequest: additionalData.httpRequest,
				httpResponse: additionalData.httpResponse,
			});
			if (responseMode === 'lastNode' && webhookResult.noWebhookResponse !== true) {
				const lastName = execution.lastNodeExecuted;
				const lastItems = lastName ? execution.outputOf(lastName) : [];
				responseCodeOut = execution.error ? 500 : responseCode;
				if (execution.error) responseBody = { message: 'Error in workflow' };
				else if (responseData === 'noData') responseBody = undefined;
				else if (responseData === 'allEntries') responseBody = lastItems.map((i) => i.json);
				else responseBody = lastItems[0]?.json;
			}
		}

		return {
			...base,
			nodeResponse: response.snapshot(),
			responseCode: responseCodeOut,
			responseBody,
			responseHeaders,
			workflowStarted,
			emittedItems,
			items: emittedItems?.[0] ?? [],
			webhookResult,
			error: undefined,
			execution,
		};
	}

	return {
		nodeTypes,
		credentialTypes,
		createCredentialsHelper,
		runWorkflow,
		runNode,
		testCredential,
		runListSearch,
		runWebhook,
	};
}
