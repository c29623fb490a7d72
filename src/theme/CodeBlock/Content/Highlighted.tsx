/**
 * The theme's own highlighted code block, with Prism and the site's extra languages: a chunk
 * of its own, so no page's first scripts carry a syntax highlighter (see ./index.tsx).
 */
import type ThemeContent from '@theme/CodeBlock/Content';
import Content from '@theme-original/CodeBlock/Content';
import prismIncludeLanguages from '@theme/prism-include-languages';
import { Prism } from 'prism-react-renderer';

prismIncludeLanguages(Prism);

export default Content as typeof ThemeContent;
