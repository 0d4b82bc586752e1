// README transcripts as test cases: the fenced blocks whose lines start with `$ ` are commands with
// the output the README promises. Ids, keys and times differ from run to run, so outputs are compared
// with those tokens reduced to their kind, and the values the README shows are learned as aliases of
// the values the run produced (a key printed by the CLI is the key a later curl sends).

/** One command of a transcript and the output the README shows for it. */
export interface TranscriptStep {
  command: string;
  expected: string;
}

/** A README block of `$ ` commands, with the line it starts on. */
export interface Transcript {
  line: number;
  steps: TranscriptStep[];
}

/** The README's fenced code blocks with the line each opens on (1-based). */
export function fencedBlocks(markdown: string): { line: number; info: string; body: string[] }[] {
  const blocks: { line: number; info: string; body: string[] }[] = [];
  let open: { line: number; info: string; body: string[] } | null = null;
  markdown.split('\n').forEach((text, index) => {
    const fence = /^```(\S*)\s*$/.exec(text);
    if (fence && !open) open = { line: index + 1, info: fence[1], body: [] };
    else if (fence && open) {
      blocks.push(open);
      open = null;
    } else open?.body.push(text);
  });
  return blocks;
}

/** A command goes on while it ends with a backslash or leaves a single quote open. */
function commandContinues(command: string): boolean {
  return command.endsWith('\\') || (command.match(/'/g)?.length ?? 0) % 2 === 1;
}

/** The transcripts among the README's blocks: those whose first line is a `$ ` command. */
export function transcripts(markdown: string): Transcript[] {
  return fencedBlocks(markdown)
    .filter((block) => block.body[0]?.startsWith('$ '))
    .map((block) => {
      const steps: TranscriptStep[] = [];
      let inCommand = false;
      for (const text of block.body) {
        if (text.startsWith('$ ') && !inCommand) {
          steps.push({ command: text.slice(2), expected: '' });
          inCommand = commandContinues(text);
        } else if (inCommand) {
          const step = steps[steps.length - 1];
          step.command += `\n${text}`;
          inCommand = commandContinues(step.command);
        } else {
          steps[steps.length - 1].expected += `${text}\n`;
        }
      }
      return { line: block.line, steps };
    });
}

/** The kinds of values that differ between runs: API keys, key ids, object ids, request ids (bare
 * UUIDs), times and pids. */
const TOKEN = /\b((?<=pid )\d+|gov_[A-Za-z0-9_-]{43}|key_[0-9a-f]{16}|[a-z]{3}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?Z)\b/g;

/** Kinds that differ at every use (a request id, a time), so they are compared by kind alone. */
const UNMAPPED_KINDS = new Set(['pid', 'time', 'uuid']);

function kindOf(token: string): string {
  if (/^\d+$/.test(token)) return 'pid';
  if (/^\d{4}-\d\d-\d\d/.test(token)) return 'time';
  if (/^[0-9a-f]{8}-/.test(token)) return 'uuid';
  return token.slice(0, 3);
}

/** What a README value stands for in this run, learned from outputs in order. */
export class Aliases {
  private readonly actualFor = new Map<string, string>();

  /** Replaces every README value already learned with this run's value. */
  apply(text: string): string {
    return text.replace(TOKEN, (token) => this.actualFor.get(token) ?? token);
  }

  /**
   * Compares an actual output with the README's: equal once whitespace is dropped and tokens are
   * reduced to their kinds, and every README value stands for one actual value throughout. Learns
   * new aliases on success; returns the difference on failure.
   */
  match(expected: string, actual: string): { ok: true } | { ok: false; expected: string; actual: string } {
    const shape = (text: string) => text.replace(TOKEN, (token) => `<${kindOf(token)}>`).replace(/\s+/g, '');
    const expectedTokens = expected.match(TOKEN) ?? [];
    const actualTokens = actual.match(TOKEN) ?? [];
    const learned = new Map<string, string>();
    const consistent = expectedTokens.every((token, index) => {
      if (UNMAPPED_KINDS.has(kindOf(token))) return true;
      const known = this.actualFor.get(token) ?? learned.get(token);
      learned.set(token, actualTokens[index]);
      return known === undefined || known === actualTokens[index];
    });
    if (!consistent || shape(expected) !== shape(actual)) return { ok: false, expected: shape(expected), actual: shape(actual) };
    for (const [token, value] of learned) this.actualFor.set(token, value);
    return { ok: true };
  }
}
