// Migration: what an agent's completed runs spent, per hour, kept by the database. Every budget check
// (creating a run, an agent's budget view) and every completion (its lessons) asks what the agent
// spent since a moment; summing the runs themselves read every run completed in the window — the
// costliest statement of a completion, growing with the agent's volume (at 14,400 runs in the
// window, 2.9 ms of a completion's PostgreSQL time). `agent_spend_hours` holds the sums per UTC hour,
// maintained by triggers on `runs` in the writing statement itself (so no writer can forget it, and a
// transaction sees its own completions); `agent_spend_since` answers from the whole hours after the
// moment plus the runs of its one partial hour — the same figure as the sum over the runs, in a
// bounded number of rows. A writer adds to the slot of its own connection (its backend's pid modulo
// SPEND_SLOTS; a correction may subtract from another slot than the one that added: only the sum over
// the slots means anything), so concurrent completions of one agent, on different connections, seldom
// wait on one row, which stays locked until their commit.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { raiseTenantWall } from './1764920000000-row-level-security.js';

/** Rows per agent and hour (a writer's row is its connection's backend pid modulo this). */
const SPEND_SLOTS = 16;

/** Adds (sign 1) or removes (sign -1) a run row's spend; `r` is NEW or OLD. */
const applySpend = (r: 'NEW' | 'OLD', sign: 1 | -1) => `
    IF ${r}.completed_at IS NOT NULL AND ${r}.cost_cents IS NOT NULL THEN
      INSERT INTO agent_spend_hours AS h (tenant_id, agent_id, hour, slot, real_cents, synthetic_cents)
      VALUES (${r}.tenant_id, ${r}.agent_id, date_trunc('hour', ${r}.completed_at AT TIME ZONE 'UTC'), pg_backend_pid() & ${SPEND_SLOTS - 1},
              CASE WHEN ${r}.is_synthetic THEN 0 ELSE ${sign} * ${r}.cost_cents END, CASE WHEN ${r}.is_synthetic THEN ${sign} * ${r}.cost_cents ELSE 0 END)
      ON CONFLICT (tenant_id, agent_id, hour, slot)
      DO UPDATE SET real_cents = h.real_cents + EXCLUDED.real_cents, synthetic_cents = h.synthetic_cents + EXCLUDED.synthetic_cents;
    END IF;`;

export class AgentSpendHours1765200000000 implements MigrationInterface {
  name = 'AgentSpendHours1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agent_spend_hours (
        tenant_id text NOT NULL REFERENCES tenants(id),
        agent_id text NOT NULL,
        hour timestamp NOT NULL,
        slot smallint NOT NULL CHECK (slot BETWEEN 0 AND ${SPEND_SLOTS - 1}),
        real_cents bigint NOT NULL,
        synthetic_cents bigint NOT NULL,
        PRIMARY KEY (tenant_id, agent_id, hour, slot))`);
    await queryRunner.query(`COMMENT ON COLUMN agent_spend_hours.hour IS 'the UTC hour the runs completed in (date_trunc of completed_at at UTC)'`);
    await raiseTenantWall(queryRunner, 'agent_spend_hours');
    await queryRunner.query(`
      CREATE FUNCTION track_agent_spend() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN ${applySpend('OLD', -1)}
        END IF;
        IF TG_OP <> 'DELETE' THEN ${applySpend('NEW', 1)}
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER runs_spend_inserted AFTER INSERT ON runs FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL) EXECUTE FUNCTION track_agent_spend()`);
    await queryRunner.query(`
      CREATE TRIGGER runs_spend_updated AFTER UPDATE ON runs FOR EACH ROW
        WHEN ((OLD.tenant_id, OLD.agent_id, OLD.completed_at, OLD.cost_cents, OLD.is_synthetic) IS DISTINCT FROM (NEW.tenant_id, NEW.agent_id, NEW.completed_at, NEW.cost_cents, NEW.is_synthetic))
        EXECUTE FUNCTION track_agent_spend()`);
    await queryRunner.query(`CREATE TRIGGER runs_spend_deleted AFTER DELETE ON runs FOR EACH ROW WHEN (OLD.completed_at IS NOT NULL) EXECUTE FUNCTION track_agent_spend()`);
    // PL/pgSQL rather than SQL on purpose: the bounds are computed first and reach the queries as
    // parameters. Inlined, an expression over the caller's columns (a window's start computed from
    // agent_budgets.window_hours) is not leakproof, so under row-level security PostgreSQL keeps it
    // above the tenant policy: it could not bound the index scan of runs, which then read every run
    // the agent ever completed (measured: 736 rows read, 0 kept, 1.8 ms). Its plans are also cached.
    await queryRunner.query(`
      CREATE FUNCTION agent_spend_since(tenant text, agent text, since timestamptz) RETURNS TABLE (real_cents bigint, synthetic_cents bigint)
        LANGUAGE plpgsql STABLE AS $$
        DECLARE
          first_whole_hour timestamp := date_trunc('hour', since AT TIME ZONE 'UTC');
        BEGIN
          IF first_whole_hour <> since AT TIME ZONE 'UTC' THEN
            first_whole_hour := first_whole_hour + interval '1 hour';
          END IF;
          RETURN QUERY
            SELECT coalesce(sum(spend.real), 0)::bigint, coalesce(sum(spend.synthetic), 0)::bigint FROM (
              SELECT h.real_cents AS real, h.synthetic_cents AS synthetic FROM agent_spend_hours h
               WHERE h.tenant_id = tenant AND h.agent_id = agent AND h.hour >= first_whole_hour
              UNION ALL
              SELECT CASE WHEN r.is_synthetic THEN 0 ELSE r.cost_cents END, CASE WHEN r.is_synthetic THEN r.cost_cents ELSE 0 END FROM runs r
               WHERE r.tenant_id = tenant AND r.agent_id = agent AND r.completed_at >= since AND r.completed_at < first_whole_hour AT TIME ZONE 'UTC') spend;
        END $$`);
    await queryRunner.query(`
      INSERT INTO agent_spend_hours (tenant_id, agent_id, hour, slot, real_cents, synthetic_cents)
      SELECT tenant_id, agent_id, date_trunc('hour', completed_at AT TIME ZONE 'UTC'), 0,
             coalesce(sum(cost_cents) FILTER (WHERE NOT is_synthetic), 0), coalesce(sum(cost_cents) FILTER (WHERE is_synthetic), 0)
        FROM runs WHERE completed_at IS NOT NULL AND cost_cents IS NOT NULL
       GROUP BY 1, 2, 3`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION agent_spend_since(text, text, timestamptz)`);
    await queryRunner.query(`DROP TRIGGER runs_spend_inserted ON runs`);
    await queryRunner.query(`DROP TRIGGER runs_spend_updated ON runs`);
    await queryRunner.query(`DROP TRIGGER runs_spend_deleted ON runs`);
    await queryRunner.query(`DROP FUNCTION track_agent_spend()`);
    await queryRunner.query(`DROP TABLE agent_spend_hours`);
  }
}
