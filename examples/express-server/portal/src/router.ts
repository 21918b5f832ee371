import { useSyncExternalStore } from 'react';

/** A minimal history router: the portal has two routes, a library would be overkill. */
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, snapshot);
  return new URL(href, window.location.origin);
}

/** Navigates without a reload. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/**
 * Turns clicks on same-origin links into client-side navigation (left click without
 * modifier keys, no `target`), so plain `<a href>` links in the components work as routes.
 */
export function interceptLinks(event: MouseEvent): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!anchor || anchor.target || anchor.origin !== window.location.origin) return;
  if (!anchor.pathname.startsWith('/incidents')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
