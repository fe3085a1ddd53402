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
	const value = context.getNodeParameter(name, itemIndex, fallback);
	const raw = state.raw[name];
	if (raw !== undefined && !containsExpression(raw)) state.fixed.set(name, copyOf(value));
	return value;
}
