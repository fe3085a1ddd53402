import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { registrySkills, SKILLS_PATH } from '../resources/skill/fields';
import { tavusApiRequest } from '../transport/request';

/**
 * The skill picker: the skill registry (GET /v2/skills, one request: no pagination is
 * documented), filtered by the search text (name or ID). A failure is thrown, so the editor
 * shows why; the picker's By ID mode takes any skill_id (internet_search, presentation,
 * magic_canvas).
 */
export async function searchSkills(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await tavusApiRequest.call(this, { method: 'GET', path: SKILLS_PATH });
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const skill of registrySkills(response.body)) {
		const id = String(skill.skill_id);
		const label = skill.display_name ?? skill.name;
		const name = typeof label === 'string' && label !== '' ? label : id;
		if (needle && !name.toLowerCase().includes(needle) && !id.toLowerCase().includes(needle))
			continue;
		results.push({ name: name === id ? id : `${name} (${id})`, value: id });
	}
	return { results };
}
