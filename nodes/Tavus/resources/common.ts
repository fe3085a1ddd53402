import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { nodeForErrors } from '../transport/secrets';
import { ParameterError } from '../validation';

/**
 * Runs a pure builder for one item and turns its ParameterError into a NodeOperationError
 * that names the field and the item. Nothing has been sent when this throws.
 */
export function buildForItem<T>(context: IExecuteFunctions, itemIndex: number, build: () => T): T {
	try {
		return build();
	} catch (error) {
		if (error instanceof ParameterError) {
			throw new NodeOperationError(
				nodeForErrors(context.getNode()),
				`${error.field} ${error.reason} [item ${itemIndex}]`,
				{ itemIndex, description: error.hint },
			);
		}
		throw new NodeOperationError(nodeForErrors(context.getNode()), error as Error, { itemIndex });
	}
}
