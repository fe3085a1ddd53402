import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';
import { containsExpression, getParameter } from '../../nodes/Tavus/parameters';
import { useTestbed } from '../helpers/testbed';

/** An execute context that only knows its stored parameters and counts n8n's reads. */
function fakeContext(parameters: INodeParameters) {
	const reads: Array<[string, number]> = [];
	const context = {
		getNode: () => ({ parameters: structuredClone(parameters) }),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			reads.push([name, itemIndex]);
			const value = parameters[name];
			if (value === undefined) return fallback;
			if (value === 'bad') throw new Error(`Invalid value for "${name}" [item ${itemIndex}]`);
			if (typeof value === 'string' && value.startsWith('='))
				return `${value.slice(1)} #${itemIndex}`;
			return structuredClone(value);
		},
	} as unknown as IExecuteFunctions;
	return { context, reads };
}

describe('containsExpression', () => {
	it.each([
		['=x', true],
		['x', false],
		['', false],
		[{ a: { b: ['plain', '={{ 1 }}'] } }, true],
		[{ a: { b: ['plain', 2, null, true] } }, false],
		[{ __rl: true, mode: 'id', value: '={{ $json.id }}' }, true],
		[42, false],
		[null, false],
	])('%j → %s', (value, expected) => {
		expect(containsExpression(value)).toBe(expected);
	});
});

describe('getParameter', () => {
	it('asks n8n once per node run for a parameter without expressions', () => {
		const { context, reads } = fakeContext({ resource: 'persona', layer: { model: 'm' } });
		for (let item = 0; item < 3; item++) {
			expect(getParameter(context, 'resource', item)).toBe('persona');
			expect(getParameter(context, 'layer', item, {})).toEqual({ model: 'm' });
		}
		expect(reads).toEqual([
			['resource', 0],
			['layer', 0],
		]);
	});

	it('asks n8n for every item when the parameter holds an expression', () => {
		const { context, reads } = fakeContext({ personaName: '=name', nested: { a: '=x' } });
		expect([0, 1, 2].map((item) => getParameter(context, 'personaName', item))).toEqual([
			'name #0',
			'name #1',
			'name #2',
		]);
		getParameter(context, 'nested', 0);
		getParameter(context, 'nested', 1);
		expect(reads.filter(([name]) => name === 'nested')).toHaveLength(2);
	});

	it('gives each caller its own copy of an object', () => {
		const { context } = fakeContext({ layer: { model: 'm', list: ['a'] } });
		const first = getParameter(context, 'layer', 0) as { model: string; list: string[] };
		first.model = 'changed';
		first.list.push('b');
		expect(getParameter(context, 'layer', 1)).toEqual({ model: 'm', list: ['a'] });
	});

	it("never remembers a value n8n refused: every item gets n8n's own error", () => {
		const { context, reads } = fakeContext({ mode: 'bad' });
		expect(() => getParameter(context, 'mode', 0)).toThrow('[item 0]');
		expect(() => getParameter(context, 'mode', 1)).toThrow('[item 1]');
		expect(reads).toEqual([
			['mode', 0],
			['mode', 1],
		]);
	});

	it('goes to n8n for reads with options, dotted paths and parameters not stored', () => {
		const { context, reads } = fakeContext({ persona: { value: 'p1' }, options: { a: 1 } });
		getParameter(context, 'persona', 0, '', { extractValue: true });
		getParameter(context, 'persona', 1, '', { extractValue: true });
		getParameter(context, 'options.a', 0);
		getParameter(context, 'options.a', 1);
		expect(getParameter(context, 'absent', 0, 'fallback')).toBe('fallback');
		expect(getParameter(context, 'absent', 1, 'other')).toBe('other');
		expect(reads).toHaveLength(6);
	});

	it('keeps one memory per node run (execute context)', () => {
		const parameters = { resource: 'persona' };
		const first = fakeContext(parameters);
		const second = fakeContext(parameters);
		getParameter(first.context, 'resource', 0);
		getParameter(second.context, 'resource', 0);
		expect(first.reads).toHaveLength(1);
		expect(second.reads).toHaveLength(1);
	});
});

describe('per-item values through the real engine', () => {
	const bed = useTestbed();

	it('resolves expressions per item while fixed layers are shared', async () => {
		const { items, error } = await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: '={{ $json.name }}',
				systemPrompt: 'Fixed prompt',
				llmLayer: { model: 'tavus-gpt-oss', speculativeInference: true },
			},
			[{ name: 'First' }, { name: 'Second' }, { name: 'Third' }],
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.persona_name)).toEqual(['First', 'Second', 'Third']);
		expect(bed.sent('POST').map((request) => request.body)).toEqual(
			['First', 'Second', 'Third'].map((name) => ({
				persona_name: name,
				pipeline_mode: 'full',
				system_prompt: 'Fixed prompt',
				layers: { llm: { model: 'tavus-gpt-oss', speculative_inference: true } },
			})),
		);
	});
});

describe('{{ $json.<path> }} read straight from the item', () => {
	const bed = useTestbed();
	const run = async (name: string, input: IDataObject) =>
		await bed.run(
			{
				resource: 'persona',
				operation: 'create',
				personaName: name,
				systemPrompt: '={{ $json.prompt }}',
			},
			[input],
		);

	it('gives what n8n gives for texts, nested paths and everything else', async () => {
		const cases: Array<[string, IDataObject, string | undefined]> = [
			['={{ $json.name }}', { name: 'Coach', prompt: 'Be kind.' }, 'Coach'],
			['={{$json.person.name}}', { person: { name: 'Nested' }, prompt: 'x' }, 'Nested'],
			['={{ $json.name }}', { name: 42, prompt: 'x' }, '42'], // n8n resolves it: a number
			['={{ $json.name.toUpperCase() }}', { name: 'loud', prompt: 'x' }, 'LOUD'], // not a plain path
			['={{ $json.name }}', { prompt: 'x' }, undefined], // missing: n8n's own answer
		];
		for (const [expression, input, expected] of cases) {
			bed.mock.reset();
			const { error } = await run(expression, input);
			const sent = bed.sent('POST')[0]?.body as IDataObject | undefined;
			// Missing: n8n's own answer (nothing), so the optional name is not sent.
			expect([expression, error?.message, sent?.persona_name]).toEqual([
				expression,
				undefined,
				expected,
			]);
		}
	});
});
