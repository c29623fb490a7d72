import { describe, expect, it } from 'vitest';

import { collectWorkshopPages, docIdsInSidebarOrder, type DocLike } from './workshopPages';

const doc = (id: string, minutes?: unknown): DocLike => ({
  id,
  title: `Title ${id}`,
  permalink: `/${id}`,
  frontMatter: minutes === undefined ? {} : { sidebar_custom_props: { minutes } },
});

const sidebar = [
  { type: 'doc', id: 'welcome' },
  {
    type: 'category',
    link: { type: 'doc', id: 'step-2/overview' },
    items: [
      { type: 'doc', id: 'step-2/a' },
      { type: 'link', href: 'https://example.com' },
    ],
  },
  { type: 'ref', id: 'welcome' },
  { type: 'doc', id: 'step-3' },
];

describe('docIdsInSidebarOrder', () => {
  it('lists docs in reading order, category pages first, each once', () => {
    expect(docIdsInSidebarOrder(sidebar)).toEqual([
      'welcome',
      'step-2/overview',
      'step-2/a',
      'step-3',
    ]);
  });
});

describe('collectWorkshopPages', () => {
  const docs = [
    doc('welcome', 5),
    doc('step-2/overview', 10),
    doc('step-2/a', 15),
    doc('step-3', 20),
  ];

  it('joins the sidebar order with each doc title, link and minutes', () => {
    expect(collectWorkshopPages(sidebar, docs)).toEqual([
      { id: 'welcome', title: 'Title welcome', permalink: '/welcome', minutes: 5 },
      {
        id: 'step-2/overview',
        title: 'Title step-2/overview',
        permalink: '/step-2/overview',
        minutes: 10,
      },
      { id: 'step-2/a', title: 'Title step-2/a', permalink: '/step-2/a', minutes: 15 },
      { id: 'step-3', title: 'Title step-3', permalink: '/step-3', minutes: 20 },
    ]);
  });

  it.each([undefined, 0, -5, 2.5, '10'])('rejects a page whose minutes are %s', (minutes) => {
    const broken = docs.map((d) => (d.id === 'step-3' ? doc('step-3', minutes) : d));
    expect(() => collectWorkshopPages(sidebar, broken)).toThrow(
      /"step-3" needs an estimated duration/,
    );
  });

  it('rejects a sidebar entry with no doc', () => {
    expect(() => collectWorkshopPages(sidebar, docs.slice(0, 3))).toThrow(/names doc "step-3"/);
  });
});
