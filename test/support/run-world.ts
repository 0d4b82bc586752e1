// Per-block test server for run tests: starts a server, mints the run callers (admin 'ada', operator
// 'otto') and prepares agents before the block's first test, and closes the server after its last.
import { afterAll, beforeAll } from 'vitest';
import { mintRunCallers, prepareAgent, type RunCallers } from './runs.js';
import { startTestServer, type TestServer } from './test-server.js';

/** The server and the callers; filled in before the block's first test. */
export interface RunWorld extends RunCallers {
  server: TestServer;
}

/** Registers the hooks; `agents` get the sample skills and a 1000 ¢ budget; `options` is read when the server starts. */
export function useRunWorld(agents: readonly string[] = [], options: () => Parameters<typeof startTestServer>[0] = () => ({})): RunWorld {
  const world = {} as RunWorld;
  beforeAll(async () => {
    world.server = await startTestServer(options());
    Object.assign(world, await mintRunCallers(world.server));
    for (const agentId of agents) await prepareAgent(world.server, world, agentId);
  });
  afterAll(() => world.server.close());
  return world;
}
