// Inspection through GraphQL: what each flag and each typical policy allows and denies, the same
// answer from checkInspection (no write) and reportInspection (one violation and one event per
// denied operation, in one commit), inputs the schema refuses, tenant scoping of runs, and roles.
import { describe, expect, it } from 'vitest';
import { GetRunDocument, type InspectionOperation } from '../generated/graphql.js';
import { writerTransaction } from '../support/job-rows.js';
import { checkAs, configurePolicy, constraintFieldOf, everyOperation, policyAllowing, reportAs, typicalPolicies, violationRowsOf } from '../support/inspection.js';
import { dataOf } from '../support/responses.js';
import { selectRows } from '../support/rows.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { tableRowCounts } from '../support/table-counts.js';
import { useRunWorld } from '../support/run-world.js';
import { createRunAs, mintRunCallers, prepareAgent } from '../support/runs.js';

const agentId = 'agent-inspect';
const goal = 'search the web for a summary';

describe('inspection', () => {
  const world = useRunWorld([agentId]);
  const newRun = (policyId: string) => createRunAs(world.server, world.operator, { agentId, goal, policyId });

  /** Checks then reports every operation against `policyId` on a new run; returns both answers and the run. */
  async function checkThenReport(policyId: string, operations: InspectionOperation[] = everyOperation) {
    const { server } = world;
    const run = await newRun(policyId);
    const viewer = await server.key('viewer', 'vera');
    const beforeCheck = await tableRowCounts(server);
    const check = dataOf(await checkAs(server, viewer, policyId, operations)).checkInspection;
    expect(await tableRowCounts(server)).toEqual(beforeCheck);
    const report = dataOf(await reportAs(server, world.operator, run.id, policyId, operations)).reportInspection;
    return { run, check, report, beforeReport: beforeCheck };
  }

  describe('what a policy allows', () => {
    it('an unconfigured policy denies everything', async () => {
      const { check, report } = await checkThenReport('unconfigured');
      expect(check).toMatchObject({ allowed: [], denied: everyOperation });
      expect(report).toEqual(check);
    });

    it.each(everyOperation)('granting only the flag of %s allows exactly it', async (operation) => {
      const policyId = `only-${operation}`;
      await configurePolicy(world.server, world.admin, { policyId, [constraintFieldOf[operation]]: true });
      const { check, report } = await checkThenReport(policyId);
      expect(check.allowed).toEqual([operation]);
      expect(check.denied).toEqual(everyOperation.filter((other) => other !== operation));
      expect(report).toEqual(check);
    });

    it('granting every flag allows everything; the report records nothing', async () => {
      await configurePolicy(world.server, world.admin, policyAllowing('everything', everyOperation));
      const { run, check, report, beforeReport } = await checkThenReport('everything');
      expect(check).toEqual({ allowed: everyOperation, denied: [], violations: [] });
      expect(report).toEqual(check);
      expect(await tableRowCounts(world.server)).toEqual(beforeReport);
      expect(await violationRowsOf(world.server, run.id)).toEqual([]);
    });
  });

  describe('typical policies', () => {
    it.each(typicalPolicies)('$policyId allows $allowed, denies $denied, and a report records exactly the denied ones', async ({ policyId, allowed, denied }) => {
      const { server } = world;
      await configurePolicy(server, world.admin, policyAllowing(policyId, allowed));
      const { run, check, report, beforeReport } = await checkThenReport(policyId);
      expect(check).toEqual({
        allowed,
        denied,
        violations: denied.map((operation) => ({
          operation,
          constraintField: constraintFieldOf[operation],
          constraintValue: false,
          message: `${operation} is denied by policy ${policyId}: ${constraintFieldOf[operation]} is false`,
        })),
      });
      expect(report).toEqual(check);

      const rows = await violationRowsOf(server, run.id);
      expect(rows.map((row) => row.operation).sort()).toEqual([...denied].sort());
      for (const row of rows) {
        expect(row).toMatchObject({ tenant_id: 'default', kind: 'INSPECTION_CONSTRAINT', run_id: run.id, policy_id: policyId, phase: run.phase, status: run.status });
        expect(row.message).toBe(`${row.operation} is denied by policy ${policyId}: ${constraintFieldOf[row.operation as InspectionOperation]} is false`);
        expect(row.details).toEqual({ constraintField: constraintFieldOf[row.operation as InspectionOperation], constraintValue: false });
      }
      expect(await tableRowCounts(server)).toEqual({ ...beforeReport, violations: beforeReport.violations + denied.length, outbox_events: beforeReport.outbox_events + denied.length });

      const events = await selectRows<{ subject_id: string; subject_type: string; actor: string; xid: string; payload: { runId: string; kind: string } }>(server, 'outbox_events', { type: 'violation.recorded', subject_id: rows.map((row) => row.id) });
      expect(events.map((event) => event.subject_id).sort()).toEqual(rows.map((row) => row.id).sort());
      for (const event of events) expect(event).toMatchObject({ subject_type: 'violation', actor: 'otto', payload: { runId: run.id, kind: 'INSPECTION_CONSTRAINT' } });

      const writers = await Promise.all(rows.map((row) => writerTransaction(server, 'violations', row.id)));
      expect(new Set([...writers, ...events.map((event) => String(BigInt(event.xid) % 2n ** 32n))]).size).toBe(1);

      const seenOnRun = dataOf(await server.gql(world.operator, GetRunDocument, { id: run.id })).run!.violations;
      expect(seenOnRun.map((violation) => violation.id).sort()).toEqual(rows.map((row) => row.id).sort());
    });
  });

  describe('inputs', () => {
    it('duplicated operations are counted once: one violation per distinct denied operation', async () => {
      await configurePolicy(world.server, world.admin, policyAllowing('dupes', ['LOG_RESPONSE']));
      const { run, check, report } = await checkThenReport('dupes', ['LOG_PROMPT', 'LOG_RESPONSE', 'LOG_PROMPT', 'ACCESS_SECRET', 'LOG_RESPONSE', 'ACCESS_SECRET']);
      expect(check).toMatchObject({ allowed: ['LOG_RESPONSE'], denied: ['LOG_PROMPT', 'ACCESS_SECRET'] });
      expect(check.violations).toHaveLength(2);
      expect(report).toEqual(check);
      expect((await violationRowsOf(world.server, run.id)).map((row) => row.operation).sort()).toEqual(['ACCESS_SECRET', 'LOG_PROMPT']);
    });

    it('an empty operation list answers empty and writes nothing', async () => {
      const { run, check, report, beforeReport } = await checkThenReport('unconfigured', []);
      expect(check).toEqual({ allowed: [], denied: [], violations: [] });
      expect(report).toEqual(check);
      expect(await tableRowCounts(world.server)).toEqual(beforeReport);
      expect(await violationRowsOf(world.server, run.id)).toEqual([]);
    });

    it('an unknown operation written in the document fails validation; nothing is written', async () => {
      const run = await newRun('unconfigured');
      const inline = (field: string) => `${field}(${field === 'reportInspection' ? `runId: "${run.id}", ` : ''}policyId: "unconfigured", operations: [LOG_PROMPT, DELETE_LOGS]) { allowed denied }`;
      await expectRefusedWithoutWrites(world.server, 'GRAPHQL_VALIDATION_FAILED', () => world.server.gql(world.operator, `query { ${inline('checkInspection')} }`));
      await expectRefusedWithoutWrites(world.server, 'GRAPHQL_VALIDATION_FAILED', () => world.server.gql(world.operator, `mutation { ${inline('reportInspection')} }`));
      expect(await violationRowsOf(world.server, run.id)).toEqual([]);
    });

    it('an unknown operation passed in a variable is BAD_USER_INPUT; nothing is written', async () => {
      const run = await newRun('unconfigured');
      const operations = ['LOG_PROMPT', 'DELETE_LOGS'] as unknown as InspectionOperation[];
      await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () => checkAs(world.server, world.operator, 'unconfigured', operations));
      await expectRefusedWithoutWrites(world.server, 'BAD_USER_INPUT', () => reportAs(world.server, world.operator, run.id, 'unconfigured', operations));
      expect(await violationRowsOf(world.server, run.id)).toEqual([]);
    });
  });

  describe('the run reported on', () => {
    it("another tenant's run is NOT_FOUND and nothing is written", async () => {
      const others = await mintRunCallers(world.server, 'elsewhere');
      await prepareAgent(world.server, others, agentId);
      const theirRun = await createRunAs(world.server, others.operator, { agentId, goal, policyId: 'unconfigured' });
      await expectRefusedWithoutWrites(world.server, 'NOT_FOUND', () => reportAs(world.server, world.operator, theirRun.id, 'unconfigured', everyOperation));
      expect(await violationRowsOf(world.server, theirRun.id)).toEqual([]);
    });

    it('a run that does not exist is NOT_FOUND and nothing is written', async () => {
      await expectRefusedWithoutWrites(world.server, 'NOT_FOUND', () => reportAs(world.server, world.operator, 'run_does-not-exist', 'unconfigured', everyOperation));
    });
  });

  describe('roles', () => {
    it.each(['viewer', 'approver'] as const)('a %s may not report (FORBIDDEN, nothing written)', async (role) => {
      const run = await newRun('unconfigured');
      const key = await world.server.key(role, `${role}-1`);
      await expectRefusedWithoutWrites(world.server, 'FORBIDDEN', () => reportAs(world.server, key, run.id, 'unconfigured', ['LOG_PROMPT']));
      expect(await violationRowsOf(world.server, run.id)).toEqual([]);
    });

    it('an operator and an admin may report; every role may check', async () => {
      const run = await newRun('unconfigured');
      for (const key of [world.operator, world.admin]) dataOf(await reportAs(world.server, key, run.id, 'unconfigured', ['CAPTURE_PII']));
      expect((await violationRowsOf(world.server, run.id)).map((row) => row.operation)).toEqual(['CAPTURE_PII', 'CAPTURE_PII']);
      for (const role of ['viewer', 'operator', 'approver', 'admin'] as const) {
        const check = dataOf(await checkAs(world.server, await world.server.key(role, `${role}-2`), 'unconfigured', ['CAPTURE_PII'])).checkInspection;
        expect(check).toMatchObject({ allowed: [], denied: ['CAPTURE_PII'] });
      }
    });
  });
});
