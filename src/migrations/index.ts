// Every migration, in order; the data source runs them at start-up.
import { Foundation1764072000000 } from './1764072000000-foundation.js';
import { Jobs1764158400000 } from './1764158400000-jobs.js';
import { OutboxDelivery1764244800000 } from './1764244800000-outbox-delivery.js';
import { Runs1764331200000 } from './1764331200000-runs.js';
import { RunCompletion1764417600000 } from './1764417600000-run-completion.js';
import { MonitorConfigs1764504000000 } from './1764504000000-monitor-configs.js';
import { OutboxSequencer1764590400000 } from './1764590400000-outbox-sequencer.js';
import { ApiKeyLifetimes1764676800000 } from './1764676800000-api-key-lifetimes.js';
import { OutboxTraceContext1764720000000 } from './1764720000000-outbox-trace-context.js';
import { PlanSafetyAndBudgets1764763200000 } from './1764763200000-plan-safety-and-budgets.js';
import { SyntheticRuns1764770000000 } from './1764770000000-synthetic-runs.js';
import { StaleRunScan1764771000000 } from './1764771000000-stale-run-scan.js';
import { LessonDeferrals1764780000000 } from './1764780000000-lesson-deferrals.js';
import { IncidentAndPolicyFields1764790000000 } from './1764790000000-incident-and-policy-fields.js';
import { DatabaseGuards1764800000000 } from './1764800000000-database-guards.js';
import { LessonDrafts1764810000000 } from './1764810000000-lesson-drafts.js';
import { RowLevelSecurity1764920000000 } from './1764920000000-row-level-security.js';
import { AuditChain1765022400000 } from './1765022400000-audit-chain.js';
import { ApiKeyLookup1765100000000 } from './1765100000000-api-key-lookup.js';
import { AgentSpendHours1765200000000 } from './1765200000000-agent-spend-hours.js';
import { OutboxSequencedIndexes1765300000000 } from './1765300000000-outbox-sequenced-indexes.js';

/** The migration classes, oldest first. */
export const migrations = [Foundation1764072000000, Jobs1764158400000, OutboxDelivery1764244800000, Runs1764331200000, RunCompletion1764417600000, MonitorConfigs1764504000000, OutboxSequencer1764590400000, ApiKeyLifetimes1764676800000, OutboxTraceContext1764720000000, PlanSafetyAndBudgets1764763200000, SyntheticRuns1764770000000, StaleRunScan1764771000000, LessonDeferrals1764780000000, IncidentAndPolicyFields1764790000000, DatabaseGuards1764800000000, LessonDrafts1764810000000, RowLevelSecurity1764920000000, AuditChain1765022400000, ApiKeyLookup1765100000000, AgentSpendHours1765200000000, OutboxSequencedIndexes1765300000000];
