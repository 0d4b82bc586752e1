// Contract state for engine unit tests: the contract as the pure engines see it (a valid MAY contract
// created by olga), and the terminal statuses spelled out by the tests rather than read from src.
import type { ContractState } from '../../src/runtime/engines/contract-decisions.js';
import type { ContractStatus } from '../../src/runtime/engines/contract-states.js';

const HOUR = 3_600_000;

/** The statuses nothing may leave (C5), as DOMAIN.md lists them. */
export const terminalContractStatuses: readonly ContractStatus[] = ['COMPLETED', 'FAILED', 'REJECTED', 'EXPIRED'];

/** An ELIGIBLE MAY contract at version 1, expiring 72 h after `now`, with no activation window; `overrides` win. */
export function contractStateAt(now: Date, overrides: Partial<ContractState> = {}): ContractState {
  return {
    version: 1,
    status: 'ELIGIBLE',
    createdBy: 'olga',
    eligibilityDecision: 'MAY',
    eligibilityReason: 'no blocking signals',
    expiresAt: new Date(now.getTime() + 72 * HOUR),
    activationWindowEnd: null,
    ...overrides,
  };
}
