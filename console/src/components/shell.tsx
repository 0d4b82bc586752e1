// The signed-in console's frame: a skip link, the main navigation (Contracts, Jobs, Runs,
// Violations, Lessons), who is signed in (principal, role, tenant) and "Sign out".
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { paths } from '../paths';
import { useSignedIn } from '../session/session';
import { NowProvider } from './time';

const SECTIONS = [
  { name: 'Contracts', href: paths.contracts },
  { name: 'Jobs', href: paths.jobs },
  { name: 'Runs', href: paths.runs },
  { name: 'Violations', href: paths.violations },
  { name: 'Lessons', href: paths.lessons },
] as const;

/** The frame around every signed-in page. */
export function Shell({ children }: { children: ReactNode }) {
  const { viewer, signOut } = useSignedIn();
  const [location] = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Governance console</span>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.map((section) => {
              const current = location === section.href || location.startsWith(`${section.href}/`);
              return (
                <li key={section.name}>
                  <Link href={section.href} aria-current={current ? 'page' : undefined}>
                    {section.name}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <section className="viewer" aria-label="Signed in">
          <span className="viewer-name" title="Principal">
            {viewer.principal}
          </span>
          <span className="viewer-fact">
            Role: <strong>{viewer.role.toLowerCase()}</strong>
          </span>
          <span className="viewer-fact">
            Tenant: <strong>{viewer.tenant}</strong>
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </section>
      </header>
      <main id="main" className="page">
        <NowProvider>{children}</NowProvider>
      </main>
    </>
  );
}
