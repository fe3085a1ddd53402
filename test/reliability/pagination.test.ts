/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_KEY, harness, TAVUS_TYPE } from '../helpers/testbed';

/**
 * A Tavus-like list that caps `limit` at 50 (or ignores it), as a server may: the node must
 * read to total_count by counting the rows it received, not stop at the first short page.
 */
function startCappedServer(cap: number, total: number) {
	const personas = Array.from({ length: total }, (_, index) => ({
		persona_id: `p${String(index).padStart(12, '0')}`,
		persona_name: `Persona ${index}`,
		persona_type: 'user',
	}));
	const pages: string[] = [];
	const server: Server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		pages.push(url.search);
		const page = Number(url.searchParams.get('page') ?? '1');
		const data = personas.slice((page - 1) * cap, page * cap);
		response.setHeader('content-type', 'application/json');
		response.end(JSON.stringify({ data, total_count: total }));
	});
	return new Promise<{ server: Server; baseUrl: string; pages: string[] }>((resolve) => {
		server.listen(0, '127.0.0.1', () =>
			resolve({
				server,
				baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
				pages,
			}),
		);
	});
}

describe('pagination against a server that caps page sizes', () => {
	it.each([
		[50, 120],
		[10, 35],
	])('Return All reads every row (cap %i, %i rows)', async (cap, total) => {
		const { server, baseUrl, pages } = await startCappedServer(cap, total);
		try {
			const { items, error } = await harness.runNode(
				{ resource: 'persona', operation: 'getAll', returnAll: true },
				[{}],
				{ nodeType: TAVUS_TYPE, credentials: { tavusApi: { apiKey: API_KEY, baseUrl } } },
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(total);
			expect(new Set(items.map((item) => item.json.persona_id)).size).toBe(total);
			expect(pages).toHaveLength(Math.ceil(total / cap));
		} finally {
			server.close();
		}
	});

	it('finds a name beyond the first short page (no duplicate create)', async () => {
		const { server, baseUrl } = await startCappedServer(50, 120);
		try {
			const { items, error } = await harness.runNode(
				{
					resource: 'persona',
					operation: 'getAll',
					returnAll: true,
					filters: { personaType: 'user' },
				},
				[{}],
				{ nodeType: TAVUS_TYPE, credentials: { tavusApi: { apiKey: API_KEY, baseUrl } } },
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.persona_name)).toContain('Persona 110');
		} finally {
			server.close();
		}
	});
});

describe('picker pagination tokens', () => {
	it('carry the page length a capping server uses, and end at total_count', async () => {
		const { server, baseUrl, pages } = await startCappedServer(50, 120);
		try {
			const credentials = { tavusApi: { apiKey: API_KEY, baseUrl } };
			const first = await harness.runListSearch(TAVUS_TYPE, 'searchPersonas', { credentials });
			expect(first.results).toHaveLength(50);
			expect(first.paginationToken).toBe('2:50');
			const second = await harness.runListSearch(TAVUS_TYPE, 'searchPersonas', {
				credentials,
				paginationToken: first.paginationToken,
			});
			expect(second.paginationToken).toBe('3:50');
			const third = await harness.runListSearch(TAVUS_TYPE, 'searchPersonas', {
				credentials,
				paginationToken: second.paginationToken,
			});
			expect(third.results).toHaveLength(20);
			expect(third.paginationToken).toBeUndefined();
			expect(pages.map((search) => new URLSearchParams(search).get('page'))).toEqual([
				'1',
				'2',
				'3',
			]);
		} finally {
			server.close();
		}
	});
});
