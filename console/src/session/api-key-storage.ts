// Where the signed-in session is kept: the tab's session storage, so it ends with the tab and is
// never written to disk by the console. The key, and who the server said it belongs to (so a
// reload shows the console at once while the key is checked again).
import type { ViewerQuery } from '../graphql/generated';

const KEY_ITEM = 'governance-console.api-key';
const VIEWER_ITEM = 'governance-console.viewer';

/** A session kept in this tab. */
export interface StoredSession {
  apiKey: string;
  /** Who the key belonged to when it was last checked, if known. */
  viewer: ViewerQuery['viewer'] | null;
}

/** The kept session, if any. */
export function readStoredSession(): StoredSession | null {
  const apiKey = sessionStorage.getItem(KEY_ITEM);
  if (!apiKey) return null;
  try {
    return { apiKey, viewer: JSON.parse(sessionStorage.getItem(VIEWER_ITEM) ?? 'null') as StoredSession['viewer'] };
  } catch {
    return { apiKey, viewer: null };
  }
}

/** Keeps the session for this tab. */
export function storeSession({ apiKey, viewer }: StoredSession): void {
  sessionStorage.setItem(KEY_ITEM, apiKey);
  sessionStorage.setItem(VIEWER_ITEM, JSON.stringify(viewer));
}

/** Forgets the session. */
export function forgetSession(): void {
  sessionStorage.removeItem(KEY_ITEM);
  sessionStorage.removeItem(VIEWER_ITEM);
}
