import type { IDataObject } from 'n8n-workflow';
import {
	buildPersonaBody,
	type PersonaParameters,
} from '../../nodes/Tavus/resources/persona/buildPersonaBody';
import { ParameterError } from '../../nodes/Tavus/validation';
import { lifeCoachNodeParameters, seedExpectedBody } from '../fixtures/seed';

/** Splits flat node parameters into what the builder takes, as the Create operation does. */
function fromNodeParameters(parameters: IDataObject): PersonaParameters {
	return {
		core: {
			personaName: parameters.personaName,
			pipelineMode: parameters.pipelineMode ?? 'full',
			systemPrompt: parameters.systemPrompt ?? '',
			context: parameters.context ?? '',
			defaultReplica: parameters.defaultReplica ?? { mode: 'list', value: '' },
		},
		layers: {
			llmLayer: parameters.llmLayer as IDataObject,
			ttsLayer: parameters.ttsLayer as IDataObject,
			perceptionLayer: parameters.perceptionLayer as IDataObject,
			sttLayer: parameters.sttLayer as IDataObject,
			conversationalFlowLayer: parameters.conversationalFlowLayer as IDataObject,
		},
		additionalFields: parameters.additionalFields as IDataObject,
	};
}

function build(parameters: IDataObject, requireSystemPrompt = true) {
	return buildPersonaBody(fromNodeParameters(parameters), { requireSystemPrompt });
}

function buildError(parameters: IDataObject): ParameterError {
	let caught: unknown;
	try {
		build(parameters);
	} catch (error) {
		caught = error;
	}
	if (caught instanceof ParameterError) return caught;
	throw new Error(`expected a ParameterError, got ${String(caught)}`);
}

const minimal = { personaName: 'Coach', systemPrompt: 'Be kind.' };

