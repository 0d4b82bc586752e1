// Atomicity over GraphQL: a command whose write fails half-way (a test-only trigger refuses it)
// answers INTERNAL without internals and leaves no trace; once the fault is gone, a retry succeeds.
import { describe, expect, it } from 'vitest';
import { ApproveContractDocument, CreateContractDocument, GetContractDocument } from '../generated/graphql.js';
import { approveContractAs, createContractAs } from '../support/contracts.js';
import { useContractWorld } from '../support/contract-world.js';
import { proposal } from '../support/fixtures.js';
import { tableRowCounts } from '../support/table-counts.js';
import { dataOf } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import type { GraphQLResponse } from '../support/test-server.js';
import { whileWritesRefused } from '../support/write-faults.js';

/** The request failed as INTERNAL, telling the client nothing about SQL, triggers or stacks. */
function expectOpaqueInternalError(response: GraphQLResponse<unknown>): void {
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions).toEqual({ code: 'INTERNAL', requestId: expect.any(String) });
  expect(error.message).not.toMatch(/injected|trigger|sql|select|insert|update|outbox|idempotency|relation|postgres|\bat\s+\S+\s*\(|\.ts\b|\.js\b/i);
}

describe('atomicity of a mutation that fails half-way', () => {
  const world = useContractWorld();

  it.each([
    { failingWrite: 'the outbox event', table: 'outbox_events', event: 'INSERT' },
    { failingWrite: 'the idempotency result (the last write)', table: 'idempotency_records', event: 'UPDATE' },
  ] as const)('createContract leaves nothing when $failingWrite fails, and the same key then succeeds', async ({ table, event }) => {
    const { server, operator } = world;
    const issueId = `ATOMIC-${table}`;
    const idempotencyKey = `atomic-create-${table}`;
    const input = proposal({ issueId, idempotencyKey });
    const rowsBefore = await tableRowCounts(server);

    const failed = await whileWritesRefused(server, { table, event }, () => server.gql(operator, CreateContractDocument, { input }));

    expectOpaqueInternalError(failed);
    expect(await tableRowCounts(server)).toEqual(rowsBefore);
    expect(await countRows(server, 'contracts', { issue_id: issueId })).toBe(0);
    expect(await countRows(server, 'idempotency_records', { idempotency_key: idempotencyKey })).toBe(0);

    const retried = dataOf(await server.gql(operator, CreateContractDocument, { input })).createContract;
    expect(retried.status).toBe('ELIGIBLE');
    expect(await countRows(server, 'contracts', { issue_id: issueId })).toBe(1);
    expect(await countRows(server, 'transitions', { subject_id: retried.id })).toBe(3);
    expect(await countRows(server, 'outbox_events', { subject_id: retried.id })).toBe(1);
    expect(await countRows(server, 'idempotency_records', { idempotency_key: idempotencyKey, result_id: retried.id })).toBe(1);
    const replayed = dataOf(await server.gql(operator, CreateContractDocument, { input })).createContract;
    expect(replayed.id).toBe(retried.id);
  });

  it('approveContract leaves the contract ELIGIBLE at version 1 when its event fails, and a retry approves it', async () => {
    const { server, operator, approver } = world;
    const contract = await createContractAs(server, operator, { issueId: 'ATOMIC-APPROVE' });
    const rowsBefore = await tableRowCounts(server);

    const failed = await whileWritesRefused(server, { table: 'outbox_events', event: 'INSERT' }, () => server.gql(approver, ApproveContractDocument, { id: contract.id }));

    expectOpaqueInternalError(failed);
    expect(await tableRowCounts(server)).toEqual(rowsBefore);
    const unchanged = dataOf(await server.gql(operator, GetContractDocument, { id: contract.id })).contract;
    expect(unchanged).toMatchObject({ status: 'ELIGIBLE', version: 1, approvedBy: null, approvedAt: null, activationWindowEnd: null });
    expect(unchanged?.transitions).toHaveLength(3);
    expect(await countRows(server, 'transitions', { subject_id: contract.id, from_status: 'ELIGIBLE' })).toBe(0);

    const approved = await approveContractAs(server, approver, contract.id);
    expect(approved).toMatchObject({ status: 'APPROVED', version: 2, approvedBy: 'april' });
    expect(await countRows(server, 'outbox_events', { subject_id: contract.id, type: 'contract.approved' })).toBe(1);
  });
});
