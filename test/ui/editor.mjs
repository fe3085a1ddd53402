// Playwright helpers for n8n 2.41.1's editor (node panel, node details view, credential modal,
// resource locator). Selectors are n8n's own data-test-id attributes plus two stable attributes of
// its parameter inputs: `data-parameter-path` ("parameters.ttsLayer.ttsEngine", with [i] for
// multi-value entries) on every input, and `label[for=<parameter name>]` on every labelled
// parameter (collections included). Used by scripts/ui.mjs.

export const NDV = '[data-test-id=ndv]';
export const PARAMS = `${NDV} [data-test-id=node-parameters]`;
export const CREDENTIAL_MODAL = '[data-test-id=editCredential-modal]';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const exact = (s) => new RegExp(`^\\s*${escapeRe(s)}\\s*$`);

/** Polls `fn` until it returns a truthy value; throws `message()` after `timeoutMs`. */
export async function until(
	fn,
	{ timeoutMs = 10_000, intervalMs = 100, message = () => 'condition' } = {},
) {
	const started = Date.now();
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last) return last;
		} catch (e) {
			last = e;
		}
		if (Date.now() - started > timeoutMs) {
			const detail = last instanceof Error ? ` (last error: ${last.message.split('\n')[0]})` : '';
			throw new Error(
				`timed out after ${timeoutMs / 1000} s waiting for ${message(last)}${detail}`,
			);
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

// ------------------------------------------------------------------------------------------------
// Node panel (node creator)
// ------------------------------------------------------------------------------------------------

/** Closes the node panel if it is open (Escape clears the search first, then closes). */
export async function closeNodePanel(page) {
	const panel = page.locator('[data-test-id=node-creator]');
	for (let i = 0; i < 3 && (await panel.isVisible()); i++) {
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'hidden', timeout: 1000 }).catch(() => {});
	}
	if (await panel.isVisible()) {
		// With "No results" shown, Escape does not close it; a click on the canvas does.
		await page.locator('[data-test-id=canvas-wrapper]').click({ position: { x: 120, y: 300 } });
		await panel.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
	}
	if (await panel.isVisible()) throw new Error('the node panel does not close');
}

/** Opens the node panel (the "+" at the top right of the canvas). */
export async function openNodePanel(page) {
	await closeNodePanel(page);
	await page.locator('[data-test-id=node-creator-plus-button]').click();
	await page.locator('[data-test-id=node-creator-search-bar]').waitFor();
}

/** Types a search into the node panel; returns the names of the listed nodes. */
export async function searchNodePanel(page, text) {
	const bar = page.locator('[data-test-id=node-creator-search-bar]');
	await bar.fill(text);
	// The list re-renders after a short debounce; wait until it has settled on this search.
	let previous;
	let stableSince = Date.now();
	return until(
		async () => {
			const names = await page
				.locator('[data-test-id=node-creator] [data-test-id=node-creator-item-name]')
				.allInnerTexts();
			const key = names.join('|');
			if (key !== previous) {
				previous = key;
				stableSince = Date.now();
				return false;
			}
			return Date.now() - stableSince > 400 ? names.map((n) => n.trim()) : false;
		},
		{ timeoutMs: 10_000, message: () => `the node panel to list results for "${text}"` },
	);
}

/** The node panel item whose name is exactly `name`. */
export function nodePanelItem(page, name) {
	// (clicking the name selects its item)
	return page
		.locator('[data-test-id=node-creator] [data-test-id=node-creator-item-name]', {
			hasText: exact(name),
		})
		.first();
}

/** In a node's actions view: the action (or trigger event) item named exactly `name`. */
export function nodePanelAction(page, name) {
	return page
		.locator('[data-test-id=node-creator] [data-test-id=item-iterator-item]', {
			hasText: exact(name),
		})
		.first();
}

// ------------------------------------------------------------------------------------------------
// Node details view: reading parameters
// ------------------------------------------------------------------------------------------------

/**
 * Marks every parameter item of the open node details view with data-ui-path (its parameter
 * path, e.g. "parameters.ttsLayer.voiceEmotions") and every collection's "Add Field" select with
 * data-ui-add (the collection's path). Call again after the view has changed.
 */
export async function tagParameters(page) {
	await page.evaluate((sel) => {
		const root = document.querySelector(sel);
		if (!root) return;
		for (const item of root.querySelectorAll('[data-test-id=parameter-item]')) {
			const parent = item.parentElement.closest('[data-test-id=parameter-item]');
			const base = parent ? parent.getAttribute('data-ui-path') : 'parameters';
			const label = [...item.querySelectorAll('label[for]')].find(
				(l) => l.closest('[data-test-id=parameter-item]') === item,
			);
			if (!label || !base) continue;
			const p = `${base}.${label.getAttribute('for')}`;
			item.setAttribute('data-ui-path', p);
			const add = [...item.querySelectorAll('[data-test-id=collection-parameter-add]')].find(
				(b) => b.closest('[data-test-id=parameter-item]') === item,
			);
			if (add) add.setAttribute('data-ui-add', p);
		}
	}, PARAMS);
}

