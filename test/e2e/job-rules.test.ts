// Job rules of DOMAIN.md §2 end to end, through GraphQL on the real server: J1..J5 one by one, every
// completion outcome with its consequences in the same commit, and cancellation; refusals write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ActivateContractDocument,
  CancelJobDocument,
  CompleteJobDocument,
  GetJobDocument,
  RecordStepResultDocument,
  ReportCapabilityHealthDocument,
  StartJobDocument,
  type StepResultInput,
} from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { createContractAs, type ContractCallers } from '../support/contracts.js';
import { jobAndContractRows, writerTransaction } from '../support/job-rows.js';
import { activatedContract, completedJob, recordStep, runningJob, threeChanges } from '../support/jobs.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf, errorCode } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import type { GraphQLResponse, TestServer } from '../support/test-server.js';

type TerminalStatus = 'COMPLETED' | 'FAILED' | 'CANCELLED';

interface OutboxRow {
  type: string;
  subject_id: string;
  payload: { jobId?: string; status?: string };
  xid: string;
}

const completedStep = (stepIndex: number): StepResultInput => ({ stepIndex, status: 'COMPLETED' });

describe('job rules (DOMAIN.md §2)', () => {
  const world = useContractWorld();
  let server: TestServer;
  let callers: ContractCallers;
  beforeAll(() => {
    ({ server } = world);
    callers = world;
  });

  /** Sends a request that must be refused with `code`, writing no row anywhere and leaving the job and its contract as they were. */
  function expectRefusedWritingNothing(jobId: string, code: string, send: () => Promise<GraphQLResponse<unknown>>) {
    return expectRefusedWithoutWrites(server, code, send, () => jobAndContractRows(server, jobId));
  }

  /** Sends a step result that must be refused as BAD_USER_INPUT with exactly `reasons`, writing nothing. */
  async function expectStepResultRefused(jobId: string, input: StepResultInput, reasons: string[]) {
    const refused = await expectRefusedWritingNothing(jobId, 'BAD_USER_INPUT', () => server.gql(callers.operator, RecordStepResultDocument, { jobId, input }));
    expect(refused.extensions?.reasons).toEqual(reasons);
  }

  /** A one-step job driven into a terminal status through GraphQL. */
  async function terminalJob(status: TerminalStatus) {
    if (status === 'CANCELLED') {
      const { job } = await activatedContract(server, callers);
      return dataOf(await server.gql(callers.operator, CancelJobDocument, { id: job.id, reason: 'no longer needed' })).cancelJob;
    }
    if (status === 'COMPLETED') return completedJob(server, callers);
    const job = await runningJob(server, callers);
    return dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id })).completeJob;
  }

  /** The outbox events written by the commit that moved the job to `status`, in order. */
  async function eventsOfFinishingCommit(job: { id: string; contract: { id: string } }, status: TerminalStatus) {
    const events = await selectRows<OutboxRow>(server, 'outbox_events', { subject_id: [job.id, job.contract.id] });
    const finishing = events.filter((event) => event.type === `job.${status.toLowerCase()}`);
    expect(finishing).toHaveLength(1);
    return events.filter((event) => event.xid === finishing[0].xid);
  }

  /** Asserts the terminal commit appended job.<status> and audit.requested carrying the job id and status. */
  async function expectTerminalEvents(job: { id: string; contract: { id: string } }, status: TerminalStatus, contractFailed: boolean) {
    const events = await eventsOfFinishingCommit(job, status);
    const expectedTypes = [`job.${status.toLowerCase()}`, 'audit.requested', ...(contractFailed ? ['contract.failed'] : [])];
    expect(events.map((event) => event.type)).toEqual(expectedTypes);
    for (const event of events.slice(0, 2)) expect(event.payload).toMatchObject({ jobId: job.id, status });
  }

  describe('J1 no job without a contract', () => {
    it('creates a job only by activating an APPROVED contract, linked both ways', async () => {
      const eligible = await createContractAs(server, callers.operator);
      const jobsBefore = await countRows(server, 'jobs');
      expect(errorCode(await server.gql(callers.operator, ActivateContractDocument, { id: eligible.id }))).toBe('INVALID_TRANSITION');
      expect(await countRows(server, 'jobs')).toBe(jobsBefore);

      const { contract, job } = await activatedContract(server, callers);
      expect(job.contract.id).toBe(contract.id);
      expect(contract.job?.id).toBe(job.id);
      expect(await selectRows(server, 'jobs', { contract_id: contract.id })).toEqual([expect.objectContaining({ id: job.id })]);
      expect(await selectRows(server, 'contracts', { id: contract.id })).toEqual([expect.objectContaining({ job_id: job.id, status: 'ACTIVE' })]);
    });

    it('offers no other way to create a job: job mutations on an unknown id are NOT_FOUND and create nothing', async () => {
      const jobsBefore = await countRows(server, 'jobs');
      const unknown = 'job_00000000-0000-0000-0000-000000000000';
      const responses = [
        await server.gql(callers.operator, StartJobDocument, { id: unknown }),
        await server.gql(callers.operator, RecordStepResultDocument, { jobId: unknown, input: completedStep(0) }),
        await server.gql(callers.operator, CompleteJobDocument, { id: unknown }),
        await server.gql(callers.operator, CancelJobDocument, { id: unknown, reason: 'stop' }),
      ];
      expect(responses.map(errorCode)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
      expect(await countRows(server, 'jobs')).toBe(jobsBefore);
      const schema = await server.gql<{ __schema: { mutationType: { fields: { name: string; type: { ofType: { name: string } | null } }[] } } }, object>(
        callers.operator,
        '{ __schema { mutationType { fields { name type { ofType { name } } } } } }',
      );
      const returningJobs = dataOf(schema)
        .__schema.mutationType.fields.filter((field) => ['Job', 'ActivationResult'].includes(field.type.ofType?.name ?? ''))
        .map((field) => field.name);
      expect(returningJobs.sort()).toEqual(['activateContract', 'cancelJob', 'completeJob', 'recordStepResult', 'startJob']);
    });

    it('never creates a second job for a contract: ACTIVE → INVALID_TRANSITION, FAILED → IMMUTABLE', async () => {
      const { contract, job } = await activatedContract(server, callers);
      const again = await expectRefusedWritingNothing(job.id, 'INVALID_TRANSITION', () => server.gql(callers.operator, ActivateContractDocument, { id: contract.id }));
      expect(again.extensions).toMatchObject({ from: 'ACTIVE', to: 'ACTIVE' });
      await server.gql(callers.operator, CancelJobDocument, { id: job.id, reason: 'abandoned' });
      await expectRefusedWritingNothing(job.id, 'IMMUTABLE', () => server.gql(callers.operator, ActivateContractDocument, { id: contract.id, idempotencyKey: 'fresh-key' }));
      expect(await countRows(server, 'jobs', { contract_id: contract.id })).toBe(1);
    });

    it('keeps every stored job tied to an existing contract that points back at it', async () => {
      await activatedContract(server, callers);
      const untied: { count: string }[] = await server.database.dataSource.query(
        `SELECT count(*) AS count FROM jobs j LEFT JOIN contracts c ON c.id = j.contract_id AND c.job_id = j.id AND c.tenant_id = j.tenant_id WHERE c.id IS NULL`,
      );
      expect(await countRows(server, 'jobs')).toBeGreaterThan(0);
      expect(Number(untied[0].count)).toBe(0);
    });

    it('has the database refuse an orphan job and a second job for one contract', async () => {
      const { contract } = await activatedContract(server, callers);
      const insertJob = (id: string, contractId: string) =>
        server.database.dataSource.query(
          `INSERT INTO jobs (id, tenant_id, contract_id, version, status, steps, current_step_index, total_steps, created_by, created_at, timeout_at)
           VALUES ($1, 'default', $2, 1, 'PENDING', '[]', 0, 0, 'olga', now(), now())`,
          [id, contractId],
        );
      await expect(insertJob('job_orphan', 'ctr_does_not_exist')).rejects.toThrow(/foreign key/);
      await expect(insertJob('job_second', contract.id)).rejects.toThrow(/unique/);
      expect(await countRows(server, 'jobs', { id: ['job_orphan', 'job_second'] })).toBe(0);
    });
  });

  describe('J2 steps are reported in order', () => {
    it('refuses a result for any step but the current one with BAD_USER_INPUT naming the expected index, writing nothing', async () => {
      const job = await runningJob(server, callers, threeChanges);
      for (const stepIndex of [1, 2, -1]) await expectStepResultRefused(job.id, completedStep(stepIndex), [`stepIndex must be 0 (the current step), got ${stepIndex}`]);
      await recordStep(server, callers, job.id, completedStep(0));
      await expectStepResultRefused(job.id, completedStep(2), ['stepIndex must be 1 (the current step), got 2']);
    });

    it('advances currentStepIndex by exactly one per recorded result', async () => {
      const job = await runningJob(server, callers, threeChanges);
      expect(job.currentStepIndex).toBe(0);
      for (const stepIndex of [0, 1, 2]) {
        const advanced = await recordStep(server, callers, job.id, completedStep(stepIndex));
        expect(advanced.currentStepIndex).toBe(stepIndex + 1);
        expect(advanced.progress).toEqual({ currentStep: stepIndex + 1, totalSteps: 3, completedSteps: stepIndex + 1, failedSteps: 0 });
        expect(await countRows(server, 'step_results', { job_id: job.id })).toBe(stepIndex + 1);
      }
    });

    it('refuses a duplicate result for an already-recorded step and keeps the first', async () => {
      const job = await runningJob(server, callers, threeChanges);
      await recordStep(server, callers, job.id, { stepIndex: 0, status: 'COMPLETED', output: { first: true } });
      await expectStepResultRefused(job.id, { stepIndex: 0, status: 'FAILED', error: 'second report' }, ['stepIndex must be 1 (the current step), got 0']);
      expect(await selectRows(server, 'step_results', { job_id: job.id })).toEqual([expect.objectContaining({ step_index: 0, status: 'COMPLETED', output: { first: true } })]);
    });

    it('refuses recording on a PENDING job with INVALID_TRANSITION', async () => {
      const { job } = await activatedContract(server, callers);
      await expectRefusedWritingNothing(job.id, 'INVALID_TRANSITION', () => server.gql(callers.operator, RecordStepResultDocument, { jobId: job.id, input: completedStep(0) }));
    });

    it('refuses a result after every step has one', async () => {
      const job = await runningJob(server, callers);
      await recordStep(server, callers, job.id, completedStep(0));
      await expectStepResultRefused(job.id, completedStep(1), ['all 1 steps already have results']);
    });

    it('records an executor retry with the same idempotencyKey once and answers it the same', async () => {
      const job = await runningJob(server, callers, threeChanges);
      const send = () => server.gql(callers.operator, RecordStepResultDocument, { jobId: job.id, input: { stepIndex: 0, status: 'COMPLETED', output: { n: 1 } }, idempotencyKey: 'exec-retry-1' });
      const first = dataOf(await send()).recordStepResult;
      const retry = dataOf(await send()).recordStepResult;
      expect(retry).toEqual(first);
      expect(first.currentStepIndex).toBe(1);
      expect(await countRows(server, 'step_results', { job_id: job.id })).toBe(1);
      expect(await countRows(server, 'outbox_events', { subject_id: job.id, type: 'job.step_recorded' })).toBe(1);
    });

    it('records concurrent retries with one idempotencyKey once', async () => {
      const job = await runningJob(server, callers, threeChanges);
      const input = { stepIndex: 0, status: 'COMPLETED' as const, output: { n: 2 } };
      const responses = await Promise.all(Array.from({ length: 8 }, () => server.gql(callers.operator, RecordStepResultDocument, { jobId: job.id, input, idempotencyKey: 'exec-retry-2' })));
      const answers = responses.map((response) => dataOf(response).recordStepResult);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(await countRows(server, 'step_results', { job_id: job.id })).toBe(1);
    });

    it('refuses the same idempotencyKey with a different input as IDEMPOTENCY_MISMATCH', async () => {
      const job = await runningJob(server, callers, threeChanges);
      await server.gql(callers.operator, RecordStepResultDocument, { jobId: job.id, input: completedStep(0), idempotencyKey: 'exec-retry-3' });
      await expectRefusedWritingNothing(job.id, 'IDEMPOTENCY_MISMATCH', () =>
        server.gql(callers.operator, RecordStepResultDocument, { jobId: job.id, input: completedStep(1), idempotencyKey: 'exec-retry-3' }),
      );
    });
  });

  describe('J3 terminal jobs are immutable', () => {
    it.each(['COMPLETED', 'FAILED', 'CANCELLED'] as const)('refuses every job change on a %s job with IMMUTABLE, writing nothing', async (status) => {
      const job = await terminalJob(status);
      expect(job.status).toBe(status);
      const changes = [
        () => server.gql(callers.operator, StartJobDocument, { id: job.id }),
        () => server.gql(callers.operator, RecordStepResultDocument, { jobId: job.id, input: completedStep(job.currentStepIndex) }),
        () => server.gql(callers.operator, CompleteJobDocument, { id: job.id }),
        () => server.gql(callers.operator, CancelJobDocument, { id: job.id, reason: 'too late' }),
      ];
      for (const change of changes) {
        const refused = await expectRefusedWritingNothing(job.id, 'IMMUTABLE', change);
        expect(refused.extensions).toMatchObject({ status });
      }
    });
  });

  it('J4 keeps every field of every step result as evidence, in the job and in its audit evidence', async () => {
    const job = await runningJob(server, callers, threeChanges);
    const reported: StepResultInput[] = [
      {
        stepIndex: 0,
        status: 'COMPLETED',
        startedAt: '2026-01-01T00:00:01.250Z',
        completedAt: '2026-01-01T00:00:02.500Z',
        output: { enabled: 'summariser', checks: [1, 'two', null, true, { deep: { er: 0.5 } }] },
        error: null,
        healthAfter: { summariser: { status: 'HEALTHY', p99Ms: 130 } },
      },
      { stepIndex: 1, status: 'SKIPPED', startedAt: null, completedAt: null, output: 'already at 2000', error: 'nothing to change', healthAfter: null },
      {
        stepIndex: 2,
        status: 'FAILED',
        startedAt: '2026-01-01T00:00:03.000Z',
        completedAt: '2026-01-01T00:00:03.000Z',
        output: [{ attempt: 1 }, { attempt: 2 }],
        error: 'quota exceeded: 429 from provider',
        healthAfter: { summariser: { status: 'UNHEALTHY' } },
      },
    ];
    for (const input of reported) await recordStep(server, callers, job.id, input);
    const stored = dataOf(await server.gql(callers.operator, GetJobDocument, { id: job.id })).job;
    expect(stored?.stepResults).toEqual(reported);

    const completed = dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id })).completeJob;
    expect(completed.stepResults).toEqual(reported);
    expect(completed.progress).toEqual({ currentStep: 3, totalSteps: 3, completedSteps: 1, failedSteps: 1 });
    expect(completed.auditEvidence).toMatchObject({ results: reported, healthAfter: reported[2].healthAfter, healthBefore: job.healthBefore });
    expect((completed.auditEvidence as { steps: unknown }).steps).toEqual(job.steps);
  });

  it('J5 captures healthBefore at activation from the health registry and running jobs; later reports never edit it', async () => {
    const tenant = { operator: await server.key('operator', 'olga', 'j5'), approver: await server.key('approver', 'april', 'j5') };
    const firstReportAt = server.clock.now().toISOString();
    await server.gql(tenant.operator, ReportCapabilityHealthDocument, { capability: 'summariser', status: 'HEALTHY', details: { p99Ms: 120 } });
    await server.gql(tenant.operator, ReportCapabilityHealthDocument, { capability: 'translator', status: 'DEGRADED' });
    await runningJob(server, tenant);
    server.clock.advance(60_000);
    const { job } = await activatedContract(server, tenant, threeChanges);
    const snapshot = {
      capturedAt: server.clock.now().toISOString(),
      runningJobs: 1,
      capabilities: {
        summariser: { status: 'HEALTHY', details: { p99Ms: 120 }, reportedAt: firstReportAt },
        translator: { status: 'DEGRADED', details: null, reportedAt: firstReportAt },
      },
    };
    expect(job.healthBefore).toEqual(snapshot);
    expect(job.healthAfter).toBeNull();

    server.clock.advance(60_000);
    await server.gql(tenant.operator, ReportCapabilityHealthDocument, { capability: 'summariser', status: 'UNHEALTHY', details: { p99Ms: 9000 } });
    await server.gql(tenant.operator, ReportCapabilityHealthDocument, { capability: 'ranker', status: 'HEALTHY' });
    await server.gql(tenant.operator, StartJobDocument, { id: job.id });
    for (const stepIndex of [0, 1, 2]) await recordStep(server, tenant, job.id, { stepIndex, status: 'COMPLETED', healthAfter: { afterStep: stepIndex } });
    const completed = dataOf(await server.gql(tenant.operator, CompleteJobDocument, { id: job.id })).completeJob;

    expect(completed.healthBefore).toEqual(snapshot);
    expect(await selectRows(server, 'jobs', { id: job.id })).toEqual([expect.objectContaining({ health_before: snapshot, health_after: { afterStep: 2 } })]);
    expect(completed.healthAfter).toEqual({ afterStep: 2 });
    expect(completed.auditEvidence).toMatchObject({ healthBefore: snapshot, healthAfter: { afterStep: 2 } });
    const later = await activatedContract(server, tenant);
    expect(later.job.healthBefore).toMatchObject({ runningJobs: 1, capabilities: { summariser: { status: 'UNHEALTHY' }, ranker: { status: 'HEALTHY' } } });
  });

  describe('completion derives the outcome from the evidence', () => {
    const failedStep: StepResultInput = { stepIndex: 1, status: 'FAILED', error: 'config store unreachable' };
    const outcomes = [
      { name: 'no results', results: [], status: 'FAILED', reason: 'no step results', contractStatus: 'FAILED', completedSteps: 0, failedSteps: 0 },
      { name: 'a failed step', results: [completedStep(0), failedStep], status: 'FAILED', reason: 'step 1 failed', contractStatus: 'FAILED', completedSteps: 1, failedSteps: 1 },
      { name: 'partial', results: [completedStep(0)], status: 'FAILED', reason: 'only 1/3 steps completed', contractStatus: 'FAILED', completedSteps: 1, failedSteps: 0 },
      { name: 'all done', results: [0, 1, 2].map(completedStep), status: 'COMPLETED', reason: 'all 3 steps completed', contractStatus: 'ACTIVE', completedSteps: 3, failedSteps: 0 },
    ] as const;

    it.each(outcomes)('$name → $status "$reason"; contract $contractStatus, audit still PENDING', async ({ results, status, reason, contractStatus, completedSteps, failedSteps }) => {
      const job = await runningJob(server, callers, threeChanges);
      for (const result of results) await recordStep(server, callers, job.id, result);
      const finished = dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id })).completeJob;
      expect(finished).toMatchObject({ status, statusReason: reason, progress: { currentStep: results.length, totalSteps: 3, completedSteps, failedSteps } });
      // A failed job fails its contract with a reason naming the job outcome; a completed one leaves it ACTIVE as activated.
      const contractReason = contractStatus === 'FAILED' ? `job failed: ${reason}` : job.contract.statusReason;
      expect(finished.contract).toEqual({ id: job.contract.id, status: contractStatus, statusReason: contractReason, auditVerdict: 'PENDING' });
      await expectTerminalEvents(finished, status, contractStatus === 'FAILED');
    });
  });

  describe('cancelJob', () => {
    it.each(['PENDING', 'RUNNING'] as const)('cancels a %s job and fails its contract in the same commit', async (from) => {
      const { job: pending } = await activatedContract(server, callers, threeChanges);
      if (from === 'RUNNING') await server.gql(callers.operator, StartJobDocument, { id: pending.id });
      const cancelled = dataOf(await server.gql(callers.operator, CancelJobDocument, { id: pending.id, reason: 'maintenance window moved' })).cancelJob;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', statusReason: 'cancelled by olga: maintenance window moved' });
      expect(cancelled.transitions.at(-1)).toMatchObject({ fromStatus: from, toStatus: 'CANCELLED', actor: 'olga' });
      expect(cancelled.contract).toMatchObject({ status: 'FAILED', statusReason: 'job cancelled: cancelled by olga: maintenance window moved', auditVerdict: 'PENDING' });
      expect(await writerTransaction(server, 'contracts', cancelled.contract.id)).toBe(await writerTransaction(server, 'jobs', cancelled.id));
      await expectTerminalEvents(cancelled, 'CANCELLED', true);
    });
  });
});
