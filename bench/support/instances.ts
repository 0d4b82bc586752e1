// The bench's side of server instances: starts one in its own process (see server-process.ts),
// reads its statement counter from /metrics, captures the SQL it sends, and stops it.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { InstanceReply, InstanceRequest, InstanceSettings } from './instance-protocol.js';
import { ask, awaitMessage } from './ipc.js';

/** A running instance. */
export interface Instance {
  /** http://…/graphql */
  url: string;
  /** The instance's process id (for CPU accounting). */
  pid: number;
  /** db_statements_total, as the instance serves it at /metrics. */
  statementsSent(): Promise<number>;
  /** Waits until the instance's hub has at least `count` live subscribers (delivery_subscribers). */
  subscribersReach(count: number): Promise<void>;
  /** Runs `work` and returns the SQL text of every statement the instance sent meanwhile. */
  captureStatements(work: () => Promise<void>): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts an instance on the bench database. With BENCH_CPU_PROF set, it writes a CPU profile there. */
export async function startInstance(settings: InstanceSettings): Promise<Instance> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(path.join(__dirname, 'server-process.js'), [], {
    env: { ...process.env, BENCH_INSTANCE: JSON.stringify(settings) },
    execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = await awaitMessage<InstanceReply, 'ready'>(child, 'ready');
  const request = <T extends InstanceReply['type']>(message: InstanceRequest, answer: T) => ask<InstanceReply, T>(child, message, answer);
  return {
    url,
    pid: child.pid!,
    statementsSent: () => metric(url, 'db_statements_total'),
    subscribersReach: async (count) => {
      const deadline = Date.now() + 60_000;
      while ((await metric(url, 'delivery_subscribers')) < count) {
        if (Date.now() > deadline) throw new Error(`the instance has fewer than ${count} subscribers after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    captureStatements: async (work) => {
      await request({ type: 'capture' }, 'capturing');
      await work();
      return (await request({ type: 'captured' }, 'captured')).statements;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await request({ type: 'stop' }, 'stopped');
      await exited;
    },
  };
}

/** Starts an instance, runs `work` with it, and stops it. */
export async function withInstance<T>(settings: InstanceSettings, work: (instance: Instance) => Promise<T>): Promise<T> {
  const instance = await startInstance(settings);
  try {
    return await work(instance);
  } finally {
    await instance.stop();
  }
}

/** Starts several instances, one after another (their migrations take a lock anyway). */
export async function startInstances(count: number, settings: InstanceSettings): Promise<Instance[]> {
  const instances: Instance[] = [];
  for (let index = 0; index < count; index += 1) instances.push(await startInstance(settings));
  return instances;
}

/** One unlabelled metric of the instance's /metrics. */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url.replace(/graphql$/, 'metrics'))).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? 0);
}
