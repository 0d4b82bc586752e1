// One server per DATA_DIR: `server.pid` in DATA_DIR names the server that runs on it. A second start
// while that process lives is refused; a file left by a server that died (kill -9) is taken over.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createPidFile, livePidIn, removeOwnPidFile } from './pid-file.js';

/** Another live server holds the DATA_DIR. Its message is the one line the refused start prints. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: number) {
    super(`DATA_DIR ${dataDir} is in use by the server with pid ${holder}: stop it first (kill -TERM ${holder}) or start this one with another DATA_DIR.`);
  }
}

/** Holds the lock until release(). */
export interface DataDirLock {
  release(): Promise<void>;
}

/** Takes DATA_DIR's lock for this process, or throws DataDirInUseError when a live server holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const root = path.resolve(dataDir);
  const file = path.join(root, 'server.pid');
  await mkdir(root, { recursive: true });
  while (!(await createPidFile(file))) {
    const holder = await livePidIn(file);
    if (holder !== null) throw new DataDirInUseError(root, holder);
    await rm(file, { force: true });
  }
  return { release: () => removeOwnPidFile(file) };
}
