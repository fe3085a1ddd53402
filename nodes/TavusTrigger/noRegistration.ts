import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

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

/** Answers the call at once with `status` and a JSON body; the result says n8n must not answer. */
export function replier(context: IWebhookFunctions) {
	const response = context.getResponseObject();
	return (status: number, body: IDataObject): IWebhookResponseData => {
		response.status(status).json(body);
		return { noWebhookResponse: true };
	};
}
