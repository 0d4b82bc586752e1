// The job timeout sweeper on a manual clock: unfinished jobs fail ("timed out", as system:sweeper)
// exactly at timeoutAt and fail their contracts; other jobs are left alone; concurrent sweepers never
// fail a job twice.
import { beforeEach, describe, expect, it } from 'vitest';
import { CancelJobDocument, CompleteJobDocument, GetJobDocument, StartJobDocument } from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { activatedContract, completedJob, runningJob } from '../support/jobs.js';
import { dataOf } from '../support/responses.js';
import { countRows, countRowsPer } from '../support/rows.js';

const MINUTE = 60_000;
/** Longer than the longest job timeout (1440 minutes). */
const PAST_EVERY_TIMEOUT = 25 * 60 * MINUTE;
const SWEEPER = 'system:sweeper';

describe('job timeout sweeper', () => {
  const world = useContractWorld();
  beforeEach(async () => {
    // Every test starts with no job left that a sweep could still fail.
    world.server.clock.advance(PAST_EVERY_TIMEOUT);
    await world.server.runtime.sweepJobs();
  });

  const jobOf = async (id: string) => dataOf(await world.server.gql(world.operator, GetJobDocument, { id })).job!;

  /** A job activated with `timeoutMinutes` and, when asked, started. */
  async function jobTimingOutIn(timeoutMinutes: number, started: boolean) {
    const { job } = await activatedContract(world.server, world, {}, timeoutMinutes);
    return started ? dataOf(await world.server.gql(world.operator, StartJobDocument, { id: job.id })).startJob : job;
  }

  it('fails a PENDING and a RUNNING job at timeoutAt, not 1 ms before, and fails their contracts', async () => {
    const { server } = world;
    const pending = await jobTimingOutIn(30, false);
    const running = await jobTimingOutIn(30, true);
    expect(running.timeoutAt).toBe(pending.timeoutAt);

    server.clock.advance(30 * MINUTE - 1);
    expect(await server.runtime.sweepJobs()).toBe(0);
    expect(await jobOf(pending.id)).toMatchObject({ status: 'PENDING', version: pending.version });
    expect(await jobOf(running.id)).toMatchObject({ status: 'RUNNING', version: running.version });

    server.clock.advance(1);
    expect(server.clock.now().toISOString()).toBe(pending.timeoutAt);
    expect(await server.runtime.sweepJobs()).toBe(2);
    for (const before of [pending, running]) {
      const failed = await jobOf(before.id);
      expect(failed).toMatchObject({ status: 'FAILED', statusReason: 'timed out', completedAt: pending.timeoutAt, version: before.version + 1 });
      expect(failed.transitions.at(-1)).toMatchObject({ fromStatus: before.status, toStatus: 'FAILED', reason: 'timed out', actor: SWEEPER });
      expect(failed.auditEvidence).toMatchObject({ job: { id: before.id, status: 'FAILED' } });
      expect(failed.contract).toEqual({ id: before.contract.id, status: 'FAILED', statusReason: 'job failed: timed out', auditVerdict: 'PENDING' });
      expect(await countRows(server, 'transitions', { subject_id: before.contract.id, from_status: 'ACTIVE', to_status: 'FAILED', actor: SWEEPER })).toBe(1);
      expect(await countRows(server, 'outbox_events', { subject_id: before.id, type: ['job.failed', 'audit.requested'], actor: SWEEPER })).toBe(2);
      expect(await countRows(server, 'outbox_events', { subject_id: before.contract.id, type: 'contract.failed', actor: SWEEPER })).toBe(1);
    }
    expect(await server.runtime.sweepJobs()).toBe(0);
  });

  it('leaves jobs that are not yet due untouched', async () => {
    const { server } = world;
    const sooner = await jobTimingOutIn(10, true);
    const later = await jobTimingOutIn(120, false);

    server.clock.advance(10 * MINUTE);
    expect(await server.runtime.sweepJobs()).toBe(1);
    expect((await jobOf(sooner.id)).status).toBe('FAILED');
    const untouched = await jobOf(later.id);
    expect(untouched).toMatchObject({ status: 'PENDING', version: later.version, contract: { status: 'ACTIVE' } });
    expect(await countRows(server, 'transitions', { subject_id: [later.id, later.contract.id], actor: SWEEPER })).toBe(0);
  });

  it('leaves COMPLETED, FAILED and CANCELLED jobs alone once they are past timeoutAt', async () => {
    const { server, operator } = world;
    const completed = await completedJob(server, world);
    const failed = dataOf(await server.gql(operator, CompleteJobDocument, { id: (await runningJob(server, world)).id })).completeJob;
    const cancelled = dataOf(await server.gql(operator, CancelJobDocument, { id: (await activatedContract(server, world)).job.id, reason: 'not needed' })).cancelJob;
    expect([completed.status, failed.status, cancelled.status]).toEqual(['COMPLETED', 'FAILED', 'CANCELLED']);
    const terminal = [completed, failed, cancelled];
    const before = await Promise.all(terminal.map((job) => jobOf(job.id)));

    server.clock.advance(PAST_EVERY_TIMEOUT);
    expect(await server.runtime.sweepJobs()).toBe(0);
    expect(await Promise.all(terminal.map((job) => jobOf(job.id)))).toEqual(before);
    expect(before[0].contract.status).toBe('ACTIVE');
    expect(await countRows(server, 'transitions', { subject_id: terminal.flatMap((job) => [job.id, job.contract.id]), actor: SWEEPER })).toBe(0);
  });

  it('fails each of 120 due jobs and its contract exactly once when two sweepers run at once', async () => {
    const { server } = world;
    const due = 120; // more than one sweep batch (100)
    const jobs = [];
    for (let batch = 0; batch < due / 30; batch += 1) {
      jobs.push(...(await Promise.all(Array.from({ length: 30 }, (_, index) => jobTimingOutIn(5, index % 2 === 0)))));
    }
    const jobIds = jobs.map((job) => job.id);
    const contractIds = jobs.map((job) => job.contract.id);
    server.clock.advance(5 * MINUTE);

    const failedBySweeper = await Promise.all([server.runtime.sweepJobs(), server.runtime.sweepJobs()]);

    expect(failedBySweeper[0] + failedBySweeper[1]).toBe(due);
    expect(await countRows(server, 'jobs', { id: jobIds, status: 'FAILED', status_reason: 'timed out' })).toBe(due);
    expect(await countRows(server, 'contracts', { id: contractIds, status: 'FAILED' })).toBe(due);
    const oncePer = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));
    expect(await countRowsPer(server, 'transitions', 'subject_id', { subject_id: jobIds, to_status: 'FAILED' })).toEqual(oncePer(jobIds));
    expect(await countRowsPer(server, 'transitions', 'subject_id', { subject_id: contractIds, from_status: 'ACTIVE', to_status: 'FAILED' })).toEqual(oncePer(contractIds));
    expect(await countRowsPer(server, 'outbox_events', 'subject_id', { subject_id: jobIds, type: 'job.failed' })).toEqual(oncePer(jobIds));
    expect(await countRowsPer(server, 'outbox_events', 'subject_id', { subject_id: contractIds, type: 'contract.failed' })).toEqual(oncePer(contractIds));
    expect(await server.runtime.sweepJobs()).toBe(0);
  });
});
