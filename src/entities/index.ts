// Every TypeORM entity, listed once for the data source.
import { ApiKeyEntity } from './api-key.entity.js';
import { ContractEntity } from './contract.entity.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { OutboxEventEntity } from './outbox-event.entity.js';
import { TenantEntity } from './tenant.entity.js';
import { TransitionEntity } from './transition.entity.js';

export { ApiKeyEntity, ContractEntity, IdempotencyRecordEntity, OutboxEventEntity, TenantEntity, TransitionEntity };

/** The entity classes registered with the data source. */
export const entities = [
  TenantEntity,
  ApiKeyEntity,
  ContractEntity,
  TransitionEntity,
  OutboxEventEntity,
  IdempotencyRecordEntity,
];
