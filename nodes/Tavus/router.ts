import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { StartPacer } from './pacing';
import { setRunLimit } from './transport/concurrency';
import { findOperation } from './resources';
import { outputSecretsOf } from './transport/request';
import { hideUrlToken, maskOutput, nodeForErrors, redactOutput } from './transport/secrets';
import type { OperationResult } from './types';
import { getParameter } from './parameters';

interface Batching {
	size: number;
	intervalMs: number;
}

function readBatching(context: IExecuteFunctions): Batching {
	const options = getParameter(context, 'options', 0, {}) as IDataObject;
	const batch = ((options.batching as IDataObject | undefined)?.batch ?? {}) as IDataObject;
	const size = Number(batch.batchSize);
	const interval = Number(batch.batchInterval);
	return {
		size: Number.isInteger(size) && size > 0 ? size : 1,
		intervalMs: Number.isFinite(interval) && interval > 0 ? interval : 0,
	};
}

function toItems(
	result: OperationResult,
	itemIndex: number,
	secrets: readonly string[],
): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({
		// Any object Tavus echoes with a callback_url (conversations, videos, documents, ...) may
		// carry the Tavus Trigger's secret token in it; an answer echoing a key is cleaned of it.
		json: redactOutput(maskOutput(asJson(json)), secrets),
		pairedItem: { item: itemIndex },
	}));
}

/**
 * An item's json is always an object: a 2xx answer without a JSON object (an empty body, a
 * proxy's HTML page) becomes {} or { response: <text> } instead of breaking later nodes.
 */
function asJson(value: unknown): IDataObject {
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as IDataObject;
	if (value === undefined || value === null || value === '') return {};
	return { response: value as IDataObject[string] };
}

/**
 * Makes sure whatever an operation threw is an n8n error that names its item, and that nothing
 * it carries into execution data (its texts, the last state of an object it waited for) holds a
 * secret.
 */
function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(nodeForErrors(context.getNode()), error as Error, { itemIndex });
	if (nodeError.context.itemIndex === undefined) nodeError.context.itemIndex = itemIndex;
	if (nodeError.context.lastState !== undefined) {
		nodeError.context.lastState = redactOutput(
			maskOutput(nodeError.context.lastState),
			outputSecretsOf(context),
		);
	}
	nodeError.message = hideUrlToken(nodeError.message);
	if (typeof nodeError.description === 'string') {
		nodeError.description = hideUrlToken(nodeError.description);
	}
	return nodeError;
}

/**
 * The item a failing input item becomes under On Error → Continue, paired to it.
 * - "Continue (regular output)": `{ error, description, httpCode }` plus, for an object created
 *   before the failure (e.g. a video that did not become ready in time), its ID and last status.
 * - "Continue (using error output)": `{ error, message }` (message: the description). n8n sends an
 *   item to the error branch only when its json holds `error` and nothing else but `message`
 *   (n8n 1.x; 2.x also allows `details`), and adds the failing input item's fields there. The
 *   error text itself names the object and its ID where one was created. (n8n's item-level
 *   `error` would make n8n replace the json with the message alone.)
 */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	toErrorOutput: boolean,
): INodeExecutionData {
	if (toErrorOutput) {
		const json: IDataObject = { error: error.message };
		if (error.description) json.message = error.description;
		return { json, pairedItem: { item: itemIndex } };
	}
	const lastState = error.context.lastState;
	const json: IDataObject =
		typeof lastState === 'object' && lastState !== null && !Array.isArray(lastState)
			? { ...(lastState as IDataObject) }
			: {};
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	json.error = error.message;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The item loop of the Tavus node: runs the chosen operation once per input item, several at
 * a time when Options → Batching asks for it (a sliding window of Items per Batch, or batches
 * with a pause when Batch Interval is set), keeps output order and pairing,
 * and applies continueOnFail: a failing item becomes one error item paired to it, or stops the
 * node with an error that names the item.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const { size, intervalMs } = readBatching(this);
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const output: INodeExecutionData[][] = new Array(items.length);

	const runItem = async (itemIndex: number): Promise<void> => {
		try {
			const resource = getParameter(this, 'resource', itemIndex) as string;
			const operation = getParameter(this, 'operation', itemIndex) as string;
			const execute = findOperation(resource, operation);
			if (!execute) {
				throw new NodeOperationError(
					nodeForErrors(this.getNode()),
					`The operation "${operation}" is not known for the resource "${resource}"`,
					{ itemIndex },
				);
			}
			const result = await execute.call(this, itemIndex);
			output[itemIndex] = toItems(result, itemIndex, outputSecretsOf(this));
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			output[itemIndex] = [errorItem(nodeError, itemIndex, toErrorOutput)];
		}
	};

	if (intervalMs > 0) {
		// Batches with a pause between them: each batch is sent at once, then the node waits.
		for (let start = 0; start < items.length; start += size) {
			if (start > 0) await sleep(intervalMs);
			const batch = [];
			for (let index = start; index < Math.min(start + size, items.length); index++) {
				batch.push(runItem(index));
			}
			const settled = await Promise.allSettled(batch);
			// The first failing item of the batch (in item order) stops the node.
			const failed = settled.find((result) => result.status === 'rejected');
			if (failed) throw (failed as PromiseRejectedResult).reason;
		}
	} else {
		// No pause asked for: keep `size` items in flight, starting the next one as soon as one
		// ends, with starts spread over the time an item takes (see pacing.ts). A failure stops
		// new items from starting; the earliest failing item is reported.
		let next = 0;
		let stopped = false;
		const failures: Array<{ index: number; error: unknown }> = [];
		// Requests in flight adapt to Tavus's rate limit, up to Items per Batch; the pacer spreads
		// starts over what the limit allows now and learns from the time successful requests take
		// (not from items that waited for a Retry-After).
		let pacer: StartPacer | undefined;
		const limit = setRunLimit(this, size, (ms) => pacer?.record(ms));
		if (limit) pacer = new StartPacer(() => limit.limit);
		const worker = async () => {
			while (!stopped && next < items.length) {
				const index = next++;
				if (pacer) {
					await pacer.waitTurn();
					if (stopped) break; // an item failed while this one waited for its turn
				}
				try {
					await runItem(index);
				} catch (error) {
					stopped = true;
					failures.push({ index, error });
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
		if (failures.length > 0) {
			throw failures.sort((a, b) => a.index - b.index)[0].error;
		}
	}

	return [output.flat()];
}
