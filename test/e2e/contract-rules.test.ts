// Contract rules of DOMAIN.md §1 end to end, through GraphQL on the real server: what creation and
// approval record, C1..C7 one by one, and the un-overridable MAY_NOT verdict; every refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApproveContractDocument,
  CreateContractDocument,
  GetContractDocument,
  RecordAuditVerdictDocument,
  RejectContractDocument,
  type CreateContractInput,
  type ProposedChangeInput,
} from '../generated/graphql.js';
import { approveContractAs, createContractAs } from '../support/contracts.js';
import { proposal } from '../support/fixtures.js';
import { writerTransaction } from '../support/job-rows.js';
import { activatedContract, completedJob } from '../support/jobs.js';
import { tableRowCounts } from '../support/table-counts.js';
import { dataOf, errorCode } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/test-server.js';

const HOUR = 3_600_000;

/** A proposal whose validator gave `confidenceScore`. */
function scoredProposal(confidenceScore: number, overrides: Partial<CreateContractInput> = {}): CreateContractInput {
  return proposal({ validatorVerdict: { ...proposal().validatorVerdict, confidenceScore }, ...overrides });
}

/** A proposal the eligibility rules refused. */
function mayNotProposal(overrides: Partial<CreateContractInput> = {}): CreateContractInput {
  return proposal({ eligibilityVerdict: { decision: 'MAY_NOT', reason: 'blocked by policy P9', blockingSignals: ['P9'], rulesVersion: 'r7' }, ...overrides });
}

/** Shape violations per kind (C6), each with the one reason the server must give. */
const malformedChanges: { name: string; change: ProposedChangeInput; reason: string }[] = [
  {
    name: 'CAPABILITY_ENABLE without capabilityName',
    change: { type: 'CAPABILITY_ENABLE', targetLifecycle: 'PREVIEW' },
    reason: 'proposedChanges[0] (CAPABILITY_ENABLE): capabilityName is required',
  },
  {
    name: 'CAPABILITY_ENABLE into an unknown lifecycle',
    change: { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'GA' },
    reason: 'proposedChanges[0] (CAPABILITY_ENABLE): targetLifecycle must be one of PREVIEW, LAUNCHED, DEPRECATED',
  },
  {
    name: 'CAPABILITY_DISABLE without reason',
    change: { type: 'CAPABILITY_DISABLE', capabilityName: 'summariser' },
    reason: 'proposedChanges[0] (CAPABILITY_DISABLE): reason is required',
  },
  {
    name: 'CAPABILITY_DISABLE with a foreign key field',
    change: { type: 'CAPABILITY_DISABLE', capabilityName: 'summariser', reason: 'cost spike', key: 'max_tokens' },
    reason: 'proposedChanges[0] (CAPABILITY_DISABLE): field key does not belong to this kind',
  },
  {
    name: 'CONFIGURATION_UPDATE without newValue',
    change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'max_tokens' },
    reason: 'proposedChanges[0] (CONFIGURATION_UPDATE): newValue is required',
  },
  {
    name: 'CONFIGURATION_UPDATE with a blank key',
    change: { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: '  ', newValue: 2000 },
    reason: 'proposedChanges[0] (CONFIGURATION_UPDATE): key must be a non-blank string',
  },
  {
    name: 'PARAMETER_CHANGE without parameters',
    change: { type: 'PARAMETER_CHANGE', scope: 'summariser' },
    reason: 'proposedChanges[0] (PARAMETER_CHANGE): parameters is required',
  },
  {
    name: 'PARAMETER_CHANGE with empty parameters',
    change: { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: {} },
    reason: 'proposedChanges[0] (PARAMETER_CHANGE): parameters must be a non-empty object',
  },
  {
    name: 'PARAMETER_CHANGE with array parameters',
    change: { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: [{ temperature: 0.2 }] },
    reason: 'proposedChanges[0] (PARAMETER_CHANGE): parameters must be a non-empty object',
  },
];

