// The contract sweepers on a manual clock: expiry and elapsed activation windows move contracts
// exactly at their deadline, as `system:sweeper`, with an event — and concurrent sweepers never
// move a contract twice.
import { beforeEach, describe, expect, it } from 'vitest';
import { GetContractDocument } from '../generated/graphql.js';
import { approveContractAs, createContractAs } from '../support/contracts.js';
import { useContractWorld } from '../support/contract-world.js';
import { dataOf } from '../support/responses.js';
import { countRows, countRowsPer, selectRows } from '../support/rows.js';

const HOUR = 3_600_000;
/** Longer than any contract TTL (720 h) and activation window (168 h). */
const PAST_EVERY_DEADLINE = 31 * 24 * HOUR;

interface TransitionRow {
  from_status: string;
  to_status: string;
  reason: string;
  actor: string;
}

describe('contract sweepers', () => {
  const world = useContractWorld();
  beforeEach(async () => {
    // Every test starts with no contract left that a sweep could still move.
    world.server.clock.advance(PAST_EVERY_DEADLINE);
    await world.server.runtime.sweepContracts();
  });

  const statusOf = async (id: string) => dataOf(await world.server.gql(world.operator, GetContractDocument, { id })).contract!;

  it('expires an ELIGIBLE contract at expiresAt, not 1 ms before', async () => {
    const { server, operator } = world;
    const contract = await createContractAs(server, operator, { expiresInHours: 1 });
    expect(Date.parse(contract.expiresAt!) - Date.parse(contract.createdAt)).toBe(HOUR);

    server.clock.advance(HOUR - 1);
    expect(await server.runtime.sweepContracts()).toEqual({ expired: 0, failed: 0 });
    expect(await statusOf(contract.id)).toMatchObject({ status: 'ELIGIBLE', version: 1 });

    server.clock.advance(1);
    expect(await server.runtime.sweepContracts()).toEqual({ expired: 1, failed: 0 });
    const expired = await statusOf(contract.id);
    expect(expired).toMatchObject({ status: 'EXPIRED', version: 2 });
    expect(expired.statusReason).toMatch(/expire/i);

    const transitions = await selectRows<TransitionRow>(server, 'transitions', { subject_id: contract.id, to_status: 'EXPIRED' });
    expect(transitions).toHaveLength(1);
    expect(transitions[0]).toMatchObject({ from_status: 'ELIGIBLE', actor: 'system:sweeper' });
    expect(transitions[0].reason).toMatch(/expire/i);
    expect(await countRows(server, 'outbox_events', { subject_id: contract.id, type: 'contract.expired', actor: 'system:sweeper' })).toBe(1);
    expect(await server.runtime.sweepContracts()).toEqual({ expired: 0, failed: 0 });
  });

  it('fails an APPROVED contract when its activation window elapses, not 1 ms before', async () => {
    const { server, operator, approver } = world;
    const contract = await createContractAs(server, operator, { expiresInHours: 1 });
    const approved = await approveContractAs(server, approver, contract.id, { activationWindowHours: 2 });
    expect(Date.parse(approved.activationWindowEnd!) - Date.parse(approved.activationWindowStart!)).toBe(2 * HOUR);

    server.clock.advance(2 * HOUR - 1);
    expect(await server.runtime.sweepContracts()).toEqual({ expired: 0, failed: 0 });
    expect(await statusOf(contract.id)).toMatchObject({ status: 'APPROVED', version: 2 });

    server.clock.advance(1);
    expect(await server.runtime.sweepContracts()).toEqual({ expired: 0, failed: 1 });
    expect(await statusOf(contract.id)).toMatchObject({ status: 'FAILED', statusReason: 'activation window elapsed', version: 3 });
    const transitions = await selectRows<TransitionRow>(server, 'transitions', { subject_id: contract.id, to_status: 'FAILED' });
    expect(transitions).toEqual([expect.objectContaining({ from_status: 'APPROVED', actor: 'system:sweeper', reason: 'activation window elapsed' })]);
    expect(await countRows(server, 'outbox_events', { subject_id: contract.id, type: 'contract.failed', actor: 'system:sweeper' })).toBe(1);
  });

  it('leaves contracts that are not yet due untouched', async () => {
    const { server, operator, approver } = world;
    const later = await createContractAs(server, operator, { expiresInHours: 5 });
    const sooner = await createContractAs(server, operator, { expiresInHours: 1 });
    const approvedLater = await approveContractAs(server, approver, (await createContractAs(server, operator, { expiresInHours: 1 })).id, { activationWindowHours: 3 });

    server.clock.advance(HOUR);
    expect(await server.runtime.sweepContracts()).toEqual({ expired: 1, failed: 0 });
    expect((await statusOf(sooner.id)).status).toBe('EXPIRED');
    expect(await statusOf(later.id)).toMatchObject({ status: 'ELIGIBLE', version: 1 });
    expect(await statusOf(approvedLater.id)).toMatchObject({ status: 'APPROVED', version: 2 });
    expect(await countRows(server, 'transitions', { subject_id: [later.id, approvedLater.id], actor: 'system:sweeper' })).toBe(0);
  });

  it('moves every due contract exactly once when several sweepers run at once', async () => {
    const { server, operator } = world;
    const due = 150;
    const contracts = await Promise.all(Array.from({ length: due }, (_, index) => createContractAs(server, operator, { issueId: `SWEEP-${index}`, expiresInHours: 1 })));
    const ids = contracts.map((contract) => contract.id);
    server.clock.advance(HOUR);

    const results = (await Promise.all([1, 2, 3].map(() => Promise.all([server.runtime.sweepContracts(), server.runtime.sweepContracts()])))).flat();

    expect(results.reduce((sum, result) => sum + result.expired, 0)).toBe(due);
    expect(results.reduce((sum, result) => sum + result.failed, 0)).toBe(0);
    expect(await countRows(server, 'contracts', { id: ids, status: 'EXPIRED', version: 2 })).toBe(due);
    const expiriesPerContract = await countRowsPer(server, 'transitions', 'subject_id', { subject_id: ids, to_status: 'EXPIRED' });
    const eventsPerContract = await countRowsPer(server, 'outbox_events', 'subject_id', { subject_id: ids, type: 'contract.expired' });
    const oncePerContract = Object.fromEntries(ids.map((id) => [id, 1]));
    expect(expiriesPerContract).toEqual(oncePerContract);
    expect(eventsPerContract).toEqual(oncePerContract);
    expect(await server.runtime.sweepContracts()).toEqual({ expired: 0, failed: 0 });
  });
});
