// Spans of HTTP requests: a SERVER span per request that continues the caller's W3C `traceparent`,
// and on /graphql a span of the GraphQL operation, named by the Apollo plugin once the operation is
// known ("mutation createContract"); the units of work and SQL statements it causes nest under it.
import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, SpanKind, trace, type Span } from '@opentelemetry/api';
import type { RequestHandler, Response } from 'express';
import { operationLabel } from '../http/operation-label.js';
import { failed, tracer } from './spans.js';

/** Middleware (mount it early): the request's span, active for everything after it. */
export function httpSpans(): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(`${req.method} /${req.path.split('/')[1] ?? ''}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': req.path, 'http.request.id': String(req.id ?? '') },
    }, parent);
    endWithResponse(span, res);
    const active = trace.setSpan(parent, span);
    // Body parsers call on from the request's stream events: bound, they keep this context.
    context.bind(active, req);
    context.bind(active, res);
    context.with(active, next);
  };
}

/** Middleware on /graphql, just before Apollo when tracing is on: the operation's span (none otherwise). */
export function graphqlSpans(tracing: boolean): RequestHandler[] {
  if (!tracing) return [];
  return [
    (_req, res, next) => {
      const span = tracer.startSpan('graphql');
      endWithResponse(span, res);
      context.with(trace.setSpan(context.active(), span), next);
    },
  ];
}

/** Apollo plugin: names the operation's span after its type and root field. */
export const graphqlSpanPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        const span = trace.getActiveSpan();
        if (!span || !operation) return;
        span.updateName(`${operation.operation} ${operationLabel(operation)}`);
        span.setAttributes({ 'graphql.operation.type': operation.operation, ...(operation.name ? { 'graphql.operation.name': operation.name.value } : {}) });
      },
    };
  },
};

function endWithResponse(span: Span, res: Response): void {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) failed(span, new Error(`status ${res.statusCode}`));
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
}
