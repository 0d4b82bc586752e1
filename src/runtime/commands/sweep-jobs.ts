// Runtime command: the job timeout sweeper — unfinished jobs past timeoutAt fail ("timed out") and
// fail their contracts, in batches claimed FOR UPDATE SKIP LOCKED.
import { decideJobTimeout } from '../engines/job-decisions.js';
import { claimTimedOutJobs } from '../drivers/jobs.js';
import { SYSTEM_ACTOR } from '../request-context.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { jobStateOf } from './change-job.js';
import { finishJob } from './finish-job.js';
import { sweepInBatches } from './sweep-in-batches.js';

/** Fails every timed-out job; returns how many. */
export function sweepJobs(deps: RuntimeDeps): Promise<number> {
  return sweepInBatches(deps, 'sweep:jobTimeout', claimTimedOutJobs, async (uow, job) => {
    const change = decideJobTimeout(jobStateOf(job), uow.now);
    if (change) await finishJob(uow, job, change, SYSTEM_ACTOR);
    return change !== null;
  });
}
