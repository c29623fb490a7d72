import Footer from '@theme-original/DocItem/Footer';
import type FooterType from '@theme/DocItem/Footer';
import type { WrapperProps } from '@docusaurus/types';
import type { ReactNode } from 'react';

import PageDoneToggle from '@site/src/components/PageDoneToggle';

type Props = WrapperProps<typeof FooterType>;

export default function FooterWrapper(props: Props): ReactNode {
  return (
    <>
      <PageDoneToggle />
      <Footer {...props} />
    </>
  );
}
