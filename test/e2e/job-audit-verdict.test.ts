// recordAuditVerdict over GraphQL: only an approver or admin, only for an ACTIVE contract whose job
// COMPLETED; PASS completes the contract (C4), FAIL and INCONCLUSIVE fail it; a decided contract is immutable.
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelJobDocument, GetContractDocument, GetJobDocument, RecordAuditVerdictDocument, type AuditVerdict, type RecordAuditVerdictMutationVariables } from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { activatedContract, completedJob, runningJobWithEveryStepDone } from '../support/jobs.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';

const MINUTE = 60_000;

describe('recordAuditVerdict', () => {
  const world = useContractWorld();
  const keys = {} as Record<'admin' | 'viewer', string>;
  beforeAll(async () => {
    keys.admin = await world.server.key('admin', 'ada');
    keys.viewer = await world.server.key('viewer', 'vic');
  });

  const storedContract = async (id: string) => dataOf(await world.server.gql(world.operator, GetContractDocument, { id })).contract;

  /** Sends the verdict with `key`, expects `code`, and checks that nothing was written or changed. */
  function expectVerdictRefused(variables: RecordAuditVerdictMutationVariables, code: string, key = world.approver) {
    return expectRefusedWithoutWrites(world.server, code, () => world.server.gql(key, RecordAuditVerdictDocument, variables), () => storedContract(String(variables.contractId)));
  }

  it.each(['operator', 'viewer'] as const)('refuses the %s role with FORBIDDEN', async (role) => {
    const job = await completedJob(world.server, world);
    const key = role === 'operator' ? world.operator : keys.viewer;
    await expectVerdictRefused({ contractId: job.contract.id, verdict: 'PASS', reason: 'self-approved' }, 'FORBIDDEN', key);
    expect(await storedContract(job.contract.id)).toMatchObject({ status: 'ACTIVE', auditVerdict: 'PENDING' });
  });

  describe('on an ACTIVE contract whose job is not COMPLETED', () => {
    it.each<{ jobStatus: string; verdict: AuditVerdict }>([
      { jobStatus: 'PENDING', verdict: 'PASS' },
      { jobStatus: 'PENDING', verdict: 'FAIL' },
      { jobStatus: 'RUNNING', verdict: 'PASS' },
      { jobStatus: 'RUNNING', verdict: 'INCONCLUSIVE' },
    ])('refuses $verdict while the job is $jobStatus with INVALID_TRANSITION', async ({ jobStatus, verdict }) => {
      const job = jobStatus === 'PENDING' ? (await activatedContract(world.server, world)).job : await runningJobWithEveryStepDone(world.server, world);
      expect(job.status).toBe(jobStatus);
      const error = await expectVerdictRefused({ contractId: job.contract.id, verdict, reason: 'too early' }, 'INVALID_TRANSITION');
      expect(error.message).toContain(`job is ${jobStatus}`);
    });
  });

  it('refuses a verdict on a contract that failed with its cancelled job with IMMUTABLE', async () => {
    const { job } = await activatedContract(world.server, world);
    dataOf(await world.server.gql(world.operator, CancelJobDocument, { id: job.id, reason: 'abandoned' }));
    await expectVerdictRefused({ contractId: job.contract.id, verdict: 'PASS', reason: 'after all' }, 'IMMUTABLE');
  });

  it.each(['FAIL', 'INCONCLUSIVE'] as const)('%s fails the contract and records the verdict, its reason and its time', async (verdict) => {
    const { server } = world;
    const job = await completedJob(server, world);
    server.clock.advance(5 * MINUTE);
    const reason = `error rate doubled (${verdict})`;

    const decided = dataOf(await server.gql(world.approver, RecordAuditVerdictDocument, { contractId: job.contract.id, verdict, reason })).recordAuditVerdict;

    expect(decided).toMatchObject({ status: 'FAILED', statusReason: `audit ${verdict}: ${reason}`, auditVerdict: verdict, auditReason: reason, auditCompletedAt: server.clock.now().toISOString() });
    expect(decided.transitions.at(-1)).toEqual({ fromStatus: 'ACTIVE', toStatus: 'FAILED', reason: `audit ${verdict}: ${reason}`, actor: 'april' });
    expect(await storedContract(job.contract.id)).toMatchObject({ status: 'FAILED', auditVerdict: verdict, version: decided.version });
    expect(await selectRows(server, 'outbox_events', { subject_id: job.contract.id, type: 'contract.failed' })).toEqual([expect.objectContaining({ actor: 'april' })]);
    const jobAfter = dataOf(await server.gql(world.operator, GetJobDocument, { id: job.id })).job;
    expect(jobAfter).toMatchObject({ status: 'COMPLETED', version: job.version });
  });

  it('PASS (by an admin) completes the contract; any later verdict is IMMUTABLE and writes nothing', async () => {
    const { server } = world;
    const job = await completedJob(server, world);
    const contractId = job.contract.id;

    const passed = dataOf(await server.gql(keys.admin, RecordAuditVerdictDocument, { contractId, verdict: 'PASS', reason: 'metrics nominal' })).recordAuditVerdict;
    expect(passed).toMatchObject({ status: 'COMPLETED', auditVerdict: 'PASS', auditReason: 'metrics nominal', auditCompletedAt: server.clock.now().toISOString() });
    expect(passed.transitions.at(-1)).toMatchObject({ fromStatus: 'ACTIVE', toStatus: 'COMPLETED', actor: 'ada' });

    await expectVerdictRefused({ contractId, verdict: 'PASS', reason: 'metrics nominal' }, 'IMMUTABLE');
    await expectVerdictRefused({ contractId, verdict: 'FAIL', reason: 'second thoughts' }, 'IMMUTABLE', keys.admin);
    expect(await countRows(server, 'transitions', { subject_id: contractId, from_status: 'ACTIVE' })).toBe(1);
  });
});
