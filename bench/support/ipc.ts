// Request and answer with a child process of the bench over its IPC channel.
import type { ChildProcess } from 'node:child_process';

/** Waits for the child's next message of `type`; rejects if the child exits first. */
export function awaitMessage<M extends { type: string }, T extends M['type']>(child: ChildProcess, type: T): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: M) => {
      if (message.type !== type) return;
      cleanUp();
      resolve(message as Extract<M, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanUp();
      reject(new Error(`a bench child process exited (code ${code}) while the bench waited for "${type}"`));
    };
    const cleanUp = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Sends `request` and waits for the answer of `type`. */
export function ask<M extends { type: string }, T extends M['type']>(child: ChildProcess, request: object, type: T): Promise<Extract<M, { type: T }>> {
  const answer = awaitMessage<M, T>(child, type);
  child.send(request);
  return answer;
}
