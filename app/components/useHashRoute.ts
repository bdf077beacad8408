import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The section named in the URL's hash (#/governance), so a reload or a shared link opens the same one. */
export function useHashRoute<const T extends string>(routes: readonly T[], fallback: T): T {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const name = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as T) : fallback;
}
