// Tenant isolation of jobs over GraphQL: every job command tenant B aims at tenant A's objects answers
// NOT_FOUND and changes nothing; A's jobs are invisible to B's reads; capability health stays per tenant.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ActivateContractDocument,
  CancelJobDocument,
  CapabilityHealthReadingsDocument,
  CompleteJobDocument,
  ContractWithJobDocument,
  GetJobDocument,
  GetJobNodeDocument,
  ListJobsDocument,
  RecordAuditVerdictDocument,
  RecordStepResultDocument,
  ReportCapabilityHealthDocument,
  StartJobDocument,
} from '../generated/graphql.js';
import { useContractWorld } from '../support/contract-world.js';
import { approveContractAs, createContractAs, type ContractCallers } from '../support/contracts.js';
import { activatedContract, completedJob, runningJob, runningJobWithEveryStepDone } from '../support/jobs.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf } from '../support/responses.js';
import { countRows, selectRows } from '../support/rows.js';

const TENANT_B = 'tenant-b';

/** A job command as a test sends it: its document and variables. */
interface JobCommand {
  name: string;
  document: TypedDocumentNode<unknown, Record<string, unknown>>;
  variables: Record<string, unknown>;
}

const command = <V extends Record<string, unknown>>(name: string, document: TypedDocumentNode<unknown, V>, variables: V): JobCommand => ({
  name,
  document: document as TypedDocumentNode<unknown, Record<string, unknown>>,
  variables,
});

