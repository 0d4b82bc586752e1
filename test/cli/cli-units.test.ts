// Unit tests of the CLI's pure parts: durations given to --expires-in, the exit code and line each
// kind of error gives, and the table layout.
import { CommanderError, InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/durations.js';
import { ExitCode, exitFor } from '../../src/cli/exit-codes.js';
import { instant, table } from '../../src/cli/output.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../src/runtime/errors.js';

describe('parseDuration', () => {
  it.each([
    ['45s', 45],
    ['90m', 5400],
    ['12h', 43_200],
    ['30d', 2_592_000],
    ['2w', 1_209_600],
    [' 1d ', 86_400],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '30', 'd', '0d', '-1d', '1.5d', '30days', '1y', 'soon'])('refuses %j as a usage error', (text) => {
    expect(() => parseDuration(text)).toThrow(InvalidArgumentError);
  });
});

describe('exitFor', () => {
  it.each<{ name: string; error: unknown; status: number; line: string | null }>([
    { name: 'help shown', error: new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), status: ExitCode.ok, line: null },
    { name: 'a commander usage error (printed by commander)', error: new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'"), status: ExitCode.usage, line: null },
    { name: 'input the runtime refuses', error: new BadUserInputError(['principal must be 1..200 characters']), status: ExitCode.usage, line: 'error: Invalid input: principal must be 1..200 characters' },
    { name: 'an unknown tenant', error: new NotFoundError('tenant', 'acmee'), status: ExitCode.refused, line: 'error: tenant acmee not found' },
    { name: 'an existing tenant', error: new ConflictError('tenant acme already exists'), status: ExitCode.refused, line: 'error: tenant acme already exists' },
    { name: 'anything else', error: new Error('connect ECONNREFUSED 127.0.0.1:5432'), status: ExitCode.failure, line: 'error: connect ECONNREFUSED 127.0.0.1:5432' },
  ])('$name: exit $status', ({ error, status, line }) => {
    expect(exitFor(error)).toEqual({ status, line });
  });
});

describe('table', () => {
  const columns = [
    { heading: 'ID', value: (row: { id: string; at: Date | null }) => row.id },
    { heading: 'AT', value: (row: { id: string; at: Date | null }) => instant(row.at) },
  ];

  it('aligns columns under their headings, with no trailing spaces', () => {
    const rows = [
      { id: 'key_1', at: new Date('2026-12-02T01:47:32.512Z') },
      { id: 'k', at: null },
    ];
    expect(table(rows, columns, 'No keys.')).toBe('ID     AT\nkey_1  2026-12-02 01:47:32Z\nk      -\n');
  });

  it('says so when there are no rows', () => {
    expect(table([], columns, 'No keys.')).toBe('No keys.\n');
  });
});
