// Typed errors: the one closed set of codes a client can see (INTERFACE.md), and the one base class.
// Every condition a client can cause is thrown as a GovernanceError; anything else becomes INTERNAL.
import { GraphQLError } from 'graphql';

/** The closed set of error codes clients receive as `extensions.code`. */
export const ErrorCodes = [
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'IMMUTABLE',
  'MAY_NOT_VERDICT',
  'INVARIANT_VIOLATION',
  'CONFLICT',
  'IDEMPOTENCY_MISMATCH',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

/** One of the codes in {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[number];

/** The base of every error a client may see; `details` travel in `extensions`. */
export class GovernanceError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
    this.name = 'GovernanceError';
  }
}

/** Input that breaks a rule; `reasons` lists every broken rule, not only the first. */
export class BadUserInputError extends GovernanceError {
  constructor(reasons: readonly string[]) {
    super('BAD_USER_INPUT', `Invalid input: ${reasons.join('; ')}`, { reasons: [...reasons] });
  }
}

/** A reason with a stable code a client can act on, and its words. */
export interface CodedReason {
  code: string;
  message: string;
}

/**
 * Input refused for reasons that carry stable codes (a refused plan): `extensions.reasons` lists
 * every reason as `{ code, message }`; `details` add facts such as `remainingCents`.
 */
export class CodedInputError extends GovernanceError {
  constructor(reasons: readonly CodedReason[], details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', `Invalid input: ${reasons.map((reason) => reason.message).join('; ')}`, { reasons: reasons.map(({ code, message }) => ({ code, message })), ...details });
  }
}

/** No key, or a key that is unknown or revoked. */
export class UnauthenticatedError extends GovernanceError {
  constructor() {
    super('UNAUTHENTICATED', 'A valid API key is required (Authorization: Bearer <key>)');
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends GovernanceError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** The object does not exist in the caller's tenant. */
export class NotFoundError extends GovernanceError {
  constructor(kind: string, id: string) {
    super('NOT_FOUND', `${kind} ${id} not found`, { kind, id });
  }
}

/** A move the state machine does not allow. */
export class InvalidTransitionError extends GovernanceError {
  constructor(kind: string, from: string, to: string, why?: string) {
    super('INVALID_TRANSITION', `${kind} cannot move from ${from} to ${to}${why ? `: ${why}` : ''}`, { from, to });
  }
}

/** A change requested on an object in a terminal state. */
export class ImmutableError extends GovernanceError {
  constructor(kind: string, status: string) {
    super('IMMUTABLE', `${kind} is ${status}, a terminal state, and cannot change`, { status });
  }
}

/** A contract whose eligibility verdict is MAY_NOT: never created, never advanced. */
export class MayNotVerdictError extends GovernanceError {
  constructor(reason: string) {
    super('MAY_NOT_VERDICT', `Eligibility verdict is MAY_NOT: ${reason}`);
  }
}

/** The caller's view of the object is stale, or another writer won. */
export class ConflictError extends GovernanceError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

/** The idempotency key was used before with a different input. */
export class IdempotencyMismatchError extends GovernanceError {
  constructor(key: string) {
    super('IDEMPOTENCY_MISMATCH', `Idempotency key "${key}" was already used with a different input`);
  }
}

/** PostgreSQL's refusals of text no column can hold: the NUL character (U+0000) in text, and in jsonb. */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

/** The client's mistake behind a database error, when it was one (text with NUL, which PostgreSQL cannot store); else null. */
export function inputErrorOfDatabaseError(thrown: unknown): BadUserInputError | null {
  const code = (thrown as { driverError?: { code?: unknown } } | null)?.driverError?.code ?? (thrown as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNSTORABLE_TEXT_CODES.has(code) ? new BadUserInputError(['text must not contain the NUL character (\\u0000)']) : null;
}

/** Normalises any thrown value into an Error before anyone reads `.message`. */
export function ensureError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(`Non-error thrown: ${String(thrown)}`);
}

/** The database cannot be reached right now; `outcome` says whether the command may have committed. */
export class UnavailableError extends GovernanceError {
  /** `whileAnswering`: the connection was lost reading the answer after the request's root field
   * returned — a mutation's command had committed by then, so its outcome is not NOT_COMMITTED. */
  constructor(outcome: 'NOT_COMMITTED' | 'UNKNOWN', cause?: unknown, whileAnswering = false) {
    super('UNAVAILABLE', unavailableMessage(outcome, whileAnswering), { outcome });
    this.cause = cause; // for the server's log; the client sees the message and `outcome` only
  }
}

function unavailableMessage(outcome: 'NOT_COMMITTED' | 'UNKNOWN', whileAnswering: boolean): string {
  if (outcome === 'NOT_COMMITTED') return 'The database is unavailable; nothing was changed. Retry later.';
  const retry = 'Read it back, or retry with the same idempotencyKey (answered from the stored result if it did), before doing it again.';
  return whileAnswering
    ? `The database became unavailable while the answer was being read, after the request's command (if any) had been answered, so a change it made may have taken effect. ${retry}`
    : `The database connection was lost while the change was being committed, so whether it took effect is unknown. ${retry}`;
}
