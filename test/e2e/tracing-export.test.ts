// OTLP export from a real server process: with OTEL_EXPORTER_OTLP_ENDPOINT set, `node dist/main.js`
// sends its spans as OTLP/HTTP protobuf to `<endpoint>/v1/traces`, the caller's trace id among them,
// and a SIGTERM flushes what is still batched before the process exits.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, killSpawnedProcesses, startInstanceProcess } from '../support/process.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SPAWN_TIMEOUT = 120_000;

/** One export the collector received. */
interface Export {
  path: string;
  contentType: string;
  body: Buffer;
}

describe('OTLP export', () => {
  let database: TestServer;
  let collector: Server;
  const exports: Export[] = [];

  beforeAll(async () => {
    database = await startTestServer();
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        exports.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  }, SPAWN_TIMEOUT);
  afterAll(async () => {
    await killSpawnedProcesses();
    await new Promise((resolve) => collector.close(resolve));
    await database.close();
  });

  it('exports the spans of a traced request as OTLP protobuf, flushed on SIGTERM', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const server = await startInstanceProcess(database.database.url, await freePort(), { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'governance-under-test' });
    const key = await database.key('viewer', 'vera');
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({ query: '{ viewer { principal } }' }),
    });
    expect(response.status).toBe(200);

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const traces = exports.filter((received) => received.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    for (const received of traces) expect(received.contentType).toBe('application/x-protobuf');
    const body = Buffer.concat(traces.map((received) => received.body));
    expect(body.includes(Buffer.from(traceId, 'hex'))).toBe(true);
    expect(body.includes(Buffer.from('query viewer'))).toBe(true);
    expect(body.includes(Buffer.from('governance-under-test'))).toBe(true);
  });
});
