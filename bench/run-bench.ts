// `npm run bench`: runs the measures (P1–P10, C1–C2 of the console, L1 of the CLI, F1 the long fuzz run) on a fresh database against
// real server instances, prints the table and writes bench/results.json. BENCH_ONLY=P1,P5 runs a subset;
// BENCH_SOAK_MINUTES=10 adds the soak (S1).
import 'reflect-metadata';
import { cpus } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { measureCompletionStatements } from './measures/p1-completion-statements.js';
import { measureCompletionThroughput } from './measures/p2-completion-throughput.js';
import { measurePublishingCost } from './measures/p3-publishing-cost.js';
import { measureJobPageStatements } from './measures/p4-job-page-statements.js';
import { measureJobPageLatency } from './measures/p5-job-page-latency.js';
import { measureDeliveryLatency } from './measures/p6-delivery-latency.js';
import { measureTwoInstanceDelivery } from './measures/p7-two-instances.js';
import { measureForeignTransaction } from './measures/p8-foreign-transaction.js';
import { measureManySubscribers } from './measures/p9-many-subscribers.js';
import { measureTenantWallCost } from './measures/p10-tenant-wall-cost.js';
import { measureConsoleBundle } from './measures/c1-console-bundle.js';
import { measureJobsFirstRender } from './measures/c2-jobs-first-render.js';
import { measureCliCall } from './measures/l1-cli-call.js';
import { measureFuzzing } from './measures/f1-fuzz.js';
import { measureSoak, soakMinutes } from './measures/s1-soak.js';
import type { BenchContext } from './support/context.js';
import { freshDatabase } from './support/fresh-database.js';
import { formatTable, writeResults, type ResultRow } from './support/report.js';
import { openWorld } from './support/world.js';

const MEASURES: Record<string, (context: BenchContext) => Promise<ResultRow[]>> = {
  P1: measureCompletionStatements,
  P2: measureCompletionThroughput,
  P3: measurePublishingCost,
  P4: measureJobPageStatements,
  P5: measureJobPageLatency,
  P6: measureDeliveryLatency,
  P7: measureTwoInstanceDelivery,
  P8: measureForeignTransaction,
  P9: measureManySubscribers,
  P10: measureTenantWallCost,
  C1: measureConsoleBundle,
  C2: measureJobsFirstRender,
  L1: measureCliCall,
  F1: measureFuzzing,
};

async function main(): Promise<void> {
  const started = Date.now();
  const only = process.env.BENCH_ONLY?.split(',').map((id) => id.trim().toUpperCase());
  const selected = Object.entries(MEASURES).filter(([id]) => !only || only.includes(id));
  if (soakMinutes() > 0) selected.push(['S1', measureSoak]);
  const database = await freshDatabase(process.env.DATABASE_URL);
  log(`database: ${database.description}`);
  const rows: ResultRow[] = [];
  try {
    const world = await openWorld(database.url);
    try {
      for (const [id, measure] of selected) {
        const measureStarted = Date.now();
        log(`${id}…`);
        const measured = await measure({ databaseUrl: database.url, world });
        rows.push(...measured);
        log(`${id} done in ${Math.round((Date.now() - measureStarted) / 1000)} s: ${measured.map((row) => `${row.figure} → ${row.pass ? 'pass' : 'FAIL'}`).join('; ')}`);
      }
      const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, postgres: await serverVersion(database.url) };
      const durationSeconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`\n${formatTable(rows)}\n\n${rows.filter((row) => !row.pass).length} of ${rows.length} goals missed; ${durationSeconds} s in all.\n`);
      await writeResults(path.join(__dirname, '..', '..', 'bench', 'results.json'), { generatedAt: new Date().toISOString(), machine, database: database.description, durationSeconds }, rows);
      log('written to bench/results.json');
    } finally {
      await world.close();
    }
  } finally {
    await database.remove();
  }
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
