// The outbox's delivery indexes hold sequenced events only (partial on `position IS NOT NULL`), so a
// producing commit writes an event's row into the primary key and the sequencer's index of waiting
// rows, and the delivery indexes are written once, by the sequencer. Every statement that reads by
// position must still reach its rows through an index: each is planned, with sequential scans
// disabled, exactly as its driver sends it.
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { eventsAfter, oldestUndeliveredAt, pruneEvents, selectedEventsBetween } from '../../src/runtime/drivers/outbox-reads.js';
import { sequenceCommittedEvents } from '../../src/runtime/drivers/outbox-sequencing.js';
import type { Reader } from '../../src/runtime/scoped-transactions.js';
import type { UnitOfWork } from '../../src/runtime/unit-of-work.js';
import { createTestDatabase, ownerDataSource } from '../support/databases.js';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe('the outbox delivery indexes', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: DataSource;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(inject('adminDatabaseUrl'), inject('templateDatabase'));
    owner = await ownerDataSource(testDatabase.url);
  });
  afterAll(async () => {
    await owner?.destroy();
    await testDatabase?.drop();
  });

  /** How PostgreSQL plans the statement `send` issues, with sequential scans disabled: the scans of outbox_events. */
  async function outboxScans(send: (query: (sql: string, parameters?: unknown[]) => Promise<unknown>) => Promise<unknown>): Promise<string[]> {
    const runner = owner.createQueryRunner();
    let plan: PlanNode | undefined;
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      await send(async (sql, parameters) => {
        const [row] = await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
        plan = row['QUERY PLAN'][0].Plan;
        return [{}];
      });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    return nodesOf(plan!)
      .filter((node) => node['Relation Name'] === 'outbox_events' || node['Index Name']?.startsWith('outbox_events'))
      .map((node) => `${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''}`);
  }
  const asReader = (query: (sql: string, parameters?: unknown[]) => Promise<unknown>) => ({ manager: { query } }) as unknown as Reader & UnitOfWork;

  it('are partial: an event enters them when it is sequenced', async () => {
    const rows: { name: string; definition: string }[] = await owner.query(`SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'outbox_events' ORDER BY indexname`);
    expect(rows.map(({ name, definition }) => [name, / WHERE \((.*)\)$/.exec(definition)?.[1].replaceAll('"', '') ?? 'every row'])).toEqual([
      ['outbox_events_created', 'position IS NOT NULL'],
      ['outbox_events_pkey', 'every row'],
      ['outbox_events_position', 'position IS NOT NULL'],
      ['outbox_events_tenant_position', 'position IS NOT NULL'],
      ['outbox_events_tenant_subject', 'position IS NOT NULL'],
      ['outbox_events_unsequenced', 'position IS NULL'],
    ]);
  });

  it.each([
    ['the reader', (query: never) => eventsAfter(asReader(query), 10n, 500)],
    ['a replay of a subject', (query: never) => selectedEventsBetween(asReader(query), { tenantId: 'default', subjectId: 'job_1' }, 10n, 90n, 100)],
    ['a replay of a tenant', (query: never) => selectedEventsBetween(asReader(query), { tenantId: 'default', types: ['job.created'] }, 10n, 90n, 100)],
    ['the age of what waits', (query: never) => oldestUndeliveredAt(asReader(query), 10n)],
    ['pruning', (query: never) => pruneEvents(asReader(query), new Date())],
    ['the sequencer', (query: never) => sequenceCommittedEvents({ query }, 1000)],
  ])('%s reaches outbox rows through an index', async (_reader, send) => {
    const scans = await outboxScans(send as never);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.filter((scan) => scan.startsWith('Seq Scan'))).toEqual([]);
  });
});
