// The process logger (pino): JSON lines on stdout, or (LOG_FORMAT=pretty, for development) one
// readable line per entry; requests get child loggers carrying their request id.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** How log lines are written. */
export type LogFormat = 'json' | 'pretty';

/** Makes the root logger at the given level. */
export function makeLogger(level: string, format: LogFormat = 'json'): Logger {
  const options = { level, base: { service: 'governance-runtime' } };
  if (format === 'json') return pino(options);
  return pino(options, pretty({ sync: true, singleLine: true, colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,method,path,status,durationMs', messageFormat: readableMessage }));
}

/** An access-log line reads "POST /graphql 200 12ms createContract"; other lines keep their message. */
function readableMessage(log: Record<string, unknown>, messageKey: string): string {
  if (log.status === undefined) return String(log[messageKey] ?? '');
  return [log.method, log.path, log.status, `${String(log.durationMs)}ms`, log.operation].filter((part) => part !== undefined).join(' ');
}
