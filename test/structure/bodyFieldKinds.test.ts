/**
 * Every BodyField's kind (how its value is converted) is derived from its n8n property unless it
 * is written out; the effective kinds must stay what they were when each field stated its own
 * (test/fixtures/bodyFieldKinds.json, dumped before the kinds were derived).
 */
import { type BodyField, kindOf } from '../../nodes/Tavus/fields/bodyFields';
import * as conversation from '../../nodes/Tavus/fields/conversation';
import * as persona from '../../nodes/Tavus/fields/persona';
import * as document from '../../nodes/Tavus/resources/document/fields';
import * as guardrail from '../../nodes/Tavus/resources/guardrail/fields';
import * as objective from '../../nodes/Tavus/resources/objective/fields';
import * as pronunciationDictionary from '../../nodes/Tavus/resources/pronunciationDictionary/fields';
import * as replica from '../../nodes/Tavus/resources/replica/fields';
import * as video from '../../nodes/Tavus/resources/video/fields';
import expectedKinds from '../fixtures/bodyFieldKinds.json';

const modules: Record<string, Record<string, unknown>> = {
	persona,
	conversation,
	document,
	guardrail,
	objective,
	pronunciationDictionary,
	replica,
	video,
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isBodyField = (
	value: Record<string, unknown>,
): value is BodyField & Record<string, unknown> =>
	typeof value.api === 'string' &&
	isObject(value.property) &&
	typeof value.property.type === 'string';

/**
 * Every BodyField reachable from the modules' exports (fields, lists of fields, groups, tables),
 * keyed `module.export › [group ›] parameter name` by the first export that reaches it.
 */
function collectFields(): Map<string, BodyField> {
	const found = new Map<string, BodyField>();
	const seen = new Set<unknown>();
	const visit = (value: unknown, path: string): void => {
		if (Array.isArray(value)) {
			for (const entry of value) visit(entry, path);
			return;
		}
		if (!isObject(value)) return;
		if (isBodyField(value)) {
			if (seen.has(value)) return;
			seen.add(value);
			const key = `${path} › ${value.property.name}`;
			if (found.has(key)) throw new Error(`two fields at ${key}`);
			found.set(key, value);
			return;
		}
		if (Array.isArray(value.fields) && isObject(value.property)) {
			visit(value.fields, `${path} › ${String(value.property.name)}`);
			return;
		}
		if (Array.isArray(value.top)) {
			visit(value.top, `${path} › top`);
			visit(value.groups ?? [], path);
		}
	};
	for (const [name, exports] of Object.entries(modules)) {
		for (const [key, value] of Object.entries(exports)) visit(value, `${name}.${key}`);
	}
	return found;
}

const fields = collectFields();
const expected = expectedKinds as Record<string, unknown>;

describe('BodyField kinds', () => {
	it('reaches the same fields as the fixture', () => {
		expect([...fields.keys()].sort()).toEqual(Object.keys(expected).sort());
	});

	it.each([...fields.entries()])('%s converts as before', (key, field) => {
		expect(kindOf(field)).toStrictEqual(expected[key]);
	});

	it('writes a kind only where the property does not say it', () => {
		const restated = [...fields.entries()]
			.filter(([, field]) => {
				if (!field.kind) return false;
				try {
					return (
						JSON.stringify(kindOf({ ...field, kind: undefined })) === JSON.stringify(field.kind)
					);
				} catch {
					return false;
				}
			})
			.map(([key]) => key);
		expect(restated).toEqual([]);
	});
});
