// GraphQL over HTTP for the bench: one POST with a bearer API key; GraphQL errors are thrown.

/** Sends one operation; returns its data. */
export async function gql<T = Record<string, unknown>>(url: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** completeRun as the bench sends it: the completion's ids and the run's final state, no nested lists. */
export const COMPLETE_RUN = `mutation BenchCompleteRun($id: ID!, $input: CompleteRunInput!) {
  completeRun(id: $id, input: $input) { events incident { id } policyEvaluation { id } run { id phase status version } }
}`;

/** The completion every bench run gets: a success well under its estimate (one CRITICAL_SUCCESS lesson). */
export const COMPLETION = { status: 'SUCCEEDED', costCents: 10, policiesChecked: 3 } as const;
