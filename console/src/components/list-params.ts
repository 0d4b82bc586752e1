// A list's state in its URL — filters, page size and the page's cursor — so a filtered page can be
// reloaded, bookmarked and shared, and the browser's Back button returns to the previous page.
import { useLocation, useSearchParams } from 'wouter';

/** Page sizes a person can choose. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;

/** The list parameters of the current URL and how to change them. */
export interface ListParams {
  first: number;
  after: string | null;
  /** 1-based page number, for "showing 51–100". */
  page: number;
  /** The values of a multi-valued filter (comma-separated in the URL). */
  values<T extends string>(name: string, allowed: readonly T[]): T[];
  /** A text filter's value, or null when empty. */
  text(name: string): string | null;
  /** Sets filters (null or [] removes one) and returns to the first page. */
  setFilters(changes: Record<string, string | readonly string[] | null>): void;
  setPageSize(first: number): void;
  /** The URL of the page after `endCursor`, and of the first page. */
  nextPageHref(endCursor: string): string;
  firstPageHref(): string;
}

/** Reads and writes the current URL's list parameters. */
export function useListParams(): ListParams {
  const [params, setParams] = useSearchParams();
  const [path] = useLocation();
  const firstParam = Number(params.get('first'));
  const first = (PAGE_SIZES as readonly number[]).includes(firstParam) ? firstParam : DEFAULT_PAGE_SIZE;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const hrefWith = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    const search = next.toString();
    return search ? `${path}?${search}` : path;
  };
  const withoutPosition = (next: URLSearchParams) => {
    next.delete('after');
    next.delete('page');
  };
  return {
    first,
    after: params.get('after'),
    page,
    values: <T extends string>(name: string, allowed: readonly T[]) =>
      (params.get(name)?.split(',') ?? []).filter((value): value is T => (allowed as readonly string[]).includes(value)),
    text: (name) => params.get(name)?.trim() || null,
    setFilters: (changes) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        withoutPosition(next);
        for (const [name, value] of Object.entries(changes)) {
          const joined = typeof value === 'string' ? value.trim() : (value ?? []).join(',');
          if (joined) next.set(name, joined);
          else next.delete(name);
        }
        return next;
      }),
    setPageSize: (size) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        withoutPosition(next);
        next.set('first', String(size));
        return next;
      }),
    nextPageHref: (endCursor) =>
      hrefWith((next) => {
        next.set('after', endCursor);
        next.set('page', String(page + 1));
      }),
    firstPageHref: () => hrefWith(withoutPosition),
  };
}
