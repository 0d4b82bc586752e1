// Runtime step: runs a keyed command once. The key is claimed in the command's own transaction; a
// repeat with the same input replays the stored result, a different input is IDEMPOTENCY_MISMATCH.
// A claimed key also lets the unit of work run the command again after a commit whose outcome it
// could not learn: the rerun's claim finds the record if that commit took, and replays it.
import { fingerprintRequest } from '../engines/request-fingerprint.js';
import { IdempotencyMismatchError } from '../errors.js';
import { claimIdempotencyKey, recordIdempotentResult } from '../drivers/idempotency.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** A keyed command: what identifies it, how to run it, and how to answer a repeat. */
export interface IdempotentCommand<T> {
  tenantId: string;
  operation: string;
  key: string | null | undefined;
  input: unknown;
  /** Runs the command; returns its result and the id a repeat reloads it by. */
  execute(): Promise<{ result: T; resultId: string }>;
  /** Rebuilds the first answer from its stored result id (null if it is gone). */
  replay(resultId: string): Promise<T | null>;
}

/** Executes the command, or — for a key seen before — replays its first answer. */
export async function runIdempotent<T>(uow: UnitOfWork, command: IdempotentCommand<T>): Promise<T> {
  if (!command.key) return (await command.execute()).result;
  const scope = { tenantId: command.tenantId, operation: command.operation, key: command.key };
  const requestHash = fingerprintRequest(command.input);
  const claim = await claimIdempotencyKey(uow, scope, requestHash);
  uow.idempotencyKeyClaimed = true;
  if (!claim.claimed) {
    if (claim.requestHash !== requestHash || claim.resultId === null) throw new IdempotencyMismatchError(command.key);
    const first = await command.replay(claim.resultId);
    if (first === null) throw new Error(`${command.operation}: idempotency record points at missing ${claim.resultId}`);
    return first;
  }
  const { result, resultId } = await command.execute();
  await recordIdempotentResult(uow, scope, resultId);
  return result;
}
