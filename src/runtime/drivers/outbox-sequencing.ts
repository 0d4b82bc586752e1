// Driver: the outbox sequencer's statements. One session per database holds an advisory lock and,
// in short transactions of one statement each, gives committed outbox rows their positions — so
// positions follow commit order, and a row becomes visible only with every smaller position.
// A pass that finds nothing to sequence writes nothing, so an idle sequencer uses no transaction id.
import { prepared } from '../../database/prepared-statements.js';

/** The channel the sequencer NOTIFYs with the last position it gave (a hint for every reader). */
export const SEQUENCED_CHANNEL = 'outbox_sequenced';

/** A dedicated connection (the sequencer's lock lives and dies with it). */
export interface SqlSession {
  query(sql: string, parameters?: unknown[]): Promise<Record<string, unknown>[]>;
}

/** What one pass did. */
export interface SequencingPass {
  /** How many events got a position. */
  sequenced: number;
  /** The last position given, or null when none was. */
  lastPosition: bigint | null;
}

/** Takes the database's sequencer lock for this session if nobody holds it; true when held. */
export async function tryTakeSequencerLock(session: SqlSession): Promise<boolean> {
  const [row] = await session.query(`SELECT pg_try_advisory_lock(hashtext('governance-outbox-sequencer')) AS "held"`);
  return row.held === true;
}

/**
 * Gives up to `limit` committed, unsequenced events their positions — in id order within the
 * pass, which keeps a command's events in the order it wrote them — moves the sequencer's last
 * position, and NOTIFYs readers, all in one statement (one short transaction).
 */
export async function sequenceCommittedEvents(session: SqlSession, limit: number): Promise<SequencingPass> {
  const [row] = await session.query(
    prepared(`WITH batch AS (
       SELECT id, row_number() OVER (ORDER BY id) AS n
       FROM (SELECT id FROM outbox_events WHERE position IS NULL ORDER BY id LIMIT $1) waiting),
     total AS (SELECT count(*) AS n FROM batch),
     state AS (
       UPDATE outbox_sequencer SET last_position = last_position + (SELECT n FROM total)
       WHERE (SELECT n FROM total) > 0
       RETURNING last_position - (SELECT n FROM total) AS base),
     assigned AS (
       UPDATE outbox_events o SET position = state.base + batch.n
       FROM batch, state WHERE o.id = batch.id
       RETURNING o.position),
     summary AS (SELECT count(*)::int AS sequenced, max(position) AS last FROM assigned)
     SELECT sequenced, last::text AS "lastPosition",
            CASE WHEN sequenced > 0 THEN pg_notify('${SEQUENCED_CHANNEL}', last::text) END AS "notified"
     FROM summary`),
    [limit],
  );
  return { sequenced: Number(row.sequenced), lastPosition: row.lastPosition == null ? null : BigInt(String(row.lastPosition)) };
}
