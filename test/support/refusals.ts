// Refusal checks for end-to-end tests: a request answered with one error code that wrote nothing —
// no new or changed row count in any table a command writes, and the objects it named read back unchanged.
import { expect } from 'vitest';
import { writtenJobRowCounts } from './jobs.js';
import { errorCode } from './responses.js';
import type { GraphQLResponse, TestServer } from './test-server.js';

/** Sends `request`, expects it refused with `code` and nothing written; returns the error. */
export async function expectRefusedWithoutWrites(
  server: TestServer,
  code: string,
  request: () => Promise<GraphQLResponse<unknown>>,
  readBack: () => Promise<unknown> = async () => null,
) {
  const objectsBefore = await readBack();
  const rowsBefore = await writtenJobRowCounts(server);
  const response = await request();
  expect(response.data ?? null).toBeNull();
  expect(errorCode(response)).toBe(code);
  expect(await writtenJobRowCounts(server)).toEqual(rowsBefore);
  expect(await readBack()).toEqual(objectsBefore);
  return response.errors![0];
}
