// A page's heading and document title. After a navigation inside the console, focus moves to the
// new page's heading, so keyboard and screen-reader users start reading the page they opened.
import { useEffect, useRef, type ReactNode } from 'react';

let firstPage = true;

/** Sets the tab's title while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Governance console`;
  }, [title]);
}

/** The page's h1 (also its document title). */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <div className="page-heading">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
