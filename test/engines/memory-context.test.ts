// Unit tests of the memory context handed to planners: one snippet per earlier run in the order
// search ranked them, and a summary counting them per status and naming the most relevant.
import { describe, expect, it } from 'vitest';
import { buildMemoryContext, MEMORY_TOP_K, type MemoryHit } from '../../src/runtime/engines/memory-context.js';
import type { RunStatus } from '../../src/runtime/engines/run-states.js';

const hit = (runId: string, goal: string, status: RunStatus, outcome: string | null = null, rank = 0.5): MemoryHit => ({ runId, goal, outcome, status, rank });

describe('memory context', () => {
  it('keeps the five most relevant runs by default', () => {
    expect(MEMORY_TOP_K).toBe(5);
  });

  it('is empty, with no summary, when there are no earlier runs', () => {
    expect(buildMemoryContext([])).toEqual({ snippets: [], summary: null });
  });

  it('writes one snippet per hit, in the order given, with the outcome when there is one', () => {
    const context = buildMemoryContext([
      hit('run_2', 'deploy the search index', 'SUCCEEDED', 'index deployed', 0.9),
      hit('run_1', 'search the web', 'FAILED', null, 0.1),
    ]);
    expect(context.snippets).toEqual(['[SUCCEEDED] deploy the search index — index deployed (run_2)', '[FAILED] search the web (run_1)']);
  });

  it('summarises one run in the singular', () => {
    expect(buildMemoryContext([hit('run_1', 'search the web', 'QUEUED')]).summary).toBe('1 related earlier run (1 queued); most relevant: "search the web"');
  });

  it('counts runs per status in status order and names the first hit as most relevant', () => {
    const context = buildMemoryContext([
      hit('run_3', 'email the report', 'SUCCEEDED'),
      hit('run_2', 'email the team', 'FAILED'),
      hit('run_1', 'email the board', 'SUCCEEDED'),
    ]);
    expect(context.summary).toBe('3 related earlier runs (1 failed, 2 succeeded); most relevant: "email the report"');
  });
});
