/**
 * The highlighted content for the server's render, imported statically so the server's HTML has
 * the colours in place (no pending boundary). The browser's bundle has an empty module here
 * (src/plugins/lazyPrism.ts): there the highlighter is fetched on demand (./index.tsx).
 */
export { default } from './Highlighted';
