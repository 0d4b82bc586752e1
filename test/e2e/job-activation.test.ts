// activateContract over GraphQL: only an APPROVED contract inside its activation window activates,
// with a valid timeout, by an operator or admin, once — and a refused or failed activation writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ActivateContractDocument,
  CancelJobDocument,
  GetContractDocument,
  RejectContractDocument,
  type ActivateContractMutationVariables,
  type ApproveContractInput,
  type CreateContractInput,
} from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { approveContractAs, createContractAs } from '../support/contracts.js';
import { activatedContract } from '../support/jobs.js';
import { soleWinnerOf } from '../support/races.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { tableRowCounts } from '../support/table-counts.js';
import { dataOf } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';
import { whileWritesRefused, type WriteFault } from '../support/write-faults.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CONCURRENT_REQUESTS = 20;

describe('activateContract', () => {
  const world = useContractWorld();
  const keys = {} as Record<'admin' | 'viewer' | 'approver', string>;
  beforeAll(async () => {
    keys.admin = await world.server.key('admin', 'ada');
    keys.viewer = await world.server.key('viewer', 'vic');
    keys.approver = world.approver;
  });

  async function approvedContract(overrides: Partial<CreateContractInput> = {}, approval: ApproveContractInput = {}) {
    const contract = await createContractAs(world.server, world.operator, overrides);
    return approveContractAs(world.server, world.approver, contract.id, approval);
  }

  async function storedContract(id: string) {
    return dataOf(await world.server.gql(world.operator, GetContractDocument, { id })).contract;
  }

  /** Sends the activation with `key`, expects it refused with `code`, and checks that nothing was written. */
  function expectActivationRefused(variables: ActivateContractMutationVariables, code: string, key = world.operator) {
    return expectRefusedWithoutWrites(world.server, code, () => world.server.gql(key, ActivateContractDocument, variables), () => storedContract(String(variables.id)));
  }

  describe('of a contract that is not APPROVED', () => {
    it('refuses an ELIGIBLE (never approved) contract with INVALID_TRANSITION', async () => {
      const contract = await createContractAs(world.server, world.operator);
      const error = await expectActivationRefused({ id: contract.id }, 'INVALID_TRANSITION');
      expect(error.extensions).toMatchObject({ from: 'ELIGIBLE', to: 'ACTIVE' });
    });

    it('refuses a REJECTED contract with IMMUTABLE', async () => {
      const contract = await createContractAs(world.server, world.operator);
      await world.server.gql(world.approver, RejectContractDocument, { id: contract.id, reason: 'not now' });
      expect((await storedContract(contract.id))?.status).toBe('REJECTED');
      await expectActivationRefused({ id: contract.id }, 'IMMUTABLE');
    });

    it('refuses an EXPIRED contract with IMMUTABLE', async () => {
      const { server } = world;
      const contract = await createContractAs(server, world.operator, { expiresInHours: 1 });
      server.clock.advance(HOUR);
      await server.runtime.sweepContracts();
      expect((await storedContract(contract.id))?.status).toBe('EXPIRED');
      await expectActivationRefused({ id: contract.id }, 'IMMUTABLE');
    });

    it('refuses a contract that is already ACTIVE with INVALID_TRANSITION, keeping its one job', async () => {
      const { contract, job } = await activatedContract(world.server, world);
      const error = await expectActivationRefused({ id: contract.id }, 'INVALID_TRANSITION');
      expect(error.extensions).toMatchObject({ from: 'ACTIVE', to: 'ACTIVE' });
      expect(await selectRows(world.server, 'jobs', { contract_id: contract.id })).toEqual([expect.objectContaining({ id: job.id, status: 'PENDING' })]);
    });

    it('refuses a contract that FAILED with its cancelled job with IMMUTABLE: one job per contract, ever', async () => {
      const { contract, job } = await activatedContract(world.server, world);
      dataOf(await world.server.gql(world.operator, CancelJobDocument, { id: job.id, reason: 'change of plan' }));
      expect((await storedContract(contract.id))?.status).toBe('FAILED');
      await expectActivationRefused({ id: contract.id }, 'IMMUTABLE');
      expect(await countRows(world.server, 'jobs', { contract_id: contract.id })).toBe(1);
    });
  });

  describe('outside the activation window', () => {
    it('activates 1 ms before the window ends, and refuses with INVALID_TRANSITION from its end on, before any sweep', async () => {
      const { server } = world;
      const early = await approvedContract({}, { activationWindowHours: 1 });
      const late = await approvedContract({}, { activationWindowHours: 1 });
      expect(Date.parse(late.activationWindowEnd!)).toBe(server.clock.now().getTime() + HOUR);

      server.clock.advance(HOUR - 1);
      const activation = dataOf(await server.gql(world.operator, ActivateContractDocument, { id: early.id })).activateContract;
      expect(activation.contract.status).toBe('ACTIVE');

      server.clock.advance(1);
      expect(server.clock.now().toISOString()).toBe(late.activationWindowEnd);
      const atTheEnd = await expectActivationRefused({ id: late.id }, 'INVALID_TRANSITION');
      expect(atTheEnd.message).toMatch(/activation window/);

      server.clock.advance(HOUR);
      await expectActivationRefused({ id: late.id }, 'INVALID_TRANSITION');
      expect(await storedContract(late.id)).toMatchObject({ status: 'APPROVED', version: 2, statusReason: late.statusReason });
    });
  });

  describe('timeout', () => {
    it.each([0, 1441, -5])('refuses timeoutMinutes %i with BAD_USER_INPUT naming timeoutMinutes', async (timeoutMinutes) => {
      const contract = await approvedContract();
      const error = await expectActivationRefused({ id: contract.id, timeoutMinutes }, 'BAD_USER_INPUT');
      expect(error.extensions?.reasons).toEqual([expect.stringContaining('timeoutMinutes')]);
    });

    it.each([
      { timeoutMinutes: undefined, minutes: 60 },
      { timeoutMinutes: 1, minutes: 1 },
      { timeoutMinutes: 1440, minutes: 1440 },
    ])('with timeoutMinutes $timeoutMinutes times the job out $minutes minutes after activation', async ({ timeoutMinutes, minutes }) => {
      const activatedAt = world.server.clock.now().getTime();
      const { job } = await activatedContract(world.server, world, {}, timeoutMinutes);
      expect(Date.parse(job.createdAt)).toBe(activatedAt);
      expect(Date.parse(job.timeoutAt!)).toBe(activatedAt + minutes * MINUTE);
    });
  });

  describe('roles', () => {
    it.each([
      { role: 'operator', principal: 'olga' },
      { role: 'admin', principal: 'ada' },
    ] as const)('lets an $role activate, recorded as the actor', async ({ role, principal }) => {
      const contract = await approvedContract();
      const key = role === 'admin' ? keys.admin : world.operator;
      const activation = dataOf(await world.server.gql(key, ActivateContractDocument, { id: contract.id })).activateContract;
      expect(activation.contract.status).toBe('ACTIVE');
      expect(activation.job.createdBy).toBe(principal);
      expect(activation.contract.transitions.at(-1)).toEqual({ fromStatus: 'APPROVED', toStatus: 'ACTIVE', actor: principal });
    });

    it.each(['viewer', 'approver'] as const)('refuses a %s with FORBIDDEN', async (role) => {
      const contract = await approvedContract();
      await expectActivationRefused({ id: contract.id }, 'FORBIDDEN', keys[role]);
    });
  });

  describe('concurrent activations', () => {
    it(`answers ${CONCURRENT_REQUESTS} concurrent activations with one idempotency key identically, with one job`, async () => {
      const { server } = world;
      const contract = await approvedContract();
      const idempotencyKey = `activate-${contract.id}`;
      const variables = { id: contract.id, timeoutMinutes: 30, idempotencyKey };

      const responses = await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => server.gql(world.operator, ActivateContractDocument, variables)));

      for (const response of responses) expect(response.errors).toBeUndefined();
      const [first, ...rest] = responses.map((response) => JSON.stringify(response.data));
      for (const other of rest) expect(other).toBe(first);
      const jobId = dataOf(responses[0]).activateContract.job.id;
      expect(await selectRows(server, 'jobs', { contract_id: contract.id })).toEqual([expect.objectContaining({ id: jobId })]);
      expect(await selectRows(server, 'idempotency_records', { idempotency_key: idempotencyKey })).toEqual([expect.objectContaining({ result_id: jobId })]);
      expect(await countRows(server, 'transitions', { subject_id: contract.id, to_status: 'ACTIVE' })).toBe(1);
      expect(await countRows(server, 'transitions', { subject_id: jobId })).toBe(1);
      expect(await countRows(server, 'outbox_events', { subject_id: [jobId, contract.id], type: ['job.created', 'contract.active'] })).toBe(2);

      // The key belongs to this activation: another timeout or another contract under it is refused.
      await expectActivationRefused({ ...variables, timeoutMinutes: 31 }, 'IDEMPOTENCY_MISMATCH');
      const other = await approvedContract();
      await expectActivationRefused({ ...variables, id: other.id }, 'IDEMPOTENCY_MISMATCH');
      expect((await storedContract(other.id))?.status).toBe('APPROVED');
    });

    it(`lets exactly one of ${CONCURRENT_REQUESTS} concurrent activations without a key win`, async () => {
      const { server } = world;
      const contract = await approvedContract();

      const responses = await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => server.gql(world.operator, ActivateContractDocument, { id: contract.id })));

      const { job } = soleWinnerOf(responses, ['INVALID_TRANSITION']).activateContract;
      expect(await selectRows(server, 'jobs', { contract_id: contract.id })).toEqual([expect.objectContaining({ id: job.id })]);
      expect(await storedContract(contract.id)).toMatchObject({ status: 'ACTIVE', version: 3 });
      expect(await countRows(server, 'transitions', { subject_id: contract.id, to_status: 'ACTIVE' })).toBe(1);
      expect(await countRows(server, 'outbox_events', { type: 'job.created', subject_id: job.id })).toBe(1);
    });
  });

  describe('atomicity', () => {
    it.each<{ failingWrite: string; fault: WriteFault }>([
      { failingWrite: "the contract's transition (after the job row is written)", fault: { table: 'transitions', event: 'INSERT', when: "NEW.subject_type = 'contract'" } },
      { failingWrite: 'the outbox events (the last write)', fault: { table: 'outbox_events', event: 'INSERT' } },
    ])('answers INTERNAL and leaves no job and an APPROVED contract when $failingWrite fails; a retry activates', async ({ fault }) => {
      const { server } = world;
      const contract = await approvedContract();
      const variables = { id: contract.id, idempotencyKey: `atomic-${contract.id}` };
      const contractBefore = await storedContract(contract.id);
      const rowsBefore = await tableRowCounts(server);

      const failed = await whileWritesRefused(server, fault, () => server.gql(world.operator, ActivateContractDocument, variables));

      expect(failed.data ?? null).toBeNull();
      expect(failed.errors).toHaveLength(1);
      expect(failed.errors![0].extensions).toEqual({ code: 'INTERNAL', requestId: expect.any(String) });
      expect(failed.errors![0].message).not.toMatch(/injected|trigger|insert|transitions|outbox/i);
      expect(await tableRowCounts(server)).toEqual(rowsBefore);
      expect(await countRows(server, 'jobs', { contract_id: contract.id })).toBe(0);
      expect(await storedContract(contract.id)).toEqual(contractBefore);
      expect(contractBefore).toMatchObject({ status: 'APPROVED', version: 2 });

      const retried = dataOf(await server.gql(world.operator, ActivateContractDocument, variables)).activateContract;
      expect(retried.contract).toMatchObject({ status: 'ACTIVE', version: 3, job: { id: retried.job.id } });
      expect(await countRows(server, 'jobs', { contract_id: contract.id })).toBe(1);
      expect(await countRows(server, 'outbox_events', { subject_id: [retried.job.id, contract.id], type: ['job.created', 'contract.active'] })).toBe(2);
    });
  });
});
