import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** What an operation hands back for one input item: one object, or several (Get Many). */
export type OperationResult = IDataObject | IDataObject[];

/** Runs one operation for one input item. The router owns the item loop, pairing and errors. */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<OperationResult>;

/** One operation: its fields (already scoped with displayOptions) and its execute function. */
export interface TavusOperation {
	properties: INodeProperties[];
	execute: OperationExecute;
}

/** A resource: its Operation selector and its operations by value. */
export interface TavusResource {
	/** The resource's "Operation" options property. */
	operationProperty: INodeProperties;
	operations: Record<string, TavusOperation>;
	/** Fields several operations show, defined once (listed after the operations' own). */
	sharedProperties?: INodeProperties[];
}
