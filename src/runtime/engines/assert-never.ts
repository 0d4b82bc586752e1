// Engine helper: the unreachable case of an exhaustive switch, so a new state fails to compile.

/** Throws if reached; its parameter type makes a missed case a compile error. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
