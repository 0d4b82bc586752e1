// `audit export | verify`: a tenant's audit trail as JSON Lines (records with their hashes, and the
// checkpoints), and the offline check of such a file — no database is opened for `verify`.
import { readFile, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { verifyExport, type ExportLine, type ExportVerdict } from '../runtime/engines/audit-export.js';
import { CheckFailed, ExitCode } from './exit-codes.js';
import { print } from './output.js';
import type { CliSession } from './session.js';

/** The `audit` command and its subcommands. */
export function auditCommand(session: CliSession): Command {
  const audit = new Command('audit').description('export and verify the audit trail');

  audit
    .command('export')
    .description('write a tenant\'s audit trail as JSON Lines: objects with their chained records and hashes, then checkpoints')
    .requiredOption('--tenant <id>', 'the tenant')
    .option('--since <instant>', 'only records and checkpoints at or after this ISO-8601 instant (each object starts after the link before it)', instantValue)
    .option('--object <id>', 'only this object (contract, job, run, lesson or incident)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { tenant: string; since?: Date; object?: string; out?: string }) => {
      const lines = await (await session.runtime()).exportAuditTrail({ tenantId: options.tenant, since: options.since ?? null, objectId: options.object ?? null });
      const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
      if (options.out) await writeFile(options.out, text);
      else print(text);
    });

  audit
    .command('verify')
    .description('check an export offline: every chain against its head, every checkpoint against the previous one and the heads it names')
    .argument('<file>', 'a file written by `audit export`')
    .action(async (file: string) => {
      const verdict = verifyExport(await readExport(file));
      print(summary(verdict));
      if (!verdict.valid) throw new CheckFailed(ExitCode.invalid, `${file} does not verify`);
    });

  return audit;
}

function instantValue(value: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime())) throw new InvalidArgumentError('expected an ISO-8601 instant, e.g. 2026-12-02T00:00:00Z');
  return at;
}

async function readExport(file: string): Promise<ExportLine[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CheckFailed(ExitCode.usage, `cannot read ${file}: ${error.code ?? error.message}`);
  });
  try {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ExportLine);
  } catch {
    throw new CheckFailed(ExitCode.usage, `${file} is not JSON Lines`);
  }
}

function summary(verdict: ExportVerdict): string {
  const counts = `${verdict.objects} objects, ${verdict.records} records, ${verdict.checkpoints} checkpoints (${verdict.unprovenHeads} checkpointed heads outside the export)`;
  if (verdict.valid) return `valid: ${counts}\n`;
  if (verdict.brokenLink) {
    const { objectId, recordId, kind, seq, expectedHash, foundHash } = verdict.brokenLink;
    return `INVALID: object ${objectId}: ${kind} ${recordId} at position ${seq}: expected hash ${expectedHash ?? '-'}, found ${foundHash ?? '-'}\n`;
  }
  const { checkpointId, objectId, reason, expectedHash, foundHash } = verdict.checkpointFailure!;
  return `INVALID: checkpoint ${checkpointId}: ${reason}${objectId ? ` (object ${objectId})` : ''}: expected ${expectedHash ?? '-'}, found ${foundHash ?? '-'}\n`;
}
