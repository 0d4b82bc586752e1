// Retries of a unit of work against a real database, faults injected by a test trigger: a
// serialization failure, a deadlock or a connection lost before COMMIT is retried and the command
// succeeds once; a connection that keeps failing ends in UNAVAILABLE after the bounded attempts; a
// connection lost while COMMIT is processed answers UNAVAILABLE with an unknown outcome — unless the
// command is keyed: then it runs again and its idempotency claim decides.
import { describe, expect, it } from 'vitest';
import { defaultRetrySettings } from '../../src/runtime/engines/commit-retry.js';
import { CreateContractDocument } from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { proposal } from '../support/fixtures.js';
import { dataOf } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { whileWritesRefused, type FaultEffect } from '../support/write-faults.js';

describe('retrying a unit of work', () => {
  const world = useContractWorld();

  /** Rows the contract with this issue id left: itself, its transitions, its event, its idempotency record. */
  async function rowsOf(issueId: string, idempotencyKey: string) {
    const { server } = world;
    const [contract]: { id: string }[] = await server.database.dataSource.query(`SELECT id FROM contracts WHERE issue_id = $1`, [issueId]);
    const subject = contract?.id ?? '-';
    return {
      contracts: await countRows(server, 'contracts', { issue_id: issueId }),
      transitions: await countRows(server, 'transitions', { subject_id: subject }),
      events: await countRows(server, 'outbox_events', { subject_id: subject }),
      idempotencyRecords: await countRows(server, 'idempotency_records', { idempotency_key: idempotencyKey }),
    };
  }

  it.each<{ effect: FaultEffect; what: string }>([
    { effect: 'serializationFailure', what: 'a serialization failure (40001)' },
    { effect: 'deadlock', what: 'a deadlock (40P01)' },
    { effect: 'dropConnection', what: 'a connection lost before COMMIT was sent' },
  ])('retries $what and commits the command once', async ({ effect }) => {
    const { server, operator } = world;
    const issueId = `RETRY-${effect}`;
    const idempotencyKey = `retry-${effect}`;

    const { response, reached } = await whileWritesRefused(server, { table: 'outbox_events', event: 'INSERT', nth: 1, effect }, async (probe) => ({
      response: await server.gql(operator, CreateContractDocument, { input: proposal({ issueId, idempotencyKey }) }),
      reached: await probe.reached(),
    }));

    expect(dataOf(response).createContract.status).toBe('ELIGIBLE');
    expect(reached).toBe(2);
    expect(await rowsOf(issueId, idempotencyKey)).toEqual({ contracts: 1, transitions: 3, events: 1, idempotencyRecords: 1 });
  });

  it('answers UNAVAILABLE (nothing committed) once every attempt lost its connection, after the bounded attempts', async () => {
    const { server, operator } = world;
    const input = proposal({ issueId: 'RETRY-ALWAYS-LOST', idempotencyKey: 'retry-always-lost' });

    const { response, reached } = await whileWritesRefused(server, { table: 'contracts', event: 'INSERT', effect: 'dropConnection' }, async (probe) => ({
      response: await server.gql(operator, CreateContractDocument, { input }),
      reached: await probe.reached(),
    }));

    expect(response).toEqual({
      data: null,
      errors: [{ message: 'The database is unavailable; nothing was changed. Retry later.', locations: expect.any(Array), path: ['createContract'], extensions: { code: 'UNAVAILABLE', outcome: 'NOT_COMMITTED', requestId: expect.any(String) } }],
    });
    expect(reached).toBe(defaultRetrySettings.maxAttempts);
    expect(await rowsOf('RETRY-ALWAYS-LOST', 'retry-always-lost')).toEqual({ contracts: 0, transitions: 0, events: 0, idempotencyRecords: 0 });
  });

  it('never runs an unkeyed command again after its connection was lost while COMMIT was processed: UNAVAILABLE with an unknown outcome', async () => {
    const { server, operator } = world;
    const input = proposal({ issueId: 'RETRY-AT-COMMIT' });

    const { response, reached } = await whileWritesRefused(server, { table: 'outbox_events', event: 'INSERT', effect: 'dropConnection', atCommit: true }, async (probe) => ({
      response: await server.gql(operator, CreateContractDocument, { input }),
      reached: await probe.reached(),
    }));

    expect(reached).toBe(1);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      { message: expect.stringMatching(/whether it took effect is unknown.*same idempotencyKey/), locations: expect.any(Array), path: ['createContract'], extensions: { code: 'UNAVAILABLE', outcome: 'UNKNOWN', requestId: expect.any(String) } },
    ]);
    // PostgreSQL ran the deferred trigger before the commit record, so this time nothing was committed.
    expect(await countRows(server, 'contracts', { issue_id: 'RETRY-AT-COMMIT' })).toBe(0);
  });

  it('runs a keyed command again after its connection was lost while COMMIT was processed: its idempotency claim decides, and it commits once', async () => {
    const { server, operator } = world;
    const input = proposal({ issueId: 'RETRY-KEYED-AT-COMMIT', idempotencyKey: 'retry-keyed-at-commit' });

    const { response, reached } = await whileWritesRefused(server, { table: 'outbox_events', event: 'INSERT', effect: 'dropConnection', atCommit: true, nth: 1 }, async (probe) => ({
      response: await server.gql(operator, CreateContractDocument, { input }),
      reached: await probe.reached(),
    }));

    expect(reached).toBe(2);
    const created = dataOf(response).createContract;
    expect(await rowsOf('RETRY-KEYED-AT-COMMIT', 'retry-keyed-at-commit')).toEqual({ contracts: 1, transitions: 3, events: 1, idempotencyRecords: 1 });
    expect(dataOf(await server.gql(operator, CreateContractDocument, { input })).createContract.id).toBe(created.id);
  });
});
