// Fault injection for atomicity tests: while a request runs, a test-only trigger makes chosen writes
// fail inside the database; the trigger is removed afterwards, so a retry meets a healthy database.
import type { Table } from './rows.js';
import type { TestServer } from './test-server.js';

/** Which writes fail: every `event` on `table`, or only rows matching `when` (SQL over NEW). */
export interface WriteFault {
  table: Table;
  event: 'INSERT' | 'UPDATE';
  when?: string;
}

/** Runs `action` while the fault is in place and returns what it returned; always removes the fault. */
export async function whileWritesRefused<T>(server: Pick<TestServer, 'database'>, fault: WriteFault, action: () => Promise<T>): Promise<T> {
  const database = server.database.dataSource;
  const condition = fault.when ? `WHEN (${fault.when})` : '';
  await database.query(`
    CREATE FUNCTION test_write_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'injected fault: % on % refused by a test trigger', TG_OP, TG_TABLE_NAME; END $$;
    CREATE TRIGGER test_write_fault BEFORE ${fault.event} ON ${fault.table} FOR EACH ROW ${condition} EXECUTE FUNCTION test_write_fault();
  `);
  try {
    return await action();
  } finally {
    await database.query(`DROP TRIGGER test_write_fault ON ${fault.table}; DROP FUNCTION test_write_fault();`);
  }
}
