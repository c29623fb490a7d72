import { useSyncExternalStore } from 'react';

/** Phones and other small touch screens, where Monaco is unsupported: they get read-only code. */
const PHONE_QUERY = '(max-width: 600px), (pointer: coarse) and (hover: none)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** False on the server and before hydration, so the first render matches the static HTML. */
export function usePhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}
