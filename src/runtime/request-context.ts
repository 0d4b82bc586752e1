// Request context: who is asking, for which tenant, under which request id; the first argument of
// every runtime call. The logger rides along so every line names its request.
import type { Logger } from 'pino';
import type { Role } from './roles.js';

/** The authenticated caller of one request. */
export interface Principal {
  tenantId: string;
  name: string;
  role: Role;
  apiKeyId: string;
  /** When the key stops working (its live connections are closed then); null: never. */
  keyExpiresAt: Date | null;
}

/** What every runtime command and read receives first. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
}

/** The actor recorded on transitions made by the server itself (sweepers). */
export const SYSTEM_ACTOR = 'system:sweeper';

/** The actor recorded for changes made from the command line. */
export const SYSTEM_CLI_ACTOR = 'system:cli';
