import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllAndLimit } from '../../fields/common';
import { getParameter } from '../../parameters';
import { tavusApiRequest } from '../../transport/request';
import type { OperationOption } from '../../types';
import { toNumber } from '../../validation';
import { buildForItem } from '../common';
import { operationOption } from '../operationOption';
import { registrySkills, SKILLS_PATH } from './fields';

export const option: OperationOption = operationOption(
	'getAll',
	'skill',
	'List the skill registry: the Tavus-authored skills a persona (PAL) can have, one item per skill (skill_id, and the fields Tavus gives, e.g. display_name and description)',
);

export const properties: INodeProperties[] = [...returnAllAndLimit];

/**
 * GET /v2/skills. No pagination is documented: one request, and Limit is applied to what it
 * returns.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = getParameter(this, 'returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: buildForItem(this, itemIndex, () =>
				toNumber('Limit', getParameter(this, 'limit', itemIndex, 50), { integer: true, min: 1 }),
			);
	const response = await tavusApiRequest.call(this, {
		method: 'GET',
		path: SKILLS_PATH,
		itemIndex,
	});
	const skills = registrySkills(response.body);
	return limit === undefined ? skills : skills.slice(0, limit);
}
