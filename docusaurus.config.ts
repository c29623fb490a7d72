import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import type { PluginOptions as SearchLocalOptions } from '@easyops-cn/docusaurus-search-local';
import { themes as prismThemes } from 'prism-react-renderer';

import diagramsPlugin from './src/plugins/diagrams';
import labSourcePlugin from './src/plugins/labSource';
import lazyPrismPlugin from './src/plugins/lazyPrism';
import monacoCssPlugin from './src/plugins/monacoCss';
import workshopPackagePlugin from './src/plugins/workshopPackage';
import workshopPagesPlugin from './src/plugins/workshopPages';

// Computed once: every flag the config depends on is named here.
const siteUrl = process.env.SITE_URL ?? 'http://localhost:3000';

const config: Config = {
  title: 'Big Data on AWS: EMR and Spark workshop',
  tagline:
    'Design and build a big-data architecture in the cloud, then make it real with Apache Spark on Amazon EMR.',
  url: siteUrl,
  baseUrl: '/',
  trailingSlash: false,
  favicon: 'img/favicon.svg',

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',

  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },

  future: {
    v4: true,
    faster: true,
  },

  i18n: { defaultLocale: 'en', locales: ['en'] },

  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          showLastUpdateTime: false,
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],

  plugins: [
    workshopPagesPlugin,
    labSourcePlugin,
    monacoCssPlugin,
    workshopPackagePlugin,
    lazyPrismPlugin,
    diagramsPlugin,
  ],

  themes: [
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: '/',
        language: ['en'],
        highlightSearchTermsOnTargetPage: false,
        explicitSearchResultPath: true,
      } satisfies SearchLocalOptions,
    ],
  ],

  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'EMR + Spark workshop',
      logo: { alt: 'Workshop logo', src: 'img/logo.svg' },
      items: [{ type: 'docSidebar', sidebarId: 'workshop', position: 'left', label: 'Workshop' }],
    },
    footer: {
      style: 'dark',
      copyright: 'A hands-on workshop. Every page works offline.',
    },
    prism: {
      theme: prismThemes.vsLight,
      darkTheme: prismThemes.vsDark,
      additionalLanguages: ['bash', 'json', 'python'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
