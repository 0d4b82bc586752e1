// Storage shape of a tenant: the owner of every other row.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant; its id is its name (e.g. `default`). */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  name!: string | null;
}
