// Refusals in words (console/src/graphql/refusals.ts): every code the server can return has its
// words; separation of duties is said as such; BAD_USER_INPUT lists its reasons; no error at all
// means the server could not be reached.
import { describe, expect, it } from 'vitest';
import { describeRefusal, isUnauthenticated, RefusalWords } from '../../../console/src/graphql/refusals';
import { ErrorCodes } from '../../../src/runtime/errors.js';

describe('describeRefusal', () => {
  it('has words for every code of the closed set, and for Apollo\'s parse and validation codes', () => {
    expect(Object.keys(RefusalWords).sort()).toEqual([...ErrorCodes, 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'].sort());
  });

  it.each([
    { case: 'MAY_NOT_VERDICT', errors: [{ message: 'Eligibility verdict is MAY_NOT: blocked', extensions: { code: 'MAY_NOT_VERDICT' } }], attempt: {}, words: RefusalWords.MAY_NOT_VERDICT, detail: 'Eligibility verdict is MAY_NOT: blocked', reasons: [] },
    { case: 'FORBIDDEN for a role', errors: [{ message: 'Role viewer may not call approveContract', extensions: { code: 'FORBIDDEN' } }], attempt: {}, words: 'Your role does not allow this.', detail: 'Role viewer may not call approveContract', reasons: [] },
    {
      case: 'FORBIDDEN to the creator approving',
      errors: [{ message: 'Separation of duties: the creator of a contract cannot approve it', extensions: { code: 'FORBIDDEN' } }],
      attempt: { approvingOwnContract: true },
      words: 'Separation of duties: you created this contract, so someone else must approve it.',
      detail: 'Separation of duties: the creator of a contract cannot approve it',
      reasons: [],
    },
    { case: 'CONFLICT', errors: [{ message: 'stale version', extensions: { code: 'CONFLICT' } }], attempt: {}, words: RefusalWords.CONFLICT, detail: 'stale version', reasons: [] },
    { case: 'BAD_USER_INPUT with its reasons', errors: [{ message: 'Invalid input: a; b', extensions: { code: 'BAD_USER_INPUT', reasons: ['a', 'b'] } }], attempt: {}, words: RefusalWords.BAD_USER_INPUT, detail: null, reasons: ['a', 'b'] },
    {
      case: 'BAD_USER_INPUT with coded reasons',
      errors: [{ message: 'Invalid input: x; y', extensions: { code: 'BAD_USER_INPUT', reasons: [{ code: 'UNKNOWN_SKILL', message: 'x' }, { code: 'FORBIDDEN_TARGET', message: 'y' }] } }],
      attempt: {},
      words: RefusalWords.BAD_USER_INPUT,
      detail: null,
      reasons: ['x', 'y'],
    },
    { case: 'an unknown code', errors: [{ message: 'odd', extensions: { code: 'SOMETHING_NEW' } }], attempt: {}, words: 'The server refused this.', detail: 'odd', reasons: [] },
  ])('says $case in words', ({ errors, attempt, words, detail, reasons }) => {
    expect(describeRefusal(errors, attempt)).toMatchObject({ words, detail, reasons });
  });

  it('says the server could not be reached when there is no GraphQL error', () => {
    expect(describeRefusal([])).toMatchObject({ code: null, words: expect.stringContaining('could not be reached') });
  });

  it('knows a refused key', () => {
    expect(isUnauthenticated([{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }])).toBe(true);
    expect(isUnauthenticated([{ message: 'x', extensions: { code: 'FORBIDDEN' } }])).toBe(false);
  });
});
