// The process logger (pino); requests get child loggers carrying their request id.
import pino, { type Logger } from 'pino';

/** Makes the root logger at the given level, writing JSON lines to stdout. */
export function makeLogger(level: string): Logger {
  return pino({ level, base: { service: 'governance-runtime' } });
}
