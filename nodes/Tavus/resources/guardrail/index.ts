import { operationOption } from '../operationOption';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { groupProperty } from '../../fields/bodyFields';
import { readListFilters } from '../../fields/listFilters';
import {
	hiddenInPatchMode,
	patchOperationsProperty,
	readPatchOperations,
	shownInFieldsMode,
	updateModeProperty,
} from '../../fields/updateMode';
import type { TavusOperation, TavusResource } from '../../types';
import { ParameterError } from '../../validation';
import { buildForItem } from '../common';
import {
	createOperation,
	deleteOperation,
	getOperation,
	listOperation,
	objectPath,
	readId,
} from '../crud';
import { createOrUpdateByName, sendJsonPatch } from '../upsert';
import { buildGuardrailUpdate, buildSetGuardrails, unwrapSet } from './buildGuardrail';
import {
	guardrailFilters,
	guardrailIdParameter,
	guardrailNameField,
	guardrailPromptField,
	guardrailSetIdParameter,
	guardrailSetNameProperty,
	guardrailTypeProperty,
	guardrailUpdateFields,
	readGuardrailType,
	sendsIndividualNotice,
	sendsLegacyNotice,
	setGuardrailsProperty,
} from './fields';
import {
	additionalFieldsProperty,
	createGuardrail,
	findGuardrailSetByName,
	individualList,
	legacySetList,
	readGuardrail,
	readGuardrailSet,
	updateGuardrailSetTo,
	updateGuardrailTo,
} from './guardrailApi';
import { getParameter } from '../../parameters';

const ALL = ['create', 'createOrUpdate', 'delete', 'get', 'getAll', 'update'];

/** Shows properties for one Guardrail Type only (keeping their other conditions). */
const onlyFor = (type: 'individual' | 'legacySet') => (properties: INodeProperties[]) =>
	properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, guardrailType: [type] },
		},
	}));
const individualOnly = onlyFor('individual');
const legacyOnly = onlyFor('legacySet');

// ---- Create, Create or Update -------------------------------------------------------------------

const createProperties: INodeProperties[] = [
	sendsIndividualNotice,
	sendsLegacyNotice,
	...individualOnly([
		guardrailNameField.property,
		guardrailPromptField.property,
		additionalFieldsProperty,
	]),
	...legacyOnly([guardrailSetNameProperty]),
];

const create = createOperation({
	option: operationOption(
		'create',
		'guardrail',
		'Create a guardrail: a behavioural boundary the replica keeps in every conversation (e.g. no medical advice). Individual guardrails return uuid (attach with guardrail_ids); legacy sets return guardrails_id.',
	),
	creates: 'guardrail set',
	path: '/v2/guardrails',
	read: (context, itemIndex) =>
		readGuardrailType(context, itemIndex) === 'legacySet'
			? readGuardrailSet(context, itemIndex)
			: readGuardrail(context, itemIndex),
});

const createOrUpdate: TavusOperation = {
	option: operationOption(
		'createOrUpdate',
		'guardrail',
		'Find a guardrail by its exact guardrail_name (or a legacy set by its name) and update it, or create it if none exists. Safe to run repeatedly: never creates duplicates.',
	),
	properties: [],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		if (readGuardrailType(this, itemIndex) === 'legacySet') {
			const body = readGuardrailSet(this, itemIndex);
			const name = buildForItem(this, itemIndex, () => {
				if (typeof body.name !== 'string' || body.name === '') {
					throw new ParameterError(
						'Set Name',
						'is required to find the set by name',
						'Create or Update matches legacy sets by their exact name.',
					);
				}
				return body.name;
			});
			return await createOrUpdateByName(this, itemIndex, {
				name,
				list: legacySetList,
				find: async () => await findGuardrailSetByName(this, name, itemIndex),
				update: async (setId) =>
					await updateGuardrailSetTo(this, setId, body.data as IDataObject[], itemIndex),
				create: async () => await createGuardrail(this, body, itemIndex),
			});
		}
		const body = readGuardrail(this, itemIndex);
		const name = String(body.guardrail_name);
		return await createOrUpdateByName(this, itemIndex, {
			name,
			list: individualList(name),
			update: async (uuid) => await updateGuardrailTo(this, uuid, body, itemIndex),
			create: async () => await createGuardrail(this, body, itemIndex),
		});
	},
};

// ---- Update --------------------------------------------------------------------------------------

