// How far a job has come: the step it is on ("2/3") and a progress bar of completed steps, with
// failed steps named in words (never by colour alone).
import type { JobRowFragment } from '../../graphql/generated';

/** "i/n": steps reported so far, counting the one a running job is working on. */
export function stepLabel(job: Pick<JobRowFragment, 'status' | 'currentStepIndex' | 'totalSteps'>): string {
  const current = job.status === 'RUNNING' ? job.currentStepIndex + 1 : job.currentStepIndex;
  return `${Math.min(current, job.totalSteps)}/${job.totalSteps}`;
}

/** A progress bar with its meaning in words. */
export function JobProgress({ job }: { job: Pick<JobRowFragment, 'progress'> }) {
  const { completedSteps, failedSteps, totalSteps } = job.progress;
  const words = `${completedSteps} of ${totalSteps} steps completed${failedSteps > 0 ? `, ${failedSteps} failed` : ''}`;
  return (
    <span className="progress">
      <progress value={completedSteps} max={Math.max(totalSteps, 1)} aria-label={words} />
      <span className="progress-words">{words}</span>
    </span>
  );
}
