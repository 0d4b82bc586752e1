// Refusals in words: every error the server can return carries `extensions.code` (INTERFACE.md
// "Errors"); the console says what each code means for the person who acted, and keeps the
// server's own message as the detail. Pure: no React, no network.

/** The codes a client can receive, and the two Apollo adds for documents that do not parse or validate. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INVALID_TRANSITION'
  | 'IMMUTABLE'
  | 'MAY_NOT_VERDICT'
  | 'INVARIANT_VIOLATION'
  | 'CONFLICT'
  | 'IDEMPOTENCY_MISMATCH'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED';

/** What each code means, said to the person who tried. */
export const RefusalWords: Readonly<Record<ErrorCode, string>> = {
  BAD_USER_INPUT: 'Some of what you entered is not accepted.',
  BAD_REQUEST: 'The server could not take the request as the console sent it. Reload the page.',
  UNAUTHENTICATED: 'Your API key was not accepted: it is unknown or has been revoked.',
  FORBIDDEN: 'Your role does not allow this.',
  NOT_FOUND: 'It was not found in your tenant.',
  INVALID_TRANSITION: 'This is not possible from its current status.',
  IMMUTABLE: 'It has reached a final status and can no longer change.',
  MAY_NOT_VERDICT: 'Its eligibility verdict is MAY NOT, so it can never go ahead.',
  INVARIANT_VIOLATION: 'This would break a governance rule, so it was refused.',
  CONFLICT: 'Someone changed it first. Look at the current version and try again.',
  IDEMPOTENCY_MISMATCH: 'This request repeats an earlier one with different contents.',
  RATE_LIMITED: 'Too much at once. Wait a moment and try again.',
  UNAVAILABLE: 'The server cannot do this right now. Try again shortly.',
  INTERNAL: 'The server failed unexpectedly and has logged the details.',
  GRAPHQL_PARSE_FAILED: 'The console sent a request the server could not read. Reload the page.',
  GRAPHQL_VALIDATION_FAILED: 'The console and the server disagree about the API. Reload the page.',
};

/** An error as it arrives in a GraphQL response. */
export interface ServerError {
  message: string;
  extensions?: Record<string, unknown> | null;
}

/** A refusal ready to show: its code, the words for it, the server's message and any listed reasons. */
export interface Refusal {
  code: ErrorCode | null;
  words: string;
  detail: string | null;
  reasons: string[];
}

/** What the console knows about the attempt, for the refusals whose words depend on it. */
export interface AttemptContext {
  /** The person tried to approve a contract they created (separation of duties). */
  approvingOwnContract?: boolean;
}

const NO_CONNECTION = 'The server could not be reached. Check your connection; the console retries on its own for live views.';

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(RefusalWords, code);
}

/** A reason's words: reasons are strings, or `{ code, message }` when they carry a stable code (a refused plan). */
function reasonWords(reason: unknown): string {
  if (typeof reason === 'object' && reason !== null && typeof (reason as { message?: unknown }).message === 'string') return (reason as { message: string }).message;
  return String(reason);
}

/** Words for the first error of a response (or for a failed connection when there is none). */
export function describeRefusal(errors: readonly ServerError[], attempt: AttemptContext = {}): Refusal {
  const [first] = errors;
  if (!first) return { code: null, words: NO_CONNECTION, detail: null, reasons: [] };
  const rawCode = first.extensions?.code;
  const rawReasons = first.extensions?.reasons;
  const code = isErrorCode(rawCode) ? rawCode : null;
  const reasons = Array.isArray(rawReasons) ? rawReasons.map(reasonWords) : [];
  if (code === 'FORBIDDEN' && attempt.approvingOwnContract) {
    return { code, words: 'Separation of duties: you created this contract, so someone else must approve it.', detail: first.message, reasons };
  }
  const words = code ? RefusalWords[code] : 'The server refused this.';
  // The reasons list what BAD_USER_INPUT's message repeats; show them once.
  return { code, words, detail: reasons.length > 0 ? null : first.message, reasons };
}

/** Whether a response's errors say the API key is no longer accepted. */
export function isUnauthenticated(errors: readonly ServerError[]): boolean {
  return errors.some((error) => error.extensions?.code === 'UNAUTHENTICATED');
}
