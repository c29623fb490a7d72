import Link from '@theme-original/DocSidebarItem/Link';
import type LinkType from '@theme/DocSidebarItem/Link';
import type { WrapperProps } from '@docusaurus/types';
import clsx from 'clsx';
import type { ReactNode } from 'react';

import { useWorkshopProgress } from '@site/src/components/WorkshopProgress/useWorkshopProgress';

type Props = WrapperProps<typeof LinkType>;

/** Marks pages the learner has done with a check (drawn in CSS: `.sidebar-item--done`). */
export default function LinkWrapper(props: Props): ReactNode {
  const { isDone } = useWorkshopProgress();
  const done = props.item.docId !== undefined && isDone(props.item.docId);
  return (
    <Link
      {...props}
      item={{ ...props.item, className: clsx(props.item.className, done && 'sidebar-item--done') }}
    />
  );
}
