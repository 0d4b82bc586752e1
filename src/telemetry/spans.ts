// The server's spans, through the OpenTelemetry API only (a no-op until tracing/startTracing
// registers a provider): a unit of work named after its command, the trace context an outbox event
// carries from the command that wrote it, and the span of its delivery, linked back to that command.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/** The tracer of everything this server traces. */
export const tracer = trace.getTracer('governance-runtime');

/** W3C trace context headers (`traceparent`, `tracestate`), as stored with an outbox event. */
export type TraceCarrier = Record<string, string>;

/** Runs `work` in an active span named `name`; the span records a throw as an error and always ends. */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (thrown) {
      failed(span, thrown);
      throw thrown;
    } finally {
      span.end();
    }
  });
}

/** Marks a span failed by `thrown`. */
export function failed(span: Span, thrown: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: thrown instanceof Error ? thrown.message : String(thrown) });
}

/** The active trace context as W3C headers; null when nothing is traced. */
export function activeTraceCarrier(): TraceCarrier | null {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : null;
}

/** Starts the span of delivering an event written under `carrier`: its own trace, linked to the writer's span. */
export function startDeliverySpan(eventType: string, carrier: TraceCarrier, attributes: Attributes): Span | null {
  const writer = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, carrier));
  if (!writer) return null;
  return tracer.startSpan(`deliver ${eventType}`, { kind: SpanKind.CONSUMER, root: true, links: [{ context: writer }], attributes }, ROOT_CONTEXT);
}
