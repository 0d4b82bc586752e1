// Domains acknowledging their own actions through recordDomainAck, end to end: the ack moves its
// expectation, reconciliation shows failed and drift from real acks, a FAILED ack makes it not
// clean, acks on a finished run are still recorded, a key answers a repeat with the first ack, each
// ack is announced (ack.recorded), and bad reports, unknown or foreign runs and viewers are refused
// with nothing written.
import { describe, expect, it } from 'vitest';
import { CompleteRunDocument, GetRunDocument, RecordDomainAckDocument, type DomainAckInput } from '../generated/graphql.js';
import { dataOf } from '../support/responses.js';
import { countRows } from '../support/rows.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { useRunWorld, type RunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';

const GOAL = 'search the web';

async function ack(world: RunWorld, runId: string, input: DomainAckInput, key = world.operator) {
  return dataOf(await world.server.gql(key, RecordDomainAckDocument, { runId, input })).recordDomainAck;
}

async function runOf(world: RunWorld, id: string) {
  const run = dataOf(await world.server.gql(world.operator, GetRunDocument, { id })).run;
  if (!run) throw new Error(`run ${id} not found`);
  return run;
}

describe('recordDomainAck', () => {
  const world = useRunWorld(['agent-acks']);

  it('moves the expectation, and reconciliation shows failed and drift from the acks', async () => {
    const run = await createRunAs(world.server, world.operator, { agentId: 'agent-acks', goal: GOAL });
    const created = await ack(world, run.id, { domain: 'incidents', action: 'create_incident', status: 'SUCCESS', resultId: 'inc-ext-1' });
    expect(created).toMatchObject({ id: expect.stringMatching(/^ack_/), domain: 'incidents', action: 'create_incident', status: 'SUCCESS', resultId: 'inc-ext-1', error: null, rolledBack: false });
    let read = await runOf(world, run.id);
    expect(read.expectations.find((expectation) => expectation.action === 'create_incident')?.status).toBe('ACKED');
    expect(read.reconciliation.missing).not.toContain('incidents:create_incident');

    await ack(world, run.id, { domain: 'policies', action: 'evaluate_policy', status: 'FAILED', error: 'policy engine unreachable' });
    await ack(world, run.id, { domain: 'billing', action: 'charge', status: 'SUCCESS', resultId: 'ch_1' });
    read = await runOf(world, run.id);
    expect(read.expectations.find((expectation) => expectation.action === 'evaluate_policy')?.status).toBe('FAILED');
    expect(read.reconciliation).toMatchObject({ failed: ['policies:evaluate_policy'], drift: ['billing:charge'], isClean: false, status: 'INCOMPLETE', acksCount: 3 });
    // The test clock stands still: the three acks share their time, so their order is not asserted.
    expect(read.acks.map((recorded) => `${recorded.domain}:${recorded.action}:${recorded.status}`).sort()).toEqual(['billing:charge:SUCCESS', 'incidents:create_incident:SUCCESS', 'policies:evaluate_policy:FAILED']);
    expect(await countRows(world.server, 'outbox_events', { subject_id: run.id, type: 'ack.recorded' })).toBe(3);
  });

  it('records acks on a finished run, and a FAILED one makes its reconciliation not clean', async () => {
    const run = await createRunAs(world.server, world.operator, { agentId: 'agent-acks', goal: GOAL });
    dataOf(await world.server.gql(world.operator, CompleteRunDocument, { id: run.id, input: { status: 'SUCCEEDED', costCents: 5 } }));
    const before = await runOf(world, run.id);
    expect(before.reconciliation.failed).toEqual([]);

    const late = await ack(world, run.id, { domain: 'incidents', action: 'create_incident', status: 'FAILED', error: 'ticket system rejected the incident' });
    const after = await runOf(world, run.id);
    expect(after.acks.map((recorded) => recorded.id)).toContain(late.id);
    expect(after.reconciliation).toMatchObject({ failed: ['incidents:create_incident'], isClean: false });
    expect(after.reconciliation.status).not.toBe('COMPLETE');
    expect(after).toMatchObject({ phase: 'COMPLETED', status: 'SUCCEEDED', version: before.version });
  });

  it('answers a repeat with the same key with the first ack, stored once, and refuses the key with another input', async () => {
    const run = await createRunAs(world.server, world.operator, { agentId: 'agent-acks', goal: GOAL });
    const input = { domain: 'logs', action: 'start_trace', status: 'SUCCESS' as const, resultId: 'trace-9', idempotencyKey: 'ack-once' };
    const first = await ack(world, run.id, input);
    const again = await ack(world, run.id, input);
    expect(again).toEqual(first);
    expect(await countRows(world.server, 'domain_acks', { run_id: run.id })).toBe(1);
    await expectRefusedWithoutWrites(world.server, 'IDEMPOTENCY_MISMATCH', () =>
      world.server.gql(world.operator, RecordDomainAckDocument, { runId: run.id, input: { ...input, resultId: 'trace-10' } }),
    );
  });

  it('refuses bad reports, unknown and foreign runs and viewers, writing nothing', async () => {
    const run = await createRunAs(world.server, world.operator, { agentId: 'agent-acks', goal: GOAL });
    const bad = await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () =>
      world.server.gql(world.operator, RecordDomainAckDocument, { runId: run.id, input: { domain: 'bad domain', action: 'x', status: 'FAILED' } }),
    );
    expect(bad.extensions?.reasons).toEqual(['domain must be 1..100 letters, digits, "_", "." or "-"', 'a FAILED ack must say its error']);
    const input = { domain: 'incidents', action: 'create_incident', status: 'SUCCESS' as const };
    await expectRefusedWithoutWrites(world.server, 'NOT_FOUND', () => world.server.gql(world.operator, RecordDomainAckDocument, { runId: 'run_missing', input }));
    const other = await mintRunCallers(world.server, 'tenant-other-acks');
    await prepareAgent(world.server, other, 'agent-acks');
    await expectRefusedWithoutWrites(world.server, 'NOT_FOUND', () => world.server.gql(other.operator, RecordDomainAckDocument, { runId: run.id, input }));
    const viewer = await world.server.key('viewer', 'vera');
    await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', () => world.server.gql(viewer, RecordDomainAckDocument, { runId: run.id, input }));
  });
});
