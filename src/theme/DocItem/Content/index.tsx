import { useDoc } from '@docusaurus/plugin-content-docs/client';
import Content from '@theme-original/DocItem/Content';
import type ContentType from '@theme/DocItem/Content';
import type { WrapperProps } from '@docusaurus/types';
import { useEffect, type ReactNode } from 'react';

import PageEstimate from '@site/src/components/PageEstimate';
import { visit } from '@site/src/lib/progress';
import { updateProgress } from '@site/src/lib/progressStore';

type Props = WrapperProps<typeof ContentType>;

export default function ContentWrapper(props: Props): ReactNode {
  const { metadata } = useDoc();
  useEffect(() => updateProgress((state) => visit(state, metadata.id)), [metadata.id]);
  return (
    <>
      <PageEstimate />
      <Content {...props} />
    </>
  );
}
