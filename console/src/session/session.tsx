// The session: signing in with an API key (checked with the `viewer` query, then kept in session
// storage), the signed-in caller and their connection to the server, and signing out — by choice,
// or because the server stopped accepting the key. After a reload the console shows at once as the
// caller last known, while the key is checked again; a refused key signs out.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ViewerDocument, type Permission, type ViewerQuery } from '../graphql/generated';
import { describeRefusal, type Refusal } from '../graphql/refusals';
import { connectToServer, type ServerConnection } from '../graphql/server-connection';
import { forgetSession, readStoredSession, storeSession } from './api-key-storage';

/** The signed-in caller. */
export type Viewer = ViewerQuery['viewer'];

/** Where the session stands. */
export type SessionState =
  | { kind: 'signed-out'; notice: string | null }
  | { kind: 'checking' }
  | { kind: 'signed-in'; viewer: Viewer; connection: ServerConnection };

interface SessionApi {
  state: SessionState;
  /** Checks the key and signs in; resolves to the refusal when the key is not accepted. */
  signIn(apiKey: string): Promise<Refusal | null>;
  signOut(notice?: string | null): void;
}

const KEY_REFUSED = 'You were signed out: the server no longer accepts your API key (it may have been revoked).';

const SessionContext = createContext<SessionApi | null>(null);

/** Provides the session to the console. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const current = useRef<ServerConnection | null>(null);
  /** Signs out when the server refuses the current key (set below, once signOut exists). */
  const keyRefused = useRef(() => {});
  const [state, setState] = useState<SessionState>(() => {
    const stored = readStoredSession();
    if (!stored) return { kind: 'signed-out', notice: null };
    if (!stored.viewer) return { kind: 'checking' };
    current.current = connectToServer(stored.apiKey, () => keyRefused.current());
    return { kind: 'signed-in', viewer: stored.viewer, connection: current.current };
  });

  const signOut = useCallback((notice: string | null = null) => {
    forgetSession();
    current.current?.dispose();
    current.current = null;
    setState({ kind: 'signed-out', notice });
  }, []);
  useEffect(() => {
    keyRefused.current = () => signOut(KEY_REFUSED);
  }, [signOut]);

  /** Asks the server who the key belongs to, over `connection`. */
  const check = useCallback(async (apiKey: string, connection: ServerConnection): Promise<Refusal | Viewer> => {
    const result = await connection.client.query(ViewerDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    if (!result.data) return describeRefusal(result.error?.graphQLErrors ?? []);
    storeSession({ apiKey, viewer: result.data.viewer });
    return result.data.viewer;
  }, []);

  const signIn = useCallback(
    async (apiKey: string): Promise<Refusal | null> => {
      const connection = connectToServer(apiKey, () => {
        if (current.current === connection) keyRefused.current();
      });
      const checked = await check(apiKey, connection);
      if ('words' in checked) {
        connection.dispose();
        return checked;
      }
      current.current?.dispose();
      current.current = connection;
      setState({ kind: 'signed-in', viewer: checked, connection });
      return null;
    },
    [check],
  );

  // A key kept from earlier in this tab (a reload) is checked again.
  useEffect(() => {
    const stored = readStoredSession();
    if (!stored) return;
    const shown = current.current;
    const checking = shown ? check(stored.apiKey, shown) : signIn(stored.apiKey);
    void checking.then((outcome) => {
      if (!outcome || !('words' in outcome)) return;
      if (outcome.code === 'UNAUTHENTICATED') return signOut(KEY_REFUSED);
      // The server could not be reached: the shown console says so on each page and its live views
      // retry; without a known caller, the sign-in page says so and the key is kept for a retry.
      if (!shown) setState({ kind: 'signed-out', notice: outcome.words });
    });
  }, [check, signIn, signOut]);

  const api = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

/** The session API. */
export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in caller and connection (only inside the signed-in console). */
export function useSignedIn(): { viewer: Viewer; connection: ServerConnection; signOut: SessionApi['signOut'] } {
  const { state, signOut } = useSession();
  if (state.kind !== 'signed-in') throw new Error('useSignedIn while not signed in');
  return { viewer: state.viewer, connection: state.connection, signOut };
}

/** Whether the caller's role holds `permission`. */
export function useCan(permission: Permission): boolean {
  return useSignedIn().viewer.permissions.includes(permission);
}
