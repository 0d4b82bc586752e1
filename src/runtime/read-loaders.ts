// Runtime reads: per-request DataLoaders, so nested fields of a page cost a bounded number of
// statements whatever the page size. Built once per request for the caller's tenant.
import DataLoader from 'dataloader';
import { loadTransitions } from './drivers/transitions.js';
import type { TransitionRecord } from './records.js';
import type { RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';

/** The loaders of one request. */
export interface ReadLoaders {
  transitions: DataLoader<string, TransitionRecord[]>;
}

/** Makes fresh loaders for one request of the caller's tenant. */
export function makeReadLoaders(deps: RuntimeDeps, ctx: RequestContext): ReadLoaders {
  const tenantId = ctx.principal.tenantId;
  return {
    transitions: new DataLoader(async (subjectIds) => {
      const rows = await loadTransitions(deps.dataSource, tenantId, subjectIds);
      return subjectIds.map((id) => rows.filter((row) => row.subjectId === id));
    }),
  };
}
