// Column sets shared by entities: every row has an id and its tenant; many belong to one run, some
// to one domain action of a run.
import { Column, PrimaryColumn } from 'typeorm';

/** A row with a text id, owned by a tenant. */
export abstract class TenantRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;
}

/** A tenant's row that belongs to one run. */
export abstract class RunRow extends TenantRow {
  @Column({ name: 'run_id', type: 'text' })
  runId!: string;
}

/** A run's row about one domain action (an expectation of it, or an ack of it) and its status. */
export abstract class RunActionRow<Status extends string> extends RunRow {
  @Column({ type: 'text' })
  domain!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  status!: Status;
}

/** A tenant's row with an audit chain: its head, the number of records chained so far and the last one's hash. */
export abstract class ChainedTenantRow extends TenantRow {
  @Column({ name: 'audit_seq', type: 'integer', default: 0 })
  auditSeq!: number;

  @Column({ name: 'audit_head', type: 'text', nullable: true })
  auditHead!: string | null;
}