/**
 * The top-level parameters the node details view shows: [{ name }] for labelled ones (the
 * label's `for` is the parameter name) and [{ text }] for unlabelled ones (notices).
 */
export async function shownParameters(page) {
	return page.evaluate((sel) => {
		const root = document.querySelector(sel);
		if (!root) return [];
		const out = [];
		for (const item of root.querySelectorAll('[data-test-id=parameter-item]')) {
			if (item.parentElement.closest('[data-test-id=parameter-item]')) continue;
			if (!item.checkVisibility()) continue; // the Settings tab's items are in the DOM too
			const label = [...item.querySelectorAll('label[for]')].find(
				(l) => l.closest('[data-test-id=parameter-item]') === item,
			);
			if (label) out.push({ name: label.getAttribute('for') });
			else out.push({ text: item.innerText.replace(/\s+/g, ' ').trim() });
		}
		return out;
	}, PARAMS);
}

/** The current text of an options parameter (its select input). */
export async function optionText(page, path) {
	return page.locator(`${PARAMS} [data-parameter-path="${path}"] input`).first().inputValue();
}

// ------------------------------------------------------------------------------------------------
// Node details view: setting parameters
// ------------------------------------------------------------------------------------------------

/**
 * The options list an element-plus select input opens: its input's aria-controls names the
 * listbox (the list itself is teleported to the end of <body>).
 */
async function listboxOf(page, input) {
	const id = await input.getAttribute('aria-controls');
	if (!id) throw new Error('select input without aria-controls');
	return page.locator(`[id="${id}"]`);
}

/** Picks `optionName` in the options parameter at `path` (e.g. "parameters.resource"). */
export async function selectOption(page, path, optionName) {
	const input = page.locator(`${PARAMS} [data-parameter-path="${path}"] input`).first();
	if ((await input.inputValue()) === optionName) return;
	await input.click();
	const listbox = await listboxOf(page, input);
	await listbox
		.locator('li[role=option]')
		.filter({ has: page.locator('.option-headline', { hasText: exact(optionName) }) })
		.first()
		.click();
	await until(async () => (await input.inputValue()) === optionName, {
		timeoutMs: 5000,
		message: () => `"${optionName}" to be selected in ${path}`,
	});
}

/** Clicks a collection's "Add Field" and picks the field `displayName`. */
export async function addCollectionField(page, collectionPath, displayName) {
	await tagParameters(page);
	const input = page.locator(`${PARAMS} [data-ui-add="${collectionPath}"] input`);
	await input.click();
	const listbox = await listboxOf(page, input);
	await listbox
		.locator('[data-test-id=collection-parameter-option]', { hasText: exact(displayName) })
		.click();
	await tagParameters(page);
}

export async function fillText(page, path, value) {
	const field = page
		.locator(`${PARAMS} [data-parameter-path="${path}"]`)
		.locator('input, textarea')
		.first();
	await field.fill(String(value));
	await until(async () => (await field.inputValue()) === String(value), {
		timeoutMs: 5000,
		message: () => `${path} to hold the typed text`,
	});
	// A focused input shows a "Tip: Execute previous nodes..." box over the next control.
	await field.blur();
}

/** Types JSON into a json parameter's code editor (select all, then the text as typed input). */
export async function fillJson(page, path, value) {
	const editor = page.locator(`${PARAMS} [data-parameter-path="${path}"] .cm-content`).first();
	await editor.click();
	await page.keyboard.press('ControlOrMeta+a');
	// insertText types the whole text as one input event: CodeMirror's bracket auto-closing and
	// auto-indent react to single typed characters (keyboard.type would get "{}}" and re-indented
	// lines).
	await page.keyboard.insertText(value);
	await until(
		async () =>
			(await editor.evaluate((el) => el.innerText)).replace(/\s+/g, '') ===
			value.replace(/\s+/g, ''),
		{ timeoutMs: 5000, message: () => `the JSON editor of ${path} to hold the typed JSON` },
	);
	await editor.blur();
}

export async function setSwitch(page, path, on) {
	const input = page
		.locator(`${PARAMS} [data-parameter-path="${path}"] input[role=switch]`)
		.first();
	await input.waitFor({ state: 'attached' });
	if (((await input.getAttribute('aria-checked')) === 'true') !== on) {
		await page.locator(`${PARAMS} [data-parameter-path="${path}"] .el-switch`).first().click();
	}
	await until(async () => ((await input.getAttribute('aria-checked')) === 'true') === on, {
		timeoutMs: 5000,
		message: () => `${path} to be switched ${on ? 'on' : 'off'}`,
	});
}

/** A multi-value text parameter: fills entry i, clicking the add button when it does not exist. */
export async function fillTextList(page, path, values, buttonText) {
	for (let i = 0; i < values.length; i++) {
		const entry = page.locator(`${PARAMS} [data-parameter-path="${path}[${i}]"]`);
		if ((await entry.count()) === 0) {
			await tagParameters(page);
			await page
				.locator(`${PARAMS} [data-ui-path="${path}"]`)
				.getByRole('button', { name: buttonText })
				.click();
			await entry.waitFor();
		}
		await fillText(page, `${path}[${i}]`, values[i]);
	}
}

