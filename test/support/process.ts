// The compiled server and CLI as real processes (`node dist/main.js`, `node dist/cli.js`, as npm
// start and npm run cli run them) on the embedded database of a DATA_DIR, and the postgres they own;
// or server instances sharing one database through DATABASE_URL, as behind a load balancer.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export { findFreePort as freePort } from '../../src/database/embedded-postgres.js';

const PROJECT_ROOT = path.resolve(__dirname, '../..');
const SERVING_LINE = /^Governance runtime serving (http:\/\/\S+\/graphql)\b/m;

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned `node dist/main.js` that has printed its serving line. */
export interface ServerProcess {
  url: string;
  /** The server's process id (node's own: what a supervisor signals). */
  pid: number;
  /** The bootstrap admin key it printed (a line starting with `gov_`), or null when none. */
  bootstrapKey: string | null;
  stdout(): string;
  /** Sends the signal (SIGKILL: `kill -9`) and waits for the process to exit. */
  stop(signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL'): Promise<Exit>;
}

/** What a finished CLI run printed. */
export interface CliRun extends Exit {
  stdout: string;
  stderr: string;
}

/** Processes spawned and not yet exited, so a failed test can still end them. */
const running = new Set<ChildProcess>();

/** The environment of `npm start` on the embedded database: no DATABASE_URL, quiet logs. */
function embeddedEnv(dataDir: string, port?: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (port !== undefined) env.PORT = String(port);
  return env;
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<Exit>;
  stdout: () => string;
  stderr: () => string;
}

function spawnNode(script: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, script), ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** The environment of an instance on a shared database: DATABASE_URL, PORT, quiet logs, no sweepers. */
function instanceEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', SWEEP_INTERVAL_MS: '0' };
}

/** Starts the server on DATA_DIR and PORT; resolves once it prints the URL it serves. */
export function startServerProcess(dataDir: string, port: number): Promise<ServerProcess> {
  return serving(spawnNode('dist/main.js', [], embeddedEnv(dataDir, port)));
}

/** Starts an instance on DATABASE_URL and PORT (sweepers off, `env` added); resolves once it serves. */
export function startInstanceProcess(databaseUrl: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  return serving(spawnNode('dist/main.js', [], { ...instanceEnv(databaseUrl, port), ...env }));
}

async function serving(server: Spawned): Promise<ServerProcess> {
  const url = await new Promise<string>((resolve, reject) => {
    const lookForServingLine = () => {
      const serving = SERVING_LINE.exec(server.stdout());
      if (serving) resolve(serving[1]);
    };
    server.child.stdout!.on('data', lookForServingLine);
    void server.exited.then((exit) => reject(new Error(`server exited (${JSON.stringify(exit)}) before serving:\n${server.stdout()}\n${server.stderr()}`)));
  });
  const bootstrapKey = server.stdout().split('\n').find((line) => line.startsWith('gov_')) ?? null;
  return {
    url,
    pid: server.child.pid!,
    bootstrapKey,
    stdout: server.stdout,
    stop: async (signal) => {
      server.child.kill(signal);
      return server.exited;
    },
  };
}

/** Runs `node dist/cli.js <args>` on DATA_DIR's embedded database and waits for it to finish. */
export async function runCli(dataDir: string, args: string[]): Promise<CliRun> {
  const cli = spawnNode('dist/cli.js', args, embeddedEnv(dataDir));
  const exit = await cli.exited;
  return { ...exit, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Postmasters running on DATA_DIR's cluster (`-D <dataDir>/pg` in their command line). */
export async function postgresProcessesFor(dataDir: string): Promise<{ pid: number; args: string }[]> {
  const clusterDir = path.join(path.resolve(dataDir), 'pg');
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,args=']);
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), args: match[2] }))
    .filter(({ args }) => {
      const words = args.split(/\s+/);
      return words.some((word, index) => word === '-D' && words[index + 1] === clusterDir);
    });
}

/** Ends whatever a test left running: its spawned processes, then postgres they left on DATA_DIR. */
export async function killLeftovers(dataDir: string): Promise<void> {
  await killSpawnedProcesses();
  for (const { pid } of await postgresProcessesFor(dataDir)) process.kill(pid, 'SIGINT');
}

/** Kills (SIGKILL) every process this file spawned that is still running, and waits for them. */
export async function killSpawnedProcesses(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      return closed;
    }),
  );
}
