import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
	patchOperationsProperty,
	readPatchOperations,
	shownInFieldsMode,
	updateModeProperty,
} from '../../fields/updateMode';
import { getParameter } from '../../parameters';
import { tavusApiRequest } from '../../transport/request';
import type { TavusOperation, TavusResource } from '../../types';
import { buildForItem } from '../common';
import { createObject, deleteOperation, listOperation, objectPath, readId } from '../crud';
import { operationOption } from '../operationOption';
import {
	buildDeploymentBody,
	buildDeploymentPatch,
	buildIfMatch,
	deploymentOutput,
} from './buildDeployment';
import {
	channelProperty,
	createFieldsProperty,
	deploymentIdParameter,
	ifMatchProperty,
	palProperty,
	updateFieldsProperty,
} from './fields';

const PATH = '/v2/deployments';
const at = objectPath(PATH);

const EMBED_NOTE =
	'Adds embed: the script and tavus-embed tags for your page, built by the node from deployment_id.';

const create: TavusOperation = {
	option: operationOption(
		'create',
		'deployment',
		`Put a PAL online as a widget, an embed or a Tavus-hosted landing page. Returns deployment_id. ${EMBED_NOTE}`,
	),
	properties: [palProperty, channelProperty, createFieldsProperty],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const pal = getParameter(this, 'pal', itemIndex, '', { extractValue: true });
		const channel = getParameter(this, 'channel', itemIndex, 'widget');
		const fields = getParameter(this, 'additionalFields', itemIndex, {}) as IDataObject;
		const body = buildForItem(this, itemIndex, () => buildDeploymentBody(pal, channel, fields));
		return deploymentOutput(await createObject(this, PATH, 'deployment', body, itemIndex));
	},
};

const get: TavusOperation = {
	option: operationOption(
		'get',
		'deployment',
		`Get one deployment by deployment_id, with its etag for Update’s If-Match. ${EMBED_NOTE}`,
	),
	properties: [deploymentIdParameter.property],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = readId(this, itemIndex, deploymentIdParameter);
		const response = await tavusApiRequest.call(this, { method: 'GET', path: at(id), itemIndex });
		return deploymentOutput(response.body, response.headers.etag);
	},
};

const update: TavusOperation = {
	option: operationOption(
		'update',
		'deployment',
		'Change a deployment by deployment_id (JSON Patch): name, password, customization, limits, allowed origins, or raw JSON Patch operations; optionally only if unchanged since a Get (If-Match)',
	),
	properties: [
		deploymentIdParameter.property,
		updateModeProperty(
			'Set the fields to change; the node sends one JSON Patch operation per field',
		),
		...shownInFieldsMode([updateFieldsProperty]),
		patchOperationsProperty({
			placeholder: '[{"op": "replace", "path": "/name", "value": "Support widget"}]',
			description:
				'RFC 6902 operations on the deployment, e.g. /name, /customization/..., /limits/max_call_duration, /allowed_origins',
		}),
		ifMatchProperty,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = readId(this, itemIndex, deploymentIdParameter);
		let patch = readPatchOperations(this, itemIndex);
		if (!patch) {
			const fields = getParameter(this, 'updateFields', itemIndex, {}) as IDataObject;
			patch = buildForItem(this, itemIndex, () => buildDeploymentPatch(fields));
		}
		const ifMatch = getParameter(this, 'ifMatch', itemIndex, '');
		const headers = buildForItem(this, itemIndex, () => buildIfMatch(ifMatch));
		const response = await tavusApiRequest.call(this, {
			method: 'PATCH',
			path: at(id),
			body: patch,
			headers,
			itemIndex,
		});
		const updated = deploymentOutput(response.body, response.headers.etag);
		// Tavus documents the updated deployment as the answer; anything else still says what was done.
		return updated.deployment_id !== undefined
			? updated
			: { deployment_id: id, action: response.statusCode === 304 ? 'unchanged' : 'updated', patch };
	},
};

export const deployment: TavusResource = {
	option: {
		name: 'Deployment',
		value: 'deployment',
		description:
			'A PAL put online by Tavus: a website widget, an embed or a hosted landing page, with password, limits and allowed origins',
	},
	defaultOperation: 'create',
	operations: [
		create,
		deleteOperation({
			option: operationOption(
				'delete',
				'deployment',
				'Delete a deployment by deployment_id: its widget, embed or landing page stops working',
			),
			id: deploymentIdParameter,
			path: at,
			idKey: 'deployment_id',
		}),
		get,
		listOperation({
			option: operationOption(
				'getAll',
				'deployment',
				`List the account’s deployments. ${EMBED_NOTE}`,
			),
			path: PATH,
			firstPage: 1,
			output: (item) => deploymentOutput(item),
		}),
		update,
	],
};
