// Run set-up for end-to-end tests: an admin who declares skills and budgets, and an operator who
// creates runs, through GraphQL.
import { CreateRunDocument, SetAgentBudgetDocument, UpsertSkillDocument, type CreateRunInput, type SkillInput } from '../generated/graphql.js';
import { dataOf } from './responses.js';
import type { TestServer } from './test-server.js';

/** The callers a run's life needs. */
export interface RunCallers {
  admin: string;
  operator: string;
}

/** Mints admin `ada` and operator `otto` in `tenant`. */
export async function mintRunCallers(server: TestServer, tenant = 'default'): Promise<RunCallers> {
  return { admin: await server.key('admin', 'ada', tenant), operator: await server.key('operator', 'otto', tenant) };
}

/** A small manifest: search (10 ¢), summarise (25 ¢), send email (40 ¢, side effects). */
export const sampleSkills: SkillInput[] = [
  { name: 'web-search', description: 'Search the web', keywords: ['search', 'find', 'web'], estimatedCostCents: 10 },
  { name: 'summarise', description: 'Summarise documents', keywords: ['summarise', 'summary', 'report'], estimatedCostCents: 25 },
  { name: 'send-email', description: 'Send an email', keywords: ['email', 'send', 'notify'], estimatedCostCents: 40, sideEffects: true },
];

/** Declares the skills and gives `agentId` a budget. */
export async function prepareAgent(server: TestServer, callers: RunCallers, agentId: string, limitCents = 1000, skills = sampleSkills): Promise<void> {
  for (const input of skills) dataOf(await server.gql(callers.admin, UpsertSkillDocument, { input }));
  dataOf(await server.gql(callers.admin, SetAgentBudgetDocument, { agentId, limitCents }));
}

/** Creates a run as the operator; returns it. */
export async function createRunAs(server: TestServer, key: string, input: CreateRunInput) {
  return dataOf(await server.gql(key, CreateRunDocument, { input })).createRun;
}
