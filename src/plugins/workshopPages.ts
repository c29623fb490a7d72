import type { LoadedContent } from '@docusaurus/plugin-content-docs';
import type { Plugin } from '@docusaurus/types';

import { collectWorkshopPages, type SidebarItemLike } from '../lib/workshopPages';

export const WORKSHOP_PAGES_PLUGIN = 'workshop-pages';
const SIDEBAR_ID = 'workshop';

/** Publishes the workshop's pages (order, titles, minutes) as global data for progress. */
export default function workshopPagesPlugin(): Plugin {
  return {
    name: WORKSHOP_PAGES_PLUGIN,
    allContentLoaded({ allContent, actions }) {
      const docsContent = allContent['docusaurus-plugin-content-docs']?.default as
        LoadedContent | undefined;
      const version = docsContent?.loadedVersions[0];
      const sidebar = version?.sidebars[SIDEBAR_ID];
      if (!version || !sidebar) {
        throw new Error(`${WORKSHOP_PAGES_PLUGIN}: no "${SIDEBAR_ID}" sidebar in the docs plugin.`);
      }
      actions.setGlobalData({
        pages: collectWorkshopPages(sidebar as SidebarItemLike[], version.docs),
      });
    },
  };
}
