// Bundles the CLI into dist/ with esbuild. `splitting: true` keeps Ink's lazy
// `import('./devtools.js')` (and our lazy AWS SDK / sandbox imports) as separate
// chunks: without it the bundle hoists react-devtools-core and crashes at start-up
// (see shared/ink-notes.md §3).
import {build} from 'esbuild';
import {rm} from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
  entryPoints: {cli: 'src/cli.tsx'},
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer the SDK's ES module builds: a dynamically imported CommonJS chunk only has a
  // default export, so `(await import('@aws-sdk/client-sts')).STSClient` would be undefined.
  mainFields: ['module', 'main'],
  target: 'node20',
  jsx: 'automatic',
  minify: process.env.APIGW_DOCTOR_NO_MINIFY !== '1',
  legalComments: 'none',
  external: ['react-devtools-core'],
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import {createRequire as __apigwCreateRequire} from 'node:module'; const require = __apigwCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