describe('tenant isolation of jobs', () => {
  const world = useContractWorld();
  const tenantB = {} as ContractCallers & { admin: string; viewer: string };
  let viewerA: string;
  /** Tenant A's objects, one in each state a command needs. */
  const ofA = {} as {
    approvedContractId: string;
    pendingJobId: string;
    runningJobId: string;
    doneJobId: string;
    completedJob: Awaited<ReturnType<typeof completedJob>>;
  };

  beforeAll(async () => {
    const { server } = world;
    Object.assign(tenantB, {
      operator: await server.key('operator', 'otto', TENANT_B),
      approver: await server.key('approver', 'bob', TENANT_B),
      admin: await server.key('admin', 'ada', TENANT_B),
      viewer: await server.key('viewer', 'vera', TENANT_B),
    });
    viewerA = await server.key('viewer', 'vic');
    ofA.approvedContractId = (await approveContractAs(server, world.approver, (await createContractAs(server, world.operator)).id)).id;
    ofA.pendingJobId = (await activatedContract(server, world)).job.id;
    ofA.runningJobId = (await runningJob(server, world)).id;
    ofA.doneJobId = (await runningJobWithEveryStepDone(server, world)).id;
    ofA.completedJob = await completedJob(server, world);
    await runningJob(server, tenantB);
  });

  /** Every job command, each aimed at the tenant-A object it needs (in a state where it would succeed). */
  function commandsOnA(): JobCommand[] {
    return [
      command('activateContract', ActivateContractDocument, { id: ofA.approvedContractId }),
      command('startJob', StartJobDocument, { id: ofA.pendingJobId }),
      command('recordStepResult', RecordStepResultDocument, { jobId: ofA.runningJobId, input: { stepIndex: 0, status: 'COMPLETED' } }),
      command('recordStepResult with a key', RecordStepResultDocument, { jobId: ofA.runningJobId, input: { stepIndex: 0, status: 'COMPLETED' }, idempotencyKey: 'b-step' }),
      command('completeJob', CompleteJobDocument, { id: ofA.doneJobId }),
      command('cancelJob', CancelJobDocument, { id: ofA.runningJobId, reason: 'not yours' }),
      command('recordAuditVerdict', RecordAuditVerdictDocument, { contractId: ofA.completedJob.contract.id, verdict: 'PASS', reason: 'looks fine from here' }),
    ];
  }

  const jobsOfA = () => [ofA.pendingJobId, ofA.runningJobId, ofA.doneJobId, ofA.completedJob.id];
  const readJobsOfA = () => Promise.all(jobsOfA().map(async (id) => dataOf(await world.server.gql(world.operator, GetJobDocument, { id })).job));

  it("answers NOT_FOUND, never FORBIDDEN, to every job command tenant B sends about A's objects, and changes nothing", async () => {
    const { server } = world;
    for (const { document, variables } of commandsOnA()) {
      const key = document === RecordAuditVerdictDocument ? tenantB.approver : tenantB.operator;
      for (const caller of [key, tenantB.admin]) {
        await expectRefusedWithoutWrites(server, 'NOT_FOUND', () => server.gql(caller, document, variables), readJobsOfA);
      }
    }
    expect(await countRows(server, 'transitions', { subject_id: jobsOfA(), tenant_id: TENANT_B })).toBe(0);
    expect(await countRows(server, 'idempotency_records', { tenant_id: TENANT_B, idempotency_key: 'b-step' })).toBe(0);
  });

  it("answers B about A's job exactly as about a job that does not exist", async () => {
    const missing = 'job_00000000-0000-0000-0000-000000000000';
    const aboutA = await world.server.gql(tenantB.operator, StartJobDocument, { id: ofA.pendingJobId });
    const aboutNothing = await world.server.gql(tenantB.operator, StartJobDocument, { id: missing });
    // Each answer carries its own request id; everything else must be the same.
    const withoutRequestIds = (text: string) => text.replace(/"requestId":"[^"]+"/g, '"requestId":"…"');
    expect(withoutRequestIds(JSON.stringify(aboutA).replaceAll(ofA.pendingJobId, missing))).toBe(withoutRequestIds(JSON.stringify(aboutNothing)));
  });

  it('lets tenant A itself run each of those commands, so the refusals were about tenancy alone', async () => {
    const { server } = world;
    for (const { name, document, variables } of commandsOnA().filter((each) => !each.name.includes('with a key'))) {
      const key = document === RecordAuditVerdictDocument ? world.approver : world.operator;
      const response = await server.gql(key, document, variables);
      expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
    }
  });

  it("returns null for A's jobs from job(id), node(id) and contract(id).job when B asks", async () => {
    const { server } = world;
    for (const id of jobsOfA()) {
      expect(await server.gql(tenantB.viewer, GetJobDocument, { id })).toEqual({ data: { job: null } });
      expect(await server.gql(tenantB.viewer, GetJobNodeDocument, { id })).toEqual({ data: { node: null } });
      expect(dataOf(await server.gql(viewerA, GetJobNodeDocument, { id })).node?.id).toBe(id);
    }
    const contractId = ofA.completedJob.contract.id;
    expect(await server.gql(tenantB.viewer, ContractWithJobDocument, { id: contractId })).toEqual({ data: { contract: null } });
    expect(dataOf(await server.gql(viewerA, ContractWithJobDocument, { id: contractId })).contract?.job?.id).toBe(ofA.completedJob.id);
  });

  it("never lists A's jobs to B, whatever the filter", async () => {
    const { server } = world;
    const storedJobIds = async (tenant: string) => (await selectRows<{ id: string }>(server, 'jobs', { tenant_id: tenant })).map((row) => row.id).sort();
    const listAs = async (key: string, filter = {}) => dataOf(await server.gql(key, ListJobsDocument, { first: 100, filter })).jobs;

    const listA = await listAs(viewerA);
    const listB = await listAs(tenantB.viewer);
    expect(listA.nodes.map((job) => job.id).sort()).toEqual(await storedJobIds('default'));
    expect(listB.nodes.map((job) => job.id).sort()).toEqual(await storedJobIds(TENANT_B));
    expect(listA.totalCount).toBe(listA.nodes.length);
    expect(listB.totalCount).toBe(listB.nodes.length);
    expect(new Set(listB.nodes.flatMap((job) => job.transitions.map((transition) => transition.actor)))).toEqual(new Set(['otto']));

    const byContractOfA = await listAs(tenantB.viewer, { contractId: ofA.completedJob.contract.id });
    expect(byContractOfA).toMatchObject({ totalCount: 0, nodes: [], edges: [] });
    const everyStatus = await listAs(tenantB.viewer, { status: ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] });
    expect(everyStatus.nodes.map((job) => job.id)).toEqual(listB.nodes.map((job) => job.id));
  });

  it("keeps capability health per tenant: B never reads A's reports, and B's reports never enter A's snapshots", async () => {
    const { server } = world;
    await server.gql(world.operator, ReportCapabilityHealthDocument, { capability: 'summariser', status: 'HEALTHY', details: { tenant: 'A' } });
    await server.gql(tenantB.operator, ReportCapabilityHealthDocument, { capability: 'summariser', status: 'UNHEALTHY', details: { tenant: 'B' } });
    await server.gql(tenantB.operator, ReportCapabilityHealthDocument, { capability: 'translator', status: 'DEGRADED' });

    const readingsOf = async (key: string) => dataOf(await server.gql(key, CapabilityHealthReadingsDocument)).capabilityHealth;
    expect(await readingsOf(viewerA)).toEqual([{ capability: 'summariser', status: 'HEALTHY', details: { tenant: 'A' }, reportedBy: 'olga' }]);
    expect(await readingsOf(tenantB.viewer)).toEqual([
      { capability: 'summariser', status: 'UNHEALTHY', details: { tenant: 'B' }, reportedBy: 'otto' },
      { capability: 'translator', status: 'DEGRADED', details: null, reportedBy: 'otto' },
    ]);

    const runningOfA = await countRows(server, 'jobs', { tenant_id: 'default', status: 'RUNNING' });
    const runningOfB = await countRows(server, 'jobs', { tenant_id: TENANT_B, status: 'RUNNING' });
    expect(runningOfB).toBeGreaterThan(0);
    const snapshotOfA = (await activatedContract(server, world)).job.healthBefore as { runningJobs: number; capabilities: Record<string, unknown> };
    expect(snapshotOfA.runningJobs).toBe(runningOfA);
    expect(snapshotOfA.capabilities).toEqual({ summariser: expect.objectContaining({ status: 'HEALTHY', details: { tenant: 'A' } }) });
    const snapshotOfB = (await activatedContract(server, tenantB)).job.healthBefore as { runningJobs: number; capabilities: Record<string, unknown> };
    expect(snapshotOfB.runningJobs).toBe(runningOfB);
    expect(Object.keys(snapshotOfB.capabilities).sort()).toEqual(['summariser', 'translator']);
    expect(snapshotOfB.capabilities.summariser).toMatchObject({ status: 'UNHEALTHY', details: { tenant: 'B' } });
  });
});
