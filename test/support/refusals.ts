// "Refused and nothing written" for end-to-end tests: a request answered with one error code that
// changed no table's row count (every table of the schema, see table-counts.ts) nor what `readBack` reads.
import { expect } from 'vitest';
import { errorCode } from './responses.js';
import { tableRowCounts } from './table-counts.js';
import type { GraphQLResponse, TestServer } from './test-server.js';

type HasDatabase = Pick<TestServer, 'database'>;

/** Sends `request`, expects it refused with `code`, no table's row count changed and `readBack` unchanged; returns the error. */
export async function expectRefusedWithoutWrites(
  server: HasDatabase,
  code: string,
  request: () => Promise<GraphQLResponse<unknown>>,
  readBack: () => Promise<unknown> = async () => null,
) {
  const objectsBefore = await readBack();
  const rowsBefore = await tableRowCounts(server);
  const response = await request();
  expect(response.data ?? null).toBeNull();
  expect(errorCode(response)).toBe(code);
  expect(await tableRowCounts(server)).toEqual(rowsBefore);
  expect(await readBack()).toEqual(objectsBefore);
  return response.errors![0];
}
