// Signals as a supervisor or a person sends them, to real processes: SIGTERM to the pid the server
// prints (node's own) or to `npm start`'s pid stops the server and its embedded PostgreSQL, also
// while it is still starting; after a
// kill -9 the next start takes the orphaned cluster over and owns it; a second start on the same
// DATA_DIR is refused with one line.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import {
  freePort,
  isAlive,
  killLeftovers,
  parentOf,
  postgresProcessesFor,
  runServerToExit,
  startNpmStart,
  startingServerProcess,
  startServerProcess,
  type StartingServer,
} from '../support/process.js';

const SPAWN_TIMEOUT = 120_000;

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('signals to the server process and its embedded database', () => {
  let dataDir: string;
  let port: number;
  const printedPids: number[] = [];

  const postmasterFile = () => path.join(dataDir, 'pg', 'postmaster.pid');
  /** The running postmaster's pid and port, as its postmaster.pid says. */
  const postmaster = async () => {
    const [pid, , , port] = (await readFile(postmasterFile(), 'utf8')).split('\n').map(Number);
    return { pid, port };
  };
  const start = async (how: typeof startServerProcess) => {
    const server = await how(dataDir, port);
    printedPids.push(server.printedPid);
    return server;
  };
  /** The server runs its own postgres: one postmaster on DATA_DIR, a child of the printed pid. */
  const expectOwnPostgres = async (server: StartingServer) => {
    const running = await postgresProcessesFor(dataDir);
    expect(running).toHaveLength(1);
    expect(running[0].pid).toBe((await postmaster()).pid);
    expect(await parentOf(running[0].pid)).toBe(server.printedPid);
    return postmaster();
  };
  /** SIGTERM to the process ends it with code 0, and nothing of the server is left: no node, no
   * postmaster, neither port answers, no lock. */
  const expectCleanStop = async (server: StartingServer, postgres: { port: number }) => {
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(isAlive(server.printedPid)).toBe(false);
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(postmasterFile())).toBe(false);
    expect(await portAnswers(port)).toBe(false);
    expect(await portAnswers(postgres.port)).toBe(false);
    expect(existsSync(path.join(dataDir, 'server.pid'))).toBe(false);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'governance-signals-'));
    port = await freePort();
  });
  afterAll(async () => {
    await killLeftovers(dataDir);
    for (const pid of printedPids.filter(isAlive)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('node dist/main.js prints its own pid; SIGTERM to it stops the server and its postgres', async () => {
    const server = await start(startServerProcess);
    expect(server.printedPid).toBe(server.pid);
    const postgres = await expectOwnPostgres(server);
    await expectCleanStop(server, postgres);
  }, SPAWN_TIMEOUT);

  it('SIGTERM while it is still starting: it finishes the step in flight, stops there, and leaves nothing', async () => {
    const starting = await startingServerProcess(dataDir, port);
    printedPids.push(starting.printedPid);
    expect(starting.printedPid).toBe(starting.pid);
    expect(await starting.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(postmasterFile())).toBe(false);
    expect(existsSync(path.join(dataDir, 'server.pid'))).toBe(false);
  }, SPAWN_TIMEOUT);

  it('a second start on the same DATA_DIR refuses with one line and exits 1; the first keeps serving', async () => {
    const first = await start(startServerProcess);
    const second = await runServerToExit(dataDir, await freePort());
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr.trimEnd().split('\n')).toEqual([
      `DATA_DIR ${dataDir} is in use by the server with pid ${first.pid}: stop it first (kill -TERM ${first.pid}) or start this one with another DATA_DIR.`,
    ]);
    expect((await fetch(first.url.replace(/graphql$/, 'readyz'))).status).toBe(200);
    const postgres = await expectOwnPostgres(first);
    await expectCleanStop(first, postgres);
  }, SPAWN_TIMEOUT);

  it('after kill -9 the next start takes the orphaned cluster over as its own, and SIGTERM then leaves nothing', async () => {
    const killed = await start(startServerProcess);
    const orphan = await expectOwnPostgres(killed);
    expect(await killed.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await postgresProcessesFor(dataDir)).map(({ pid }) => pid)).toEqual([orphan.pid]);

    const next = await start(startServerProcess);
    const postgres = await expectOwnPostgres(next);
    expect(postgres.pid).not.toBe(orphan.pid);
    expect((await fetch(next.url.replace(/graphql$/, 'readyz'))).status).toBe(200);
    await expectCleanStop(next, postgres);
  }, SPAWN_TIMEOUT);

  it('after kill -9 it takes over even when the dead owner\'s pid now names another live process', async () => {
    const killed = await start(startServerProcess);
    const orphan = await expectOwnPostgres(killed);
    expect(await killed.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await writeFile(path.join(dataDir, 'postgres.pid'), `${process.pid}\n`);

    const next = await start(startServerProcess);
    const postgres = await expectOwnPostgres(next);
    expect(postgres.pid).not.toBe(orphan.pid);
    await expectCleanStop(next, postgres);
  }, SPAWN_TIMEOUT);

  it('npm start runs node as its direct child (no shell between); SIGTERM to npm ends node and postgres', async () => {
    expect(packageJson.scripts.start).toBe('exec node dist/main.js');
    expect(packageJson.scripts.prestart).toBe('npm run build --silent');
    const npm = await start(startNpmStart);
    expect(npm.printedPid).not.toBe(npm.pid);
    expect(await parentOf(npm.printedPid)).toBe(npm.pid);
    const postgres = await expectOwnPostgres(npm);
    await expectCleanStop(npm, postgres);
  }, SPAWN_TIMEOUT);
});
