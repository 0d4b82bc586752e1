// The CLI's exit codes (README "Exit codes") and which one an error ends the process with.
import { CommanderError } from 'commander';
import { GovernanceError } from '../runtime/errors.js';

/** What the process's exit status means. */
export const ExitCode = {
  /** Done (help included). */
  ok: 0,
  /** Something unexpected failed (the database could not be reached, a bug): see the message. */
  failure: 1,
  /** The command line is wrong: unknown command or option, missing or invalid value. */
  usage: 2,
  /** The command was understood and refused: unknown tenant or key, tenant already exists. */
  refused: 3,
  /** `audit verify`: the export does not verify (a record, head or checkpoint was tampered with). */
  invalid: 4,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitStatus = (typeof ExitCode)[keyof typeof ExitCode];

/** Thrown by a command whose check failed: ends the process with `status` after printing `line`. */
export class CheckFailed extends Error {
  constructor(
    readonly status: ExitStatus,
    message: string,
  ) {
    super(message);
  }
}

/** The exit status for an error, and the line to print for it (null: commander printed it already). */
export function exitFor(error: unknown): { status: ExitStatus; line: string | null } {
  if (error instanceof CheckFailed) return { status: error.status, line: `error: ${error.message}` };
  if (error instanceof CommanderError) return { status: error.exitCode === 0 ? ExitCode.ok : ExitCode.usage, line: null };
  if (error instanceof GovernanceError) return { status: error.code === 'BAD_USER_INPUT' ? ExitCode.usage : ExitCode.refused, line: `error: ${error.message}` };
  return { status: ExitCode.failure, line: `error: ${error instanceof Error ? error.message : String(error)}` };
}
