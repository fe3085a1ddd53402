import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** What an operation hands back for one input item: one object, or several (Get Many). */
export type OperationResult = IDataObject | IDataObject[];

/** Runs one operation for one input item. The router owns the item loop, pairing and errors. */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<OperationResult>;

/** An operation's entry in its resource's Operation dropdown. */
export interface OperationOption {
	name: string;
	value: string;
	action: string;
	description: string;
}

/**
 * One operation: its entry in the Operation dropdown, its own fields (the resource shows them for
 * this operation only: no `resource`/`operation` display conditions here) and its execute.
 */
export interface TavusOperation {
	option: OperationOption;
	properties: INodeProperties[];
	execute: OperationExecute;
}

/** Fields several operations of a resource show, defined once. */
export interface SharedFields {
	operations: string[];
	properties: INodeProperties[];
	/** Listed right after the Operation dropdown, before the operations' own fields (else after them). */
	first?: boolean;
}

/**
 * A resource: its entry in the Resource dropdown and its operations. Its Operation dropdown, the
 * display conditions of its fields and the router's table are derived from these (resources/index.ts).
 */
export interface TavusResource {
	option: { name: string; value: string; description: string };
	/** The operation the Operation dropdown starts on. */
	defaultOperation: string;
	/** In the order their fields are listed in the node. */
	operations: TavusOperation[];
	shared?: SharedFields[];
}
