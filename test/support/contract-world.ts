// Per-block test server for contract tests: starts a server and mints an operator and an approver
// before the enclosing describe block's tests, and closes the server after them.
import { afterAll, beforeAll } from 'vitest';
import { mintContractCallers, type ContractCallers } from './contracts.js';
import { startTestServer, type TestServer } from './test-server.js';

/** The server and the two callers; filled in before the block's first test. */
export interface ContractWorld extends ContractCallers {
  server: TestServer;
}

/** Registers the hooks and returns the world they fill in (read its fields inside tests). */
export function useContractWorld(): ContractWorld {
  const world = {} as ContractWorld;
  beforeAll(async () => {
    world.server = await startTestServer();
    Object.assign(world, await mintContractCallers(world.server));
  });
  afterAll(() => world.server.close());
  return world;
}
