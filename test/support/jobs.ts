// Job set-up for end-to-end tests: an approved contract activated into a job, driven through GraphQL.
import { ActivateContractDocument, CompleteJobDocument, RecordStepResultDocument, StartJobDocument, type CreateContractInput, type StepResultInput } from '../generated/graphql.js';
import { approveContractAs, createContractAs, type ContractCallers } from './contracts.js';
import { dataOf } from './responses.js';
import type { TestServer } from './test-server.js';

/** Creates, approves and activates a contract; returns the activation (contract and PENDING job). */
export async function activatedContract(server: Pick<TestServer, 'gql'>, callers: ContractCallers, overrides: Partial<CreateContractInput> = {}, timeoutMinutes?: number) {
  const contract = await createContractAs(server, callers.operator, overrides);
  await approveContractAs(server, callers.approver, contract.id);
  return dataOf(await server.gql(callers.operator, ActivateContractDocument, { id: contract.id, timeoutMinutes })).activateContract;
}

/** An activated contract whose job is RUNNING; returns the job. */
export async function runningJob(server: Pick<TestServer, 'gql'>, callers: ContractCallers, overrides: Partial<CreateContractInput> = {}) {
  const { job } = await activatedContract(server, callers, overrides);
  return dataOf(await server.gql(callers.operator, StartJobDocument, { id: job.id })).startJob;
}

/** Records a result for one step as the operator; returns the job. */
export async function recordStep(server: Pick<TestServer, 'gql'>, callers: ContractCallers, jobId: string, input: StepResultInput) {
  return dataOf(await server.gql(callers.operator, RecordStepResultDocument, { jobId, input })).recordStepResult;
}

/** Three changes of different kinds, so a job has three steps. */
export const threeChanges: Partial<CreateContractInput> = {
  proposedChanges: [
    { type: 'CAPABILITY_ENABLE', capabilityName: 'summariser', targetLifecycle: 'PREVIEW' },
    { type: 'CONFIGURATION_UPDATE', scope: 'SYSTEM', key: 'max_tokens', oldValue: 1000, newValue: 2000 },
    { type: 'PARAMETER_CHANGE', scope: 'summariser', parameters: { temperature: 0.2 } },
  ],
};

/** A RUNNING job with every step recorded COMPLETED, so completing it would succeed; returns the job. */
export async function runningJobWithEveryStepDone(server: TestServer, callers: ContractCallers, overrides: Partial<CreateContractInput> = {}) {
  let job = await runningJob(server, callers, overrides);
  for (let stepIndex = 0; stepIndex < job.totalSteps; stepIndex += 1) job = await recordStep(server, callers, job.id, { stepIndex, status: 'COMPLETED' });
  return job;
}

/** A COMPLETED job (every step done), its contract still ACTIVE awaiting the audit verdict; returns the job. */
export async function completedJob(server: TestServer, callers: ContractCallers, overrides: Partial<CreateContractInput> = {}) {
  const job = await runningJobWithEveryStepDone(server, callers, overrides);
  return dataOf(await server.gql(callers.operator, CompleteJobDocument, { id: job.id })).completeJob;
}
