import { timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { noRegistrationWebhookMethods, replier } from './noRegistration';
import { isPlainObject } from '../Tavus/validation';
import { classifyEvent, DEFAULT_EVENT_VALUES, shapeEvent, TAVUS_EVENTS } from './events';

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** The callback body: parsed JSON from n8n, or the raw body parsed here. */
function readBody(context: IWebhookFunctions): IDataObject | undefined {
	const request = context.getRequestObject() as unknown as {
		body?: unknown;
		rawBody?: Buffer | string;
	};
	if (isPlainObject(request.body) && Object.keys(request.body).length > 0) return request.body;
	const raw = request.rawBody ?? (typeof request.body === 'string' ? request.body : undefined);
	if (raw === undefined) return isPlainObject(request.body) ? request.body : undefined;
	try {
		const parsed: unknown = JSON.parse(raw.toString());
		return isPlainObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

export class TavusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tavus Trigger',
		name: 'tavusTrigger',
		icon: { light: 'file:../../icons/tavus.svg', dark: 'file:../../icons/tavus.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["events"].length === 1 ? $parameter["events"][0] : "Tavus callbacks"}}',
		description:
			'Starts the workflow when Tavus calls back: transcript ready, recording ready, conversation ended, perception analysis, post-call actions, Magic Canvas interactions, guardrails, objectives, replica training, videos',
		defaults: {
			name: 'Tavus Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'tavus',
			},
		],
		properties: [
			{
				displayName:
					"Tavus has no webhook registration: paste this node's Production URL as the Callback URL of a Conversation Create (or Video Generate) node, then activate this workflow. Use the Test URL while building.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: TAVUS_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				default: [...DEFAULT_EVENT_VALUES],
				description:
					'Callbacks that start the workflow. Others are acknowledged with 200 and start nothing. PAL Joined is off by default: Tavus sends it together with Replica Joined.',
			},
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				placeholder: 'e.g. c123456',
				description:
					'Only callbacks of this conversation start the workflow (leave empty for all). Others are acknowledged and ignored.',
			},
			{
				displayName: 'Secret Token',
				name: 'secretToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Tavus does not sign its callbacks. Set a token here and add ?token=the-same-value to the Callback URL: calls without it are refused with 401 and start nothing.',
			},
		],
	};

	// Tavus has no API to register a webhook: the URL travels as the callback_url of each object
	// that reports back (conversations, videos, replicas, documents, ...).
	// There is nothing to create, check or delete.
	webhookMethods = noRegistrationWebhookMethods();

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const reply = replier(this);

		const secret = this.getNodeParameter('secretToken', '') as string;
		if (secret) {
			const query = this.getQueryData() as IDataObject;
			const given = typeof query.token === 'string' ? query.token : '';
			if (!sameSecret(given, secret)) {
				return reply(401, { error: 'Missing or wrong token' });
			}
		}

		const body = readBody(this);
		if (!body) return reply(400, { error: 'The body must be a JSON object (a Tavus callback)' });
		const event = classifyEvent(body);
		if (!event) return reply(400, { error: 'Not a Tavus callback: no event_type' });

		const wanted = this.getNodeParameter('events', DEFAULT_EVENT_VALUES) as string[];
		const conversationFilter = (this.getNodeParameter('conversationId', '') as string).trim();
		const ignored =
			!wanted.includes(event) ||
			(conversationFilter !== '' && body.conversation_id !== conversationFilter);
		if (ignored) return reply(200, { received: true, ignored: true });
		return {
			...reply(200, { received: true }),
			workflowData: [this.helpers.returnJsonArray([shapeEvent(event, body)])],
		};
	}
}
