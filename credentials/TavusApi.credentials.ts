import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class TavusApi implements ICredentialType {
	name = 'tavusApi';

	displayName = 'Tavus API';

	icon: Icon = { light: 'file:../icons/tavus.svg', dark: 'file:../icons/tavus.dark.svg' };

	documentationUrl = 'https://docs.tavus.io/api-reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your Tavus API key, from the Tavus Developer Portal (API Keys)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://tavusapi.com',
			description:
				'Root URL of the Tavus API. Change it only to go through a proxy or to point at a test server.',
		},
		{
			displayName: 'Custom LLM API Key',
			name: 'llmApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The key of your own OpenAI-compatible LLM. Personas use it when their LLM layer has "Use LLM Key From Credential" on, so the key is not stored in the workflow.',
		},
		{
			displayName: 'TTS Provider API Key',
			name: 'ttsApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. Your own TTS provider key (Cartesia, ElevenLabs, ...). Personas use it when their TTS layer has "Use TTS Key From Credential" on.',
		},
	];

	// A function rather than a generic block: n8n then sets the header without evaluating an
	// expression for every request (measurable at hundreds of items).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'x-api-key': String(credentials.apiKey ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// The Base URL as the node reads it: no trailing slash, no trailing /v2.
			baseURL:
				'={{String($credentials.baseUrl || "https://tavusapi.com").trim().replace(/\\/+$/, "").replace(/\\/v2$/i, "").replace(/\\/+$/, "")}}',
			url: '/v2/replicas',
			qs: { limit: 1 },
			// The key goes to the Base URL's origin only, as in the node: a redirect fails the test.
			disableFollowRedirect: true,
		},
		// n8n's credential tester shows only the HTTP reason phrase ("Unauthorized") for a failing
		// request; these rules show what went wrong instead (n8n 2.x; n8n 1.x shows its own text).
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The Base URL answered with a redirect (${value}); the API key is never sent on to another address. Enter the address it redirects to as the Base URL.`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Invalid access token (Tavus rejected the API key)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Forbidden: Tavus refused this API key (is it IP-restricted?)',
				},
			},
		],
	};
}
