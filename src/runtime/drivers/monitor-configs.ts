// Driver: monitor configurations — read by policy, and patched atomically (unspecified fields keep
// their value, or take their restrictive default on the first write).
import { MonitorConfigEntity } from '../../entities/index.js';
import type { MonitorConfigRecord } from '../records.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** The fields a patch may set, with their SQL type and restrictive default. */
const FIELDS = [
  ['allowPromptLogging', 'allow_prompt_logging', 'boolean', false],
  ['allowResponseLogging', 'allow_response_logging', 'boolean', false],
  ['allowPiiCapture', 'allow_pii_capture', 'boolean', false],
  ['allowSecretAccess', 'allow_secret_access', 'boolean', false],
  ['monitorTokenUsage', 'monitor_token_usage', 'boolean', true],
  ['monitorTokenPerStep', 'monitor_token_per_step', 'boolean', true],
  ['monitorCost', 'monitor_cost', 'boolean', true],
  ['monitorBurnRate', 'monitor_burn_rate', 'boolean', true],
  ['burnRateWindowSeconds', 'burn_rate_window_seconds', 'integer', 3600],
  ['monitorRagAccess', 'monitor_rag_access', 'boolean', true],
  ['allowedRagSources', 'allowed_rag_sources', 'text[]', []],
  ['monitorLatency', 'monitor_latency', 'boolean', true],
  ['monitorStepCount', 'monitor_step_count', 'boolean', true],
] as const;

/** A partial configuration: absent (or null) fields are left as they are. */
export type MonitorConfigPatch = { [K in (typeof FIELDS)[number][0]]?: MonitorConfigRecord[K] | null };

/** The configuration of one policy, or null when it has none. */
export async function findMonitorConfig(reader: Pick<UnitOfWork, 'manager'>, tenantId: string, policyId: string): Promise<MonitorConfigRecord | null> {
  return reader.manager.findOneBy(MonitorConfigEntity, { tenantId, policyId });
}

/** Applies a patch in one statement; returns the stored configuration. */
export async function applyMonitorConfig(uow: UnitOfWork, key: { id: string; tenantId: string; policyId: string }, patch: MonitorConfigPatch, actor: string): Promise<MonitorConfigRecord> {
  const params: unknown[] = [key.id, key.tenantId, key.policyId, actor, uow.now];
  const inserted: string[] = [];
  const updated: string[] = [];
  for (const [field, column, type, fallback] of FIELDS) {
    params.push(patch[field] ?? null, fallback);
    const value = `$${params.length - 1}::${type}`;
    inserted.push(`coalesce(${value}, $${params.length}::${type})`);
    updated.push(`${column} = coalesce(${value}, m.${column})`);
  }
  const columns = FIELDS.map(([, column]) => column).join(', ');
  const returning = ['id', 'tenant_id AS "tenantId"', 'policy_id AS "policyId"', ...FIELDS.map(([field, column]) => `${column} AS "${field}"`), 'updated_by AS "updatedBy"', 'updated_at AS "updatedAt"'].join(', ');
  const [row] = await uow.manager.query(
    `INSERT INTO monitor_configs AS m (id, tenant_id, policy_id, updated_by, updated_at, ${columns})
     VALUES ($1, $2, $3, $4, $5, ${inserted.join(', ')})
     ON CONFLICT (tenant_id, policy_id) DO UPDATE SET ${updated.join(', ')}, updated_by = $4, updated_at = $5
     RETURNING ${returning}`,
    params,
  );
  return row;
}
