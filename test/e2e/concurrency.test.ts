// Concurrency over GraphQL with real concurrent requests: racing approvals and rejections move a
// contract exactly once, and concurrent creates with one idempotency key make exactly one contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApproveContractDocument, CreateContractDocument, GetContractDocument, RejectContractDocument } from '../generated/graphql.js';
import { createContractAs } from '../support/contracts.js';
import { proposal } from '../support/fixtures.js';
import { soleWinnerOf } from '../support/races.js';
import { dataOf, errorCode } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const RACERS_PER_SIDE = 10;
const LOSER_CODES = ['INVALID_TRANSITION', 'IMMUTABLE', 'CONFLICT'];

describe('concurrency', () => {
  let server: TestServer;
  let operator: string;

  beforeAll(async () => {
    server = await startTestServer();
    operator = await server.key('operator', 'olga');
  });
  afterAll(() => server.close());

  describe('20 approvers and rejecters racing on one ELIGIBLE contract', () => {
    let approverKeys: string[];
    let rejecterKeys: string[];

    beforeAll(async () => {
      const mint = (prefix: string) => Promise.all(Array.from({ length: RACERS_PER_SIDE }, (_, index) => server.key('approver', `${prefix}-${index}`)));
      approverKeys = await mint('approver');
      rejecterKeys = await mint('rejecter');
    });

    it.each([1, 2, 3])('moves the contract exactly once (round %i)', async () => {
      const contract = await createContractAs(server, operator);
      const responses = await Promise.all([
        ...approverKeys.map((key) => server.gql(key, ApproveContractDocument, { id: contract.id })),
        ...rejecterKeys.map((key) => server.gql(key, RejectContractDocument, { id: contract.id, reason: 'racing rejection' })),
      ]);

      expect(responses).toHaveLength(2 * RACERS_PER_SIDE);
      const winner = soleWinnerOf<{ approveContract?: { status: string }; rejectContract?: { status: string } }>(responses, LOSER_CODES);
      const winningStatus = (winner.approveContract ?? winner.rejectContract)!.status;
      const stored = dataOf(await server.gql(operator, GetContractDocument, { id: contract.id })).contract!;
      expect(stored.status).toBe(winningStatus);
      expect(stored.version).toBe(2);
      expect(await countRows(server, 'transitions', { subject_id: contract.id, from_status: 'ELIGIBLE' })).toBe(1);
      expect(await countRows(server, 'transitions', { subject_id: contract.id })).toBe(4);
      expect(await countRows(server, 'outbox_events', { subject_id: contract.id, type: ['contract.approved', 'contract.rejected'] })).toBe(1);
      expect(await countRows(server, 'outbox_events', { subject_id: contract.id, type: `contract.${winningStatus.toLowerCase()}` })).toBe(1);
    });
  });

  describe('createContract with one idempotency key', () => {
    /** Each test's own key and issue: no test counts another's contracts or idempotency records. */
    const inputWithKey = (name: string) => ({ key: `idem-${name}`, input: proposal({ idempotencyKey: `idem-${name}`, issueId: `ISSUE-IDEM-${name}` }) });

    it('answers 20 concurrent identical requests with one contract, 20 identical times', async () => {
      const { key, input } = inputWithKey('concurrent');
      const responses = await Promise.all(Array.from({ length: 20 }, () => server.gql(operator, CreateContractDocument, { input })));

      for (const response of responses) expect(response.errors).toBeUndefined();
      const [first, ...rest] = responses.map((response) => response.data);
      // Byte-identical, not merely deep-equal: a client may compare raw answers.
      for (const other of rest) expect(JSON.stringify(other)).toBe(JSON.stringify(first));
      const contractId = first!.createContract.id;
      expect(await countRows(server, 'contracts', { issue_id: input.issueId })).toBe(1);
      expect(await countRows(server, 'idempotency_records', { idempotency_key: key })).toBe(1);
      expect(await countRows(server, 'transitions', { subject_id: contractId })).toBe(3);
      expect(await countRows(server, 'outbox_events', { subject_id: contractId, type: 'contract.created' })).toBe(1);
    });

    it('refuses the same key with a different input (IDEMPOTENCY_MISMATCH), still one contract', async () => {
      const { key, input } = inputWithKey('mismatch');
      await createContractAs(server, operator, input);
      const response = await server.gql(operator, CreateContractDocument, { input: { ...input, title: 'A different title' } });
      expect(errorCode(response)).toBe('IDEMPOTENCY_MISMATCH');
      expect(await countRows(server, 'contracts', { issue_id: input.issueId })).toBe(1);
      expect(await countRows(server, 'idempotency_records', { idempotency_key: key })).toBe(1);
    });

    it('lets another tenant use the same key independently', async () => {
      const { key, input } = inputWithKey('tenants');
      const operatorB = await server.key('operator', 'otto', 'tenant-b');
      const defaultTenantsContract = await createContractAs(server, operator, input);
      const responses = await Promise.all(Array.from({ length: 5 }, () => server.gql(operatorB, CreateContractDocument, { input })));

      const ids = responses.map((response) => dataOf(response).createContract.id);
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).not.toBe(defaultTenantsContract.id);
      expect(await countRows(server, 'contracts', { issue_id: input.issueId, tenant_id: 'tenant-b' })).toBe(1);
      expect(await countRows(server, 'contracts', { issue_id: input.issueId, tenant_id: 'default' })).toBe(1);
      expect(await countRows(server, 'idempotency_records', { idempotency_key: key })).toBe(2);
    });
  });
});
