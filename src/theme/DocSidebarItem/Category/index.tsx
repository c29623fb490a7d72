import Category from '@theme-original/DocSidebarItem/Category';
import type CategoryType from '@theme/DocSidebarItem/Category';
import type { WrapperProps } from '@docusaurus/types';
import clsx from 'clsx';
import type { ReactNode } from 'react';

import { useWorkshopProgress } from '@site/src/components/WorkshopProgress/useWorkshopProgress';

type Props = WrapperProps<typeof CategoryType>;

/** A category whose own page is done gets the same check as a done page. */
export default function CategoryWrapper(props: Props): ReactNode {
  const { pages, isDone } = useWorkshopProgress();
  const page = pages.find((candidate) => candidate.permalink === props.item.href);
  const done = page !== undefined && isDone(page.id);
  return (
    <Category
      {...props}
      item={{ ...props.item, className: clsx(props.item.className, done && 'sidebar-item--done') }}
    />
  );
}
