// The lab editor's JSON Schema, served at build time by scripts/site/editor-schema.mjs (a Vite plugin).
declare module 'virtual:meshdojo/editor-schema' {
  const schema: Record<string, unknown>;
  export default schema;
}
