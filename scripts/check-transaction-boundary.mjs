// Lint guard: the unit of work (src/runtime/unit-of-work.ts) and the scoped transactions it starts
// (src/runtime/scoped-transactions.ts: the scope's settings, and scoped reads) are the only code in
// src that opens, commits or rolls back a transaction; fails naming every other file that does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const BOUNDARY = 'src/runtime/unit-of-work.ts';
const SCOPED_TRANSACTIONS = 'src/runtime/scoped-transactions.ts';
const TRANSACTION_CONTROL = [
  /\b(startTransaction|commitTransaction|rollbackTransaction)\b/,
  /\.transaction\s*\(/, // DataSource/EntityManager.transaction(...)
  /\bquery\s*\(\s*[`'"]\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION)\b/i, // raw SQL
];

const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.[cm]?ts$/.test(file))
  .map((file) => path.posix.join('src', file.split(path.sep).join('/')));
const offenders = files.filter(
  (file) => file !== BOUNDARY && file !== SCOPED_TRANSACTIONS && TRANSACTION_CONTROL.some((pattern) => pattern.test(readFileSync(file, 'utf8'))),
);

if (!TRANSACTION_CONTROL[0].test(readFileSync(BOUNDARY, 'utf8'))) {
  console.error(`${BOUNDARY} no longer controls transactions: move this guard to the new commit boundary.`);
  process.exit(1);
}
if (offenders.length > 0) {
  console.error(`Transaction control outside ${BOUNDARY} (use withUnitOfWork instead):\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
console.log(`✔ transactions are opened and committed only in ${BOUNDARY} and ${SCOPED_TRANSACTIONS}`);
