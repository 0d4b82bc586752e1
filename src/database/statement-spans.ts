// A span per SQL statement (registered on the data source only while tracing is on): TypeORM tells
// its subscribers before and after each query a query runner sends, in the caller's context, so each
// statement nests under the unit of work or the read that sent it. Statements outside any span (the
// outbox reader's polls) are not traced: they would be a stream of lone root spans.
import { SpanKind, trace, type Span } from '@opentelemetry/api';
import type { EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { failed, tracer } from '../telemetry/spans.js';

/** The longest statement text kept on a span. */
const MAX_STATEMENT_TEXT = 2000;

/** A subscriber that opens a span before each statement and ends it after. */
export function statementSpans(): EntitySubscriberInterface {
  // A query runner sends one statement at a time.
  const open = new WeakMap<QueryRunner, Span>();
  return {
    beforeQuery({ queryRunner, query }) {
      if (!trace.getActiveSpan()) return;
      const operation = /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase() ?? 'SQL';
      open.set(queryRunner, tracer.startSpan(`sql ${operation}`, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': query.slice(0, MAX_STATEMENT_TEXT) } }));
    },
    afterQuery({ queryRunner, success, error }) {
      const span = open.get(queryRunner);
      if (!span) return;
      open.delete(queryRunner);
      if (!success) failed(span, error);
      span.end();
    },
  };
}
