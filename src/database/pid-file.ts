// Pid files in DATA_DIR (the server's lock, the embedded cluster's owner): written whole or not at
// all, and read back as the pid of a process that still lives, or null.
import { link, readFile, rm, writeFile } from 'node:fs/promises';

/** Whether a process with this pid exists (one of another user's counts). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid the file names when that process lives and is not this one (a pid a dead holder left
 * behind may come back as ours, e.g. in a restarted container); else null. */
export async function livePidIn(file: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/** Writes this process's pid to the file unless it exists; false when it does. The pid goes into a
 * file of its own first and is linked into place, so a reader never sees the file half-written. */
export async function createPidFile(file: string): Promise<boolean> {
  const draft = `${file}.${process.pid}`;
  await writeFile(draft, `${process.pid}\n`);
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  finally {
    await rm(draft, { force: true });
  }
}

/** Writes this process's pid to the file, replacing whatever it held. */
export async function writePidFile(file: string): Promise<void> {
  await writeFile(file, `${process.pid}\n`);
}

/** Removes the file if it still names this process. */
export async function removeOwnPidFile(file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '');
  if (Number(text.trim()) === process.pid) await rm(file, { force: true });
}
