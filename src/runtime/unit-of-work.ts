// Unit of work: the commit boundary. One QueryRunner transaction per runtime command: start, work,
// commit — or roll back on any throw — and always release the runner. Serialization failures,
// deadlocks and connections lost before COMMIT was sent retry with backoff (engines/commit-retry.ts);
// a lost database answers UNAVAILABLE. Each unit of work is a span named after its command (a no-op
// unless tracing is on).
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { failureKindOf } from './database-failures.js';
import { backoffDelayMs, decideOnFailure, defaultRetrySettings, type CommitPhase, type RetrySettings } from './engines/commit-retry.js';
import { ensureError, UnavailableError } from './errors.js';
import { inSpan } from '../telemetry/spans.js';
import { flushOutbox, type NewOutboxEvent } from './outbox-flush.js';
import { startScopedTransaction } from './scoped-transactions.js';
import type { TransactionScope } from './transaction-scope.js';

/** The transaction a command works in, handed to every driver as its first argument. */
export interface UnitOfWork {
  readonly manager: EntityManager;
  /** The instant of this command, read once from the clock. */
  readonly now: Date;
  /** Events to write (and announce) just before the commit, in order. */
  readonly pendingEvents: NewOutboxEvent[];
  /** Set when the command claimed an idempotency key: it may then run again even after a commit whose outcome is unknown. */
  idempotencyKeyClaimed: boolean;
}

/** Told how each unit of work ended, for metrics. */
export type UnitOfWorkObserver = (command: string, outcome: 'commit' | 'rollback' | 'retry', seconds: number) => void;

/** How a commit that wrote events announces them. */
export interface OutboxAnnouncement {
  /** Whether the commit NOTIFYs the sequencer itself (PostgreSQL serialises committers that notify). */
  notifyOnCommit: boolean;
  /** Told after such a commit, so this instance's sequencer starts at once. */
  committed(): void;
}

/** What a unit of work needs from the composition root. */
export interface UnitOfWorkDeps {
  dataSource: DataSource;
  observe?: UnitOfWorkObserver;
  /** Without it (the CLI), commits notify, so a running server's sequencer hears of them at once. */
  announce?: OutboxAnnouncement;
  /** How transient failures are retried (default {@link defaultRetrySettings}); `random` in [0, 1) draws the jitter. */
  retry?: RetrySettings & { random?: () => number };
}

/** Runs `work` in one transaction of `scope` (see transaction-scope.ts) and commits it; rolls back
 * and rethrows on any throw. */
export async function withUnitOfWork<T>(
  deps: UnitOfWorkDeps,
  scope: TransactionScope,
  command: string,
  now: Date,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<T> {
  return inSpan(command, { 'governance.command': command }, (span) => attempts(deps, scope, command, now, work, (attempt) => span.setAttribute('governance.attempts', attempt)));
}

async function attempts<T>(deps: UnitOfWorkDeps, scope: TransactionScope, command: string, now: Date, work: (uow: UnitOfWork) => Promise<T>, attempting: (attempt: number) => void): Promise<T> {
  const { random = Math.random, ...retry }: UnitOfWorkDeps['retry'] & {} = deps.retry ?? defaultRetrySettings;
  let earlierOutcomeUnknown = false;
  for (let attempt = 1; ; attempt += 1) {
    attempting(attempt);
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const runner = deps.dataSource.createQueryRunner();
    const uow: UnitOfWork = { manager: runner.manager, now, pendingEvents: [], idempotencyKeyClaimed: false };
    let phase: CommitPhase = 'beforeCommit';
    try {
      await runner.connect();
      await startScopedTransaction(runner, scope); // PostgreSQL's default, READ COMMITTED: no SET statement needed
      const result = await work(uow);
      const wroteEvents = uow.pendingEvents.length > 0;
      if (wroteEvents) await flushOutbox(runner.manager, uow.pendingEvents, now, deps.announce?.notifyOnCommit ?? true);
      phase = 'commitSent';
      await runner.commitTransaction();
      if (wroteEvents) deps.announce?.committed();
      deps.observe?.(command, 'commit', seconds());
      return result;
    } catch (thrown) {
      // TypeORM releases a runner whose connection failed; what the command then tried failed for that reason.
      const kind = runner.isReleased ? 'connection' : failureKindOf(thrown);
      await rollBackQuietly(runner);
      const decision = decideOnFailure({ kind, phase, attempt, maxAttempts: retry.maxAttempts, keyed: uow.idempotencyKeyClaimed, earlierOutcomeUnknown });
      earlierOutcomeUnknown ||= kind === 'connection' && phase === 'commitSent';
      deps.observe?.(command, decision === 'retry' ? 'retry' : 'rollback', seconds());
      if (decision === 'unavailable') throw new UnavailableError('NOT_COMMITTED', thrown);
      if (decision === 'outcomeUnknown') throw new UnavailableError('UNKNOWN', thrown);
      if (decision === 'fail') throw ensureError(thrown);
    } finally {
      await runner.release();
    }
    await sleep(backoffDelayMs(attempt, retry, random));
  }
}

/** Rolls back if a transaction is open; a lost connection has already rolled it back server-side. */
async function rollBackQuietly(runner: QueryRunner): Promise<void> {
  if (!runner.isTransactionActive || runner.isReleased) return;
  try {
    await runner.rollbackTransaction();
  } catch {
    // The connection died; PostgreSQL discards an open transaction with its session.
  }
}
