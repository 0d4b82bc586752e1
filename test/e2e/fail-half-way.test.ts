// Fail-half-way: every command that writes, and every sweeper, is run with a fault injected at each
// row it writes (a test trigger raising on the nth insert or update of one table), and leaves the
// whole database as it was — every table's rows and contents, no outbox event — with a typed error
// (INTERNAL without internals for commands; the sweepers' callers log what they throw); once the
// fault is removed the same command succeeds. The tables each command writes are listed below and
// checked against what a trigger on every table sees it write.
import { describe, expect, it } from 'vitest';
import {
  CancelJobDocument,
  CompleteRunDocument,
  CreateRunDocument,
  DeferLessonDocument,
  RecordAuditVerdictDocument,
  RecordStepResultDocument,
  TransitionRunDocument,
  type CreateRunInput,
} from '../generated/graphql.js';
import { approveContractAs, createContractAs, mintContractCallers, type ContractCallers } from '../support/contracts.js';
import { configurePolicy, policyAllowing, reportAs } from '../support/inspection.js';
import { untilSequenced } from '../support/job-updates.js';
import { activatedContract, completedJob, runningJob } from '../support/jobs.js';
import { dataOf } from '../support/responses.js';
import { useRunWorld, type RunWorld } from '../support/run-world.js';
import { createRunAs, prepareAgent } from '../support/runs.js';
import { snapshotEveryTable } from '../support/table-counts.js';
import type { GraphQLResponse } from '../support/test-server.js';
import type { Table } from '../support/rows.js';
import { tallyWrites, whileWritesRefused, type WriteTally } from '../support/write-faults.js';

