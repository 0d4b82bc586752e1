// Engine: the memory context handed to the planner — the agent's most relevant earlier runs as
// snippets, and a one-line summary of them.
import type { RunStatus } from './run-states.js';

/** Default number of earlier runs in a memory context. */
export const MEMORY_TOP_K = 5;

/** An earlier run, as full-text search ranked it. */
export interface MemoryHit {
  runId: string;
  goal: string;
  outcome: string | null;
  status: RunStatus;
  rank: number;
}

/** The context of one planning request. */
export interface MemoryContext {
  snippets: string[];
  summary: string | null;
}

/** Snippets (most relevant first) and a summary of the hits. */
export function buildMemoryContext(hits: readonly MemoryHit[]): MemoryContext {
  if (hits.length === 0) return { snippets: [], summary: null };
  const snippets = hits.map((hit) => `[${hit.status}] ${hit.goal}${hit.outcome ? ` — ${hit.outcome}` : ''} (${hit.runId})`);
  const byStatus = new Map<string, number>();
  for (const hit of hits) byStatus.set(hit.status, (byStatus.get(hit.status) ?? 0) + 1);
  const counts = [...byStatus.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${count} ${status.toLowerCase()}`);
  return { snippets, summary: `${hits.length} related earlier run${hits.length > 1 ? 's' : ''} (${counts.join(', ')}); most relevant: "${hits[0].goal}"` };
}
