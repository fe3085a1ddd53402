import { type IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Short waits: the mock finishes a document after 2 reads. */
const fastWait = { waitUntilReady: true, maxWait: 20, pollInterval: 1 };

const create = {
	resource: 'document',
	operation: 'create',
	documentUrl: 'https://docs.example.com/',
	documentName: 'Example Docs',
};

async function createDocument(extra: IDataObject = {}): Promise<IDataObject> {
	const { items, error } = await bed.run({ ...create, ...extra });
	if (error) throw error;
	return items[0].json;
}

describe('Document → Create', () => {
	it('sends the URL, name, tags, callback and crawl settings, and outputs the new document', async () => {
		const { items, error } = await bed.run({
			...create,
			additionalFields: {
				tags: 'docs, website',
				callbackUrl: 'https://hooks.example.com/kb',
				crawlDepth: 2,
				crawlMaxPages: 20,
			},
		});
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/documents')[0].body).toStrictEqual({
			document_url: 'https://docs.example.com/',
			document_name: 'Example Docs',
			callback_url: 'https://hooks.example.com/kb',
			crawl: { depth: 2, max_pages: 20 },
			tags: ['docs', 'website'],
		});
		expect(items[0].json).toMatchObject({
			document_id: expect.stringMatching(/^d[0-9a-f]{12}$/),
			status: 'started',
			crawl_config: { depth: 2, max_pages: 20 },
		});
	});

	it('waits until the document is processed when asked (bounded polling), and outputs it ready', async () => {
		const { items, error } = await bed.run({ ...create, ...fastWait });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ document_name: 'Example Docs', status: 'ready' });
		const id = String(items[0].json.document_id);
		expect(bed.sent('GET', `/v2/documents/${id}`)).toHaveLength(2);
	});

	it("fails the item with Tavus's error code when processing fails", async () => {
		const { error } = await bed.run({
			...create,
			documentUrl: 'https://docs.example.com/MOCK_FAIL.pdf',
			...fastWait,
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(
			/^Document d[0-9a-f]{12} ended in status 'error': file_download_failed \[item 0\]$/,
		);
	});

	it('stops waiting at Max Wait with the last status', async () => {
		const { error } = await bed.run({
			...create,
			documentUrl: 'https://docs.example.com/MOCK_NEVER',
			...fastWait,
			maxWait: 0.05,
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(
			/^Document d[0-9a-f]{12} is still 'processing' after 0\.05 s, the maximum wait \[item 0\]$/,
		);
		expect((error as NodeOperationError).description).toContain('Raise Max Wait (Seconds)');
	});

	it.each<[string, IDataObject, string]>([
		[
			'a URL that is not http(s)',
			{ documentUrl: '={{ "docs.example.com" }}' },
			'Document URL must be an http(s) URL',
		],
		['an empty URL', { documentUrl: '={{ "" }}' }, 'Document URL is required [item 0]'],
		[
			'a crawl depth over 10',
			{ additionalFields: { crawlDepth: 11 } },
			'Additional Fields › Crawl Depth must be at most 10, got 11',
		],
		[
			'a crawl of 0 pages',
			{ additionalFields: { crawlMaxPages: 0 } },
			'Additional Fields › Crawl Max Pages must be at least 1, got 0',
		],
		[
			'a fractional depth',
			{ additionalFields: { crawlDepth: 1.5 } },
			'Additional Fields › Crawl Depth must be a whole number, got 1.5',
		],
		[
			'a bad callback URL',
			{ additionalFields: { callbackUrl: 'javascript:alert(1)' } },
			'Additional Fields › Callback URL must be an http(s) URL',
		],
		[
			'a poll interval of 0',
			{ ...fastWait, pollInterval: 0 },
			'Poll Interval (Seconds) must be at least 1, got 0',
		],
	])('refuses %s before sending', async (_label, extra, message) => {
		const { error } = await bed.run({ ...create, ...extra });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(bed.sent()).toHaveLength(0);
	});

	it("reports Tavus's crawl limit (429, not retried into a duplicate) with its message", async () => {
		bed.mock.configure({ maxCrawlDocuments: 0 });
		const { error } = await bed.run({
			...create,
			additionalFields: { crawlDepth: 1 },
			options: { maxAttempts: 1 },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe(
			'Tavus API error 429 Too Many Requests: Crawl document limit reached (0). Contact support@tavus.io to increase your limit.',
		);
	});
});

describe('Document → Get, Get Many, Update, Delete', () => {
	it("gets a document; an unknown one is Tavus's 404", async () => {
		const created = await createDocument();
		const { items } = await bed.run({
			resource: 'document',
			operation: 'get',
			document: byId(String(created.document_id)),
		});
		expect(items[0].json).toMatchObject({
			document_id: created.document_id,
			document_name: 'Example Docs',
		});
		const missing = await bed.run({
			resource: 'document',
			operation: 'get',
			document: byId('d000000000000'),
		});
		expect(missing.error).toBeInstanceOf(NodeApiError);
		expect(missing.error?.message).toBe('Tavus API error 404 Not Found: Document not found');
	});

	it('lists on 0-based pages with the name, status, tags and sort filters', async () => {
		for (let index = 0; index < 104; index++) {
			bed.mock.seed({
				documents: [
					{
						document_id: `d${String(index).padStart(12, '0')}`,
						document_name: `Doc ${index}`,
						status: index < 3 ? 'error' : 'ready',
						tags: index % 2 ? ['odd'] : ['even'],
						created_at: new Date(2026, 0, 1, 0, index).toISOString(),
					},
				],
			});
		}
		const all = await bed.run({ resource: 'document', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(104);
		expect(bed.sent('GET', '/v2/documents').map((request) => request.query.page)).toEqual([
			'0',
			'1',
		]);
		bed.mock.clearRequests();
		const failed = await bed.run({
			resource: 'document',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'error', tags: ['odd', 'even'], sort: 'descending', nameOrUuid: 'doc' },
		});
		expect(bed.sent('GET')[0].query).toEqual({
			limit: '100',
			page: '0',
			status: 'error',
			tags: 'odd,even',
			sort: 'descending',
			name_or_uuid: 'doc',
		});
		expect(failed.items.map((item) => item.json.document_name)).toEqual([
			'Doc 2',
			'Doc 1',
			'Doc 0',
		]);
		const limited = await bed.run({ resource: 'document', operation: 'getAll', limit: 5 });
		expect(limited.items).toHaveLength(5);
	});

	it('renames and replaces the tags (PATCH with only what was set)', async () => {
		const created = await createDocument({ additionalFields: { tags: 'old' } });
		const id = String(created.document_id);
		const { items } = await bed.run({
			resource: 'document',
			operation: 'update',
			document: byId(id),
			updateFields: { documentName: 'Renamed', tags: 'a, b' },
		});
		expect(bed.sent('PATCH')[0].body).toStrictEqual({ document_name: 'Renamed', tags: ['a', 'b'] });
		expect(items[0].json).toMatchObject({
			document_id: id,
			document_name: 'Renamed',
			tags: ['a', 'b'],
		});
		await bed.run({
			resource: 'document',
			operation: 'update',
			document: byId(id),
			updateFields: { tags: '' },
		});
		expect(bed.sent('PATCH')[1].body).toStrictEqual({ tags: [] });
		expect(bed.mock.state.documents.get(id)?.tags).toEqual([]);
	});

	it.each<[string, IDataObject]>([
		['update', { updateFields: { documentName: 'x' } }],
		['delete', {}],
		['recrawl', {}],
	])("%s reports an unknown document with Tavus's 404", async (operation, extra) => {
		const { error } = await bed.run({
			resource: 'document',
			operation,
			document: byId('d000000000000'),
			...extra,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('Tavus API error 404 Not Found: Document not found');
	});

	it('sends an update again after a reset (setting a name and tags twice is the same as once)', async () => {
		const created = await createDocument();
		const id = String(created.document_id);
		bed.mock.clearRequests();
		bed.mock.addFault({ kind: 'resetAfter', method: 'PATCH', path: '/v2/documents/' });
		const { items, error } = await bed.run({
			resource: 'document',
			operation: 'update',
			document: byId(id),
			updateFields: { documentName: 'Again', tags: 'x' },
		});
		expect(error).toBeUndefined();
		expect(bed.sent('PATCH').map((r) => r.body)).toStrictEqual([
			{ document_name: 'Again', tags: ['x'] },
			{ document_name: 'Again', tags: ['x'] },
		]);
		expect(items[0].json).toMatchObject({ document_id: id, document_name: 'Again', tags: ['x'] });
	});

	it('refuses an update with nothing to change', async () => {
		const { error } = await bed.run({
			resource: 'document',
			operation: 'update',
			document: byId('d1'),
			updateFields: {},
		});
		expect(error?.message).toBe('Update Fields has no field to change [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});

	it('deletes (204) and outputs { deleted: true, document_id }', async () => {
		const created = await createDocument();
		const id = String(created.document_id);
		const { items } = await bed.run({
			resource: 'document',
			operation: 'delete',
			document: byId(id),
		});
		expect(items[0].json).toStrictEqual({ deleted: true, document_id: id });
		expect(bed.mock.state.documents.has(id)).toBe(false);
	});
});

describe('Document → Recrawl', () => {
	async function readyCrawledDocument(): Promise<string> {
		const { items, error } = await bed.run({
			...create,
			additionalFields: { crawlDepth: 1, crawlMaxPages: 5 },
			...fastWait,
		});
		if (error) throw error;
		return String(items[0].json.document_id);
	}

	it('recrawls (202) with the stored settings, or overrides them for this run, and can wait', async () => {
		const id = await readyCrawledDocument();
		const { items, error } = await bed.run({
			resource: 'document',
			operation: 'recrawl',
			document: byId(id),
			crawlOverride: { crawlMaxPages: 3 },
			...fastWait,
		});
		expect(error).toBeUndefined();
		const [recrawl] = bed.sent('POST', `/v2/documents/${id}/recrawl`);
		expect(recrawl.body).toStrictEqual({ crawl: { max_pages: 3 } });
		expect(recrawl.status).toBe(202);
		expect(items[0].json).toMatchObject({ document_id: id, status: 'ready', crawl_count: 2 });

		bed.mock.advanceTime(61 * 60 * 1000);
		const plain = await bed.run({ resource: 'document', operation: 'recrawl', document: byId(id) });
		expect(bed.sent('POST', `/v2/documents/${id}/recrawl`)[1].body).toBeUndefined();
		expect(plain.items[0].json).toMatchObject({ status: 'recrawling' });
	});

	it("reports Tavus's cooldown (429) and busy document (409) with their messages", async () => {
		const id = await readyCrawledDocument();
		await bed.run({ resource: 'document', operation: 'recrawl', document: byId(id) });
		const busy = await bed.run({ resource: 'document', operation: 'recrawl', document: byId(id) });
		expect(busy.error?.message).toBe(
			"Tavus API error 409 Conflict: Document must be in 'ready' or 'error' state to recrawl, current status: recrawling",
		);
		await bed.run({ resource: 'document', operation: 'get', document: byId(id) });
		await bed.run({ resource: 'document', operation: 'get', document: byId(id) });
		const tooSoon = await bed.run({
			resource: 'document',
			operation: 'recrawl',
			document: byId(id),
			options: { maxAttempts: 1 },
		});
		expect(tooSoon.error?.message).toBe(
			'Tavus API error 429 Too Many Requests: Recrawl cooldown: please wait 60 minutes before recrawling this document.',
		);
	});

	it('refuses a depth out of range before sending', async () => {
		const { error } = await bed.run({
			resource: 'document',
			operation: 'recrawl',
			document: byId('d1'),
			crawlOverride: { crawlDepth: 0 },
		});
		expect(error?.message).toBe('Crawl Override › Crawl Depth must be at least 1, got 0 [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});
});

describe('Document → Create or Update (by name)', () => {
	const upsert = {
		...create,
		operation: 'createOrUpdate',
		additionalFields: { tags: '={{ $json.tags }}' },
	};

	it('creates once, then reports unchanged or updates the tags; one document in the account', async () => {
		const first = await bed.run(upsert, [{ tags: 'faq' }]);
		expect(first.items[0].json).toMatchObject({
			action: 'created',
			document_name: 'Example Docs',
			tags: ['faq'],
		});
		const id = first.items[0].json.document_id;
		const second = await bed.run(upsert, [{ tags: 'faq' }]);
		expect(second.items[0].json).toMatchObject({
			document_id: id,
			action: 'unchanged',
			changes: {},
			document_url: 'https://docs.example.com/',
		});
		const third = await bed.run(upsert, [{ tags: 'faq, pricing' }]);
		expect(third.items[0].json).toMatchObject({
			document_id: id,
			action: 'updated',
			changes: { tags: ['faq', 'pricing'] },
			tags: ['faq', 'pricing'],
		});
		expect(bed.mock.state.documents.size).toBe(1);
		expect(bed.sent('POST', '/v2/documents')).toHaveLength(1);
		expect(bed.sent('GET', '/v2/documents')[0].query).toEqual({
			name_or_uuid: 'Example Docs',
			limit: '100',
			page: '0',
		});
	});

	it('Retry On Fail: a change applied by an earlier try is reported as updated on the rerun, not sent again', async () => {
		const first = await bed.run(upsert, [{ tags: 'faq' }]);
		const id = first.items[0].json.document_id;
		bed.mock.clearRequests();
		const { items, error } = await bed.run(
			{ ...upsert, documentUrl: '={{ $json.url }}' },
			[
				// A bad URL fails every try, so n8n reruns the node (On Error: Continue).
				{ url: 'not a url', tags: 'x' },
				{ url: 'https://docs.example.com/', tags: 'faq, pricing' },
			],
			{
				settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
				onError: 'continueRegularOutput',
			},
		);
		expect(error).toBeUndefined();
		expect(String(items[0].json.error)).toMatch(/Document URL/);
		expect(items[1].json).toMatchObject({
			document_id: id,
			action: 'updated',
			changes: { tags: ['faq', 'pricing'] },
			tags: ['faq', 'pricing'],
		});
		expect(bed.sent('PATCH').map((r) => r.body)).toEqual([{ tags: ['faq', 'pricing'] }]);
	});

	it('waits for a document that is still processing, also when it already existed', async () => {
		await bed.run(upsert, [{ tags: 'faq' }]);
		const { items, error } = await bed.run({ ...upsert, ...fastWait }, [{ tags: 'faq' }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ action: 'unchanged', status: 'ready' });
	});

	it('refuses to reuse a name for another URL (Tavus cannot change a URL)', async () => {
		await bed.run(upsert, [{ tags: 'faq' }]);
		const { error } = await bed.run({ ...upsert, documentUrl: 'https://other.example.com/' }, [
			{ tags: 'faq' },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'The document "Example Docs" (' +
				String([...bed.mock.state.documents.keys()][0]) +
				') exists with another URL: https://docs.example.com/ [item 0]',
		);
		expect(bed.mock.state.documents.size).toBe(1);
	});

	it('requires a document name', async () => {
		const { error } = await bed.run({ ...upsert, documentName: '' }, [{ tags: 'x' }]);
		expect(error?.message).toBe('Document Name is required to find the document by name [item 0]');
		expect(bed.sent()).toHaveLength(0);
	});
});
