// Contract set-up for end-to-end tests: create (and approve) contracts through GraphQL as a caller.
import { ApproveContractDocument, CreateContractDocument, type ApproveContractInput, type CreateContractInput } from '../generated/graphql.js';
import { proposal } from './fixtures.js';
import { dataOf } from './responses.js';
import type { TestServer } from './test-server.js';

/** Creates an ELIGIBLE contract with `key` (an operator's or admin's); returns it. */
export async function createContractAs(server: Pick<TestServer, 'gql'>, key: string, overrides: Partial<CreateContractInput> = {}) {
  return dataOf(await server.gql(key, CreateContractDocument, { input: proposal(overrides) })).createContract;
}

/** Approves contract `id` with `key` (an approver's or admin's); returns it. */
export async function approveContractAs(server: Pick<TestServer, 'gql'>, key: string, id: string, input: ApproveContractInput = {}) {
  return dataOf(await server.gql(key, ApproveContractDocument, { id, input })).approveContract;
}

/** The two callers a contract's life needs: an operator who creates it and an approver who decides. */
export interface ContractCallers {
  operator: string;
  approver: string;
}

/** Mints keys for operator `olga` and approver `april` in the default tenant. */
export async function mintContractCallers(server: TestServer): Promise<ContractCallers> {
  return { operator: await server.key('operator', 'olga'), approver: await server.key('approver', 'april') };
}
