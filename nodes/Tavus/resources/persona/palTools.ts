import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { tavusLocator } from '../../fields/locators';
import { getParameter } from '../../parameters';
import { tavusApiRequest } from '../../transport/request';
import { nodeForErrors } from '../../transport/secrets';
import { isPlainObject, ParameterError, toTavusId } from '../../validation';
import { buildForItem } from '../common';
import { toolLocatorOptions } from '../tool/fields';

/*
 * Registry tools on a persona (PAL): Tavus's /v2/pals/{pal_id}/tools (the persona_id is the
 * pal_id). Attach Tools, Get Tools and Detach Tool use it, and Create, Create or Update and Update
 * attach their Tools field through it after the persona is written.
 */

/** Tavus's limit of registry tools on one PAL. */
export const MAX_PAL_TOOLS = 50;

export const palToolsPath = (personaId: string) => `/v2/pals/${personaId}/tools`;

const TOOLS_LABEL = 'Tools';

/** The Tools parameter: one tool picker per entry (the tool registry's list, or a tool_id). */
export function toolIdsProperty(description: string): INodeProperties {
	return {
		displayName: TOOLS_LABEL,
		name: 'toolIds',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Tool',
		default: {},
		description,
		options: [
			{
				displayName: 'Tool',
				name: 'tool',
				values: [
					tavusLocator({
						...toolLocatorOptions,
						name: 'tool',
						displayName: 'Tool',
						description:
							'A tool of the tool registry. Pick it from the list, or give its tool_id (e.g. {{ $json.tool_id }}); an expression may also give a list of IDs.',
					}),
				],
			},
		],
	};
}

/** The value a picker holds: `{__rl, mode, value}`, or a plain value from an expression. */
function pickerValue(entry: unknown): unknown {
	const picker = isPlainObject(entry) ? entry.tool : entry;
	return isPlainObject(picker) && 'value' in picker ? picker.value : picker;
}

/**
 * The tool IDs of a Tools value (`{ tool: [{ tool: picker }, ...] }`), in order, without
 * repeats. An entry may hold one ID, or (from an expression) an array or comma-separated IDs.
 * Empty entries are skipped. Pure: throws ParameterError naming the entry.
 */
export function toToolIds(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (!isPlainObject(value)) {
		throw new ParameterError(TOOLS_LABEL, 'must be a list of tools (Add Tool)');
	}
	const entries = value.tool === undefined ? [] : value.tool;
	if (!Array.isArray(entries)) {
		throw new ParameterError(TOOLS_LABEL, 'must be a list of tools (Add Tool)');
	}
	const ids: string[] = [];
	entries.forEach((entry, index) => {
		const field = `${TOOLS_LABEL} › Tool ${index + 1}`;
		const raw = pickerValue(entry);
		const parts = Array.isArray(raw)
			? raw
			: typeof raw === 'string' && raw.includes(',')
				? raw.split(',')
				: [raw];
		for (const part of parts) {
			if (part === undefined || part === null) continue;
			if (typeof part === 'string' && part.trim() === '') continue;
			const id = toTavusId(field, part);
			if (!ids.includes(id)) ids.push(id);
		}
	});
	if (ids.length > MAX_PAL_TOOLS) {
		throw new ParameterError(
			TOOLS_LABEL,
			`has ${ids.length} tools; Tavus attaches at most ${MAX_PAL_TOOLS} to one persona`,
		);
	}
	return ids;
}

/** Reads and checks one item's Tools (nothing is sent when it throws). */
export function readToolIds(context: IExecuteFunctions, itemIndex: number): string[] {
	const value = getParameter(context, 'toolIds', itemIndex, {});
	return buildForItem(context, itemIndex, () => toToolIds(value));
}

/**
 * POST /v2/pals/{id}/tools {"tool_ids": [...]}: the tools as Tavus reports them (newly and
 * already attached). Attaching is idempotent at Tavus, so it is retried like a read and sent
 * again by n8n's Retry On Fail.
 */
export async function attachTools(
	context: IExecuteFunctions,
	personaId: string,
	toolIds: string[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const response = await tavusApiRequest.call(context, {
		method: 'POST',
		path: palToolsPath(personaId),
		body: { tool_ids: toolIds },
		itemIndex,
		idempotent: true,
	});
	return toolsOf(response.body);
}

/** The tools of a `{"data": [tool, ...]}` answer (a bare array is taken as well). */
export function toolsOf(body: unknown): IDataObject[] {
	const list = isPlainObject(body) ? body.data : body;
	return Array.isArray(list) ? list.filter(isPlainObject) : [];
}

/** What happened to the persona, in the words of the error: created, updated, left unchanged. */
export function writtenAs(action: unknown): string {
	if (action === 'created') return 'created';
	return action === 'unchanged' ? 'left unchanged' : 'updated';
}

/**
 * Create, Create or Update, Update: after the persona was written, attaches the item's Tools
 * and adds them to the output as `tools`. When attaching fails, the error says that the persona
 * was written (and its ID) and that the tools were not attached; n8n's Retry On Fail then sends
 * only the attach again (the persona's create is not repeated: see transport/once.ts).
 */
export async function attachAfterWrite(
	context: IExecuteFunctions,
	itemIndex: number,
	toolIds: string[],
	output: IDataObject,
	written: string,
	rerun = 'Create',
): Promise<IDataObject> {
	if (toolIds.length === 0) return output;
	const personaId = typeof output.persona_id === 'string' ? output.persona_id : '';
	if (!personaId) {
		throw new NodeOperationError(
			nodeForErrors(context.getNode()),
			`The persona was ${written}, but Tavus did not answer with its persona_id, so the tools were not attached [item ${itemIndex}]`,
			{ itemIndex, description: 'Attach them with Persona → Attach Tools.' },
		);
	}
	try {
		const tools = await attachTools(context, personaId, toolIds, itemIndex);
		return { ...output, tools };
	} catch (error) {
		const prefix = `Persona ${personaId} was ${written}, but the tools were not attached: `;
		const advice =
			written === 'created' && rerun === 'Create'
				? `The persona ${personaId} exists in Tavus: attach the tools with Persona → Attach Tools. Running Create again in a new execution would create a second persona (n8n’s Retry On Fail in this execution does not).`
				: `The persona ${personaId} was ${written}: attach the tools with Persona → Attach Tools, or run ${rerun} again.`;
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(nodeForErrors(context.getNode()), error as Error, { itemIndex });
		nodeError.message = `${prefix}${nodeError.message}`;
		nodeError.description = nodeError.description ? `${advice} ${nodeError.description}` : advice;
		// Continue (regular output) outputs the persona written, with the error.
		nodeError.context.lastState = output;
		throw nodeError;
	}
}
