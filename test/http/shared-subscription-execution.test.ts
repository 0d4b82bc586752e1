// Shared subscription execution, on a small schema: one execution per event and sharing key, a
// fresh context per execution, and unsubscribing releases the source even while it waits.
import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { sharedSubscribe } from '../../src/http/shared-subscription-execution.js';

type Event = { id: number };

/** A source whose events are pushed by the test, the same object to every subscriber. */
function eventSource() {
  const waiting = new Set<(event: Event | null) => void>();
  let released = 0;
  return {
    get released() {
      return released;
    },
    push(event: Event | null) {
      for (const wake of [...waiting]) wake(event);
      waiting.clear();
    },
    stream(): AsyncIterableIterator<Event> {
      return {
        next: () => new Promise((resolve) => waiting.add((event) => resolve(event ? { done: false, value: event } : { done: true, value: undefined }))),
        return: async () => {
          released += 1;
          return { done: true, value: undefined };
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}

function world() {
  const source = eventSource();
  const executions: { event: number; context: unknown }[] = [];
  const presented: ExecutionResult[] = [];
  const EventType = new GraphQLObjectType<Event, { tenant: string }>({
    name: 'Event',
    fields: {
      id: { type: GraphQLInt },
      seenBy: {
        type: GraphQLString,
        resolve: (event, _args, context) => {
          executions.push({ event: event.id, context });
          return context.tenant;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        events: { type: EventType, args: { tag: { type: GraphQLString } }, subscribe: () => source.stream(), resolve: (event: Event) => event },
        broken: {
          type: GraphQLInt,
          subscribe: () => {
            throw new Error('no source');
          },
        },
      },
    }),
  });
  const subscribe = sharedSubscribe({
    keyOf: (args) => JSON.stringify([(args.contextValue as { tenant: string }).tenant, args.variableValues]),
    contextFor: (args) => ({ ...(args.contextValue as object) }),
    present: (result) => {
      presented.push(result);
      return { ...result, extensions: { presented: presented.length } };
    },
  });
  const document = parse('subscription ($tag: String) { events(tag: $tag) { id seenBy } }');
  const open = async (tenant: string, tag: string) => {
    const args: ExecutionArgs = { schema, document, contextValue: { tenant }, variableValues: { tag } };
    return (await subscribe(args)) as AsyncIterableIterator<ExecutionResult>;
  };
  const openBroken = () => subscribe({ schema, document: parse('subscription { broken }'), contextValue: { tenant: 't1' } });
  return { source, executions, presented, open, openBroken };
}

describe('shared subscription execution', () => {
  it('executes and presents each event once per sharing key and hands every subscriber that result', async () => {
    const { source, executions, presented, open } = world();
    const same = await Promise.all([open('t1', 'a'), open('t1', 'a'), open('t1', 'a')]);
    const otherTenant = await open('t2', 'a');
    const otherVariables = await open('t1', 'b');
    const subscribers = [...same, otherTenant, otherVariables];
    const pending = subscribers.map((subscriber) => subscriber.next());
    await Promise.resolve();
    source.push({ id: 1 });
    const results = (await Promise.all(pending)).map((step) => step.value as ExecutionResult);

    expect(results.map((result) => result.data)).toEqual([
      { events: { id: 1, seenBy: 't1' } },
      { events: { id: 1, seenBy: 't1' } },
      { events: { id: 1, seenBy: 't1' } },
      { events: { id: 1, seenBy: 't2' } },
      { events: { id: 1, seenBy: 't1' } },
    ]);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
    expect(executions).toHaveLength(3);
    expect(presented).toHaveLength(3);
    expect(results[0]!.extensions).toEqual({ presented: 1 });
  });

  it('gives every execution a context of its own, so nothing read for one event is reused for the next', async () => {
    const { source, executions, open } = world();
    const subscriber = await open('t1', 'a');
    for (const id of [1, 2]) {
      const next = subscriber.next();
      await Promise.resolve();
      source.push({ id });
      await next;
    }
    expect(executions.map((execution) => execution.event)).toEqual([1, 2]);
    expect(executions[0]!.context).not.toBe(executions[1]!.context);
  });

  it('releases the source when the subscriber leaves, even while it waits for an event', async () => {
    const { source, open } = world();
    const subscriber = await open('t1', 'a');
    const waiting = subscriber.next();
    await subscriber.return!();
    expect(source.released).toBe(1);
    source.push(null);
    expect(await waiting).toEqual({ done: true, value: undefined });
  });

  it('answers with the error, presented, not a stream, when the source cannot be opened', async () => {
    const { openBroken } = world();
    const result = (await openBroken()) as ExecutionResult;
    expect(result.errors?.map((error) => error.message)).toEqual(['no source']);
    expect(result.extensions).toEqual({ presented: 1 });
  });
});
