// A database outage under load: the test's own embedded PostgreSQL is stopped while four writers
// create contracts, then started again. Meanwhile /readyz answers 503 and commands a typed
// UNAVAILABLE without internals; afterwards the same server (no restart) serves again, delivers
// every committed event, and every contract it answered as created is stored, exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { CreateContractDocument } from '../generated/graphql.js';
import { proposal } from '../support/fixtures.js';
import { pollUntil } from '../support/job-updates.js';
import { untilDeliveredSoFar } from '../support/live-delivery.js';
import { selectRows } from '../support/rows.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/test-server.js';

/** What one createContract got: the stored id, or the error's extensions and message. */
type Answer = Created | Refused;
type Created = { issueId: string; idempotencyKey: string; id: string };
type Refused = { issueId: string; idempotencyKey: string; message: string; extensions: Record<string, unknown> };

const INTERNALS = /sql|select|insert|update|relation|postgres|ECONN|connect ECONN|127\.0\.0\.1|\bat\s+\S+\s*\(|\.ts\b|\.js\b/i;

describe('a database outage under load', () => {
  const logger = pino({ level: 'silent' });
  let dataDir: string;
  let cluster: EmbeddedDatabase;
  let port: number;
  let server: TestServer;
  let readyz: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'governance-outage-'));
    cluster = await startEmbeddedPostgres(dataDir, logger);
    port = Number(new URL(cluster.url).port);
    // Keys are remembered, so during the outage the commands themselves meet the database.
    server = await startTestServer({ databaseUrl: cluster.url, config: { apiKeyCacheTtlMs: 3_600_000, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200 } } });
    readyz = server.url.replace(/graphql$/, 'readyz');
  });

  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 and UNAVAILABLE while PostgreSQL is down, recovers without a restart, and loses nothing it answered as committed', async () => {
    const operator = await server.key('operator', 'oscar');
    const uncachedKey = await server.key('viewer', 'vic');
    const answers: Answer[] = [];
    const count = (which: 'ok' | 'failed') => answers.filter((answer) => ('id' in answer) === (which === 'ok')).length;
    let writing = true;
    let sent = 0;
    const writer = async () => {
      while (writing) {
        sent += 1;
        const issueId = `OUTAGE-${sent}`;
        const idempotencyKey = `outage-${sent}`;
        const response = await server.gql(operator, CreateContractDocument, { input: proposal({ issueId, idempotencyKey }) });
        answers.push(answerOf(issueId, idempotencyKey, response));
      }
    };
    const writers = [writer(), writer(), writer(), writer()];

    await pollUntil('10 contracts created before the outage', async () => count('ok') >= 10);
    await cluster.stop();
    const failedBefore = count('failed');

    expect((await fetch(readyz)).status).toBe(503);
    await pollUntil('10 commands refused during the outage', async () => count('failed') >= failedBefore + 10);
    const unauthenticatedRead = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${uncachedKey}` }, body: JSON.stringify({ query: '{ viewer { principal } }' }) });
    expect(unauthenticatedRead.status).toBe(503);
    expect(unauthenticatedRead.headers.get('retry-after')).toBe('1');
    expect(await unauthenticatedRead.json()).toEqual({ errors: [{ message: expect.stringMatching(/^The database is unavailable/), extensions: { code: 'UNAVAILABLE', outcome: 'NOT_COMMITTED', requestId: expect.any(String) } }] });

    cluster = await startEmbeddedPostgres(dataDir, logger, 'attach', port);
    await pollUntil('/readyz ready again', async () => (await fetch(readyz)).status === 200);
    const createdBeforeRecovery = count('ok');
    await pollUntil('10 more contracts created after the outage', async () => count('ok') >= createdBeforeRecovery + 10);
    writing = false;
    await Promise.all(writers);

    const failures = answers.filter((answer): answer is Refused => !('id' in answer));
    expect(failures.length).toBeGreaterThanOrEqual(10);
    for (const failure of failures) {
      expect(failure.extensions).toEqual({ code: 'UNAVAILABLE', outcome: expect.stringMatching(/^(NOT_COMMITTED|UNKNOWN)$/), requestId: expect.any(String) });
      expect(failure.message).not.toMatch(INTERNALS);
    }

    const stored = await selectRows<{ id: string; issue_id: string }>(server, 'contracts');
    const storedIds = new Map(stored.map((row) => [row.issue_id, row.id]));
    const created = answers.filter((answer): answer is Created => 'id' in answer);
    expect(created.filter((answer) => storedIds.get(answer.issueId) !== answer.id)).toEqual([]);
    const notCommitted = failures.filter((failure) => failure.extensions.outcome === 'NOT_COMMITTED');
    expect(notCommitted.filter((failure) => storedIds.has(failure.issueId))).toEqual([]);
    expect(stored).toHaveLength(storedIds.size);

    // An outcome the server could not know is settled by sending the same command again: stored once, whatever happened.
    for (const unknown of failures.filter((failure) => failure.extensions.outcome === 'UNKNOWN')) {
      const again = answerOf(unknown.issueId, unknown.idempotencyKey, await server.gql(operator, CreateContractDocument, { input: proposal({ issueId: unknown.issueId, idempotencyKey: unknown.idempotencyKey }) }));
      expect(again).toMatchObject({ id: storedIds.get(unknown.issueId) ?? expect.any(String) });
    }

    await untilDeliveredSoFar(server);
    const events = await selectRows<{ subject_id: string; type: string }>(server, 'outbox_events', { type: 'contract.created' });
    const eventsPerContract = new Map<string, number>();
    for (const event of events) eventsPerContract.set(event.subject_id, (eventsPerContract.get(event.subject_id) ?? 0) + 1);
    expect(created.filter((answer) => eventsPerContract.get(answer.id) !== 1)).toEqual([]);
  });
});

function answerOf(issueId: string, idempotencyKey: string, response: GraphQLResponse<{ createContract: { id: string } }>): Answer {
  const id = response.data?.createContract.id;
  if (id) return { issueId, idempotencyKey, id };
  const [error] = response.errors ?? [];
  return { issueId, idempotencyKey, message: error?.message ?? '', extensions: error?.extensions ?? {} };
}
