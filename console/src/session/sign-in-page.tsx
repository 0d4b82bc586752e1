// Sign in: a field labelled "API key" and a "Sign in" button. The key is checked with the server
// before it is kept; a refusal is said in words, and a notice says why an earlier session ended.
import { useState, type FormEvent } from 'react';
import { RefusalAlert } from '../components/refusal-alert';
import type { Refusal } from '../graphql/refusals';
import { useDocumentTitle } from '../components/page-heading';
import { useSession } from './session';

/** The sign-in form, shown whenever nobody is signed in (the page asked for opens after it). */
export function SignInPage({ notice }: { notice: string | null }) {
  const { signIn } = useSession();
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  useDocumentTitle('Sign in');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) {
      setRefusal({ code: null, words: 'Enter your API key to sign in.', detail: null, reasons: [] });
      return;
    }
    setBusy(true);
    setRefusal(await signIn(key));
    setBusy(false);
  };

  return (
    <main className="sign-in" id="main">
      <form className="sign-in-card" onSubmit={submit} noValidate>
        <h1>Governance console</h1>
        <p className="muted">Approve contracts, watch jobs and investigate runs and violations.</p>
        {notice && !refusal && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="gov_…"
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          aria-describedby="api-key-help"
          autoFocus
        />
        <p id="api-key-help" className="hint">
          Kept in this tab's session storage until you sign out or close the tab. Ask an admin for a key
          (<code>npm run cli -- apikey create</code>).
        </p>
        {refusal && <RefusalAlert refusal={refusal} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
