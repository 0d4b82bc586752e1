// The compiled server and CLI as real processes (`node dist/main.js`, `node dist/cli.js`, as npm
// start and npm run cli run them, or `npm start` itself) on the embedded database of a DATA_DIR, and
// the postgres they own; or server instances sharing one database through DATABASE_URL, as behind a
// load balancer.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export { findFreePort as freePort } from '../../src/database/embedded-postgres.js';
export { isAlive } from '../../src/database/pid-file.js';

const PROJECT_ROOT = path.resolve(__dirname, '../..');
const SERVING_LINE = /^Governance runtime serving (http:\/\/\S+\/graphql)\b/m;
const STARTING_LINE = /^Governance runtime starting, pid (\d+)$/m;

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned `node dist/main.js` (or `npm start`) that has printed its pid, maybe still starting. */
export interface StartingServer {
  /** The spawned process's id: node's own, or npm's for `npm start`. */
  pid: number;
  /** The pid the server printed at start ("Governance runtime starting, pid N"): node's. */
  printedPid: number;
  stdout(): string;
  /** Resolves once the process has printed a match of the pattern (rejects if it exits first). */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  /** Sends the signal (SIGKILL: `kill -9`) and waits for the process to exit. */
  stop(signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL'): Promise<Exit>;
}

/** A server that has printed its serving line. */
export interface ServerProcess extends StartingServer {
  url: string;
  /** The bootstrap admin key it printed (a line starting with `gov_`), or null when none. */
  bootstrapKey: string | null;
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
  return spawnCommand(process.execPath, [path.join(PROJECT_ROOT, script), ...args], env);
}

function spawnCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', SWEEP_INTERVAL_MS: '0', AUDIT_CHECKPOINT_INTERVAL_MS: '0' };
}

/** Starts the server on DATA_DIR and PORT; resolves once it prints the URL it serves. */
export function startServerProcess(dataDir: string, port: number): Promise<ServerProcess> {
  return serving(spawnNode('dist/main.js', [], embeddedEnv(dataDir, port)));
}

/** Runs `npm start` on DATA_DIR and PORT as a supervisor would (its build step, prestart, skipped:
 * the test run has built dist); resolves once the server prints the URL it serves. */
export function startNpmStart(dataDir: string, port: number): Promise<ServerProcess> {
  return serving(spawnCommand('npm', ['start', '--ignore-scripts'], embeddedEnv(dataDir, port)));
}

/** Runs `node dist/main.js` on DATA_DIR and PORT until it exits by itself (e.g. refusing to start). */
export function runServerToExit(dataDir: string, port: number): Promise<CliRun> {
  return finished(spawnNode('dist/main.js', [], embeddedEnv(dataDir, port)));
}

/** Starts an instance on DATABASE_URL and PORT (sweepers off, `env` added); resolves once it serves. */
export function startInstanceProcess(databaseUrl: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  return serving(spawnNode('dist/main.js', [], { ...instanceEnv(databaseUrl, port), ...env }));
}

/** Starts the server on DATA_DIR and PORT; resolves as soon as it prints its pid (still starting). */
export async function startingServerProcess(dataDir: string, port: number): Promise<StartingServer> {
  const server = spawnNode('dist/main.js', [], embeddedEnv(dataDir, port));
  const [, pid] = await printed(server, STARTING_LINE);
  return handle(server, Number(pid));
}

async function serving(server: Spawned): Promise<ServerProcess> {
  const [, url] = await printed(server, SERVING_LINE);
  const bootstrapKey = server.stdout().split('\n').find((line) => line.startsWith('gov_')) ?? null;
  return { ...handle(server, Number(STARTING_LINE.exec(server.stdout())?.[1])), url, bootstrapKey };
}

/** The first match of the pattern in what the server prints; rejects if it exits before that. */
function printed(server: Spawned, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const match = pattern.exec(server.stdout());
      if (match) resolve(match);
    };
    server.child.stdout!.on('data', look);
    void server.exited.then((exit) => reject(new Error(`server exited (${JSON.stringify(exit)}) before printing ${pattern}:\n${server.stdout()}\n${server.stderr()}`)));
  });
}

function handle(server: Spawned, printedPid: number): StartingServer {
  return {
    pid: server.child.pid!,
    printedPid,
    stdout: server.stdout,
    printed: (pattern) => printed(server, pattern),
    stop: async (signal) => {
      server.child.kill(signal);
      return server.exited;
    },
  };
}

/** A process other than the server that starts DATA_DIR's embedded cluster and holds it, as the CLI
 * does while it runs; resolves once it holds it. SIGTERM ends it, stopping the cluster. */
export async function holdCluster(dataDir: string): Promise<StartingServer> {
  const script = `require('./dist/database/embedded-postgres.js').startEmbeddedPostgres(process.env.DATA_DIR, require('pino')({ level: 'silent' }))
    .then(() => process.stdout.write('holding the cluster\\n'));`;
  const holder = spawnCommand(process.execPath, ['-e', script], embeddedEnv(dataDir));
  await printed(holder, /^holding the cluster$/m);
  return handle(holder, holder.child.pid!);
}

/** Runs `node dist/cli.js <args>` on DATA_DIR's embedded database and waits for it to finish. */
export function runCli(dataDir: string, args: string[]): Promise<CliRun> {
  return finished(spawnNode('dist/cli.js', args, embeddedEnv(dataDir)));
}

/** Runs `node dist/cli.js <args>` on DATABASE_URL and waits for it to finish. */
export function runCliOn(databaseUrl: string, args: string[]): Promise<CliRun> {
  return finished(spawnNode('dist/cli.js', args, { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }));
}

async function finished(spawned: Spawned): Promise<CliRun> {
  const exit = await spawned.exited;
  return { ...exit, stdout: spawned.stdout(), stderr: spawned.stderr() };
}

/** The parent process id of a running process. */
export async function parentOf(pid: number): Promise<number> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'ppid=', '-p', String(pid)]);
  return Number(stdout.trim());
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
