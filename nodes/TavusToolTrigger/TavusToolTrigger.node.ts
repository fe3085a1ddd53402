import type {
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { noRegistrationWebhookMethods, replier } from '../TavusTrigger/noRegistration';
import type { AuthSettings, AuthType, IncomingRequest } from './toolCall';
import { checkAuth, readBody, shapeToolCall, toolNameFilter } from './toolCall';

const RESPONSE_MODES = ['onReceived', 'lastNode', 'responseNode'] as const;

/** The request n8n hands over, with the raw bytes it read (`rawBody`) as a Buffer. */
async function readRequest(
	context: IWebhookFunctions,
): Promise<IncomingRequest & { body: unknown }> {
	const request = context.getRequestObject() as unknown as {
		headers?: IncomingRequest['headers'];
		body?: unknown;
		rawBody?: unknown;
		readRawBody?: () => Promise<void>;
	};
	// n8n (1.x and 2.x) reads the body into request.rawBody before calling a typeVersion 1
	// trigger; readRawBody() is its own reader, for a request it has not read yet.
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch {
			// no raw body: HMAC refuses the call below, the other auth types read request.body
		}
	}
	const raw = request.rawBody;
	let rawBody: Buffer | undefined;
	if (Buffer.isBuffer(raw)) rawBody = raw;
	else if (typeof raw === 'string') rawBody = Buffer.from(raw, 'utf8');
	else if (raw instanceof Uint8Array) rawBody = Buffer.from(raw);
	return {
		headers: request.headers ?? {},
		query: context.getQueryData() as IDataObject,
		rawBody,
		body: request.body,
	};
}

function authSettings(context: IWebhookFunctions): AuthSettings {
	const type = context.getNodeParameter('authentication', 'hmac') as AuthType;
	switch (type) {
		case 'hmac':
			return { type, secret: context.getNodeParameter('hmacSecret', '') as string };
		case 'bearer':
			return { type, secret: context.getNodeParameter('bearerToken', '') as string };
		case 'apiKey':
			return {
				type,
				secret: context.getNodeParameter('apiKeyValue', '') as string,
				keyName: context.getNodeParameter('keyName', '') as string,
				keyLocation: context.getNodeParameter('apiKeyLocation', 'header') as 'header' | 'query',
			};
		case 'none':
			return { type, secret: '' };
		default:
			// Unknown: checkAuth refuses every call rather than letting them in unchecked.
			return { type, secret: 'unknown' };
	}
}

/** A secret of the tool's auth, shown for one Authentication and kept as a password. */
function authSecretProperty(
	authentication: AuthType,
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description,
		displayOptions: { show: { authentication: [authentication] } },
	};
}

