// Direct runtime callers for bulk test set-up: request contexts for principals authenticated from
// real API keys, so set-up can skip HTTP while still going through the runtime's commands.
import pino from 'pino';
import type { RequestContext } from '../../src/runtime/request-context.js';
import type { TestServer } from './test-server.js';

const silentLogger = pino({ level: 'silent' });

/** Mints a key for `principal` with `role` in `tenant`, authenticates it, and returns its request context. */
export async function requestContextAs(server: TestServer, role: 'viewer' | 'operator' | 'approver' | 'admin', principal: string, tenant = 'default'): Promise<RequestContext> {
  const authenticated = await server.runtime.authenticate(await server.key(role, principal, tenant));
  if (!authenticated) throw new Error(`A freshly minted key for ${principal} did not authenticate`);
  return { principal: authenticated, requestId: `test-${principal}`, logger: silentLogger };
}
