// Where the signed-in API key is kept: the tab's session storage, so it ends with the tab and is
// never written to disk by the console.
const STORAGE_KEY = 'governance-console.api-key';

/** The stored key, if any. */
export function readStoredKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Keeps the key for this tab. */
export function storeKey(apiKey: string): void {
  sessionStorage.setItem(STORAGE_KEY, apiKey);
}

/** Forgets the key. */
export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
