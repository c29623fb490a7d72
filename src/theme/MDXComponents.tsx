import MDXComponents from '@theme-original/MDXComponents';

import WorkshopProgress from '@site/src/components/WorkshopProgress';

// Components every workshop page may use without importing them.
export default {
  ...MDXComponents,
  WorkshopProgress,
};
