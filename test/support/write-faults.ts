// Fault injection for atomicity tests: while a request runs, a test-only trigger makes chosen writes
// fail inside the database — by raising (an error, a serialization failure, a deadlock) or by
// killing its own connection, at the write or when COMMIT is processed; the trigger is removed
// afterwards, so a retry meets a healthy database.
import type { Table } from './rows.js';
import { productTables } from './table-counts.js';
import type { TestServer } from './test-server.js';

/** How a faulty write fails. */
export type FaultEffect = 'raise' | 'serializationFailure' | 'deadlock' | 'dropConnection';

/** Which writes fail: every `event` on `table`, or only rows matching `when` (SQL over NEW), or only the `nth` such row. */
export interface WriteFault {
  table: Table;
  event: 'INSERT' | 'UPDATE';
  when?: string;
  /** Only the nth matching row (1-based, counted across attempts) fails; default: every one. */
  nth?: number;
  /** Default `raise`. */
  effect?: FaultEffect;
  /** Fail while COMMIT is processed (a deferred constraint trigger), not at the write itself. */
  atCommit?: boolean;
}

const EFFECTS: Record<FaultEffect, string> = {
  raise: `RAISE EXCEPTION 'injected fault: % on % refused by a test trigger', TG_OP, TG_TABLE_NAME`,
  serializationFailure: `RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001'`,
  deadlock: `RAISE EXCEPTION 'injected deadlock' USING ERRCODE = '40P01'`,
  dropConnection: `PERFORM pg_terminate_backend(pg_backend_pid())`,
};

/** What an action can ask while the fault is in place. */
export interface FaultProbe {
  /** How many matching rows reached the trigger so far (each attempt of a command counts). */
  reached(): Promise<number>;
}

/** Runs `action` while the fault is in place and returns what it returned; always removes the fault. */
export async function whileWritesRefused<T>(server: Pick<TestServer, 'database'>, fault: WriteFault, action: (probe: FaultProbe) => Promise<T>): Promise<T> {
  const database = server.database.dataSource;
  const condition = fault.when ? `WHEN (${fault.when})` : '';
  const fires = fault.nth === undefined ? 'TRUE' : `reached = ${fault.nth}`;
  const timing = fault.atCommit ? 'CONSTRAINT TRIGGER test_write_fault AFTER' : 'TRIGGER test_write_fault BEFORE';
  await database.query(`
    CREATE SEQUENCE test_write_fault_rows;
    CREATE FUNCTION test_write_fault() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    DECLARE reached bigint := nextval('test_write_fault_rows');
    BEGIN IF ${fires} THEN ${EFFECTS[fault.effect ?? 'raise']}; END IF; RETURN NEW; END $$;
    CREATE ${timing} ${fault.event} ON ${fault.table} ${fault.atCommit ? 'DEFERRABLE INITIALLY DEFERRED' : ''} FOR EACH ROW ${condition} EXECUTE FUNCTION test_write_fault();
  `);
  const probe: FaultProbe = {
    reached: async () => {
      const [{ value }]: { value: string }[] = await database.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS value FROM test_write_fault_rows`);
      return Number(value);
    },
  };
  try {
    return await action(probe);
  } finally {
    await database.query(`DROP TRIGGER test_write_fault ON ${fault.table}; DROP FUNCTION test_write_fault(); DROP SEQUENCE test_write_fault_rows;`);
  }
}

/** Writes seen while recording: `table:EVENT` → rows. */
export type WriteTally = Record<string, number>;

/**
 * Sends DDL that locks many tables, once more when PostgreSQL chose it as a deadlock's victim: it
 * takes the tables' locks one by one, so a server transaction that holds one of them and waits for
 * another (a statement writing two tables, as the sequencer's pass does) can deadlock with it. A
 * multi-statement query is one implicit transaction, so the victim changed nothing.
 */
async function sendLockingDdl(database: TestServer['database']['dataSource'], sql: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await database.query(sql);
      return;
    } catch (error) {
      if (attempt >= 5 || (error as { code?: string }).code !== '40P01') throw error;
    }
  }
}

/** Runs `action` while a row trigger on every product table tallies the inserts and updates it commits (not the delivery session's); returns the tally. */
export async function tallyWrites(server: Pick<TestServer, 'database'>, action: () => Promise<unknown>): Promise<WriteTally> {
  const database = server.database.dataSource;
  const tables = await productTables(server);
  await sendLockingDdl(
    database,
    `
    CREATE UNLOGGED TABLE test_write_log (entry text NOT NULL);
    CREATE FUNCTION test_write_tally() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      -- The instance's delivery session sequences events on its own: not the command's writes.
      IF current_setting('application_name') NOT LIKE 'governance-delivery%' THEN INSERT INTO test_write_log VALUES (TG_TABLE_NAME || ':' || TG_OP); END IF;
      RETURN NULL;
    END $$;
    ${tables.map((name) => `CREATE TRIGGER test_write_tally AFTER INSERT OR UPDATE ON "${name}" FOR EACH ROW EXECUTE FUNCTION test_write_tally();`).join('\n')}
  `,
  );
  try {
    await action();
    const rows: { entry: string; count: string }[] = await database.query(`SELECT entry, count(*) AS count FROM test_write_log GROUP BY entry ORDER BY entry`);
    return Object.fromEntries(rows.map((row) => [row.entry, Number(row.count)]));
  } finally {
    await sendLockingDdl(database, `${tables.map((name) => `DROP TRIGGER test_write_tally ON "${name}";`).join('\n')} DROP FUNCTION test_write_tally(); DROP TABLE test_write_log;`);
  }
}
