// Engine: the safety checks of a proposed plan that do not depend on money — forbidden network
// targets in step parameters, dependencies that point nowhere or form a cycle, loops repeated too
// often — and the warnings a plan carries: duplicate steps and text that reads like a prompt injection.
import { forbiddenTargetsIn, stringsIn } from './forbidden-targets.js';

/** How many times one step may repeat. */
export const MAX_STEP_REPEATS = 10;

/** The shape of a step these checks read. */
export interface CheckedStep {
  skill: string;
  parameters?: Record<string, unknown> | null;
  dependsOn?: readonly number[] | null;
  repeat?: number | null;
}

/** A finding: its stable code and its words. */
export interface Finding<Code extends string> {
  code: Code;
  message: string;
}

/** FORBIDDEN_TARGET findings: one per step and target its parameters name. */
export function forbiddenTargetFindings(steps: readonly CheckedStep[]): Finding<'FORBIDDEN_TARGET'>[] {
  return steps.flatMap((step, index) => {
    const reasons = [...new Set(stringsIn(step.parameters ?? null).flatMap(forbiddenTargetsIn))];
    return reasons.map((reason) => ({ code: 'FORBIDDEN_TARGET' as const, message: `step ${index} (${step.skill}) targets a forbidden address: ${reason}` }));
  });
}

/** EXCESSIVE_LOOP findings: steps repeated more than {@link MAX_STEP_REPEATS} times. */
export function loopFindings(steps: readonly CheckedStep[]): Finding<'EXCESSIVE_LOOP'>[] {
  return steps.flatMap((step, index) =>
    (step.repeat ?? 1) > MAX_STEP_REPEATS ? [{ code: 'EXCESSIVE_LOOP' as const, message: `step ${index} (${step.skill}) repeats ${step.repeat} times; at most ${MAX_STEP_REPEATS} are allowed` }] : [],
  );
}

/** UNKNOWN_DEPENDENCY and CIRCULAR_DEPENDENCY findings of the steps' `dependsOn` indexes. */
export function dependencyFindings(steps: readonly CheckedStep[]): Finding<'UNKNOWN_DEPENDENCY' | 'CIRCULAR_DEPENDENCY'>[] {
  const unknown = steps.flatMap((step, index) =>
    (step.dependsOn ?? [])
      .filter((target) => !Number.isInteger(target) || target < 0 || target >= steps.length)
      .map((target) => ({ code: 'UNKNOWN_DEPENDENCY' as const, message: `step ${index} (${step.skill}) depends on step ${target}, which the plan does not have` })),
  );
  const edges = steps.map((step) => (step.dependsOn ?? []).filter((target) => Number.isInteger(target) && target >= 0 && target < steps.length));
  const cycles = stronglyConnected(edges).filter((component) => component.length > 1 || edges[component[0]].includes(component[0]));
  return [
    ...unknown,
    ...cycles.map((component) => ({ code: 'CIRCULAR_DEPENDENCY' as const, message: `steps ${component.join(', ')} depend on each other in a cycle` })),
  ];
}

/** Tarjan's strongly connected components of a graph given as adjacency lists; each sorted, by first index. */
function stronglyConnected(edges: readonly number[][]): number[][] {
  const index = new Array<number>(edges.length).fill(-1);
  const low = new Array<number>(edges.length).fill(0);
  const onStack = new Array<boolean>(edges.length).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const visit = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = true;
    for (const next of edges[node]) {
      if (index[next] === -1) {
        visit(next);
        low[node] = Math.min(low[node], low[next]);
      } else if (onStack[next]) low[node] = Math.min(low[node], index[next]);
    }
    if (low[node] !== index[node]) return;
    const component: number[] = [];
    let member: number;
    do {
      member = stack.pop()!;
      onStack[member] = false;
      component.push(member);
    } while (member !== node);
    components.push(component.sort((a, b) => a - b));
  };
  for (let node = 0; node < edges.length; node += 1) if (index[node] === -1) visit(node);
  return components.sort((a, b) => a[0] - b[0]);
}

/** Text that tries to steer a model away from its instructions. */
const INJECTION_PATTERNS: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override)\b.{0,40}?\b(previous|prior|above|earlier|all|your|the)\b.{0,20}?\b(instructions?|prompts?|rules|directions|guidelines)\b/i,
  /\b(system prompt|developer message|hidden instructions?)\b/i,
  /\byou are now\b/i,
  /\b(reveal|print|show|leak|exfiltrate|send)\b.{0,40}?\b(secrets?|passwords?|api[ _-]?keys?|credentials|private keys?)\b/i,
  /<\|?\/?(system|assistant|im_start|im_end)\b/i,
  /\b(jailbreak|do anything now)\b/i,
];

/** SUSPICIOUS_TEXT warnings: steps whose parameters read like a prompt injection. */
export function injectionWarnings(steps: readonly CheckedStep[]): Finding<'SUSPICIOUS_TEXT'>[] {
  return steps.flatMap((step, index) => {
    const hit = stringsIn(step.parameters ?? null).map((text) => INJECTION_PATTERNS.map((pattern) => text.match(pattern)?.[0]).find(Boolean)).find(Boolean);
    return hit ? [{ code: 'SUSPICIOUS_TEXT' as const, message: `step ${index} (${step.skill}) has parameters that read like a prompt injection: "${hit}"` }] : [];
  });
}

/** DUPLICATE_STEP warnings: a step with the same skill and parameters as an earlier one. */
export function duplicateWarnings(steps: readonly CheckedStep[]): Finding<'DUPLICATE_STEP'>[] {
  const firstSeen = new Map<string, number>();
  return steps.flatMap((step, index) => {
    const key = `${step.skill}\u0000${canonicalJson(step.parameters ?? null)}`;
    const first = firstSeen.get(key);
    if (first === undefined) {
      firstSeen.set(key, index);
      return [];
    }
    return [{ code: 'DUPLICATE_STEP' as const, message: `step ${index} (${step.skill}) repeats step ${first} with the same parameters` }];
  });
}

/** JSON with object keys sorted, so equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
