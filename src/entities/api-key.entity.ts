// Storage shape of an API key: only its SHA-256 hash is kept, never the key itself.
import { Column, Entity } from 'typeorm';
import { TenantRow } from './owned-rows.js';

/** An API key of one tenant, one principal and one role. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity extends TenantRow {
  @Column({ type: 'text' })
  principal!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
