/** Files imported with `?raw` arrive as their text (see src/plugins/labSource.ts). */
declare module '*?raw' {
  const text: string;
  export default text;
}
