// P1: the SQL statements one completeRun sends (the server's own statement counter, with their text
// captured), against the hand-written baseline writing the same rows (support/raw-completion.ts).
import { COMPLETER, type BenchContext } from '../support/context.js';
import { COMPLETE_RUN, COMPLETION, gql } from '../support/graphql.js';
import { startInstance } from '../support/instances.js';
import { completeRunRaw, recordingClient } from '../support/raw-completion.js';
import { fixed, type ResultRow } from '../support/report.js';
import { interleave, summarise } from '../support/rounds.js';
import { compareStatements } from '../support/statement-kinds.js';

const ROUNDS = 3;

/** Measures P1. */
export async function measureCompletionStatements({ databaseUrl, world }: BenchContext): Promise<ResultRow[]> {
  const instance = await startInstance({ databaseUrl, publishing: 'on' });
  try {
    const ids = await world.runs(2 * (ROUNDS + 1));
    let productStatements: string[] = [];
    let rawStatements: string[] = [];
    const figures = await interleave(
      {
        product: async () => {
          const id = ids.pop()!;
          productStatements = await instance.captureStatements(async () => void (await gql(instance.url, world.keys.operator, COMPLETE_RUN, { id, input: COMPLETION })));
          return productStatements.length;
        },
        raw: async () => {
          const connection = await world.pool.connect();
          try {
            const recorder = recordingClient(connection);
            await completeRunRaw(recorder.client, COMPLETER, ids.pop()!, COMPLETION);
            rawStatements = recorder.statements;
            return rawStatements.length;
          } finally {
            connection.release();
          }
        },
      },
      ROUNDS,
    );
    const comparison = compareStatements(productStatements, rawStatements);
    const product = summarise(figures.product, 'higher');
    const raw = summarise(figures.raw, 'higher');
    // The product's count includes the API-key lookup; a hand-written server authenticates too.
    const rawWithAuth = raw.median + comparison.authentication;
    return [
      {
        id: 'P1',
        measure: 'SQL statements per completeRun: product / hand-written (incl. the API-key lookup)',
        figure: `${product.median} / ${rawWithAuth} (worst ${product.worst}); ORM-only SELECTs: ${comparison.ormOnlySelects.length}, other ORM-only: ${comparison.ormOnlyOthers.length}`,
        median: product.median,
        worst: product.worst,
        goal: '≤ hand-written, no ORM-only SELECT',
        pass: product.median <= rawWithAuth && comparison.ormOnlySelects.length === 0,
        details: {
          productRounds: product.rounds,
          handWrittenRounds: raw.rounds,
          extraStatements: product.median - rawWithAuth,
          ratio: fixed(product.median / rawWithAuth),
          productStatements: comparison.product,
          handWrittenStatements: comparison.handWritten,
          ormOnlySelects: comparison.ormOnlySelects,
          ormOnlyOtherStatements: comparison.ormOnlyOthers,
        },
      },
    ];
  } finally {
    await instance.stop();
  }
}
