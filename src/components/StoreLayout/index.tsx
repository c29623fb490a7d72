import type { ReactNode } from 'react';

import { storeLayout } from '@site/src/lib/labs/storeLayout';
import storeSource from '@site/labs/workshop/store.py?raw';

const layout = storeLayout(storeSource);

/** The folders of the shared store, read from `labs/workshop/store.py` when the site is built. */
export default function StoreLayout(): ReactNode {
  return (
    <pre tabIndex={0}>
      <code>{`${layout.events}\n${layout.quarantine}`}</code>
    </pre>
  );
}
