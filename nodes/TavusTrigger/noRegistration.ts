import type { IHookFunctions } from 'n8n-workflow';

/**
 * Webhook methods of a trigger whose URL Tavus is given by hand (a callback_url, a tool's
 * delivery URL): Tavus has no API to register a webhook, so there is nothing to create, check or
 * delete.
 */
export function noRegistrationWebhookMethods() {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};
}
