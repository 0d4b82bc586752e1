// Start-up of OpenTelemetry tracing. With an OTLP endpoint (or, in tests, an exporter) it registers a
// tracer provider (AsyncLocalStorage context, W3C trace context propagation) exporting its spans;
// without, nothing is loaded or registered and the no-op API of @opentelemetry/api stays in place, so
// the spans the server opens cost nothing.
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';

/** Where spans go: OTLP over HTTP (protobuf) to `otlpEndpoint`, or a given exporter (tests). */
export interface TracingOptions {
  otlpEndpoint?: string | null;
  exporter?: SpanExporter;
}

/** Registered tracing. */
export interface Tracing {
  /** Exports the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/** Registers tracing when there is somewhere to send spans; null (nothing registered) otherwise. */
export async function startTracing(options: TracingOptions): Promise<Tracing | null> {
  if (!options.exporter && !options.otlpEndpoint) return null;
  const { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const spanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (adding /v1/traces) and OTEL_EXPORTER_OTLP_HEADERS itself.
      new BatchSpanProcessor(new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter());
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || 'governance-runtime' }),
    spanProcessors: [spanProcessor],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
