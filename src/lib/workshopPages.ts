/**
 * The workshop's pages in reading order, each with its estimated minutes.
 *
 * Built at build time from the docs plugin's sidebar (the order) and each doc's front matter
 * (`sidebar_custom_props.minutes`, the single source of a page's estimate).
 */

export type WorkshopPage = {
  id: string;
  title: string;
  permalink: string;
  minutes: number;
};

/** The subset of a processed sidebar item this module reads. */
export type SidebarItemLike =
  | { type: 'doc' | 'ref'; id: string }
  | { type: 'category'; items: SidebarItemLike[]; link?: { type: string; id?: string } }
  | { type: string };

export type DocLike = {
  id: string;
  title: string;
  permalink: string;
  frontMatter: { sidebar_custom_props?: unknown };
};

/** Doc ids in the order a reader meets them in the sidebar (a category's own page first). */
export function docIdsInSidebarOrder(items: readonly SidebarItemLike[]): string[] {
  const ids: string[] = [];
  for (const item of items) {
    if ((item.type === 'doc' || item.type === 'ref') && 'id' in item) {
      ids.push(item.id);
    } else if (item.type === 'category' && 'items' in item) {
      if (item.link?.type === 'doc' && item.link.id) ids.push(item.link.id);
      ids.push(...docIdsInSidebarOrder(item.items));
    }
  }
  return [...new Set(ids)];
}

export function minutesOf(doc: DocLike): number {
  const props = doc.frontMatter.sidebar_custom_props;
  const minutes =
    typeof props === 'object' && props !== null && 'minutes' in props
      ? (props as { minutes: unknown }).minutes
      : undefined;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes <= 0) {
    throw new Error(
      `Doc "${doc.id}" needs an estimated duration: add "sidebar_custom_props: { minutes: N }" ` +
        `(a positive whole number) to its front matter.`,
    );
  }
  return minutes;
}

export function collectWorkshopPages(
  sidebarItems: readonly SidebarItemLike[],
  docs: readonly DocLike[],
): WorkshopPage[] {
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  return docIdsInSidebarOrder(sidebarItems).map((id) => {
    const doc = byId.get(id);
    if (!doc) throw new Error(`The workshop sidebar names doc "${id}", which does not exist.`);
    return { id, title: doc.title, permalink: doc.permalink, minutes: minutesOf(doc) };
  });
}
