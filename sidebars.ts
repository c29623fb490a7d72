import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

// The workshop follows the seed's steps in order; each page's estimated minutes live in its
// own front matter (`sidebar_custom_props.minutes`), so the sidebar only fixes the order.
const sidebars: SidebarsConfig = {
  workshop: [
    'welcome',
    'before-you-start',
    'step-1-understand-the-problem',
    {
      type: 'category',
      label: 'Step 2: The process',
      link: { type: 'doc', id: 'step-2-process/overview' },
      collapsed: false,
      items: [
        'step-2-process/a-functionalities',
        'step-2-process/b-quality-attributes',
        'step-2-process/c-non-functional-requirements',
        'step-2-process/d-enterprise-environment',
        'step-2-process/e-lego-pieces',
      ],
    },
    'step-3-architecture',
    {
      type: 'category',
      label: 'Labs: build it with Spark',
      link: { type: 'doc', id: 'labs/overview' },
      collapsed: false,
      items: ['labs/devices', 'labs/batch', 'labs/streaming', 'labs/serve'],
    },
    'clean-up',
    'summary',
    // Reference pages: read when needed, though they count like any page (they have estimates).
    {
      type: 'category',
      label: 'Reference',
      collapsed: false,
      items: ['troubleshooting', 'glossary'],
    },
    // A link, not a doc: the guide is for whoever runs the AWS account, so it stays out of the
    // attendees' page count, progress and next-page chain (it shows this sidebar itself).
    { type: 'link', label: 'Instructor guide', href: '/instructor-guide' },
  ],
};

export default sidebars;