describe('contract rules (DOMAIN.md §1)', () => {
  let server: TestServer;
  let operator: string;
  let approver: string;
  let secondApprover: string;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startTestServer();
    operator = await server.key('operator', 'olga');
    approver = await server.key('approver', 'ann');
    secondApprover = await server.key('approver', 'alex');
    admin = await server.key('admin', 'ada');
    viewer = await server.key('viewer', 'vic');
  });
  afterAll(() => server.close());

  async function contractNow(id: string) {
    const contract = dataOf(await server.gql(viewer, GetContractDocument, { id })).contract;
    if (!contract) throw new Error(`contract ${id} not found`);
    return contract;
  }

  /** Expects `attempt` refused with `code`, no row written anywhere and the contract (if named) untouched. */
  async function expectRefusedWithoutTrace(code: string, attempt: () => Promise<GraphQLResponse<unknown>>, contractId?: string) {
    const rowsBefore = await tableRowCounts(server);
    const contractBefore = contractId ? await contractNow(contractId) : null;
    const response = await attempt();
    expect(errorCode(response), JSON.stringify(response.errors)).toBe(code);
    expect(response.data ?? null).toBeNull();
    expect(await tableRowCounts(server)).toEqual(rowsBefore);
    if (contractId) expect(await contractNow(contractId)).toEqual(contractBefore);
    return response;
  }

  /** Expects the database to refuse `sql` with a violation (23514) of check constraint `constraint`. */
  async function expectCheckViolation(constraint: string, sql: string, params: unknown[]) {
    await expect(server.database.dataSource.query(sql, params)).rejects.toMatchObject({ code: '23514', constraint });
  }

  function reasonsOf(response: GraphQLResponse<unknown>): unknown {
    return response.errors?.[0]?.extensions?.reasons;
  }

  describe('creation and approval records', () => {
    it('creation lands ELIGIBLE with history NONE → DRAFT → VALIDATED → ELIGIBLE, expiresAt now + 72 h and a contract.created event', async () => {
      const now = server.clock.now().getTime();
      const created = await createContractAs(server, operator, { issueId: 'ISSUE-CREATE' });
      expect(created).toMatchObject({ status: 'ELIGIBLE', version: 1, createdBy: 'olga', approvedBy: null, approvedAt: null, auditVerdict: 'PENDING' });
      expect(new Date(created.expiresAt!).getTime()).toBe(now + 72 * HOUR);
      expect(created.transitions.map(({ fromStatus, toStatus, actor }) => ({ fromStatus, toStatus, actor }))).toEqual([
        { fromStatus: 'NONE', toStatus: 'DRAFT', actor: 'olga' },
        { fromStatus: 'DRAFT', toStatus: 'VALIDATED', actor: 'olga' },
        { fromStatus: 'VALIDATED', toStatus: 'ELIGIBLE', actor: 'olga' },
      ]);
      expect(created.transitions.map((transition) => new Date(transition.at).getTime())).toEqual([now, now, now]);
      const events = await selectRows<{ type: string; actor: string; payload: unknown }>(server, 'outbox_events', { subject_id: created.id });
      expect(events.map(({ type, actor, payload }) => ({ type, actor, payload }))).toEqual([
        {
          type: 'contract.created',
          actor: 'olga',
          payload: { contractId: created.id, fromStatus: 'NONE', status: 'ELIGIBLE', version: 1, contract: expect.objectContaining({ id: created.id, status: 'ELIGIBLE', version: 1, createdBy: 'olga' }) },
        },
      ]);
    });

    it('approval writes exactly one transition and a contract.approved event', async () => {
      const created = await createContractAs(server, operator);
      const transitionsBefore = await countRows(server, 'transitions');
      const approved = await approveContractAs(server, approver, created.id);
      expect(approved).toMatchObject({ status: 'APPROVED', version: 2 });
      expect(await countRows(server, 'transitions')).toBe(transitionsBefore + 1);
      expect(approved.transitions).toHaveLength(4);
      expect(approved.transitions[3]).toMatchObject({ fromStatus: 'ELIGIBLE', toStatus: 'APPROVED', actor: 'ann', reason: 'approved by ann' });
      const events = await selectRows<{ type: string; actor: string; payload: unknown }>(server, 'outbox_events', { subject_id: created.id });
      expect(events.map((event) => event.type)).toEqual(['contract.created', 'contract.approved']);
      expect(events[1]).toMatchObject({ actor: 'ann', payload: { contractId: created.id, fromStatus: 'ELIGIBLE', status: 'APPROVED', version: 2 } });
    });

    it('approval with a stale expectedVersion is a CONFLICT and changes nothing; the current version is accepted', async () => {
      const { id } = await createContractAs(server, operator);
      const response = await expectRefusedWithoutTrace('CONFLICT', () => server.gql(approver, ApproveContractDocument, { id, input: { expectedVersion: 2 } }), id);
      expect(response.errors?.[0]?.extensions?.currentVersion).toBe(1);
      expect((await approveContractAs(server, approver, id, { expectedVersion: 1 })).version).toBe(2);
    });
  });

  it('C1 moves outside the transition table are INVALID_TRANSITION and leave the history unchanged', async () => {
    const { id } = await createContractAs(server, operator);
    await approveContractAs(server, approver, id);
    const again = await expectRefusedWithoutTrace('INVALID_TRANSITION', () => server.gql(secondApprover, ApproveContractDocument, { id }), id);
    expect(again.errors?.[0]?.extensions).toMatchObject({ from: 'APPROVED', to: 'APPROVED' });
    const reject = await expectRefusedWithoutTrace('INVALID_TRANSITION', () => server.gql(secondApprover, RejectContractDocument, { id, reason: 'changed my mind' }), id);
    expect(reject.errors?.[0]?.extensions).toMatchObject({ from: 'APPROVED', to: 'REJECTED' });
    expect((await contractNow(id)).transitions.map((transition) => transition.toStatus)).toEqual(['DRAFT', 'VALIDATED', 'ELIGIBLE', 'APPROVED']);
  });

  describe('C2 approval and separation of duties', () => {
    it('C2 operator and viewer roles cannot approve (FORBIDDEN, nothing changed)', async () => {
      const { id } = await createContractAs(server, operator);
      await expectRefusedWithoutTrace('FORBIDDEN', () => server.gql(operator, ApproveContractDocument, { id }), id);
      await expectRefusedWithoutTrace('FORBIDDEN', () => server.gql(viewer, ApproveContractDocument, { id }), id);
    });

    it('C2 the creator can never approve their own contract, even as admin or with an approver key', async () => {
      const byAdmin = await createContractAs(server, admin);
      expect(byAdmin.createdBy).toBe('ada');
      const adaSecondKey = await server.key('admin', 'ada');
      for (const key of [admin, adaSecondKey]) {
        const response = await expectRefusedWithoutTrace('FORBIDDEN', () => server.gql(key, ApproveContractDocument, { id: byAdmin.id }), byAdmin.id);
        expect(response.errors?.[0]?.message).toContain('Separation of duties');
      }
      const byOperator = await createContractAs(server, operator);
      const olgaAsApprover = await server.key('approver', 'olga');
      await expectRefusedWithoutTrace('FORBIDDEN', () => server.gql(olgaAsApprover, ApproveContractDocument, { id: byOperator.id }), byOperator.id);
      const otherAdmin = await server.key('admin', 'adele');
      expect(await approveContractAs(server, otherAdmin, byAdmin.id)).toMatchObject({ status: 'APPROVED', approvedBy: 'adele', createdBy: 'ada' });
    });

    it('C2 approval records approver and instant and opens a 24 h activation window by default', async () => {
      const { id } = await createContractAs(server, operator);
      const now = server.clock.now().getTime();
      const approved = await approveContractAs(server, approver, id);
      expect(approved.approvedBy).toBe('ann');
      expect(new Date(approved.approvedAt!).getTime()).toBe(now);
      expect(new Date(approved.activationWindowStart!).getTime()).toBe(now);
      expect(new Date(approved.activationWindowEnd!).getTime()).toBe(now + 24 * HOUR);
    });

    it.each([1, 168])('C2 a custom activation window of %s h is honoured', async (activationWindowHours) => {
      const { id } = await createContractAs(server, operator);
      const now = server.clock.now().getTime();
      const approved = await approveContractAs(server, approver, id, { activationWindowHours, executionConstraints: { maxRequestsPerMinute: 5 } });
      expect(new Date(approved.activationWindowEnd!).getTime()).toBe(now + activationWindowHours * HOUR);
      expect(approved.executionConstraints).toEqual({ maxRequestsPerMinute: 5 });
    });

    it.each([0, 169])('C2 an activation window of %s h is BAD_USER_INPUT with nothing changed', async (activationWindowHours) => {
      const { id } = await createContractAs(server, operator);
      const response = await expectRefusedWithoutTrace('BAD_USER_INPUT', () => server.gql(approver, ApproveContractDocument, { id, input: { activationWindowHours } }), id);
      expect(reasonsOf(response)).toEqual(['activationWindowHours must be an integer in 1..168']);
    });
  });

  describe('C3 ACTIVE requires its job, created in the same commit', () => {
    it('C3 approval alone never makes a contract ACTIVE, whatever the sweepers do', async () => {
      const { id } = await createContractAs(server, operator);
      await approveContractAs(server, approver, id);
      await server.runtime.sweepContracts();
      await server.runtime.sweepJobs();
      expect((await contractNow(id)).status).toBe('APPROVED');
      expect(await selectRows(server, 'contracts', { id })).toEqual([expect.objectContaining({ status: 'APPROVED', job_id: null })]);
      expect(await countRows(server, 'jobs', { contract_id: id })).toBe(0);
    });

    it('C3 activation makes the contract ACTIVE together with its job: rows that name each other, written by one transaction', async () => {
      const { contract, job } = await activatedContract(server, { operator, approver });
      expect(contract).toMatchObject({ status: 'ACTIVE', job: { id: job.id } });
      expect(await contractNow(contract.id)).toMatchObject({ status: 'ACTIVE', version: 3 });
      expect(await selectRows(server, 'jobs', { contract_id: contract.id })).toEqual([expect.objectContaining({ id: job.id, contract_id: contract.id })]);
      expect(await selectRows(server, 'contracts', { id: contract.id })).toEqual([expect.objectContaining({ status: 'ACTIVE', job_id: job.id })]);
      expect(await writerTransaction(server, 'contracts', contract.id)).toBe(await writerTransaction(server, 'jobs', job.id));
    });

    it('C3 the database itself refuses ACTIVE without a job (check constraint)', async () => {
      const { id } = await createContractAs(server, operator);
      await approveContractAs(server, approver, id);
      await expectCheckViolation('active_requires_job', `UPDATE contracts SET status = 'ACTIVE' WHERE id = $1`, [id]);
      expect(await selectRows(server, 'contracts', { id })).toEqual([expect.objectContaining({ status: 'APPROVED', job_id: null })]);

      const { contract, job } = await activatedContract(server, { operator, approver });
      await expectCheckViolation('active_requires_job', `UPDATE contracts SET job_id = NULL WHERE id = $1`, [contract.id]);
      expect(await selectRows(server, 'contracts', { id: contract.id })).toEqual([expect.objectContaining({ status: 'ACTIVE', job_id: job.id })]);
    });
  });

  describe('C4 COMPLETED requires auditVerdict PASS', () => {
    /** An ACTIVE contract whose job COMPLETED, awaiting its audit verdict; returns the contract's id. */
    async function contractAwaitingAudit() {
      const job = await completedJob(server, { operator, approver });
      expect(job.status).toBe('COMPLETED');
      expect(await contractNow(job.contract.id)).toMatchObject({ status: 'ACTIVE', auditVerdict: 'PENDING' });
      return job.contract.id;
    }

    it.each(['FAIL', 'INCONCLUSIVE'] as const)('C4 audit %s never makes the contract COMPLETED: it FAILS, and a later PASS is IMMUTABLE', async (verdict) => {
      const contractId = await contractAwaitingAudit();
      const decided = dataOf(await server.gql(approver, RecordAuditVerdictDocument, { contractId, verdict, reason: 'error rate doubled' })).recordAuditVerdict;
      expect(decided).toMatchObject({ status: 'FAILED', auditVerdict: verdict });
      await expectRefusedWithoutTrace('IMMUTABLE', () => server.gql(secondApprover, RecordAuditVerdictDocument, { contractId, verdict: 'PASS', reason: 'second opinion' }), contractId);
      expect(await contractNow(contractId)).toMatchObject({ status: 'FAILED', auditVerdict: verdict });
      expect(await countRows(server, 'transitions', { subject_id: contractId, to_status: 'COMPLETED' })).toBe(0);
    });

    it('C4 audit PASS makes the contract COMPLETED', async () => {
      const contractId = await contractAwaitingAudit();
      const passed = dataOf(await server.gql(approver, RecordAuditVerdictDocument, { contractId, verdict: 'PASS', reason: 'metrics nominal' })).recordAuditVerdict;
      expect(passed).toMatchObject({ status: 'COMPLETED', auditVerdict: 'PASS' });
      expect(await selectRows(server, 'contracts', { id: contractId })).toEqual([expect.objectContaining({ status: 'COMPLETED', audit_verdict: 'PASS' })]);
    });

    it('C4 the database itself refuses COMPLETED without PASS (check constraint)', async () => {
      const contractId = await contractAwaitingAudit();
      await expectCheckViolation('completed_requires_audit_pass', `UPDATE contracts SET status = 'COMPLETED' WHERE id = $1`, [contractId]);
      for (const verdict of ['FAIL', 'INCONCLUSIVE']) {
        await expectCheckViolation('completed_requires_audit_pass', `UPDATE contracts SET status = 'COMPLETED', audit_verdict = $2 WHERE id = $1`, [contractId, verdict]);
      }
      expect(await selectRows(server, 'contracts', { id: contractId })).toEqual([expect.objectContaining({ status: 'ACTIVE', audit_verdict: 'PENDING' })]);
    });
  });

  describe('C5 terminal contracts are immutable', () => {
    const terminalRoutes: { status: string; reason: string; reach: (id: string) => Promise<void> }[] = [
      {
        status: 'REJECTED',
        reason: 'rejected by ann: too risky',
        reach: async (id) => void dataOf(await server.gql(approver, RejectContractDocument, { id, reason: 'too risky' })),
      },
      {
        status: 'EXPIRED',
        reason: 'expired: not approved before expiresAt',
        reach: async () => {
          server.clock.advance(72 * HOUR + 1000);
          await server.runtime.sweepContracts();
        },
      },
      {
        status: 'FAILED',
        reason: 'activation window elapsed',
        reach: async (id) => {
          await approveContractAs(server, approver, id, { activationWindowHours: 1 });
          server.clock.advance(HOUR + 1000);
          await server.runtime.sweepContracts();
        },
      },
    ];

    it.each(terminalRoutes)('C5 a $status contract refuses approve and reject with IMMUTABLE, version unchanged', async ({ status, reason, reach }) => {
      const { id } = await createContractAs(server, operator);
      await reach(id);
      const terminal = await contractNow(id);
      expect(terminal).toMatchObject({ status, statusReason: reason });
      await expectRefusedWithoutTrace('IMMUTABLE', () => server.gql(secondApprover, ApproveContractDocument, { id }), id);
      await expectRefusedWithoutTrace('IMMUTABLE', () => server.gql(secondApprover, RejectContractDocument, { id, reason: 'once more' }), id);
      await expectRefusedWithoutTrace('IMMUTABLE', () => server.gql(admin, ApproveContractDocument, { id, input: { expectedVersion: terminal.version } }), id);
      expect((await contractNow(id)).version).toBe(terminal.version);
    });
  });

  describe('C6 proposed changes validate against their kind', () => {
    it.each(malformedChanges)('C6 $name is BAD_USER_INPUT naming the problem, nothing written', async ({ change, reason }) => {
      const input = proposal({ proposedChanges: [change], idempotencyKey: `c6-${reason}` });
      const response = await expectRefusedWithoutTrace('BAD_USER_INPUT', () => server.gql(operator, CreateContractDocument, { input }));
      expect(reasonsOf(response)).toEqual([reason]);
    });

    it('C6 an empty change list, and every problem of several changes, are reported at once', async () => {
      const empty = await expectRefusedWithoutTrace('BAD_USER_INPUT', () => server.gql(operator, CreateContractDocument, { input: proposal({ proposedChanges: [] }) }));
      expect(reasonsOf(empty)).toEqual(['proposedChanges must not be empty']);
      const several = await expectRefusedWithoutTrace('BAD_USER_INPUT', () =>
        server.gql(operator, CreateContractDocument, { input: proposal({ proposedChanges: [malformedChanges[0].change, proposal().proposedChanges[0], malformedChanges[6].change] }) }),
      );
      expect(reasonsOf(several)).toEqual([
        'proposedChanges[0] (CAPABILITY_ENABLE): capabilityName is required',
        'proposedChanges[2] (PARAMETER_CHANGE): parameters is required',
      ]);
    });

    it('C6 a valid change of each kind is accepted and stored in order', async () => {
      const changes: ProposedChangeInput[] = [
        { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'LAUNCHED' },
        { type: 'CAPABILITY_DISABLE', capabilityName: 'legacy-search', reason: 'superseded' },
        { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'max_tokens', oldValue: 1000, newValue: 2000 },
        { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: { temperature: 0.2 } },
      ];
      const created = await createContractAs(server, operator, { proposedChanges: changes });
      expect(created.proposedChanges.map((change) => Object.fromEntries(Object.entries(change).filter(([, value]) => value !== null)))).toEqual(changes);
    });
  });

  it('C7 confidenceScore outside [0, 1] is BAD_USER_INPUT with nothing written; 0 and 1 are accepted', async () => {
    for (const score of [-0.01, 1.01]) {
      const response = await expectRefusedWithoutTrace('BAD_USER_INPUT', () => server.gql(operator, CreateContractDocument, { input: scoredProposal(score) }));
      expect(reasonsOf(response)).toEqual(['validatorVerdict.confidenceScore must lie in [0, 1]']);
    }
    for (const score of [0, 1]) {
      expect((await createContractAs(server, operator, { validatorVerdict: scoredProposal(score).validatorVerdict })).confidenceScore).toBe(score);
    }
  });

  describe('MAY_NOT is un-overridable', () => {
    it.each([
      { role: 'viewer', code: 'FORBIDDEN' },
      { role: 'approver', code: 'FORBIDDEN' },
      { role: 'operator', code: 'MAY_NOT_VERDICT' },
      { role: 'admin', code: 'MAY_NOT_VERDICT' },
    ] as const)('MAY_NOT creation by $role is refused with $code, nothing written', async ({ role, code }) => {
      const key = await server.key(role, `${role}-may-not`);
      await expectRefusedWithoutTrace(code, () => server.gql(key, CreateContractDocument, { input: mayNotProposal() }));
    });

    it('MAY_NOT wins over otherwise-invalid input', async () => {
      const invalid = mayNotProposal({ title: '', proposedChanges: [], expiresInHours: 0, validatorVerdict: scoredProposal(7).validatorVerdict });
      for (const key of [operator, admin]) {
        const response = await expectRefusedWithoutTrace('MAY_NOT_VERDICT', () => server.gql(key, CreateContractDocument, { input: invalid }));
        expect(response.errors?.[0]?.message).toContain('blocked by policy P9');
      }
    });

    it('MAY_NOT with an idempotency key is refused every time and leaves the key unclaimed', async () => {
      const idempotencyKey = 'may-not-key';
      for (let attempt = 0; attempt < 2; attempt += 1) {
        await expectRefusedWithoutTrace('MAY_NOT_VERDICT', () => server.gql(admin, CreateContractDocument, { input: mayNotProposal({ idempotencyKey }) }));
      }
      expect(await countRows(server, 'idempotency_records', { idempotency_key: idempotencyKey })).toBe(0);
      const created = await createContractAs(server, admin, { idempotencyKey });
      expect(created.status).toBe('ELIGIBLE');
      expect(await selectRows(server, 'idempotency_records', { idempotency_key: idempotencyKey })).toEqual([expect.objectContaining({ result_id: created.id })]);
    });

    it('MAY_NOT: a stored MAY_NOT contract (legacy data) cannot be approved by anyone', async () => {
      const original = await createContractAs(server, operator);
      const legacyId = `${original.id}-legacy-may-not`;
      await server.database.dataSource.query(
        `INSERT INTO contracts
         SELECT (jsonb_populate_record(NULL::contracts, to_jsonb(c) || jsonb_build_object(
           'id', $2::text,
           'eligibility_decision', 'MAY_NOT',
           'eligibility_verdict', c.eligibility_verdict || '{"decision": "MAY_NOT", "reason": "blocked by policy P9"}'::jsonb))).*
         FROM contracts c WHERE c.id = $1`,
        [original.id, legacyId],
      );
      expect(await contractNow(legacyId)).toMatchObject({ status: 'ELIGIBLE', version: 1, eligibilityVerdict: expect.objectContaining({ decision: 'MAY_NOT' }) });
      const attempts = [
        { key: approver, input: {} },
        { key: secondApprover, input: { expectedVersion: 1, activationWindowHours: 168 } },
        { key: admin, input: { executionConstraints: { override: true } } },
      ];
      for (const { key, input } of attempts) {
        const response = await expectRefusedWithoutTrace('MAY_NOT_VERDICT', () => server.gql(key, ApproveContractDocument, { id: legacyId, input }), legacyId);
        expect(response.errors?.[0]?.message).toContain('blocked by policy P9');
      }
      await expectRefusedWithoutTrace('FORBIDDEN', () => server.gql(operator, ApproveContractDocument, { id: legacyId }), legacyId);
      expect(await contractNow(legacyId)).toMatchObject({ status: 'ELIGIBLE', version: 1, approvedBy: null });
    });
  });
});
