// The console's client-side routes (under /console) and how objects are named on screen.

/** Links to every page; ids are encoded as path segments. */
export const paths = {
  contracts: '/contracts',
  contract: (id: string) => `/contracts/${encodeURIComponent(id)}`,
  jobs: '/jobs',
  job: (id: string) => `/jobs/${encodeURIComponent(id)}`,
  runs: '/runs',
  run: (id: string) => `/runs/${encodeURIComponent(id)}`,
  violations: '/violations',
  lessons: '/lessons',
} as const;

/** An id short enough for a list ("job_4f3a21c0" for "job_4f3a21c0-…"); the full id is in the title. */
export function shortId(id: string): string {
  const [prefix, rest] = id.split('_', 2);
  return rest ? `${prefix}_${rest.slice(0, 8)}` : id;
}
