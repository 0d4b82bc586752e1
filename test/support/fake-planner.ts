// A stand-in for an OpenAI-compatible chat-completions endpoint on 127.0.0.1 (free port): it records
// every request it gets and answers as the test scripts it — or never, to make the caller time out.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the planner endpoint received. */
export interface ReceivedPlannerRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; messages?: { role: string; content: string }[] };
}

/** How the endpoint answers: a status and a raw body, or no answer at all. */
export type PlannerAnswer = { status: number; body: string } | 'never';

/** The running endpoint. */
export interface FakePlanner {
  /** Base URL (`http://127.0.0.1:<port>/v1`), as PLANNER_URL takes it. */
  url: string;
  requests: ReceivedPlannerRequest[];
  /** Sets the answer to every following request. */
  answerWith(answer: PlannerAnswer): void;
  close(): Promise<void>;
}

/** A chat completion whose message content is `content`. */
export function chatAnswer(content: string): PlannerAnswer {
  const completion = { id: 'chatcmpl-test', object: 'chat.completion', model: 'test-model', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] };
  return { status: 200, body: JSON.stringify(completion) };
}

/** A chat completion proposing `steps` as the planner is asked to. */
export function stepsAnswer(steps: readonly Record<string, unknown>[]): PlannerAnswer {
  return chatAnswer(JSON.stringify({ steps }));
}

/** Starts the endpoint; it answers `chatAnswer('{}')` until told otherwise. */
export async function startFakePlanner(): Promise<FakePlanner> {
  const requests: ReceivedPlannerRequest[] = [];
  let answer: PlannerAnswer = chatAnswer('{}');
  const server = createServer((request, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text ? JSON.parse(text) : {} });
      if (answer === 'never') return;
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    answerWith: (next) => {
      answer = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
