// Race checks for end-to-end tests: of many concurrent responses exactly one (or exactly n)
// succeeded, and every other was refused with one of the codes a loser may get.
import { expect } from 'vitest';
import { dataOf, errorCode } from './responses.js';
import type { GraphQLResponse } from './test-server.js';

/** Asserts a single winner among `responses` and only `loserCodes` for the rest; returns the winner's data. */
export function soleWinnerOf<T>(responses: readonly GraphQLResponse<T>[], loserCodes: readonly string[]): T {
  const winners = responses.filter((response) => response.errors === undefined);
  const losers = responses.filter((response) => response.errors !== undefined);
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(responses.length - 1);
  for (const loser of losers) expect(loserCodes).toContain(errorCode(loser));
  return dataOf(winners[0]);
}

/** Asserts that exactly `count` of `responses` succeeded and only `loserCodes` refused the rest; returns the winners' data and the losers' errors. */
export function winnersOf<T>(responses: readonly GraphQLResponse<T>[], count: number, loserCodes: readonly string[]) {
  const winners = responses.filter((response) => response.errors === undefined);
  const losers = responses.filter((response) => response.errors !== undefined);
  expect(winners).toHaveLength(count);
  for (const loser of losers) expect(loserCodes).toContain(errorCode(loser));
  return { winners: winners.map(dataOf), losers: losers.map((loser) => loser.errors![0]) };
}
