// HTTP planner: asks an OpenAI-compatible chat-completions endpoint for JSON steps, with a timeout.
// Any failure — network, timeout, non-2xx status, an answer that is not the JSON asked for — is a
// PlannerError, so the run is refused and nothing is written.
import { PlannerError, type Planner, type PlanningRequest } from '../runtime/planner.js';
import type { ProposedStep } from '../runtime/engines/run-plan.js';

/** Where and how to reach the model. */
export interface HttpPlannerOptions {
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

const INSTRUCTIONS = [
  'You plan the steps of an AI agent run using only the skills listed.',
  'Answer with a JSON object and nothing else: {"steps":[{"skill":"<skill name>","description":"<what the step does>","parameters":{},"dependsOn":[<indexes of earlier steps>],"repeat":1}]}.',
  'Use as few steps as the goal needs, in execution order; "dependsOn" and "repeat" may be left out.',
].join(' ');

/** Makes a planner that calls the endpoint at `url` (a base URL or the full chat-completions URL). */
export function makeHttpPlanner(options: HttpPlannerOptions): Planner {
  const endpoint = options.url.replace(/\/+$/, '').endsWith('/chat/completions') ? options.url : `${options.url.replace(/\/+$/, '')}/chat/completions`;
  return {
    name: 'http',
    propose: async (request) => parseSteps(await complete(endpoint, options, request)),
  };
}

async function complete(endpoint: string, options: HttpPlannerOptions, request: PlanningRequest): Promise<string> {
  const body = {
    model: options.model,
    temperature: 0,
    response_format: { type: 'json_object' },
    messages: [
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: JSON.stringify({ goal: request.goal, agentId: request.agentId, skills: request.skills, memory: request.memory }) },
    ],
  };
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new PlannerError('http', timedOut ? `no answer within ${options.timeoutMs} ms` : 'the planner endpoint could not be reached');
  }
  if (!response.ok) throw new PlannerError('http', `the planner endpoint answered HTTP ${response.status}`);
  const answer = (await response.json().catch(() => null)) as { choices?: { message?: { content?: unknown } }[] } | null;
  const content = answer?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new PlannerError('http', 'the answer has no message content');
  return content;
}

function parseSteps(content: string): ProposedStep[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new PlannerError('http', 'the answer is not valid JSON');
  }
  const steps = (parsed as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) throw new PlannerError('http', 'the answer has no "steps" list');
  return steps.map((step, index) => {
    const { skill, description, parameters, dependsOn, repeat } = (step ?? {}) as Record<string, unknown>;
    if (typeof skill !== 'string' || skill.length === 0) throw new PlannerError('http', `step ${index} names no skill`);
    if (parameters != null && (typeof parameters !== 'object' || Array.isArray(parameters))) throw new PlannerError('http', `step ${index} has parameters that are not an object`);
    if (dependsOn != null && (!Array.isArray(dependsOn) || !dependsOn.every(Number.isInteger))) throw new PlannerError('http', `step ${index} has a "dependsOn" that is not a list of step indexes`);
    if (repeat != null && (!Number.isInteger(repeat) || (repeat as number) < 1)) throw new PlannerError('http', `step ${index} has a "repeat" that is not a positive integer`);
    return {
      skill,
      description: typeof description === 'string' ? description : skill,
      parameters: (parameters as Record<string, unknown> | undefined) ?? null,
      dependsOn: (dependsOn as number[] | undefined) ?? null,
      repeat: (repeat as number | undefined) ?? null,
    };
  });
}
