// Prometheus metrics: GraphQL requests by operation (a bounded label: see operation-label.ts),
// unit-of-work durations and outcomes, SQL statements sent and event delivery. One registry per
// server, served at /metrics, behind a bearer token when METRICS_TOKEN is set.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UnitOfWorkObserver } from '../runtime/unit-of-work.js';
import { bearerKey } from './authentication.js';
import { operationLabel } from './operation-label.js';
import type { RateLimitName } from './rate-limits.js';

/** What the delivery gauges read. */
export interface WatchedDelivery {
  hub: { readonly size: number; readonly settledThrough: bigint };
  outbox: { oldestUndeliveredAt(publishedThrough: bigint): Promise<Date | null> };
  readonly isSequencer: boolean;
}

/** The server's instruments. */
export interface Metrics {
  registry: Registry;
  observeUnitOfWork: UnitOfWorkObserver;
  countStatement: (sql: string) => void;
  /** Exposes this instance's delivery: live subscribers, published position, lag, and whether it sequences. */
  watchDelivery: (delivery: WatchedDelivery) => void;
  apolloPlugin: ApolloServerPlugin;
  /** Counts one operation or subscription refused by a rate limit. */
  countRateLimited: (limit: RateLimitName) => void;
  /** Counts one page field of a query: answered with the JSON PostgreSQL built, or left to graphql-js. */
  countCompiledRead: (field: string, outcome: CompiledReadOutcome) => void;
}

/** How a page field that could be compiled was answered (see compiled-reads.ts). */
export type CompiledReadOutcome = 'compiled' | 'executed';

/** Creates a registry with every instrument of the server. */
export function makeMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests by operation and outcome', labelNames: ['operation', 'outcome'], registers: [registry] });
  const requestSeconds = new Histogram({ name: 'graphql_request_duration_seconds', help: 'GraphQL request duration by operation', labelNames: ['operation'], registers: [registry] });
  const unitOfWork = new Histogram({ name: 'unit_of_work_duration_seconds', help: 'Runtime unit-of-work duration by command and outcome', labelNames: ['command', 'outcome'], registers: [registry] });
  const statements = new Counter({ name: 'db_statements_total', help: 'SQL statements sent to PostgreSQL', registers: [registry] });
  const rateLimited = new Counter({ name: 'rate_limited_total', help: 'Operations and subscriptions refused by a rate limit, by limit', labelNames: ['limit'], registers: [registry] });
  const compiledReads = new Counter({ name: 'graphql_compiled_reads_total', help: 'Page fields of queries answered with the JSON PostgreSQL built (compiled) or left to graphql-js (executed)', labelNames: ['field', 'outcome'], registers: [registry] });
  return {
    registry,
    observeUnitOfWork: (command, outcome, seconds) => unitOfWork.observe({ command, outcome }, seconds),
    countStatement: () => statements.inc(),
    countRateLimited: (limit) => rateLimited.inc({ limit }),
    countCompiledRead: (field, outcome) => compiledReads.inc({ field, outcome }),
    watchDelivery: (delivery) => {
      const { hub } = delivery;
      new Gauge({ name: 'delivery_subscribers', help: 'Live subscribers on this instance', registers: [registry], collect() { this.set(hub.size); } });
      new Gauge({ name: 'delivery_settled_event_id', help: 'Outbox position through which this instance has published events', registers: [registry], collect() { this.set(Number(hub.settledThrough)); } });
      new Gauge({ name: 'delivery_sequencer', help: '1 while this instance sequences the outbox (one instance per database does)', registers: [registry], collect() { this.set(delivery.isSequencer ? 1 : 0); } });
      new Gauge({
        name: 'delivery_lag_seconds',
        help: 'Age of the oldest committed event this instance has not published yet (0 when caught up, NaN when the database does not answer)',
        registers: [registry],
        async collect() {
          try {
            const oldest = await delivery.outbox.oldestUndeliveredAt(hub.settledThrough);
            this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
          } catch {
            this.set(Number.NaN);
          }
        },
      });
    },
    apolloPlugin: {
      async requestDidStart() {
        const stopTimer = requestSeconds.startTimer();
        return {
          async willSendResponse({ operation: document, errors }) {
            const operation = operationLabel(document);
            stopTimer({ operation });
            requests.inc({ operation, outcome: errors?.length ? 'error' : 'ok' });
          },
        };
      },
    },
  };
}

/** Serves the registry; with a token, only to `Authorization: Bearer <token>` (else 401). */
export function metricsRoute(metrics: Metrics, token: string | null): RequestHandler {
  const expected = token === null ? null : digest(token);
  return async (req, res) => {
    const presented = bearerKey(req.get('authorization'));
    if (expected && !(presented && timingSafeEqual(digest(presented), expected))) {
      res.status(401).set('www-authenticate', 'Bearer realm="metrics"').json({ error: 'METRICS_TOKEN required: send Authorization: Bearer <token>' });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** Equal-length digests, so comparing them takes the same time whatever was presented. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
