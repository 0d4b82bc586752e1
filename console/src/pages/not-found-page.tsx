// A console address that names no page.
import { Link } from 'wouter';
import { PageHeading } from '../components/page-heading';
import { paths } from '../paths';

/** The page for unknown addresses. */
export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>
        The console has no page at this address. Start from the <Link href={paths.contracts}>contracts</Link>.
      </p>
    </>
  );
}
