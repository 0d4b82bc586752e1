// Column sets shared by entities: every row has an id and its tenant; many belong to one run.
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
