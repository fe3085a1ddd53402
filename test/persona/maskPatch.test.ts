import { maskPatch } from '../../nodes/Tavus/resources/persona/personaPatch';

describe('maskPatch: what a persona patch shows in the output', () => {
	it('masks secrets inside a whole layer added at once (extra_body, default_query, headers, keys)', () => {
		const masked = maskPatch([
			{
				op: 'add',
				path: '/layers',
				value: {
					llm: {
						model: 'tavus-gpt-oss',
						api_key: 'sk-LLMSECRET',
						default_query: { 'api-key': 'AZSECRET123', region: 'eu' },
						extra_body: { token: 'TOKSECRET', 'x-api-key': 'XSECRET', temperature: 0.5 },
						headers: { Authorization: 'Bearer HDRSECRET' },
					},
				},
			},
		]);
		const text = JSON.stringify(masked);
		for (const secret of ['sk-LLMSECRET', 'AZSECRET123', 'TOKSECRET', 'XSECRET', 'HDRSECRET'])
			expect(text).not.toContain(secret);
		expect(masked[0]).toEqual({
			op: 'add',
			path: '/layers',
			value: {
				llm: {
					model: 'tavus-gpt-oss',
					api_key: '********',
					default_query: { 'api-key': '********', region: '********' },
					extra_body: { token: '********', 'x-api-key': '********', temperature: 0.5 },
					headers: { Authorization: '********' },
				},
			},
		});
	});

	it('masks a value written at a secret path, and leaves other values alone', () => {
		expect(
			maskPatch([
				{ op: 'replace', path: '/layers/llm/api_key', value: 'sk-1' },
				{ op: 'add', path: '/layers/llm/default_query/api-key', value: 'q-1' },
				{ op: 'add', path: '/layers/llm/extra_body/client_secret', value: 'c-1' },
				{ op: 'replace', path: '/system_prompt', value: 'Be kind' },
				{ op: 'remove', path: '/layers/llm/headers' },
			]),
		).toEqual([
			{ op: 'replace', path: '/layers/llm/api_key', value: '********' },
			{ op: 'add', path: '/layers/llm/default_query/api-key', value: '********' },
			{ op: 'add', path: '/layers/llm/extra_body/client_secret', value: '********' },
			{ op: 'replace', path: '/system_prompt', value: 'Be kind' },
			{ op: 'remove', path: '/layers/llm/headers' },
		]);
	});
});