const update: TavusOperation = {
	option: operationOption(
		'update',
		'guardrail',
		'Change fields of a guardrail (sent as a JSON Patch of what differs), or apply raw JSON Patch operations',
	),
	properties: [
		guardrailIdParameter.property,
		guardrailSetIdParameter.property,
		updateModeProperty(
			'Set fields (individual) or the whole list of guardrails (legacy set); the node reads the guardrail and sends a JSON Patch of what differs',
		),
		...individualOnly(shownInFieldsMode([groupProperty(guardrailUpdateFields)])),
		patchOperationsProperty({
			placeholder: '[{"op": "replace", "path": "/guardrail_prompt", "value": "New prompt"}]',
			description:
				'RFC 6902 operations on the guardrail as Get returns it: /guardrail_prompt for an individual guardrail, /data/0/guardrail_prompt for the first guardrail of a legacy set',
		}),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const legacy = readGuardrailType(this, itemIndex) === 'legacySet';
		const idParameter = legacy ? guardrailSetIdParameter : guardrailIdParameter;
		const idKey = legacy ? 'guardrails_id' : 'uuid';
		const id = readId(this, itemIndex, idParameter);
		const patch = readPatchOperations(this, itemIndex);
		if (patch) {
			return {
				[idKey]: id,
				...(await sendJsonPatch(this, `/v2/guardrails/${id}`, patch, itemIndex)),
			};
		}
		if (legacy) {
			const guardrails = getParameter(this, 'guardrails', itemIndex, {}) as IDataObject;
			const desired = buildForItem(this, itemIndex, () => buildSetGuardrails(guardrails));
			return { [idKey]: id, ...(await updateGuardrailSetTo(this, id, desired, itemIndex)) };
		}
		const updateFields = getParameter(this, 'updateFields', itemIndex, {}) as IDataObject;
		const desired = buildForItem(this, itemIndex, () => buildGuardrailUpdate(updateFields));
		return { [idKey]: id, ...(await updateGuardrailTo(this, id, desired, itemIndex)) };
	},
};

// ---- Get, Get Many, Delete ---------------------------------------------------------------------

/** One operation over two shapes: the individual spec or the legacy spec, by Guardrail Type. */
function byType(
	individual: TavusOperation,
	legacy: TavusOperation,
	properties: INodeProperties[],
): TavusOperation {
	return {
		option: individual.option,
		properties,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const operation = readGuardrailType(this, itemIndex) === 'legacySet' ? legacy : individual;
			return await operation.execute.call(this, itemIndex);
		},
	};
}

const path = objectPath('/v2/guardrails');

const getOption = operationOption(
	'get',
	'guardrail',
	'Get one individual guardrail by uuid, or one legacy set by guardrails_id',
);

const getIndividual = getOperation({
	option: getOption,
	id: guardrailIdParameter,
	path,
});
const getLegacy = getOperation({
	option: getOption,
	id: guardrailSetIdParameter,
	path,
	output: unwrapSet,
});

const deleteOption = operationOption(
	'delete',
	'guardrail',
	'Delete an individual guardrail by uuid (it is detached from every persona) or a legacy set by guardrails_id',
);

const deleteIndividual = deleteOperation({
	option: deleteOption,
	id: guardrailIdParameter,
	path,
	idKey: 'uuid',
});
const deleteLegacy = deleteOperation({
	option: deleteOption,
	id: guardrailSetIdParameter,
	path,
	idKey: 'guardrails_id',
});

const listOption = operationOption(
	'getAll',
	'guardrail',
	'List individual guardrails (filter by name, uuid or tags) or legacy guardrail sets, one item per guardrail',
);

const listIndividual = listOperation({
	option: listOption,
	path: '/v2/guardrails',
	firstPage: 0,
	filterProperties: [guardrailFilters],
	query: (context, itemIndex) => readListFilters(context, itemIndex, { legacy: false }),
});

const listLegacy = listOperation({
	option: listOption,
	path: '/v2/guardrails',
	firstPage: 1,
	query: () => ({ legacy: true }),
});

export const guardrail: TavusResource = {
	option: {
		name: 'Guardrail',
		value: 'guardrail',
		description:
			'A behavioural boundary a persona keeps (individual guardrails, or legacy guardrail sets)',
	},
	defaultOperation: 'create',
	operations: [
		create,
		createOrUpdate,
		byType(deleteIndividual, deleteLegacy, [
			...deleteIndividual.properties,
			...deleteLegacy.properties,
		]),
		byType(getIndividual, getLegacy, [...getIndividual.properties, ...getLegacy.properties]),
		byType(listIndividual, listLegacy, listIndividual.properties),
		update,
	],
	shared: [
		// The Guardrail Type selector (every operation).
		{ first: true, operations: ALL, properties: [guardrailTypeProperty] },
		{ first: true, operations: ['create', 'createOrUpdate'], properties: createProperties },
		{
			operations: ['create', 'createOrUpdate', 'update'],
			properties: hiddenInPatchMode(legacyOnly([setGuardrailsProperty])),
		},
	],
};
