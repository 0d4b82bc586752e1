// Tenant isolation over GraphQL: another tenant's contracts are invisible — not readable, not listed,
// not counted — and changing them answers NOT_FOUND (never FORBIDDEN) and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApproveContractDocument, GetContractDocument, GetNodeDocument, ListContractsDocument, RejectContractDocument } from '../generated/graphql.js';
import { createContractAs } from '../support/contracts.js';
import { countRows, selectRows } from '../support/rows.js';
import { dataOf, errorCode } from '../support/responses.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('tenant isolation', () => {
  let server: TestServer;
  let operatorA: string;
  let operatorB: string;
  let contractOfA: Awaited<ReturnType<typeof createContractAs>>;
  let contractOfB: Awaited<ReturnType<typeof createContractAs>>;

  beforeAll(async () => {
    server = await startTestServer();
    operatorA = await server.key('operator', 'olga');
    operatorB = await server.key('operator', 'otto', 'tenant-b');
    contractOfA = await createContractAs(server, operatorA, { issueId: 'ISSUE-A1', title: 'A first' });
    await createContractAs(server, operatorA, { issueId: 'ISSUE-A2', title: 'A second' });
    contractOfB = await createContractAs(server, operatorB, { issueId: 'ISSUE-B1', title: 'B only' });
  });
  afterAll(() => server.close());

  it("does not let tenant B read tenant A's contract, by contract(id) or node(id)", async () => {
    const viewerB = await server.key('viewer', 'vera', 'tenant-b');
    const byId = await server.gql(viewerB, GetContractDocument, { id: contractOfA.id });
    const byNode = await server.gql(viewerB, GetNodeDocument, { id: contractOfA.id });
    expect(byId).toEqual({ data: { contract: null } });
    expect(byNode).toEqual({ data: { node: null } });
    const ownById = dataOf(await server.gql(viewerB, GetContractDocument, { id: contractOfB.id }));
    expect(ownById.contract?.id).toBe(contractOfB.id);
  });

  it('lists and counts only the caller’s own contracts', async () => {
    const viewerA = await server.key('viewer', 'vic');
    const viewerB = await server.key('viewer', 'vera', 'tenant-b');
    const listA = dataOf(await server.gql(viewerA, ListContractsDocument, { first: 100 })).contracts;
    const listB = dataOf(await server.gql(viewerB, ListContractsDocument, { first: 100 })).contracts;
    const storedIdsOf = async (tenant: string) => (await selectRows<{ id: string }>(server, 'contracts', { tenant_id: tenant })).map((row) => row.id).sort();

    expect(listA.nodes.map((node) => node.id).sort()).toEqual(await storedIdsOf('default'));
    expect(listB.nodes.map((node) => node.id).sort()).toEqual(await storedIdsOf('tenant-b'));
    expect(listA.totalCount).toBe(2);
    expect(listB.totalCount).toBe(1);
    expect(listB.nodes.map((node) => node.id)).not.toContain(contractOfA.id);
    expect(listA.nodes.map((node) => node.id)).not.toContain(contractOfB.id);
  });

  it("answers NOT_FOUND, never FORBIDDEN, when tenant B approves or rejects A's contract, and changes nothing", async () => {
    const before = dataOf(await server.gql(operatorA, GetContractDocument, { id: contractOfA.id })).contract;
    const eventsBefore = await countRows(server, 'outbox_events', { subject_id: contractOfA.id });
    const approverB = await server.key('approver', 'bob', 'tenant-b');
    const adminB = await server.key('admin', 'ada', 'tenant-b');

    const attempts = await Promise.all(
      [approverB, adminB].flatMap((key) => [
        server.gql(key, ApproveContractDocument, { id: contractOfA.id }),
        server.gql(key, ApproveContractDocument, { id: contractOfA.id, input: { expectedVersion: 1, activationWindowHours: 2 } }),
        server.gql(key, RejectContractDocument, { id: contractOfA.id, reason: 'not ours to judge' }),
      ]),
    );

    for (const attempt of attempts) {
      expect(attempt.data).toBeNull();
      expect(errorCode(attempt)).toBe('NOT_FOUND');
    }
    const unknownId = await server.gql(approverB, ApproveContractDocument, { id: 'ctr_00000000-0000-0000-0000-000000000000' });
    expect(errorCode(unknownId)).toBe('NOT_FOUND');
    const after = dataOf(await server.gql(operatorA, GetContractDocument, { id: contractOfA.id })).contract;
    expect(after).toEqual(before);
    expect(after?.status).toBe('ELIGIBLE');
    expect(after?.version).toBe(1);
    expect(await countRows(server, 'outbox_events', { subject_id: contractOfA.id })).toBe(eventsBefore);
    expect(await countRows(server, 'transitions', { subject_id: contractOfA.id, tenant_id: 'tenant-b' })).toBe(0);
  });
});
