// Run completion step (traces): a traced run's trace is completed and acked as logs:complete_trace;
// an untraced run has nothing to do here.
import { randomUUID } from 'node:crypto';
import { TRACE_COMPLETION } from '../engines/run-audit.js';
import { insertTraceCompletion } from '../drivers/completion-records.js';
import type { CompletionStep } from './completion-step.js';
import { ackSuccess } from './record-ack.js';

/** Completes the run's trace, when it has one. */
export const traceStep: CompletionStep = {
  name: 'traces',
  actionFor: (run) => (run.traceId ? TRACE_COMPLETION : null),
  run: async (context) => {
    const { run, uow, decision } = context;
    if (!run.traceId) return;
    const completion = { id: `trc_${randomUUID()}`, tenantId: run.tenantId, runId: run.id, traceId: run.traceId, outcome: decision.status, completedAt: uow.now };
    await insertTraceCompletion(uow, completion);
    ackSuccess(context, TRACE_COMPLETION, completion.id);
  },
};
