// The session: signing in with an API key (checked with the `viewer` query, then kept in session
// storage), the signed-in caller and their connection to the server, and signing out — by choice,
// or because the server stopped accepting the key.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ViewerDocument, type Permission, type ViewerQuery } from '../graphql/generated';
import { describeRefusal, type Refusal } from '../graphql/refusals';
import { connectToServer, type ServerConnection } from '../graphql/server-connection';
import { forgetKey, readStoredKey, storeKey } from './api-key-storage';

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
  const [state, setState] = useState<SessionState>(() => (readStoredKey() ? { kind: 'checking' } : { kind: 'signed-out', notice: null }));
  const current = useRef<ServerConnection | null>(null);

  const signOut = useCallback((notice: string | null = null) => {
    forgetKey();
    current.current?.dispose();
    current.current = null;
    setState({ kind: 'signed-out', notice });
  }, []);

  const signIn = useCallback(
    async (apiKey: string): Promise<Refusal | null> => {
      const connection = connectToServer(apiKey, () => {
        if (current.current === connection) signOut(KEY_REFUSED);
      });
      const result = await connection.client.query(ViewerDocument, {}, { requestPolicy: 'network-only' }).toPromise();
      if (!result.data) {
        connection.dispose();
        return describeRefusal(result.error?.graphQLErrors ?? []);
      }
      storeKey(apiKey);
      current.current?.dispose();
      current.current = connection;
      setState({ kind: 'signed-in', viewer: result.data.viewer, connection });
      return null;
    },
    [signOut],
  );

  // A key kept from earlier in this tab (a reload) is checked again before anything is shown.
  useEffect(() => {
    const stored = readStoredKey();
    if (!stored || current.current) return;
    void signIn(stored).then((refusal) => {
      if (!refusal) return;
      if (refusal.code === 'UNAUTHENTICATED') forgetKey();
      setState({ kind: 'signed-out', notice: refusal.words });
    });
  }, [signIn]);

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