export class TavusToolTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tavus Tool Trigger',
		name: 'tavusToolTrigger',
		icon: { light: 'file:../../icons/tavus.svg', dark: 'file:../../icons/tavus.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["toolName"] ? $parameter["toolName"] : "Tavus tool calls"}}',
		description:
			"Answers a PAL's tool calls and post-call actions: Tavus calls this workflow (API delivery of a Tavus tool) and gets the workflow's result back",
		defaults: {
			name: 'Tavus Tool Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The same expressions as n8n's own Webhook node (n8n 1.x reads only expressions here;
				// n8n 2.x evaluates them when the description has no native resolver).
				responseMode: '={{$parameter["responseMode"]}}',
				responseData: '={{$parameter["responseData"] || "firstEntryJson"}}',
				path: 'tool',
			},
		],
		properties: [
			{
				displayName:
					"Create the tool with Tavus → Tool → Create: Delivery API, URL = this node's Production URL, method POST, and the same Auth as below (for HMAC the same secret). Attach the tool to the PAL (or persona), then activate this workflow. Post-call actions (Trigger: Post Call) work the same way; answer them with Respond Immediately.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'API Key',
						value: 'apiKey',
						description: "The tool's API Key auth: a key in a header (or query parameter)",
					},
					{
						name: 'Bearer Token',
						value: 'bearer',
						description: "The tool's Bearer Token auth: Authorization: Bearer and the token",
					},
					{
						name: 'HMAC Signature',
						value: 'hmac',
						description:
							"The tool's HMAC auth: Tavus signs the body with the shared secret (X-Tavus-Signature)",
					},
					{
						name: 'None',
						value: 'none',
						description: 'Anyone who knows the URL can start the workflow',
					},
				],
				default: 'hmac',
				description:
					'How calls prove they come from Tavus: the auth of the tool. Calls without it are refused with 401 and start nothing.',
			},
			authSecretProperty(
				'hmac',
				'Secret',
				'hmacSecret',
				"The tool's HMAC secret (delivery.api.auth.secret). X-Tavus-Signature must be the hex HMAC-SHA256 of the raw body with it.",
			),
			authSecretProperty(
				'bearer',
				'Token',
				'bearerToken',
				"The tool's bearer token (delivery.api.auth.token)",
			),
			{
				displayName: 'Key Name',
				name: 'keyName',
				type: 'string',
				default: 'X-API-Key',
				required: true,
				placeholder: 'e.g. X-API-Key',
				description: "The tool's key name (delivery.api.auth.name)",
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			authSecretProperty(
				'apiKey',
				'Key Value',
				'apiKeyValue',
				"The tool's key (delivery.api.auth.value)",
			),
			{
				displayName: 'Key Location',
				name: 'apiKeyLocation',
				type: 'options',
				options: [
					{ name: 'Header', value: 'header' },
					{ name: 'Query', value: 'query' },
				],
				default: 'header',
				description: "Where Tavus puts the key (the tool's delivery.api.auth.location)",
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description:
							'Answer {"received": true} at once (post-call actions, Fire and Forget tools)',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: "Tavus gets the last node's output as the tool result",
					},
					{
						name: "Using 'Respond to Webhook' Node",
						value: 'responseNode',
						description:
							"Tavus gets what a Respond to Webhook node sends (n8n's Respond to Webhook version 1)",
					},
				],
				default: 'lastNode',
				description:
					"When and how to answer Tavus. For an in-call tool the answer is the tool's result, used as its On Resolve says.",
			},
			{
				displayName:
					"n8n's Respond to Webhook node from version 1.1 only accepts n8n's own Webhook trigger. Use version 1 of it (as in the example workflow 09), or When Last Node Finishes.",
				name: 'responseNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['responseNode'] } },
			},
			{
				displayName: 'Response Data',
				name: 'responseData',
				type: 'options',
				options: [
					{
						name: 'All Entries',
						value: 'allEntries',
						description: 'All items of the last node, as an array',
					},
					{
						name: 'First Entry JSON',
						value: 'firstEntryJson',
						description: 'The JSON of the first item of the last node',
					},
					{
						name: 'No Response Body',
						value: 'noData',
						description: 'An empty answer',
					},
				],
				default: 'firstEntryJson',
				description: 'What Tavus gets back',
				displayOptions: { show: { responseMode: ['lastNode'] } },
			},
			{
				displayName: 'Tool Name',
				name: 'toolName',
				type: 'string',
				default: '',
				placeholder: 'e.g. get_weather',
				description:
					'Only calls of this tool (or these, comma-separated) start the workflow; others are answered 200 {"received": true, "ignored": true}. Leave empty for all, and for post-call actions whose body has no tool_name.',
			},
		],
	};

	// Tavus has no webhook registration: the URL is the tool's delivery.api.url, set by whoever
	// creates the tool (Tavus node → Tool → Create). There is nothing to create, check or delete.
	webhookMethods = noRegistrationWebhookMethods();

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const reply = replier(this);

		const request = await readRequest(this);
		const refused = checkAuth(request, authSettings(this));
		if (refused !== undefined) return reply(401, { error: refused });

		const body = readBody(request.body, request.rawBody);
		if (!body) return reply(400, { error: 'The body must be a JSON object (a Tavus tool call)' });
		const item = shapeToolCall(body);

		const wanted = toolNameFilter(this.getNodeParameter('toolName', '') as string);
		if (wanted.length > 0 && (item.toolName === undefined || !wanted.includes(item.toolName))) {
			return reply(200, { received: true, ignored: true });
		}

		const workflowData = [this.helpers.returnJsonArray([item])];
		const mode = this.getNodeParameter('responseMode', 'lastNode') as string;
		if (mode === 'onReceived' || !(RESPONSE_MODES as readonly string[]).includes(mode)) {
			return { ...reply(200, { received: true }), workflowData };
		}
		// lastNode / responseNode: n8n answers once the workflow (or Respond to Webhook) has run.
		return { workflowData };
	}
}
