// Runs placed in a given phase for end-to-end tests: created by an operator and moved forward one
// allowed phase/status pair at a time through GraphQL, plus the run rows a refused move must not touch.
import { TransitionRunDocument, type CreateRunInput, type RunPhase, type RunStatus } from '../generated/graphql.js';
import { dataOf } from './responses.js';
import { createRunAs } from './runs.js';
import type { TestServer } from './test-server.js';

/** A phase a run reaches by transitionRun alone. */
export type ReachablePhase = Exclude<RunPhase, 'COMPLETED'>;

/** The forward path after CREATED/QUEUED, each phase with the status it allows. */
export const forwardPath: readonly { phase: ReachablePhase; status: RunStatus }[] = [
  { phase: 'AUTHORIZED', status: 'QUEUED' },
  { phase: 'EXECUTING', status: 'RUNNING' },
  { phase: 'GOVERNANCE_CHECK', status: 'RUNNING' },
  { phase: 'FINALIZING', status: 'RUNNING' },
];

/** Creates a run for `input.agentId` and moves it to `phase` (FAILED: from EXECUTING, as FAILED); returns it. */
export async function runInPhase(server: TestServer, operator: string, phase: ReachablePhase, input: CreateRunInput) {
  let run = await createRunAs(server, operator, input);
  const stop = phase === 'FAILED' ? 'EXECUTING' : phase;
  for (const step of forwardPath) {
    if (run.phase === stop) break;
    run = dataOf(await server.gql(operator, TransitionRunDocument, { id: run.id, ...step })).transitionRun;
  }
  if (phase === 'FAILED') run = dataOf(await server.gql(operator, TransitionRunDocument, { id: run.id, phase: 'FAILED', status: 'FAILED' })).transitionRun;
  return run;
}

