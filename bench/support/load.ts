// Load generators: autocannon against the GraphQL endpoint (one prepared body per request), and a
// pool of raw `pg` workers doing the same work — each reports completed operations per second.
import autocannon from 'autocannon';
import type pg from 'pg';

/**
 * Sends every body once over `connections` keep-alive connections; returns requests per second,
 * timed from the start to the last response (autocannon itself only stops on its sampling tick).
 */
export async function httpLoad(url: string, key: string, connections: number, bodies: readonly string[]): Promise<number> {
  let next = 0;
  let lastResponse = 0n;
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url,
        connections,
        amount: bodies.length,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++] }) }],
        timeout: 30,
        sampleInt: 100,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    run.on('response', () => {
      lastResponse = process.hrtime.bigint();
    });
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) throw new Error(`autocannon: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx of ${bodies.length} requests`);
  return bodies.length / (Number(lastResponse - started) / 1e9);
}

/** Runs `work` once per item with `concurrency` workers sharing `pool`; returns items per second. */
export async function poolLoad<T>(pool: pg.Pool, concurrency: number, items: readonly T[], work: (client: pg.PoolClient, item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const client = await pool.connect();
      try {
        await work(client, item);
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return items.length / (Number(process.hrtime.bigint() - started) / 1e9);
}
