// The console: the sign-in page until someone is signed in, then the pages under /console with
// their client (urql) for the signed-in key. Unknown addresses get a page of their own.
import { Provider } from 'urql';
import { Redirect, Route, Router, Switch } from 'wouter';
import { Shell } from './components/shell';
import { ContractPage } from './pages/contracts/contract-page';
import { ContractsPage } from './pages/contracts/contracts-page';
import { JobPage } from './pages/jobs/job-page';
import { JobsPage } from './pages/jobs/jobs-page';
import { LessonsPage } from './pages/lessons/lessons-page';
import { NotFoundPage } from './pages/not-found-page';
import { RunPage } from './pages/runs/run-page';
import { RunsPage } from './pages/runs/runs-page';
import { ViolationsPage } from './pages/violations/violations-page';
import { paths } from './paths';
import { SessionProvider, useSession } from './session/session';
import { SignInPage } from './session/sign-in-page';

function Pages() {
  return (
    <Switch>
      <Route path="/">
        <Redirect to={paths.contracts} replace />
      </Route>
      <Route path={paths.contracts} component={ContractsPage} />
      <Route path="/contracts/:id" component={ContractPage} />
      <Route path={paths.jobs} component={JobsPage} />
      <Route path="/jobs/:id" component={JobPage} />
      <Route path={paths.runs} component={RunsPage} />
      <Route path="/runs/:id" component={RunPage} />
      <Route path={paths.violations} component={ViolationsPage} />
      <Route path={paths.lessons} component={LessonsPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}

function Console() {
  const { state } = useSession();
  switch (state.kind) {
    case 'checking':
      return (
        <p className="loading" role="status">
          Checking your session…
        </p>
      );
    case 'signed-out':
      return <SignInPage notice={state.notice} />;
    case 'signed-in':
      return (
        <Provider value={state.connection.client}>
          <Shell>
            <Pages />
          </Shell>
        </Provider>
      );
  }
}

/** The whole console. */
export function App() {
  return (
    <Router base="/console">
      <SessionProvider>
        <Console />
      </SessionProvider>
    </Router>
  );
}
