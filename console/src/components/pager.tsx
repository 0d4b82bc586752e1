// Pagination under a list: where this page sits in the total, the first and next pages as links
// (Back returns to the previous one), and how many rows a page shows.
import { Link } from 'wouter';
import { PAGE_SIZES, type ListParams } from './list-params';

interface PagerProps {
  params: ListParams;
  /** Rows on this page and the filtered total. */
  shown: number;
  total: number;
  hasNextPage: boolean;
  endCursor: string | null;
  /** What the rows are, e.g. "jobs". */
  noun: string;
}

/** The pager. */
export function Pager({ params, shown, total, hasNextPage, endCursor, noun }: PagerProps) {
  const start = (params.page - 1) * params.first + 1;
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`}>
      <p className="pager-position" aria-live="polite">
        {shown === 0 ? `No ${noun}` : `Showing ${start}–${start + shown - 1} of ${total} ${noun}`}
      </p>
      <div className="pager-links">
        {params.page > 1 && <Link href={params.firstPageHref()}>First page</Link>}
        {hasNextPage && endCursor && <Link href={params.nextPageHref(endCursor)}>Next page</Link>}
      </div>
      <label className="pager-size">
        Rows per page{' '}
        <select value={params.first} onChange={(event) => params.setPageSize(Number(event.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
