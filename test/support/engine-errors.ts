// Reading what a pure engine threw, for table-driven unit tests: the error code (or 'none'), or the
// reasons of a BAD_USER_INPUT (plain or coded). Anything that is not a GovernanceError is rethrown as a real failure.
import { BadUserInputError, CodedInputError, GovernanceError, type CodedReason, type ErrorCode } from '../../src/runtime/errors.js';

/** The code of the GovernanceError `run` throws, or 'none' when it returns normally. */
export function codeThrownBy(run: () => unknown): ErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof GovernanceError) return error.code;
    throw error;
  }
}

/** The reasons of the BAD_USER_INPUT `run` throws; throws when it throws nothing or something else. */
export function reasonsThrownBy(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.extensions.reasons as string[];
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT, nothing was thrown');
}

/** The coded reasons (and other extensions) of the refusal `run` throws; throws when it throws nothing or something else. */
export function codedRefusalOf(run: () => unknown): { reasons: CodedReason[]; extensions: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (error instanceof CodedInputError) return { reasons: error.extensions.reasons as CodedReason[], extensions: error.extensions };
    throw error;
  }
  throw new Error('expected a coded BAD_USER_INPUT, nothing was thrown');
}