const HOUR_MS = 3_600_000;
/** Past every deadline a sweeper looks at (contract TTL 720 h, activation windows, job timeouts, audit deadlines). */
const PAST_EVERY_DEADLINE_MS = 31 * 24 * HOUR_MS;
const INTERNALS = /injected|trigger|sql|select|insert|update|outbox|relation|postgres|\bat\s+\S+\s*\(|\.ts\b|\.js\b/i;

/** One try of the prepared command: it succeeded, or failed with this error. */
type Outcome = { ok: true } | { ok: false; error: unknown };
type Attempt = () => Promise<Outcome>;

/** What the commands need: the run world, contract callers and an approver. */
interface Callers extends RunWorld {
  contracts: ContractCallers;
}

interface WritingCommand {
  name: string;
  /** Rows it writes per table and event, as a trigger on every table counts them (an object whose
   * history grows is updated once more: its audit chain head moves, README "Audit trail"). */
  writes: WriteTally;
  /** Sets up what the command acts on (fresh for each case); returns the command, ready to send. */
  prepare(callers: Callers, unique: string): Promise<Attempt>;
  /** A sweeper (called on the runtime, not over GraphQL). */
  sweeper?: boolean;
}

/** A GraphQL command's outcome from its response. */
function answered(send: () => Promise<GraphQLResponse<unknown>>): Attempt {
  return async () => {
    const response = await send();
    return response.errors?.length ? { ok: false, error: response.errors[0] } : { ok: true };
  };
}

/** A sweeper's outcome: it moved at least one row, or threw. */
function swept(sweep: () => Promise<number>): Attempt {
  return async () => {
    try {
      const moved = await sweep();
      return moved > 0 ? { ok: true } : { ok: false, error: new Error('the sweeper moved nothing') };
    } catch (error) {
      return { ok: false, error };
    }
  };
}

/** Runs every sweeper once everything is due, so that the sweeper under test then moves only what its case prepared. */
async function drainSweepers({ server }: Callers): Promise<void> {
  server.clock.advance(PAST_EVERY_DEADLINE_MS);
  await server.runtime.sweepContracts();
  await server.runtime.sweepJobs();
  await server.runtime.sweepExpectations();
  await server.runtime.sweepLessons();
}

const runInput = (agentId: string): CreateRunInput => ({ agentId, goal: 'search the web', timeoutSeconds: 120 });

const commands: WritingCommand[] = [
  {
    name: 'createRun',
    writes: { 'audit_expectations:INSERT': 4, 'outbox_events:INSERT': 1, 'runs:INSERT': 1, 'runs:UPDATE': 1, 'transitions:INSERT': 1 },
    prepare: async (callers, unique) => {
      await prepareAgent(callers.server, callers, `agent-${unique}`);
      return answered(() => callers.server.gql(callers.operator, CreateRunDocument, { input: runInput(`agent-${unique}`) }));
    },
  },
  {
    name: 'transitionRun',
    writes: { 'outbox_events:INSERT': 1, 'runs:UPDATE': 1, 'transitions:INSERT': 1 },
    prepare: async (callers, unique) => {
      await prepareAgent(callers.server, callers, `agent-${unique}`);
      const run = await createRunAs(callers.server, callers.operator, runInput(`agent-${unique}`));
      return answered(() => callers.server.gql(callers.operator, TransitionRunDocument, { id: run.id, phase: 'AUTHORIZED', status: 'QUEUED' }));
    },
  },
  {
    name: 'reportInspection',
    writes: { 'outbox_events:INSERT': 2, 'runs:UPDATE': 1, 'violations:INSERT': 2 },
    prepare: async (callers, unique) => {
      await prepareAgent(callers.server, callers, `agent-${unique}`);
      await configurePolicy(callers.server, callers.admin, policyAllowing('compliance-sensitive', []));
      const run = await createRunAs(callers.server, callers.operator, runInput(`agent-${unique}`));
      return answered(() => reportAs(callers.server, callers.operator, run.id, 'compliance-sensitive', ['LOG_PROMPT', 'CAPTURE_PII']));
    },
  },
  {
    name: 'recordStepResult',
    writes: { 'jobs:UPDATE': 1, 'outbox_events:INSERT': 1, 'step_results:INSERT': 1 },
    prepare: async (callers) => {
      const job = await runningJob(callers.server, callers.contracts);
      return answered(() => callers.server.gql(callers.contracts.operator, RecordStepResultDocument, { jobId: job.id, input: { stepIndex: 0, status: 'COMPLETED' } }));
    },
  },
  {
    name: 'cancelJob',
    writes: { 'contracts:UPDATE': 2, 'jobs:UPDATE': 2, 'outbox_events:INSERT': 3, 'transitions:INSERT': 2 },
    prepare: async (callers) => {
      const job = await runningJob(callers.server, callers.contracts);
      return answered(() => callers.server.gql(callers.contracts.operator, CancelJobDocument, { id: job.id, reason: 'operator stopped it' }));
    },
  },
  {
    name: 'recordAuditVerdict',
    writes: { 'contracts:UPDATE': 2, 'outbox_events:INSERT': 1, 'transitions:INSERT': 1 },
    prepare: async (callers) => {
      const job = await completedJob(callers.server, callers.contracts);
      return answered(() => callers.server.gql(callers.contracts.approver, RecordAuditVerdictDocument, { contractId: job.contract.id, verdict: 'PASS', reason: 'metrics nominal' }));
    },
  },
  {
    name: 'sweepContracts (expiry)',
    sweeper: true,
    writes: { 'contracts:UPDATE': 2, 'outbox_events:INSERT': 1, 'transitions:INSERT': 1 },
    prepare: async (callers) => {
      await drainSweepers(callers);
      await createContractAs(callers.server, callers.contracts.operator, { expiresInHours: 1 });
      callers.server.clock.advance(HOUR_MS);
      return swept(async () => (await callers.server.runtime.sweepContracts()).expired);
    },
  },
  {
    name: 'sweepContracts (activation window)',
    sweeper: true,
    writes: { 'contracts:UPDATE': 2, 'outbox_events:INSERT': 1, 'transitions:INSERT': 1 },
    prepare: async (callers) => {
      await drainSweepers(callers);
      const contract = await createContractAs(callers.server, callers.contracts.operator, { expiresInHours: 10 });
      await approveContractAs(callers.server, callers.contracts.approver, contract.id, { activationWindowHours: 1 });
      callers.server.clock.advance(HOUR_MS);
      return swept(async () => (await callers.server.runtime.sweepContracts()).failed);
    },
  },
  {
    name: 'sweepJobs',
    sweeper: true,
    writes: { 'contracts:UPDATE': 2, 'jobs:UPDATE': 2, 'outbox_events:INSERT': 3, 'transitions:INSERT': 2 },
    prepare: async (callers) => {
      await drainSweepers(callers);
      await activatedContract(callers.server, callers.contracts, {}, 1);
      callers.server.clock.advance(60_000);
      return swept(() => callers.server.runtime.sweepJobs());
    },
  },
  {
    name: 'sweepExpectations',
    sweeper: true,
    writes: { 'audit_expectations:UPDATE': 3 },
    prepare: async (callers, unique) => {
      await drainSweepers(callers);
      await prepareAgent(callers.server, callers, `agent-${unique}`);
      await createRunAs(callers.server, callers.operator, runInput(`agent-${unique}`));
      callers.server.clock.advance(121_000);
      return swept(() => callers.server.runtime.sweepExpectations());
    },
  },
  {
    name: 'sweepLessons',
    sweeper: true,
    writes: { 'lessons:UPDATE': 2, 'outbox_events:INSERT': 1, 'transitions:INSERT': 1 },
    prepare: async (callers, unique) => {
      await drainSweepers(callers);
      const agentId = `agent-${unique}`;
      await prepareAgent(callers.server, callers, agentId);
      const run = await createRunAs(callers.server, callers.operator, runInput(agentId));
      const completion = dataOf(await callers.server.gql(callers.operator, CompleteRunDocument, { id: run.id, input: { status: 'SUCCEEDED', costCents: 900 } })).completeRun;
      const [lesson] = completion.run.lessons;
      const until = new Date(callers.server.clock.now().getTime() + HOUR_MS).toISOString();
      dataOf(await callers.server.gql(callers.contracts.approver, DeferLessonDocument, { id: lesson.id, until }));
      callers.server.clock.advance(HOUR_MS);
      return swept(() => callers.server.runtime.sweepLessons());
    },
  },
];

/** One case per row written: the command, and the table, event and row number that fail. */
const faults = commands.flatMap((command) =>
  Object.entries(command.writes).flatMap(([write, rows]) => {
    const [table, event] = write.split(':') as [Table, 'INSERT' | 'UPDATE'];
    return Array.from({ length: rows }, (_, index) => ({ command, table, event, nth: index + 1, label: `${command.name}: ${event} #${index + 1} of ${rows} on ${table}` }));
  }),
);

describe('a command that fails half-way leaves nothing', () => {
  const world = useRunWorld();
  let cases = 0;
  /** The callers, with the contract callers minted once. */
  const callers = async (): Promise<Callers> => {
    const contracts = (world as Partial<Callers>).contracts ?? (await mintContractCallers(world.server));
    return Object.assign(world, { contracts });
  };

  it.each(commands)('$name writes exactly the tables listed', async (command) => {
    const attempt = await command.prepare(await callers(), `tally-${(cases += 1)}`);
    let outcome: Outcome = { ok: false, error: 'not run' };
    const tally = await tallyWrites(world.server, async () => (outcome = await attempt()));
    expect(outcome).toEqual({ ok: true });
    expect(tally).toEqual(command.writes);
  });

  it.each(faults)('$label', async ({ command, table, event, nth }) => {
    const attempt = await command.prepare(await callers(), `fault-${(cases += 1)}`);
    await untilSequenced(world.server);
    const before = await snapshotEveryTable(world.server);

    const failed = await whileWritesRefused(world.server, { table, event, nth }, () => attempt());

    expect(failed.ok).toBe(false);
    if (!failed.ok && !command.sweeper) {
      expect(failed.error).toEqual({ message: 'Internal server error', path: expect.any(Array), extensions: { code: 'INTERNAL', requestId: expect.any(String) } });
      expect((failed.error as { message: string }).message).not.toMatch(INTERNALS);
    }
    expect(await snapshotEveryTable(world.server)).toEqual(before);
    expect(await attempt()).toEqual({ ok: true });
  });
});
