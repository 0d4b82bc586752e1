// What the hub publishes to, and why a live subscription ends. A sink is a subscriber's own queue
// (its transport pulls from it) or a group of subscribers whose frames are written as events arrive;
// either way it receives each matching event synchronously, in position order. Its subscribers end
// when their key is revoked or expires, when the server shuts down, or when one falls too far behind; each
// ending becomes one typed error that tells the client why and where to resume.
import { GovernanceError } from '../runtime/errors.js';
import type { EventSelector, StoredEvent } from '../runtime/read-outbox.js';

/** A receiver of published events. */
export interface LiveSink {
  readonly selector: EventSelector;
  /** Receives a published event its selector matches. */
  push(event: StoredEvent): void;
  /** Ends its subscribers that authenticated with this key. */
  revoke(apiKeyId: string): void;
  /** Ends every subscriber (shutdown). */
  close(): void;
  /** How many subscribers it serves (0: the hub drops it). */
  readonly size: number;
}

/** Why a live subscription ended. */
export type LiveEnding = { kind: 'revoked' } | { kind: 'expired' } | { kind: 'shutdown' } | { kind: 'overflow'; capacity: number };

/** Carries an ending through a subscriber's queue. */
export class SubscriptionEnded extends Error {
  constructor(readonly ending: LiveEnding) {
    super(`subscription ended: ${ending.kind}`);
  }
}

/** The error a client receives for an ending, with `last` the position delivered last. */
export function endingError(ending: LiveEnding, last: bigint): GovernanceError {
  const resume = { resumeAfter: last.toString() };
  switch (ending.kind) {
    case 'revoked':
      return new GovernanceError('UNAUTHENTICATED', 'Subscription closed: the API key was revoked', { reason: 'API_KEY_REVOKED' });
    case 'expired':
      return new GovernanceError('UNAUTHENTICATED', 'Subscription closed: the API key expired', { reason: 'API_KEY_EXPIRED' });
    case 'shutdown':
      return new GovernanceError('UNAVAILABLE', `Subscription closed: the server is shutting down. Resubscribe with after: "${last}" (here or on another instance) to continue without a gap.`, resume);
    case 'overflow':
      return new GovernanceError('RATE_LIMITED', `Subscription closed: the subscriber fell more than ${ending.capacity} events behind. Resubscribe with after: "${last}" to continue without a gap.`, resume);
  }
}
