import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import { useTestbed } from '../helpers/testbed';

/**
 * Conversation → Create, PAL-era fields (tavus-api-2026-11.md §9.1): Enable Dynamic Greeting
 * and Meeting URL (an external Zoom / Teams / Google Meet meeting).
 */
const bed = useTestbed();

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

const create = (additionalFields: IDataObject) => ({
	resource: 'conversation',
	operation: 'create',
	replica: byId('r90bbd427f71'),
	additionalFields,
});

describe('Conversation → Create: Enable Dynamic Greeting and Meeting URL', () => {
	it('sends enable_dynamic_greeting, custom_greeting (its fallback) and meeting_url', async () => {
		const { items, error } = await bed.run(
			create({
				customGreeting: 'Hi Ada!',
				enableDynamicGreeting: true,
				meetingUrl: 'https://meet.google.com/abc-defg-hij',
				testMode: true,
			}),
		);
		expect(error).toBeUndefined();
		const [sent] = bed.sent('POST', '/v2/conversations');
		expect(sent.body).toStrictEqual({
			replica_id: 'r90bbd427f71',
			custom_greeting: 'Hi Ada!',
			enable_dynamic_greeting: true,
			meeting_url: 'https://meet.google.com/abc-defg-hij',
			test_mode: true,
		});
		expect(sent.status).toBe(200);
		expect(items[0].json.conversation_id).toMatch(/^c[0-9a-f]{12}$/);
	});

	it('sends false when the switch is off, and a Zoom or Teams link as given', async () => {
		const { error } = await bed.run(
			create({
				enableDynamicGreeting: false,
				meetingUrl: ' https://us02web.zoom.us/j/85551234567?pwd=abc ',
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sent('POST', '/v2/conversations')[0].body).toStrictEqual({
			replica_id: 'r90bbd427f71',
			enable_dynamic_greeting: false,
			meeting_url: 'https://us02web.zoom.us/j/85551234567?pwd=abc',
		});
	});

	it.each([
		[
			'meet.google.com/abc-defg-hij',
			'Additional Fields › Meeting URL must be an http(s) URL, got the text "meet.google.com/abc-defg-hij" [item 0]',
		],
		[
			'ftp://meet.example.com/x',
			'Additional Fields › Meeting URL must be an http(s) URL, got the text "ftp://meet.example.com/x" [item 0]',
		],
	])('refuses the meeting URL %p before sending', async (meetingUrl, message) => {
		const { error } = await bed.run(create({ meetingUrl }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(message);
		expect(bed.sent()).toHaveLength(0);
	});

	it('refuses a dynamic greeting switch that is not true or false, naming the item', async () => {
		const { error } = await bed.run(create({ enableDynamicGreeting: '={{ $json.v }}' }), [
			{ v: true },
			{ v: 'sometimes' },
		]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			'Additional Fields › Enable Dynamic Greeting must be true or false, got the text "sometimes" [item 1]',
		);
		// Item 0 went out before item 1 was refused; item 1 sent nothing.
		expect(bed.sent('POST', '/v2/conversations')).toHaveLength(1);
	});

	it('the stand-in validates the new fields like Tavus (types)', async () => {
		const { error } = await bed.run(create({ extraBody: '{"enable_dynamic_greeting": "yes"}' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toContain('enable_dynamic_greeting');
		const wrongUrl = await bed.run(create({ extraBody: '{"meeting_url": 42}' }));
		expect(wrongUrl.error).toBeInstanceOf(NodeApiError);
		expect(wrongUrl.error?.message).toContain('meeting_url');
	});
});
