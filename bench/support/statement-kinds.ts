// P1's reading of SQL text: what each statement does (verb and main table), which of the product's
// statements have no counterpart in the hand-written baseline, and which SELECTs only the ORM wanted.

/** One statement as the report lists it. */
export interface DescribedStatement {
  kind: string;
  /** No hand-written statement of this kind was left to match it. */
  extra: boolean;
  sql: string;
}

const TRANSACTION_CONTROL = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION[A-Z ]*|SAVEPOINT|RELEASE)/i;

/** "INSERT incidents", "SELECT runs FOR UPDATE", "BEGIN", … */
export function kindOf(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').replace(/"/g, '').trim();
  const control = TRANSACTION_CONTROL.exec(text);
  if (control) return control[1].toUpperCase().replace('START TRANSACTION', 'BEGIN');
  const locks = /\bFOR (NO KEY )?UPDATE\b/i.test(text);
  const writes = [...text.replace(/\bFOR (NO KEY )?UPDATE( OF [a-z_]+)?/gi, '').matchAll(/\b(INSERT INTO|UPDATE|DELETE FROM) ([a-z_]+)/gi)].map((match) => `${match[1].split(' ')[0].toUpperCase()} ${match[2]}`);
  if (writes.length > 0) return [...new Set(writes)].join(' + ') + (/pg_notify/i.test(text) ? ' + NOTIFY' : '');
  const from = /\bFROM ([a-z_]+)/i.exec(text);
  return `SELECT ${from ? from[1] : '(no table)'}${locks ? ' FOR UPDATE' : ''}`;
}

/** The product's statements matched kind by kind against the baseline's. */
export function compareStatements(product: readonly string[], handWritten: readonly string[]) {
  const unmatched = handWritten.map(kindOf);
  const described: DescribedStatement[] = product.map((sql) => {
    const kind = kindOf(sql);
    const index = unmatched.indexOf(kind);
    if (index >= 0) unmatched.splice(index, 1);
    return { kind, extra: index < 0 && !isAuthentication(kind), sql: shorten(sql) };
  });
  return {
    product: described,
    handWritten: handWritten.map((sql) => ({ kind: kindOf(sql), sql: shorten(sql) })),
    authentication: described.filter((statement) => isAuthentication(statement.kind)).length,
    ormOnlySelects: ormOnlySelects(described),
    /** Statements no application code asked for that are not SELECTs (TypeORM's isolation level). */
    ormOnlyOthers: described.filter((statement) => statement.kind.startsWith('SET TRANSACTION')),
  };
}

function isAuthentication(kind: string): boolean {
  return kind === 'SELECT api_keys';
}

/** SELECTs that read no table, or re-read a table the same request already wrote (a reload). */
function ormOnlySelects(statements: readonly DescribedStatement[]): DescribedStatement[] {
  const written = new Set<string>();
  const flagged: DescribedStatement[] = [];
  for (const statement of statements) {
    const [verb, table] = statement.kind.split(' ');
    if (verb === 'SELECT' && (table === '(no' || written.has(table))) flagged.push(statement);
    for (const part of statement.kind.split(' + ')) {
      const [partVerb, partTable] = part.split(' ');
      if (partVerb === 'INSERT' || partVerb === 'UPDATE' || partVerb === 'DELETE') written.add(partTable);
    }
  }
  return flagged;
}

function shorten(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
