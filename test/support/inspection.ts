// Inspection set-up for end-to-end tests: policies configured through GraphQL (the typical ones
// DOMAIN.md §5 names), checks and reports as any caller, and the violation rows and events they leave.
import {
  CheckInspectionDocument,
  MonitorConfigDocument,
  ReportInspectionDocument,
  UpsertMonitorConfigDocument,
  type InspectionOperation,
  type MonitorConfigInput,
} from '../generated/graphql.js';
import { untilSequenced } from './job-updates.js';
import { dataOf } from './responses.js';
import { selectRows } from './rows.js';
import type { TestServer } from './test-server.js';

/** Every inspection operation, in the engine's order. */
export const everyOperation: InspectionOperation[] = ['LOG_PROMPT', 'LOG_RESPONSE', 'CAPTURE_PII', 'ACCESS_SECRET'];

/** The constraint field that governs each operation. */
export const constraintFieldOf: Record<InspectionOperation, 'allowPromptLogging' | 'allowResponseLogging' | 'allowPiiCapture' | 'allowSecretAccess'> = {
  LOG_PROMPT: 'allowPromptLogging',
  LOG_RESPONSE: 'allowResponseLogging',
  CAPTURE_PII: 'allowPiiCapture',
  ACCESS_SECRET: 'allowSecretAccess',
};

/** A policy whose flags are all set explicitly: `allowed` granted, the rest denied. */
export function policyAllowing(policyId: string, allowed: readonly InspectionOperation[]): MonitorConfigInput {
  return { policyId, ...Object.fromEntries(everyOperation.map((operation) => [constraintFieldOf[operation], allowed.includes(operation)])) };
}

/** The typical policies and what each allows and denies of every operation. */
export const typicalPolicies = [
  { policyId: 'compliance-sensitive', allowed: [], denied: ['LOG_PROMPT', 'LOG_RESPONSE', 'CAPTURE_PII', 'ACCESS_SECRET'] },
  { policyId: 'full-audit', allowed: ['LOG_PROMPT', 'LOG_RESPONSE'], denied: ['CAPTURE_PII', 'ACCESS_SECRET'] },
  { policyId: 'minimal-logging', allowed: ['LOG_RESPONSE'], denied: ['LOG_PROMPT', 'CAPTURE_PII', 'ACCESS_SECRET'] },
] as const satisfies readonly { policyId: string; allowed: readonly InspectionOperation[]; denied: readonly InspectionOperation[] }[];

/** Sets fields of a policy's monitor configuration as `admin`; returns the stored configuration. */
export async function configurePolicy(server: TestServer, admin: string, input: MonitorConfigInput) {
  return dataOf(await server.gql(admin, UpsertMonitorConfigDocument, { input })).upsertMonitorConfig;
}

/** A policy's configuration as `key` reads it (null when it has none). */
export async function monitorConfigOf(server: TestServer, key: string, policyId: string) {
  return dataOf(await server.gql(key, MonitorConfigDocument, { policyId })).monitorConfig;
}

/** Sends checkInspection as `key`. */
export function checkAs(server: TestServer, key: string, policyId: string, operations: InspectionOperation[]) {
  return server.gql(key, CheckInspectionDocument, { policyId, operations });
}

/** Sends reportInspection as `key`. */
export function reportAs(server: TestServer, key: string, runId: string, policyId: string, operations: InspectionOperation[]) {
  return server.gql(key, ReportInspectionDocument, { runId, policyId, operations });
}

/** A stored violation row. */
export interface ViolationRow {
  id: string;
  tenant_id: string;
  kind: string;
  run_id: string | null;
  policy_id: string | null;
  operation: string | null;
  phase: string | null;
  status: string | null;
  message: string;
  details: Record<string, unknown>;
}

/** The violation rows of one run. */
export function violationRowsOf(server: TestServer, runId: string): Promise<ViolationRow[]> {
  return selectRows<ViolationRow>(server, 'violations', { run_id: runId });
}

/** The ids of the tenant's violations in the order their violation.recorded events are delivered (commit order). */
export async function violationIdsInEventOrder(server: TestServer, tenantId: string, runId?: string): Promise<string[]> {
  await untilSequenced(server);
  const events = await selectRows<{ subject_id: string; position: string; payload: { runId: string } }>(server, 'outbox_events', { tenant_id: tenantId, type: 'violation.recorded' });
  const inDeliveryOrder = events.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  return inDeliveryOrder.filter((event) => runId === undefined || event.payload.runId === runId).map((event) => event.subject_id);
}

/** The outbox position (event id) of the event that announced violation `violationId`. */
export async function eventIdOfViolation(server: TestServer, violationId: string): Promise<string> {
  await untilSequenced(server);
  const [event] = await selectRows<{ position: string }>(server, 'outbox_events', { type: 'violation.recorded', subject_id: violationId });
  return String(event.position);
}