describe('buildPersonaBody', () => {
	it("turns the Life Coach parameters into exactly the seed document's body", () => {
		expect(build(lifeCoachNodeParameters())).toStrictEqual(seedExpectedBody());
	});

	it('sends only what is set: no layers key when every layer is empty', () => {
		expect(
			build({ ...minimal, llmLayer: {}, ttsLayer: { apiKey: '' }, sttLayer: {} }),
		).toStrictEqual({
			persona_name: 'Coach',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
		});
	});

	it('requires the system prompt in full mode and not in echo mode', () => {
		const error = buildError({ personaName: 'Coach' });
		expect(error.message).toBe('System Prompt: is required when Pipeline Mode is Full');
		expect(build({ personaName: 'Echo', pipelineMode: 'echo' })).toStrictEqual({
			persona_name: 'Echo',
			pipeline_mode: 'echo',
		});
	});

	it('maps every layer field to its API name', () => {
		const body = build({
			...minimal,
			defaultReplica: 'r90bbd427f71',
			llmLayer: {
				model: 'tavus-gpt-oss',
				speculativeInference: false,
				defaultQuery: { 'api-version': '1' },
			},
			ttsLayer: {
				ttsEngine: 'elevenlabs',
				voiceSpeed: '1.1',
				voiceSettings: '{"stability": 0.5}',
				ttsEmotionControl: 'true',
				pronunciationDictionaryId: 'pd_abc123def456',
			},
			perceptionLayer: {
				perceptionModel: 'raven-1',
				visualAwarenessQueries: ['Is there a dog?'],
				visualToolPrompt: 'Call notify when a dog appears.',
				visualTools: [
					{
						type: 'function',
						function: { name: 'notify', parameters: { type: 'object', properties: {} } },
					},
				],
				audioAwarenessQueries: ['Is the user stressed?'],
				audioToolPrompt: 'Call flag_stress.',
				audioTools:
					'[{"type":"function","function":{"name":"flag_stress","parameters":{"type":"object"}}}]',
				perceptionAnalysisQueries: ['Was the user engaged?'],
			},
			sttLayer: { sttEngine: 'tavus-auto', hotwords: 'Tavus' },
			conversationalFlowLayer: {
				turnDetectionModel: 'sparrow-1',
				turnTakingPatience: 'high',
				replicaInterruptibility: 'low',
				voiceIsolation: 'off',
				wakePhrase: 'Hey Anna',
				idleEngagement: 'patient',
			},
			additionalFields: {
				documentIds: 'd1, d2',
				documentTags: 'a, b',
				objectivesId: 'o12345',
				guardrailsId: 'g12345',
				guardrailIds: ['g1234567890ab'],
				guardrailTags: 'safety',
			},
		});
		expect(body).toStrictEqual({
			persona_name: 'Coach',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
			default_replica_id: 'r90bbd427f71',
			document_ids: ['d1', 'd2'],
			document_tags: ['a', 'b'],
			objectives_id: 'o12345',
			guardrails_id: 'g12345',
			guardrail_ids: ['g1234567890ab'],
			guardrail_tags: ['safety'],
			layers: {
				llm: {
					model: 'tavus-gpt-oss',
					speculative_inference: false,
					default_query: { 'api-version': '1' },
				},
				tts: {
					tts_engine: 'elevenlabs',
					voice_settings: { speed: 1.1, stability: 0.5 },
					tts_emotion_control: true,
					pronunciation_dictionary_id: 'pd_abc123def456',
				},
				perception: {
					perception_model: 'raven-1',
					visual_awareness_queries: ['Is there a dog?'],
					visual_tool_prompt: 'Call notify when a dog appears.',
					visual_tools: [
						{
							type: 'function',
							function: { name: 'notify', parameters: { type: 'object', properties: {} } },
						},
					],
					audio_awareness_queries: ['Is the user stressed?'],
					audio_tool_prompt: 'Call flag_stress.',
					audio_tools: [
						{ type: 'function', function: { name: 'flag_stress', parameters: { type: 'object' } } },
					],
					perception_analysis_queries: ['Was the user engaged?'],
				},
				stt: { stt_engine: 'tavus-auto', hotwords: 'Tavus' },
				conversational_flow: {
					turn_detection_model: 'sparrow-1',
					turn_taking_patience: 'high',
					replica_interruptibility: 'low',
					voice_isolation: 'off',
					wake_phrase: 'Hey Anna',
					idle_engagement: 'patient',
				},
			},
		});
	});

	it('skips an untouched entry of a multi-value field (the editor stores it as [])', () => {
		const body = build({ ...minimal, ttsLayer: { voiceEmotions: [[], 'curiosity'] } });
		expect(body.layers).toStrictEqual({ tts: { voice_settings: { emotion: ['curiosity'] } } });
		expect(build({ ...minimal, ttsLayer: { voiceEmotions: [[]] } }).layers).toBeUndefined();
	});

	it('deep-merges Extra Body Fields last', () => {
		const body = build({
			...minimal,
			llmLayer: { model: 'tavus-gpt-oss' },
			additionalFields: {
				extraBody: '{"layers": {"llm": {"new_flag": true}}, "persona_name": "Override"}',
			},
		});
		expect(body).toStrictEqual({
			persona_name: 'Override',
			pipeline_mode: 'full',
			system_prompt: 'Be kind.',
			layers: { llm: { model: 'tavus-gpt-oss', new_flag: true } },
		});
	});

	it.each([
		[
			{ llmLayer: { tools: '[{"type": "function",' } },
			'LLM Layer › Tools (JSON): is not valid JSON',
		],
		[
			{ llmLayer: { tools: '{"type": "function"}' } },
			'LLM Layer › Tools (JSON): must be a JSON array, got an object',
		],
		[
			{
				llmLayer: {
					tools:
						'[{"type": "function", "function": {"name": "get weather", "parameters": {"type": "object"}}}]',
				},
			},
			'LLM Layer › Tools (JSON) (tool 1): function name must be 1-64 letters, digits, "_" or "-" (like get_current_weather or getWeather), got the text "get weather"',
		],
		[
			{ llmLayer: { tools: '[{"name": "x"}]' } },
			'LLM Layer › Tools (JSON) (tool 1): must look like',
		],
		[
			{ llmLayer: { headers: '["a"]' } },
			'LLM Layer › Headers (JSON): must be a JSON object, got an array',
		],
		[
			{ llmLayer: { extraBody: 'temperature=1' } },
			'LLM Layer › Extra Body (JSON): is not valid JSON',
		],
		[
			{ llmLayer: { model: 'tavus-gpt-oss', customModel: 'mine' } },
			'LLM Layer › Custom Model: cannot be used together',
		],
		[
			{ ttsLayer: { voiceSettings: '[1]' } },
			'TTS Layer › Voice Settings (JSON): must be a JSON object',
		],
		[
			{ ttsLayer: { ttsEngine: 'polly' } },
			'TTS Layer › TTS Engine: must be one of "azure", "cartesia", "elevenlabs", "playht", got the text "polly"',
		],
		[
			{ ttsLayer: { ttsEngine: 'azure', ttsModelName: 'sonic-3' } },
			'TTS Layer › TTS Model Name: is not supported with the Azure engine',
		],
		[
			{ ttsLayer: { ttsEmotionControl: 'maybe' } },
			'TTS Layer › Emotion Control: must be true or false',
		],
		[
			{ ttsLayer: { voiceEmotions: ['positivity:high', 3] } },
			'TTS Layer › Voice Emotions: entry 2 must be text, got number 3',
		],
		[
			{
				perceptionLayer: {
					visualTools:
						'[{"type":"function","function":{"name":"ok","parameters":{"type":"string"}}}]',
				},
			},
			'Perception Layer › Visual Tools (JSON) (tool 1): function parameters must be',
		],
		[
			{ perceptionLayer: { perceptionModel: 'raven-9' } },
			'Perception Layer › Perception Model: must be one of',
		],
		[
			{ sttLayer: { participantPauseSensitivity: 'extreme' } },
			'STT Layer › Participant Pause Sensitivity: must be one of',
		],
		[
			{ conversationalFlowLayer: { idleEngagement: 'chatty' } },
			'Conversational Flow Layer › Idle Engagement: must be one of',
		],
		[
			{ additionalFields: { documentIds: 'd1, not an id' } },
			'Additional Fields › Document Names or IDs (entry 2): "not an id" is not a Tavus ID',
		],
		[
			{ additionalFields: { extraBody: '[]' } },
			'Additional Fields › Extra Body Fields (JSON): must be a JSON object',
		],
		[
			{ defaultReplica: { mode: 'id', value: 'r79e/../x' } },
			'Default Replica: "r79e/../x" is not a Tavus ID',
		],
		[{ personaName: { first: 'x' } }, 'Persona Name: must be text, got an object'],
	])('rejects %j naming the field', (parameters, message) => {
		expect(buildError({ ...minimal, ...parameters }).message).toContain(message);
	});
});
