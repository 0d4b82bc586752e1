// An agent's spend as the database keeps it (agent_spend_hours, maintained by triggers on runs) is
// the sum over its runs, whatever was done to them: for moments on and between hour boundaries,
// before, inside and after the runs' span, after completions, corrections of cost, of completion
// time, of the synthetic flag, of the agent, and deletions — per tenant and agent. The restricted
// role's writes keep it too, under the tenant wall, in the writing statement's own transaction.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE } from '../../src/database/app-role.js';
import { createTestDatabase } from '../support/databases.js';

const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 10, 30, 12, 0, 0);
const TENANTS = ['spend_a', 'spend_b'];
const AGENTS = ['agent-1', 'agent-2'];

/** A small deterministic generator (the same runs on every run of the test). */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] };
}

/** A completion time around BASE: on an hour, on a half hour, or at any millisecond, within ±30 h. */
function someMoment(random: ReturnType<typeof generator>): Date {
  const hours = Math.floor(random.next() * 60) - 30;
  const within = random.pick([0, HOUR / 2, Math.floor(random.next() * HOUR), HOUR - 1]);
  return new Date(BASE + hours * HOUR + within);
}

/** Moments to ask about: hour boundaries, their neighbours, mid-hours, before and after everything. */
const MOMENTS = [-40, -30, -24, -12.5, -1, -0.5, 0, 0.25, 1, 7.75, 29.99, 31, 40].flatMap((hours) => {
  const at = BASE + hours * HOUR;
  return [new Date(at), new Date(at - 1), new Date(at + 1)];
});

describe('an agent spend kept by the database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase(inject('adminDatabaseUrl'), inject('templateDatabase'));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    for (const tenant of TENANTS) await client.query(`INSERT INTO tenants (id) VALUES ($1)`, [tenant]);
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  const insertRun = (tenant: string, id: string, fields: { agent: string; completedAt: Date | null; costCents: number | null; synthetic: boolean }) =>
    client.query(
      `INSERT INTO runs (id, tenant_id, version, agent_id, goal, phase, status, plan, timeout_seconds, created_by, created_at, updated_at, completed_at, cost_cents, is_synthetic)
       VALUES ($1, $2, 1, $3, 'spend', $4, $5, '{}', 300, 'ada', $6, $6, $7, $8, $9)`,
      [id, tenant, fields.agent, fields.completedAt ? 'COMPLETED' : 'CREATED', fields.completedAt ? 'SUCCEEDED' : 'QUEUED', new Date(BASE - 40 * HOUR), fields.completedAt, fields.costCents, fields.synthetic],
    );

  /** Every (tenant, agent, moment): the kept spend next to the sum over the runs. */
  async function keptAndSummed(): Promise<{ kept: unknown[]; summed: unknown[] }> {
    const kept: unknown[] = [];
    const summed: unknown[] = [];
    for (const tenant of TENANTS) {
      for (const agent of AGENTS) {
        for (const since of MOMENTS) {
          const [fromRollup] = (await client.query(`SELECT real_cents::int AS real, synthetic_cents::int AS synthetic FROM agent_spend_since($1, $2, $3)`, [tenant, agent, since])).rows;
          const [fromRuns] = (
            await client.query(
              `SELECT coalesce(sum(cost_cents) FILTER (WHERE NOT is_synthetic), 0)::int AS real, coalesce(sum(cost_cents) FILTER (WHERE is_synthetic), 0)::int AS synthetic
               FROM runs WHERE tenant_id = $1 AND agent_id = $2 AND completed_at >= $3`,
              [tenant, agent, since],
            )
          ).rows;
          kept.push({ tenant, agent, since, ...fromRollup });
          summed.push({ tenant, agent, since, ...fromRuns });
        }
      }
    }
    return { kept, summed };
  }

  it('equals the sum over the runs after inserts, completions, corrections and deletions', async () => {
    const random = generator(20261202);
    const ids: { tenant: string; id: string }[] = [];
    for (let index = 0; index < 80; index += 1) {
      const tenant = random.pick(TENANTS);
      const completed = random.next() < 0.8;
      await insertRun(tenant, `${tenant}_run_${index}`, {
        agent: random.pick(AGENTS),
        completedAt: completed ? someMoment(random) : null,
        costCents: random.next() < 0.9 ? Math.floor(random.next() * 500) : null,
        synthetic: random.next() < 0.25,
      });
      ids.push({ tenant, id: `${tenant}_run_${index}` });
    }
    let { kept, summed } = await keptAndSummed();
    expect(kept).toEqual(summed);
    expect(summed.some((row) => (row as { real: number }).real > 0) && summed.some((row) => (row as { synthetic: number }).synthetic > 0)).toBe(true);

    const changes = [
      (id: string) => client.query(`UPDATE runs SET completed_at = $2, cost_cents = coalesce(cost_cents, 0) + 7, phase = 'COMPLETED', status = 'SUCCEEDED' WHERE id = $1`, [id, someMoment(random)]),
      (id: string) => client.query(`UPDATE runs SET cost_cents = $2 WHERE id = $1`, [id, Math.floor(random.next() * 900)]),
      (id: string) => client.query(`UPDATE runs SET cost_cents = NULL WHERE id = $1`, [id]),
      (id: string) => client.query(`UPDATE runs SET is_synthetic = NOT is_synthetic WHERE id = $1`, [id]),
      (id: string) => client.query(`UPDATE runs SET agent_id = $2 WHERE id = $1`, [id, random.pick(AGENTS)]),
      (id: string) => client.query(`UPDATE runs SET goal = 'untouched spend' WHERE id = $1`, [id]),
      (id: string) => client.query(`DELETE FROM runs WHERE id = $1`, [id]),
    ];
    for (let step = 0; step < 120; step += 1) await random.pick(changes)(random.pick(ids).id);
    ({ kept, summed } = await keptAndSummed());
    expect(kept).toEqual(summed);
  });

  it('is kept by the restricted role under the tenant wall, and a transaction sees its own completion', async () => {
    await insertRun('spend_a', 'spend_a_walled', { agent: 'agent-walled', completedAt: null, costCents: null, synthetic: false });
    await insertRun('spend_b', 'spend_b_walled', { agent: 'agent-walled', completedAt: new Date(BASE), costCents: 5, synthetic: false });
    const since = new Date(BASE - HOUR / 2);
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await client.query(`SELECT set_config('app.tenant_id', 'spend_a', true)`);
      await client.query(`UPDATE runs SET completed_at = $2, cost_cents = 42, phase = 'COMPLETED', status = 'SUCCEEDED' WHERE id = $1`, ['spend_a_walled', new Date(BASE + 90_000)]);
      const [inside] = (await client.query(`SELECT real_cents::int AS real FROM agent_spend_since('spend_a', 'agent-walled', $1)`, [since])).rows;
      expect(inside.real).toBe(42);
      const [otherTenant] = (await client.query(`SELECT count(*)::int AS rows FROM agent_spend_hours WHERE agent_id = 'agent-walled' AND tenant_id = 'spend_b'`)).rows;
      expect(otherTenant.rows).toBe(0);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    const [after] = (await client.query(`SELECT real_cents::int AS real FROM agent_spend_since('spend_a', 'agent-walled', $1)`, [since])).rows;
    expect(after.real).toBe(42);
    const [spendB] = (await client.query(`SELECT count(*)::int AS rows FROM agent_spend_hours WHERE agent_id = 'agent-walled' AND tenant_id = 'spend_b'`)).rows;
    expect(spendB.rows).toBe(1);
  });
});
