// The frame every list page shares: its heading (and live status), its filters, then the rows as a
// keyboard-usable table with the pager under it — or the loading or failure state.
import type { ReactNode } from 'react';
import type { ListRead } from '../graphql/use-read';
import { DataTable, type Column } from './data-table';
import type { ListParams } from './list-params';
import { PageHeading } from './page-heading';
import { Pager } from './pager';
import { Loaded } from './query-state';

interface ListPageProps<T> {
  /** The page's heading and the table's name, e.g. "Jobs". */
  title: string;
  /** What the rows are, in the plural, e.g. "jobs". */
  noun: string;
  /** Shown beside the heading (a live view's status). */
  status?: ReactNode;
  filters: ReactNode;
  /** Shown between the filters and the list (announcements, outcomes, dialogs). */
  children?: ReactNode;
  list: ListRead<T>;
  params: ListParams;
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  rowClassName?(row: T): string | undefined;
  empty: string;
}

/** One list page. */
export function ListPage<T>({ title, noun, status, filters, children, list: { result, reload, page, rows }, params, ...table }: ListPageProps<T>) {
  return (
    <>
      <PageHeading title={title}>{status}</PageHeading>
      <div className="filters">{filters}</div>
      {children}
      <Loaded result={result} reload={reload} what={noun}>
        {() => {
          if (!page) return null;
          const shown = rows ?? page.nodes;
          return (
            <>
              <DataTable label={title} rows={shown} {...table} />
              <Pager
                params={params}
                shown={shown.length}
                total={page.totalCount + shown.length - page.nodes.length}
                hasNextPage={page.pageInfo.hasNextPage}
                endCursor={page.pageInfo.endCursor ?? null}
                noun={noun}
              />
            </>
          );
        }}
      </Loaded>
    </>
  );
}
