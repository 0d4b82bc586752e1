// Fuzzed inputs over HTTP (issue 15): every query and mutation argument the served schema declares
// (read by introspection, so a new field is fuzzed without touching this file) gets hostile values
// from fast-check with a fixed seed. Every answer is a success or a typed refusal — never HTTP 5xx,
// never INTERNAL — a refused request changes no table's row count, and no key reaches Object.prototype.
import { describe, expect, it } from 'vitest';
import { RecordAuditVerdictDocument, ReportCapabilityHealthDocument, UpsertMonitorConfigDocument } from '../generated/graphql.js';
import { mintContractCallers } from '../support/contracts.js';
import { runFuzzCampaign } from '../support/fuzz-campaign.js';
import { activatedContract } from '../support/jobs.js';
import { useRunWorld } from '../support/run-world.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { createRunAs } from '../support/runs.js';

/** The CI seed (FUZZ_SEED overrides it to replay a bench finding) and the runs per field. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS_PER_FIELD = Number(process.env.FUZZ_RUNS ?? 10);

describe('fuzzed arguments', () => {
  const world = useRunWorld(['agent-fuzz']);

  it(`answers every fuzzed query and mutation with a success or a typed refusal that wrote nothing (seed ${SEED})`, async () => {
    const { server } = world;
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    const { contract, job } = await activatedContract(server, await mintContractCallers(server));
    const run = await createRunAs(server, world.operator, { agentId: 'agent-fuzz', goal: 'search the web' });
    const report = await runFuzzCampaign(
      { url: server.url, key: world.admin, database: server.database.dataSource, knownIds: [contract.id, job.id, run.id, 'agent-fuzz', 'default'] },
      { seed: SEED, runsPerField: RUNS_PER_FIELD },
    );
    expect(report.fields).toEqual(expect.arrayContaining(['Mutation.createRun', 'Mutation.createContract', 'Query.contracts']));
    expect(report.findings).toEqual([]);
    expect(report.refusals).toBeGreaterThan(0);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 180_000);

  describe('what fuzzing found (each was INTERNAL before)', () => {
    const nested = (depth: number) => Array.from({ length: depth - 1 }).reduce<unknown>((inner) => ({ nested: inner }), { bottom: true });

    it('refuses JSON nested deeper than 32 levels with BAD_USER_INPUT (was a stack overflow in argument conversion) and takes 32', async () => {
      const { server } = world;
      const report = (details: unknown) => server.gql(world.operator, ReportCapabilityHealthDocument, { capability: 'deep', status: 'HEALTHY', details });
      const error = await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', () => report(nested(33)));
      expect(error.message).toContain('JSON nests deeper than 32 levels');
      await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', () => report([nested(3000)]));
      expect((await report(nested(32))).errors).toBeUndefined();
    });

    it('refuses text with the NUL character with BAD_USER_INPUT, in a lookup, a text array and JSON (PostgreSQL cannot store it)', async () => {
      const { server } = world;
      const approver = await server.key('approver', 'april');
      const nul = await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', () => server.gql(approver, RecordAuditVerdictDocument, { contractId: 'ctr_\u0000', verdict: 'PASS', reason: 'fine' }));
      expect(nul).toMatchObject({ message: 'Invalid input: text must not contain the NUL character (\\u0000)', extensions: { code: 'BAD_USER_INPUT', reasons: ['text must not contain the NUL character (\\u0000)'], requestId: expect.any(String) } });
      await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', () => server.gql(world.admin, UpsertMonitorConfigDocument, { input: { policyId: 'nul-sources', allowedRagSources: ['docs\u0000'] } }));
      await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', () => server.gql(world.operator, ReportCapabilityHealthDocument, { capability: 'nul', status: 'HEALTHY', details: { note: 'a\u0000b' } }));
    });
  });
});
