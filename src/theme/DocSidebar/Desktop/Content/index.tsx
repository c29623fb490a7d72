import Content from '@theme-original/DocSidebar/Desktop/Content';
import type ContentType from '@theme/DocSidebar/Desktop/Content';
import type { WrapperProps } from '@docusaurus/types';
import type { ReactNode } from 'react';

import ProgressPanel from '@site/src/components/ProgressPanel';

type Props = WrapperProps<typeof ContentType>;

export default function ContentWrapper(props: Props): ReactNode {
  return (
    <>
      <ProgressPanel />
      <Content {...props} />
    </>
  );
}
