import type {
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INodeParameters,
	NodeParameterValueType,
} from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

interface ExecutionParameters {
	/** The node's parameters as stored in the workflow (expressions not resolved). */
	raw: INodeParameters;
	/** Resolved values of the parameters that hold no expression. */
	fixed: Map<string, unknown>;
}

/** One entry per node run: n8n hands every run its own execute context. */
const perExecution = new WeakMap<IExecuteFunctions, ExecutionParameters>();

/** True when a stored parameter value is, or contains, an n8n expression ("=..."). */
export function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (typeof value === 'object' && value !== null) {
		return Object.values(value as IDataObject).some(containsExpression);
	}
	return false;
}

function copyOf<T>(value: T): T {
	return typeof value === 'object' && value !== null ? deepCopy(value) : value;
}

/**
 * `context.getNodeParameter(name, itemIndex, fallback)`, resolved once per node run when the
 * parameter holds no expression: such a value is the same for every item, and n8n's
 * parameter resolution (copying, expression scan, type validation) costs more per item than
 * everything else the node does before sending. Each call gets its own copy, so a caller may
 * change what it receives. Parameters with expressions, reads with options (extractValue, ...)
 * and dotted paths always go to n8n. A value n8n refuses is never remembered: every item gets
 * n8n's own error.
 */
export function getParameter(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): NodeParameterValueType | object {
	if (options !== undefined || name.includes('.')) {
		return context.getNodeParameter(name, itemIndex, fallback, options);
	}
	let state = perExecution.get(context);
	if (!state) {
		state = { raw: context.getNode().parameters, fixed: new Map() };
		perExecution.set(context, state);
	}
	if (state.fixed.has(name)) return copyOf(state.fixed.get(name)) as NodeParameterValueType;
	const raw = state.raw[name];
	const direct = readJsonReference(context, raw, itemIndex);
	if (direct !== undefined) return direct;
	const value = context.getNodeParameter(name, itemIndex, fallback);
	if (raw !== undefined && !containsExpression(raw)) state.fixed.set(name, copyOf(value));
	return value;
}

/** `={{ $json.a.b }}` (identifiers only): the commonest expression there is. */
const JSON_REFERENCE = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

/**
 * The value of a parameter that is exactly `{{ $json.<path> }}` when that value is a text, read
 * straight from the item: n8n would give the same text, but its expression engine (an isolated
 * V8 in n8n 2.x) costs about a millisecond of n8n's single thread per read. Anything else (a
 * missing field, a number, an object, a longer expression) returns undefined, and n8n resolves
 * the parameter as usual.
 */
function readJsonReference(
	context: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
): string | undefined {
	if (typeof raw !== 'string' || raw.length > 200) return undefined;
	const match = JSON_REFERENCE.exec(raw);
	if (!match) return undefined;
	let value: unknown = context.getInputData()[itemIndex]?.json;
	for (const key of match[1].slice(1).split('.')) {
		if (
			typeof value !== 'object' ||
			value === null ||
			!Object.prototype.hasOwnProperty.call(value, key)
		)
			return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return typeof value === 'string' ? value : undefined;
}
