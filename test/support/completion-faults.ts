// Fault injection for run completion tests: test-only completion steps, placed among the production
// steps, that fail once for each run a test arms them for — by throwing, or by killing their own connection.
import pg from 'pg';
import type { CompletionContext, CompletionStep } from '../../src/runtime/completion/completion-step.js';
import { defaultCompletionSteps } from '../../src/runtime/completion/default-steps.js';

/** A completion step that does nothing until armed for a run, then fails that run's next attempt. */
export class ArmedFault implements CompletionStep {
  private readonly armedRuns = new Set<string>();

  constructor(
    readonly name: string,
    private readonly fail: (context: CompletionContext) => Promise<void>,
  ) {}

  actionFor(): null {
    return null;
  }

  /** Makes the next completion attempt of `runId` fail at this step. */
  armFor(runId: string): void {
    this.armedRuns.add(runId);
  }

  async run(context: CompletionContext): Promise<void> {
    if (this.armedRuns.delete(context.run.id)) await this.fail(context);
  }
}

/** A fault that throws an ordinary error. */
export function throwingFault(name: string): ArmedFault {
  return new ArmedFault(name, async () => {
    throw new Error(`injected failure in ${name}`);
  });
}

/** A fault that terminates the unit of work's own database connection in the middle of the
 * transaction. The server's restricted role may not end a session its login user opened, so the
 * configured user (the data source's URL, without the role) ends it, waiting until it is gone. */
export function droppedConnectionFault(name: string): ArmedFault {
  return new ArmedFault(name, async ({ uow }) => {
    const [{ pid }]: { pid: number }[] = await uow.manager.query('SELECT pg_backend_pid() AS pid');
    const configuredUser = new pg.Client({ connectionString: (uow.manager.connection.options as { url: string }).url });
    await configuredUser.connect();
    try {
      await configuredUser.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
    } finally {
      await configuredUser.end();
    }
    await uow.manager.query('SELECT 1');
  });
}

/** The production steps with each fault inserted right after the step it names ('' = before the first). */
export function stepsWithFaults(faults: readonly { after: string; fault: ArmedFault }[]): CompletionStep[] {
  const known = new Set(['', ...defaultCompletionSteps.map((step) => step.name)]);
  for (const { after } of faults) if (!known.has(after)) throw new Error(`No completion step named "${after}"`);
  const faultsAfter = (name: string) => faults.filter((entry) => entry.after === name).map((entry) => entry.fault);
  return [...faultsAfter(''), ...defaultCompletionSteps.flatMap((step) => [step, ...faultsAfter(step.name)])];
}
