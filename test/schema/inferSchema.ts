/**
 * JSON Schemas of the node's output items, in the shape n8n's own nodes ship under
 * `nodes/<Node>/__schema__/v<version>/<resource>/<operation>.json`: `type`, `properties`
 * (keys sorted), `items`, one type per value (no unions, no `required`), and a top-level
 * `version` that counts revisions of the file. n8n's editor shows them as the node's output
 * before the node has run.
 */
export interface OutputSchema {
	type: 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';
	properties?: Record<string, OutputSchema>;
	items?: OutputSchema;
	version?: number;
}

/** The schema of one JSON value. */
export function inferSchema(value: unknown): OutputSchema {
	if (value === null || value === undefined) return { type: 'null' };
	if (typeof value === 'string') return { type: 'string' };
	if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
	if (typeof value === 'boolean') return { type: 'boolean' };
	if (Array.isArray(value)) {
		const elements = value.map(inferSchema);
		return elements.length === 0
			? { type: 'array' }
			: { type: 'array', items: elements.reduce(mergeSchemas) };
	}
	const properties: Record<string, OutputSchema> = {};
	for (const key of Object.keys(value as object).sort()) {
		properties[key] = inferSchema((value as Record<string, unknown>)[key]);
	}
	return { type: 'object', properties };
}

/**
 * One schema for two values seen at the same place (two output items, two array elements):
 * objects join their properties, a number absorbs an integer, and a concrete type wins over
 * null (n8n's schemas have one type per value).
 */
export function mergeSchemas(a: OutputSchema, b: OutputSchema): OutputSchema {
	if (a.type === 'null') return b;
	if (b.type === 'null') return a;
	if (a.type === 'object' && b.type === 'object') {
		const properties: Record<string, OutputSchema> = {};
		const keys = [
			...new Set([...Object.keys(a.properties ?? {}), ...Object.keys(b.properties ?? {})]),
		].sort();
		for (const key of keys) {
			const left = a.properties?.[key];
			const right = b.properties?.[key];
			properties[key] = left && right ? mergeSchemas(left, right) : (left ?? right)!;
		}
		return { type: 'object', properties };
	}
	if (a.type === 'array' && b.type === 'array') {
		if (!a.items) return b;
		if (!b.items) return a;
		return { type: 'array', items: mergeSchemas(a.items, b.items) };
	}
	if (
		(a.type === 'integer' && b.type === 'number') ||
		(a.type === 'number' && b.type === 'integer')
	) {
		return { type: 'number' };
	}
	return a;
}

/** The schema of a node's output: all its items merged into one item schema. */
export function outputSchemaOf(items: unknown[]): OutputSchema {
	return items.map(inferSchema).reduce(mergeSchemas, { type: 'null' });
}
