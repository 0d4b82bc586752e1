// Facade: GovernanceRuntime, the only door to state. Every method is one command in one unit of
// work (or a read); resolvers, the CLI and the sweepers call nothing else.
import { approveContract, rejectContract, type ApproveContractInput } from './commands/change-contract.js';
import { authenticate, bootstrapDefaultTenant, createApiKey, revokeApiKey, type ApiKeyRequest, type MintedApiKey } from './commands/api-keys.js';
import { createContract, type CreateContractInput } from './commands/create-contract.js';
import { sweepContracts, type ContractSweepResult } from './commands/sweep-contracts.js';
import { readContract, readContractPage, type ContractPageRequest } from './read-contracts.js';
import { makeReadLoaders, type ReadLoaders } from './read-loaders.js';
import type { ContractRecord, Page } from './records.js';
import type { Principal, RequestContext } from './request-context.js';
import type { RuntimeDeps } from './runtime-deps.js';

/** The governance runtime: commands that change state, and the reads consoles need. */
export class GovernanceRuntime {
  constructor(private readonly deps: RuntimeDeps) {}

  /** Creates an ELIGIBLE contract from a MAY proposal (idempotent with a key). */
  createContract(ctx: RequestContext, input: CreateContractInput): Promise<ContractRecord> {
    return createContract(this.deps, ctx, input);
  }

  /** Approves an ELIGIBLE contract, opening its activation window. */
  approveContract(ctx: RequestContext, id: string, input: ApproveContractInput): Promise<ContractRecord> {
    return approveContract(this.deps, ctx, id, input);
  }

  /** Rejects a contract that is not approved yet. */
  rejectContract(ctx: RequestContext, id: string, reason: string): Promise<ContractRecord> {
    return rejectContract(this.deps, ctx, id, reason);
  }

  /** Expires stale contracts and fails elapsed activation windows, at the clock's now. */
  sweepContracts(): Promise<ContractSweepResult> {
    return sweepContracts(this.deps);
  }

  /** Mints an API key (creating its tenant if needed). */
  createApiKey(request: ApiKeyRequest): Promise<MintedApiKey> {
    return createApiKey(this.deps, request);
  }

  /** Revokes an API key by id. */
  revokeApiKey(id: string): Promise<boolean> {
    return revokeApiKey(this.deps, id);
  }

  /** Creates tenant `default` and its admin key on a fresh database. */
  bootstrapDefaultTenant(): Promise<MintedApiKey | null> {
    return bootstrapDefaultTenant(this.deps);
  }

  /** Resolves a presented API key to its principal. */
  authenticate(presentedKey: string): Promise<Principal | null> {
    return authenticate(this.deps, presentedKey);
  }

  /** One contract of the caller's tenant. */
  contract(ctx: RequestContext, id: string): Promise<ContractRecord | null> {
    return readContract(this.deps, ctx, id);
  }

  /** A page of the caller's contracts. */
  contracts(ctx: RequestContext, request: ContractPageRequest): Promise<Page<ContractRecord>> {
    return readContractPage(this.deps, ctx, request);
  }

  /** Fresh per-request loaders for nested fields. */
  loaders(ctx: RequestContext): ReadLoaders {
    return makeReadLoaders(this.deps, ctx);
  }
}
