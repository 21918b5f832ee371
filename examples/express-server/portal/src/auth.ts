declare global {
  interface Window {
    /** Set by a host page that embeds the portal: `window.__AURORA__ = { token }`. */
    __AURORA__?: { token?: string | null };
  }
}

const STORAGE_KEY = 'aurora-token';

/**
 * The bearer token for the API, in order: `window.__AURORA__.token` (a host page),
 * `<meta name="aurora-token">` (the example server injects it in local demo mode), then a
 * token the person pasted into the sign-in form (kept for this browser tab only).
 */
export function readToken(): string | null {
  const fromWindow = window.__AURORA__?.token;
  if (fromWindow) return fromWindow;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="aurora-token"]')?.content;
  if (meta) return meta;
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Remembers a pasted token for this tab. */
export function saveToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
}
