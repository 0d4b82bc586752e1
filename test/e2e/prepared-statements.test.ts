// Statements marked with prepared() are sent by name: the connection that ran one holds it prepared
// once (pg_prepared_statements), however often it ran, with its results unchanged; an unmarked
// statement stays unnamed. The pool's connection opened while initializing is covered too.
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeDataSource } from '../../src/database/data-source.js';
import { prepared, prepareMarkedStatements } from '../../src/database/prepared-statements.js';
import { createTestDatabase } from '../support/databases.js';

describe('prepared statements', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(inject('adminDatabaseUrl'), inject('templateDatabase'));
    dataSource = makeDataSource({ url: database.url, logger: pino({ level: 'silent' }), poolSize: 1, session: 'owner' });
    await dataSource.initialize();
    prepareMarkedStatements(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('sends a marked statement by name, prepared once on its connection; an unmarked one unnamed', async () => {
    const marked = prepared('SELECT $1::int + 1 AS next');
    const unmarked = 'SELECT $1::int + 2 AS next';
    for (const value of [1, 2, 3]) expect(await dataSource.query(marked, [value])).toEqual([{ next: value + 1 }]);
    expect(await dataSource.query(unmarked, [1])).toEqual([{ next: 3 }]);
    expect(await dataSource.query(`SELECT statement FROM pg_prepared_statements`)).toEqual([{ statement: marked }]);
  });
});
