import { useSyncExternalStore } from 'react';

import { PHONE_QUERY } from '@site/src/lib/phone';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/**
 * Phones and other small touch screens, where Monaco is unsupported: they get read-only code.
 * False on the server and before hydration, so the first render matches the static HTML.
 */
export function usePhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}
