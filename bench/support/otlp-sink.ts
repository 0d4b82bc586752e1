// A stand-in OTLP/HTTP collector for the bench: accepts every export (POST /v1/traces) with 200 and
// counts the bytes, so P2 with tracing on pays for building, batching and sending spans as it would
// with a real collector, without one.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening sink. */
export interface OtlpSink {
  /** The value for OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  /** Bytes of span exports received so far. */
  readonly receivedBytes: number;
  close(): Promise<void>;
}

/** Starts a sink on a free local port. */
export async function startOtlpSink(): Promise<OtlpSink> {
  let receivedBytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (receivedBytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get receivedBytes() {
      return receivedBytes;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
