// The messages between the bench and a server instance process (see server-process.ts).

/** How an instance is composed. */
export interface InstanceSettings {
  databaseUrl: string;
  /** "off" composes the bench-only completion steps that publish nothing (P3). */
  publishing: 'on' | 'off';
  /** Overrides OUTBOX_WRITERS_NOTIFY (the production default otherwise). */
  writersNotify?: boolean;
  /** Registers tracing with OTLP export to this endpoint (P2 with tracing on); off otherwise. */
  otlpEndpoint?: string;
  /** Overrides QUERY_MAX_COST (P4's 500-row page costs more than the default admits). */
  maxQueryCost?: number;
  /** Overrides API_KEY_CACHE_TTL_MS (0: every request looks its key up, so P4's count does not depend on timing). */
  apiKeyCacheTtlMs?: number;
  /** Overrides GRAPHQL_COMPILED_READS (P5 reads its page both ways). */
  compiledReads?: boolean;
}

/** What the bench asks of an instance. */
export type InstanceRequest = { type: 'capture' } | { type: 'captured' } | { type: 'stop' };

/** What an instance answers. */
export type InstanceReply =
  | { type: 'ready'; url: string }
  | { type: 'capturing' }
  | { type: 'captured'; statements: string[] }
  | { type: 'stopped' };
