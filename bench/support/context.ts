// What every measure receives: the bench database and the world set up on it.
import type { BenchWorld } from './world.js';

/** The bench's shared state. */
export interface BenchContext {
  databaseUrl: string;
  world: BenchWorld;
}

/** The tenant and actor the bench's completions run as (the operator key's principal). */
export const COMPLETER = { tenantId: 'default', actor: 'otto' } as const;
