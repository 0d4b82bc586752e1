// Who the caller is (`viewer`: principal, role, tenant and the role's permissions, for every role),
// and `latestEventId`: a list read with it, then a subscription from it, together miss no event.
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import { JobEventsDocument, JobsWithEventPositionDocument, LatestEventIdDocument, StartJobDocument, ViewerDocument, type JobEventsSubscription } from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { pollUntil } from '../support/job-updates.js';
import { activatedContract } from '../support/jobs.js';
import { dataOf, errorCode } from '../support/responses.js';
import { record } from '../support/subscriptions.js';
import { wsClient } from '../support/ws-client.js';

describe('viewer and latestEventId', () => {
  const world = useContractWorld();
  let client: Client;
  afterAll(async () => {
    await client?.dispose();
  });

  it.each([
    { role: 'viewer', permissions: ['READ'] },
    { role: 'operator', permissions: ['READ', 'OPERATE'] },
    { role: 'approver', permissions: ['READ', 'APPROVE'] },
    { role: 'admin', permissions: ['READ', 'OPERATE', 'APPROVE', 'ADMINISTER'] },
  ] as const)('tells a $role who they are and what the role permits', async ({ role, permissions }) => {
    const key = await world.server.key(role, `${role}-person`, 'acme');
    expect(dataOf(await world.server.gql(key, ViewerDocument, {})).viewer).toEqual({ principal: `${role}-person`, role: role.toUpperCase(), tenant: 'acme', permissions });
  });

  it('is UNAUTHENTICATED without a valid key', async () => {
    expect(errorCode(await world.server.gql(null, ViewerDocument, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await world.server.gql('gov_unknown', LatestEventIdDocument, {}))).toBe('UNAUTHENTICATED');
  });

  it('names a position from which a subscription delivers exactly the events after a list was read', async () => {
    const viewer = await world.server.key('viewer', 'vera');
    const before = await activatedContract(world.server, world);
    const eventIds = async () =>
      ((await world.server.database.dataSource.query(`SELECT position::text AS id FROM outbox_events WHERE subject_type = 'job' AND position IS NOT NULL ORDER BY position`)) as { id: string }[]).map((row) => row.id);
    const [createdBefore] = await eventIds();
    const published = async () => BigInt(dataOf(await world.server.gql(viewer, LatestEventIdDocument, {})).latestEventId);
    await pollUntil('the job.created event is published', async () => (await published()) >= BigInt(createdBefore));

    const read = dataOf(await world.server.gql(viewer, JobsWithEventPositionDocument, {}));
    expect(read.jobs.nodes.map((job) => job.id)).toEqual([before.job.id]);
    const position = read.latestEventId;
    const after = await activatedContract(world.server, world);
    dataOf(await world.server.gql(world.operator, StartJobDocument, { id: before.job.id }));

    client = wsClient(world.server.url, viewer);
    const events = record(client, print(JobEventsDocument), { after: position }, (data) => (data as JobEventsSubscription).jobEvents);
    const seen = await events.until((received) => received.length === 2);
    events.stop();
    expect(seen.map((event) => `${event.type}:${event.job.id}`)).toEqual([`job.created:${after.job.id}`, `job.started:${before.job.id}`]);
    expect(seen.map((event) => event.id)).toEqual((await eventIds()).filter((id) => BigInt(id) > BigInt(position)));
  });
});
