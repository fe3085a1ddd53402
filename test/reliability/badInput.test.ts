import { type IDataObject, NodeOperationError } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

const bed = useTestbed();
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const persona = {
	resource: 'persona',
	operation: 'create',
	personaName: 'Coach',
	systemPrompt: 'Be kind.',
};
const conversation = {
	resource: 'conversation',
	operation: 'create',
	replica: byId('r90bbd427f71'),
};

/**
 * Every row: parameters (values arriving by expression from `$json.v` where the UI could not
 * produce them), the input item, and the message the user must see. No row may send anything.
 */
const rows: Array<[string, IDataObject, IDataObject, string]> = [
	[
		'empty persona name (Create or Update)',
		{ ...persona, operation: 'createOrUpdate', personaName: '={{ $json.v }}' },
		{ v: '  ' },
		'Persona Name is required to find the persona by name [item 0]',
	],
	[
		'missing system prompt in full mode',
		{ ...persona, systemPrompt: '={{ $json.v }}' },
		{ v: '' },
		'System Prompt is required when Pipeline Mode is Full [item 0]',
	],
	[
		'invalid JSON in tools',
		{ ...persona, llmLayer: { tools: '={{ $json.v }}' } },
		{ v: '[{"type":' },
		'LLM Layer › Tools (JSON) is not valid JSON',
	],
	[
		'a tool that is not a function',
		{ ...persona, llmLayer: { tools: '={{ $json.v }}' } },
		{ v: [{ type: 'retrieval' }] },
		'LLM Layer › Tools (JSON) (tool 1) must look like {"type": "function"',
	],
	[
		'a tool name with a space',
		{ ...persona, llmLayer: { tools: '={{ $json.v }}' } },
		{
			v: [{ type: 'function', function: { name: 'get weather', parameters: { type: 'object' } } }],
		},
		'function name must be 1-64 letters, digits, "_" or "-" (like get_current_weather or getWeather), got the text "get weather"',
	],
	[
		'a tool without parameters',
		{ ...persona, perceptionLayer: { visualTools: '={{ $json.v }}' } },
		{ v: [{ type: 'function', function: { name: 'see_it' } }] },
		'Perception Layer › Visual Tools (JSON) (tool 1) function parameters must be a JSON Schema object',
	],
	[
		'headers that are not an object',
		{ ...persona, llmLayer: { headers: '={{ $json.v }}' } },
		{ v: '"Bearer x"' },
		'LLM Layer › Headers (JSON) must be a JSON object, got a text of 8 characters',
	],
	[
		'a non-string awareness query',
		{ ...persona, perceptionLayer: { visualAwarenessQueries: '={{ $json.v }}' } },
		{ v: ['ok?', { q: 1 }] },
		'Perception Layer › Visual Awareness Queries entry 2 must be text, got an object',
	],
	[
		'a non-string document tag',
		{ ...persona, additionalFields: { documentTags: '={{ $json.v }}' } },
		{ v: ['a', 7] },
		'Additional Fields › Document Tag Names or IDs entry 2 must be text, got number 7',
	],
	[
		'an unknown pipeline mode',
		{ ...persona, pipelineMode: '={{ $json.v }}' },
		{ v: 'turbo' },
		'Pipeline Mode must be one of "full", "echo", got the text "turbo"',
	],
	[
		'an unknown TTS engine',
		{ ...persona, ttsLayer: { ttsEngine: '={{ $json.v }}' } },
		{ v: 'polly' },
		'TTS Layer › TTS Engine must be one of',
	],
	[
		'an unknown STT engine',
		{ ...persona, sttLayer: { sttEngine: '={{ $json.v }}' } },
		{ v: 'tavus-fast' },
		'STT Layer › STT Engine must be one of',
	],
	[
		'an unknown LLM model',
		{ ...persona, llmLayer: { model: '={{ $json.v }}' } },
		{ v: 'gpt-9' },
		'LLM Layer › Model must be one of',
	],
	[
		'a non-boolean emotion control',
		{ ...persona, ttsLayer: { ttsEmotionControl: '={{ $json.v }}' } },
		{ v: 'sometimes' },
		'TTS Layer › Emotion Control must be true or false, got the text "sometimes"',
	],
	[
		'a speed that is neither a name nor a number',
		{ ...persona, ttsLayer: { voiceSpeed: '={{ $json.v }}' } },
		{ v: 'very fast!' },
		'TTS Layer › Voice Speed must be a number or a named speed like "normal"',
	],
	[
		'a replica ID with a slash',
		{ ...persona, defaultReplica: byId('={{ $json.v }}') },
		{ v: 'r1/../../admin' },
		'Default Replica "r1/../../admin" is not a Tavus ID',
	],
	[
		'a document ID with spaces',
		{ ...persona, additionalFields: { documentIds: '={{ $json.v }}' } },
		{ v: 'd1, d 2' },
		'Additional Fields › Document Names or IDs (entry 2) "d 2" is not a Tavus ID',
	],
	[
		'an objectives ID with a query string',
		{ ...persona, additionalFields: { objectivesId: '={{ $json.v }}' } },
		{ v: 'o1?x=1' },
		'Additional Fields › Objectives "o1?x=1" is not a Tavus ID',
	],
	[
		'a persona ID with a dot (Get)',
		{ resource: 'persona', operation: 'get', persona: byId('={{ $json.v }}') },
		{ v: 'p1.json' },
		'Persona "p1.json" is not a Tavus ID',
	],
	[
		'a conversation ID with a slash (End)',
		{ resource: 'conversation', operation: 'end', conversationId: '={{ $json.v }}' },
		{ v: 'c1/end' },
		'Conversation ID "c1/end" is not a Tavus ID',
	],
	[
		'an empty conversation ID (Delete)',
		{ resource: 'conversation', operation: 'delete', conversationId: '={{ $json.v }}' },
		{ v: '' },
		'Conversation ID is required [item 0]',
	],
	[
		'a malformed callback URL',
		{ ...conversation, callbackUrl: '={{ $json.v }}' },
		{ v: 'hooks.example.com/tavus' },
		'Callback URL must be an http(s) URL, got the text "hooks.example.com/tavus"',
	],
	[
		'a javascript: callback URL',
		{ ...conversation, callbackUrl: '={{ $json.v }}' },
		{ v: 'javascript:alert(1)' },
		'Callback URL must be an http(s) URL',
	],
	[
		'a negative call duration',
		{ ...conversation, conversationProperties: { maxCallDuration: '={{ $json.v }}' } },
		{ v: -60 },
		'Properties › Max Call Duration (Seconds) must be at least 1, got -60',
	],
	[
		'a fractional call duration',
		{ ...conversation, conversationProperties: { maxCallDuration: '={{ $json.v }}' } },
		{ v: 90.5 },
		'Properties › Max Call Duration (Seconds) must be a whole number, got 90.5',
	],
	[
		'a call duration that is text',
		{ ...conversation, conversationProperties: { maxCallDuration: '={{ $json.v }}' } },
		{ v: 'an hour' },
		'Properties › Max Call Duration (Seconds) must be a number, got the text "an hour"',
	],
	[
		'one participant',
		{ ...conversation, additionalFields: { maxParticipants: '={{ $json.v }}' } },
		{ v: 1 },
		'Additional Fields › Max Participants must be at least 2, got 1',
	],
	[
		'a non-boolean test mode',
		{ ...conversation, additionalFields: { testMode: '={{ $json.v }}' } },
		{ v: 'yes' },
		'Additional Fields › Test Mode must be true or false',
	],
	[
		'a conversation without replica or persona',
		{ resource: 'conversation', operation: 'create', replica: byId('={{ $json.v }}') },
		{ v: '' },
		'Replica is required when no Persona is set [item 0]',
	],
	[
		'an unknown retrieval strategy',
		{ ...conversation, additionalFields: { documentRetrievalStrategy: '={{ $json.v }}' } },
		{ v: 'instant' },
		'Additional Fields › Document Retrieval Strategy must be one of',
	],
	[
		'a zero Get Many limit',
		{ resource: 'persona', operation: 'getAll', limit: '={{ $json.v }}' },
		{ v: 0 },
		'Limit must be at least 1, got 0 [item 0]',
	],
	[
		'extra body that is a list',
		{ ...persona, additionalFields: { extraBody: '={{ $json.v }}' } },
		{ v: '[1,2]' },
		'Additional Fields › Extra Body Fields (JSON) must be a JSON object, got an array',
	],
	[
		'a raw patch without a path',
		{
			resource: 'persona',
			operation: 'update',
			persona: byId('p1'),
			updateMode: 'jsonPatch',
			patchOperations: '={{ $json.v }}',
		},
		{ v: '[{"op":"remove"}]' },
		'Patch Operations (JSON) (operation 1) "path" must be a JSON Pointer starting with "/"',
	],
];

describe('bad input is refused before anything is sent', () => {
	it('has at least 20 rows', () => {
		expect(rows.length).toBeGreaterThanOrEqual(20);
	});

	it.each(rows)('%s', async (_label, parameters, input, message) => {
		const { error } = await bed.run(parameters, [input]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toContain(message);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(bed.mock.requests).toHaveLength(0);
	});
});