/** A resource locator at `path`: switches to the mode `mode` (list, id, url). */
export async function setLocatorMode(page, path, mode) {
	const input = page.locator(
		`${PARAMS} [data-parameter-path="${path}"] [data-test-id=rlc-mode-selector] input`,
	);
	await input.click();
	const item = (await listboxOf(page, input)).locator(`[data-test-id=mode-${mode}]`);
	await item.click();
	await until(async () => (await item.getAttribute('aria-selected')) === 'true', {
		timeoutMs: 5000,
		message: () => `mode "${mode}" of ${path} to be selected`,
	});
}

/** Types into a resource locator's value box (modes id and url). */
export async function fillLocator(page, path, value) {
	const field = page.locator(`${PARAMS} [data-parameter-path="${path}"] [data-test-id=rlc-input]`);
	await field.fill(String(value));
	await until(async () => (await field.inputValue()) === String(value), {
		timeoutMs: 5000,
		message: () => `${path} to hold the typed ID`,
	});
	await field.blur();
}

/**
 * Sets parameters through the UI from a values object shaped like a workflow node's parameters
 * (e.g. test/fixtures/life-coach.parameters.json), using the node description to know each
 * parameter's type and option names. Collections get their fields through "Add Field".
 * Returns a list of "path: how" lines.
 */
export async function fillParameters(page, properties, values, basePath = 'parameters', log = []) {
	for (const [name, value] of Object.entries(values)) {
		const path = `${basePath}.${name}`;
		const candidates = properties.filter((p) => p.name === name);
		if (candidates.length === 0)
			throw new Error(`${path}: no such parameter in the node description`);
		// Several properties can share a name (one per operation); the shown one has the value's type.
		const prop = candidates.find((p) => typeMatches(p, value)) ?? candidates[0];
		const kind =
			prop.type === 'string' && prop.typeOptions?.multipleValues ? 'textList' : prop.type;
		switch (kind) {
			case 'string':
			case 'number':
				await fillText(page, path, value);
				log.push(`${path}: typed`);
				break;
			case 'textList':
				await fillTextList(
					page,
					path,
					value,
					prop.typeOptions?.multipleValueButtonText ?? 'Add item',
				);
				log.push(`${path}: ${value.length} entries typed`);
				break;
			case 'options': {
				const option = prop.options.find((o) => o.value === value);
				if (!option) throw new Error(`${path}: ${JSON.stringify(value)} is not one of its options`);
				await selectOption(page, path, option.name);
				log.push(`${path}: picked "${option.name}"`);
				break;
			}
			case 'boolean':
				await setSwitch(page, path, value === true);
				log.push(`${path}: switch ${value ? 'on' : 'off'}`);
				break;
			case 'json':
				await fillJson(
					page,
					path,
					typeof value === 'string' ? value : JSON.stringify(value, null, 2),
				);
				log.push(`${path}: JSON typed`);
				break;
			case 'resourceLocator': {
				const mode = value.mode;
				if (mode === 'list')
					throw new Error(`${path}: filling mode "list" from values is not supported`);
				await setLocatorMode(page, path, mode);
				await fillLocator(page, path, value.value);
				log.push(`${path}: mode "${mode}", typed ${value.value}`);
				break;
			}
			case 'collection':
				for (const [inner, innerValue] of Object.entries(value)) {
					const option = prop.options.find((o) => o.name === inner);
					if (!option) throw new Error(`${path}.${inner}: not a field of ${prop.displayName}`);
					await addCollectionField(page, path, option.displayName);
					log.push(`${path}: Add Field "${option.displayName}"`);
					await fillParameters(page, prop.options, { [inner]: innerValue }, path, log);
				}
				break;
			default:
				throw new Error(
					`${path}: parameters of type ${prop.type} are not supported by fillParameters`,
				);
		}
	}
	return log;
}

function typeMatches(prop, value) {
	if (prop.type === 'collection')
		return value && typeof value === 'object' && !Array.isArray(value);
	if (prop.type === 'resourceLocator')
		return value && typeof value === 'object' && value.__rl === true;
	if (prop.type === 'boolean') return typeof value === 'boolean';
	if (prop.type === 'number') return typeof value === 'number';
	if (prop.typeOptions?.multipleValues) return Array.isArray(value);
	return typeof value === 'string';
}

// ------------------------------------------------------------------------------------------------
// Reading the editor's state (diagnostics only)
// ------------------------------------------------------------------------------------------------

/** The parameters of a node of the open workflow, from the editor's store (undefined if not found). */
export async function storedNodeParameters(page, nodeName) {
	return page.evaluate((name) => {
		const pinia = document.querySelector('#app')?.__vue_app__?.config?.globalProperties?.$pinia;
		if (!pinia) return undefined;
		for (const store of pinia._s.values()) {
			const nodes = store.allNodes ?? store.workflow?.nodes;
			const node = Array.isArray(nodes) ? nodes.find((n) => n.name === name) : undefined;
			if (node) return JSON.parse(JSON.stringify(node.parameters));
		}
		return undefined;
	}, nodeName);
}
