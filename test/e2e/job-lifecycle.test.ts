// The job happy path end to end through GraphQL: create → approve → activate → start → every step →
// complete → audit PASS, with the plan, health snapshots, histories and events it leaves.
import { describe, expect, it } from 'vitest';
import { CompleteJobDocument, ContractWithJobDocument, RecordAuditVerdictDocument, ReportCapabilityHealthDocument, StartJobDocument } from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { activatedContract, recordStep, threeChanges } from '../support/jobs.js';
import { dataOf } from '../support/responses.js';
import { selectRows } from '../support/rows.js';

describe('the job happy path', () => {
  const world = useContractWorld();

  it('create → approve → activate → start → every step → complete → audit PASS → contract COMPLETED', async () => {
    const { server } = world;
    await server.gql(world.operator, ReportCapabilityHealthDocument, { capability: 'summariser', status: 'HEALTHY', details: { p99Ms: 120 } });
    const activation = await activatedContract(server, world, threeChanges, 30);
    expect(activation.contract.status).toBe('ACTIVE');
    expect(activation.contract.job?.id).toBe(activation.job.id);
    expect(activation.job).toMatchObject({ status: 'PENDING', totalSteps: 3, currentStepIndex: 0, createdBy: 'olga' });
    expect(activation.job.steps).toEqual([
      { stepIndex: 0, stepType: 'CAPABILITY_ENABLE', target: 'summariser', parameters: { targetLifecycle: 'PREVIEW' }, timeoutSeconds: 300 },
      { stepIndex: 1, stepType: 'CONFIGURATION_UPDATE', target: 'SYSTEM', parameters: { key: 'max_tokens', oldValue: 1000, newValue: 2000 }, timeoutSeconds: 300 },
      { stepIndex: 2, stepType: 'PARAMETER_CHANGE', target: 'summariser', parameters: { parameters: { temperature: 0.2 } }, timeoutSeconds: 300 },
    ]);
    expect(activation.job.timeoutAt).toBe(new Date(server.clock.now().getTime() + 30 * 60_000).toISOString());
    expect(activation.job.healthBefore).toMatchObject({ runningJobs: 0, capabilities: { summariser: { status: 'HEALTHY', details: { p99Ms: 120 } } } });

    const jobId = activation.job.id;
    await server.gql(world.operator, ReportCapabilityHealthDocument, { capability: 'summariser', status: 'DEGRADED' });
    const started = dataOf(await server.gql(world.operator, StartJobDocument, { id: jobId })).startJob;
    expect(started.status).toBe('RUNNING');
    for (const stepIndex of [0, 1, 2]) {
      const job = await recordStep(server, world, jobId, { stepIndex, status: 'COMPLETED', output: { ok: stepIndex }, healthAfter: { step: stepIndex } });
      expect(job.currentStepIndex).toBe(stepIndex + 1);
    }
    const completed = dataOf(await server.gql(world.operator, CompleteJobDocument, { id: jobId })).completeJob;
    expect(completed).toMatchObject({ status: 'COMPLETED', statusReason: 'all 3 steps completed', progress: { currentStep: 3, totalSteps: 3, completedSteps: 3, failedSteps: 0 } });
    expect(completed.contract.status).toBe('ACTIVE');
    expect(completed.healthAfter).toEqual({ step: 2 });
    expect(completed.auditEvidence).toMatchObject({ durationSeconds: 0, healthAfter: { step: 2 }, job: { id: jobId, status: 'COMPLETED' } });
    expect((completed.auditEvidence as { results: unknown[] }).results).toHaveLength(3);
    // J5: the snapshot taken at activation is not edited by later health reports.
    expect(completed.healthBefore).toEqual(activation.job.healthBefore);

    const verdict = dataOf(await server.gql(world.approver, RecordAuditVerdictDocument, { contractId: activation.contract.id, verdict: 'PASS', reason: 'metrics nominal' })).recordAuditVerdict;
    expect(verdict).toMatchObject({ status: 'COMPLETED', auditVerdict: 'PASS', auditReason: 'metrics nominal' });
    expect(verdict.transitions.map((t) => `${t.fromStatus}>${t.toStatus}:${t.actor}`)).toEqual([
      'NONE>DRAFT:olga',
      'DRAFT>VALIDATED:olga',
      'VALIDATED>ELIGIBLE:olga',
      'ELIGIBLE>APPROVED:april',
      'APPROVED>ACTIVE:olga',
      'ACTIVE>COMPLETED:april',
    ]);
    expect(completed.transitions.map((t) => `${t.fromStatus}>${t.toStatus}:${t.actor}`)).toEqual(['NONE>PENDING:olga', 'PENDING>RUNNING:olga', 'RUNNING>COMPLETED:olga']);
    const contractView = dataOf(await server.gql(world.approver, ContractWithJobDocument, { id: activation.contract.id })).contract;
    expect(contractView?.job).toEqual({ id: jobId, status: 'COMPLETED' });

    const events = await selectRows(server, 'outbox_events', { subject_id: [jobId, activation.contract.id] });
    expect(events.map((event) => event.type)).toEqual([
      'contract.created', 'contract.approved', 'job.created', 'contract.active', 'job.started',
      'job.step_recorded', 'job.step_recorded', 'job.step_recorded', 'job.completed', 'audit.requested', 'contract.completed',
    ]);
  });
});
