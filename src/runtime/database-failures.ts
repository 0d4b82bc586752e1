// What a thrown database error means for retrying: a serialization failure, a deadlock, a lost or
// refused connection (the database is down or restarting), or anything else.
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { FailureKind } from './engines/commit-retry.js';

/** SQLSTATEs and Node socket errors of a database that cannot be reached or is going away. */
const CONNECTION_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** node-postgres's own words for a connection that ended or never opened (these carry no code). */
const CONNECTION_MESSAGES = /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect|Connection ended/i;

function codeOf(thrown: unknown): string | undefined {
  const error = thrown as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = error?.driverError?.code ?? error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The kind of a thrown value, for the retry decision. */
export function failureKindOf(thrown: unknown): FailureKind {
  const code = codeOf(thrown);
  if (code === '40001') return 'serialization';
  if (code === '40P01') return 'deadlock';
  if (code !== undefined && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return 'connection';
  const errors = (thrown as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => failureKindOf(inner) === 'connection')) return 'connection'; // AggregateError: every address refused
  if (thrown instanceof QueryRunnerProviderAlreadyReleasedError || thrown instanceof QueryRunnerAlreadyReleasedError) return 'connection'; // TypeORM released the runner when its connection failed
  const message = thrown instanceof Error ? thrown.message : '';
  return CONNECTION_MESSAGES.test(message) && !code ? 'connection' : 'other';
}

/** Whether the value is a lost or refused database connection. */
export function isDatabaseUnreachable(thrown: unknown): boolean {
  return failureKindOf(thrown) === 'connection';
}
