// Storage shape: One skill of a tenant's manifest: what the planner may choose from.
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A skill the planner may use. */
@Entity({ name: 'skills' })
export class SkillEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', array: true })
  keywords!: string[];

  @Column({ name: 'estimated_cost_cents', type: 'integer' })
  estimatedCostCents!: number;

  @Column({ name: 'side_effects', type: 'boolean' })
  sideEffects!: boolean;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
