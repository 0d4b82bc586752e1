// Roles and authentication over GraphQL: each role may do exactly its part, a missing, malformed,
// unknown or revoked key is UNAUTHENTICATED, and a refused request writes nothing.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApproveContractDocument, CreateContractDocument, GetContractDocument, ListContractsDocument, RejectContractDocument } from '../generated/graphql.js';
import { approveContractAs, createContractAs } from '../support/contracts.js';
import { proposal } from '../support/fixtures.js';
import { tableRowCounts } from '../support/table-counts.js';
import { dataOf, errorCode } from '../support/responses.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/test-server.js';

/** Sends CreateContract with a raw Authorization header value (or none). */
async function createWithAuthorization(server: TestServer, authorization: string | null, idempotencyKey: string): Promise<GraphQLResponse<unknown>> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ query: print(CreateContractDocument), variables: { input: proposal({ idempotencyKey }) } }),
  });
  return (await response.json()) as GraphQLResponse<unknown>;
}

describe('roles and authentication', () => {
  let server: TestServer;
  let operator: string;
  let contractId: string;

  beforeAll(async () => {
    server = await startTestServer();
    operator = await server.key('operator', 'olga');
    contractId = (await createContractAs(server, operator)).id;
  });
  afterAll(() => server.close());

  /** Each attempt must be refused with `code`, and the database must hold exactly what it held before. */
  async function expectRefusedWithNothingWritten(code: string, attempts: (() => Promise<GraphQLResponse<unknown>>)[]): Promise<void> {
    const rowsBefore = await tableRowCounts(server);
    for (const attempt of await Promise.all(attempts.map((send) => send()))) {
      expect(errorCode(attempt)).toBe(code);
      expect(attempt.data ?? null).toBeNull();
    }
    expect(await tableRowCounts(server)).toEqual(rowsBefore);
  }

  it('lets a viewer query but not create, approve or reject (FORBIDDEN)', async () => {
    const viewer = await server.key('viewer', 'vera');
    expect(dataOf(await server.gql(viewer, GetContractDocument, { id: contractId })).contract?.id).toBe(contractId);
    expect(dataOf(await server.gql(viewer, ListContractsDocument, {})).contracts.nodes.map((node) => node.id)).toContain(contractId);
    await expectRefusedWithNothingWritten('FORBIDDEN', [
      () => server.gql(viewer, CreateContractDocument, { input: proposal({ idempotencyKey: 'viewer-create' }) }),
      () => server.gql(viewer, ApproveContractDocument, { id: contractId }),
      () => server.gql(viewer, RejectContractDocument, { id: contractId, reason: 'viewer says no' }),
    ]);
  });

  it('lets an operator create but not approve or reject (FORBIDDEN)', async () => {
    const created = dataOf(await server.gql(operator, CreateContractDocument, { input: proposal({ issueId: 'ISSUE-OP' }) })).createContract;
    expect(created).toMatchObject({ status: 'ELIGIBLE', createdBy: 'olga' });
    await expectRefusedWithNothingWritten('FORBIDDEN', [
      () => server.gql(operator, ApproveContractDocument, { id: created.id }),
      () => server.gql(operator, RejectContractDocument, { id: created.id, reason: 'operator says no' }),
    ]);
    expect(dataOf(await server.gql(operator, GetContractDocument, { id: created.id })).contract).toMatchObject({ status: 'ELIGIBLE', version: 1 });
  });

  it('lets an approver approve but not create (FORBIDDEN)', async () => {
    const approver = await server.key('approver', 'april');
    await expectRefusedWithNothingWritten('FORBIDDEN', [() => server.gql(approver, CreateContractDocument, { input: proposal({ idempotencyKey: 'approver-create' }) })]);
    const { id } = await createContractAs(server, operator);
    const approved = await approveContractAs(server, approver, id);
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBy: 'april' });
  });

  it('answers UNAUTHENTICATED, writing nothing, without a key or with a malformed or unknown one', async () => {
    const validKey = await server.key('admin', 'adam');
    await expectRefusedWithNothingWritten('UNAUTHENTICATED', [
      () => createWithAuthorization(server, null, 'no-key'),
      () => createWithAuthorization(server, '', 'empty-header'),
      () => createWithAuthorization(server, validKey, 'no-bearer-scheme'),
      () => createWithAuthorization(server, `Basic ${validKey}`, 'basic-scheme'),
      () => createWithAuthorization(server, 'Bearer', 'bearer-without-key'),
      () => createWithAuthorization(server, `Bearer ${validKey} extra`, 'two-tokens'),
      () => createWithAuthorization(server, 'Bearer gov_thisKeyWasNeverMintedByTheServer0000000000', 'unknown-key'),
      () => createWithAuthorization(server, `Bearer ${validKey}x`, 'altered-key'),
    ]);
  });

  it('answers UNAUTHENTICATED for a revoked key, which worked before revocation', async () => {
    const minted = await server.runtime.createApiKey({ tenantId: 'default', role: 'admin', principal: 'rita' });
    expect(dataOf(await server.gql(minted.key, GetContractDocument, { id: contractId })).contract?.id).toBe(contractId);
    expect(await server.runtime.revokeApiKey(minted.id)).toBe(true);
    await expectRefusedWithNothingWritten('UNAUTHENTICATED', [
      () => server.gql(minted.key, GetContractDocument, { id: contractId }),
      () => server.gql(minted.key, CreateContractDocument, { input: proposal({ idempotencyKey: 'revoked-create' }) }),
      () => server.gql(minted.key, RejectContractDocument, { id: contractId, reason: 'revoked says no' }),
    ]);
  });
});
