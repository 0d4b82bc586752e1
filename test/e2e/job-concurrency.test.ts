// Racing job transitions over GraphQL: completeJob and cancelJob sent concurrently on one RUNNING job
// end it exactly once, and its contract follows the winner (ACTIVE after COMPLETED, FAILED after CANCELLED).
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelJobDocument, CompleteJobDocument, GetContractDocument, GetJobDocument } from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { runningJobWithEveryStepDone } from '../support/jobs.js';
import { soleWinnerOf } from '../support/races.js';
import { dataOf } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';

const RACERS_PER_SIDE = 10;
const LOSER_CODES = ['IMMUTABLE', 'INVALID_TRANSITION', 'CONFLICT'];
const TERMINAL_JOB_STATUSES = ['COMPLETED', 'FAILED', 'CANCELLED'];

interface TransitionRow {
  from_status: string;
  to_status: string;
  actor: string;
}

describe('completeJob and cancelJob racing on one RUNNING job', () => {
  const world = useContractWorld();
  let completers: string[];
  let cancellers: string[];
  beforeAll(async () => {
    const mint = (prefix: string) => Promise.all(Array.from({ length: RACERS_PER_SIDE }, (_, index) => world.server.key('operator', `${prefix}-${index}`)));
    completers = await mint('completer');
    cancellers = await mint('canceller');
  });

  // Odd rounds send the cancellations first, so both outcomes get their chance to win.
  it.each([1, 2, 3, 4, 5, 6])('ends the job exactly once, with its contract consistent with the winner (round %i)', async (round) => {
    const { server, operator } = world;
    const running = await runningJobWithEveryStepDone(server, world);
    const contractId = running.contract.id;

    const completions = () => completers.map((key) => server.gql(key, CompleteJobDocument, { id: running.id }));
    const cancellations = () => cancellers.map((key) => server.gql(key, CancelJobDocument, { id: running.id, reason: 'racing cancellation' }));
    const responses = await Promise.all(round % 2 === 1 ? [...cancellations(), ...completions()] : [...completions(), ...cancellations()]);

    const winnerData = soleWinnerOf<{ completeJob?: { status: string }; cancelJob?: { status: string } }>(responses, LOSER_CODES);
    const winningStatus = (winnerData.completeJob ?? winnerData.cancelJob)!.status;
    expect(winningStatus).toBe(winnerData.completeJob ? 'COMPLETED' : 'CANCELLED');

    const jobEndings = await selectRows<TransitionRow>(server, 'transitions', { subject_id: running.id, to_status: TERMINAL_JOB_STATUSES });
    expect(jobEndings).toEqual([expect.objectContaining({ from_status: 'RUNNING', to_status: winningStatus })]);
    const winnerKeys = winningStatus === 'COMPLETED' ? 'completer' : 'canceller';
    expect(jobEndings[0].actor).toMatch(new RegExp(`^${winnerKeys}-\\d+$`));
    const stored = dataOf(await server.gql(operator, GetJobDocument, { id: running.id })).job!;
    expect(stored).toMatchObject({ status: winningStatus, version: running.version + 1 });
    expect(await countRows(server, 'outbox_events', { subject_id: running.id, type: ['job.completed', 'job.cancelled', 'job.failed'] })).toBe(1);
    expect(await countRows(server, 'outbox_events', { subject_id: running.id, type: 'audit.requested' })).toBe(1);

    const contract = dataOf(await server.gql(operator, GetContractDocument, { id: contractId })).contract!;
    const contractEndings = await selectRows<TransitionRow>(server, 'transitions', { subject_id: contractId, from_status: 'ACTIVE' });
    if (winningStatus === 'COMPLETED') {
      expect(contract).toMatchObject({ status: 'ACTIVE', auditVerdict: 'PENDING' });
      expect(contractEndings).toEqual([]);
    } else {
      expect(contract).toMatchObject({ status: 'FAILED', auditVerdict: 'PENDING' });
      expect(contract.statusReason).toMatch(/^job cancelled: /);
      expect(contractEndings).toEqual([expect.objectContaining({ to_status: 'FAILED', actor: jobEndings[0].actor })]);
      expect(await countRows(server, 'outbox_events', { subject_id: contractId, type: 'contract.failed' })).toBe(1);
    }
  });
});
