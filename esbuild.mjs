// Bundles the extension (dist/extension.js), the engine's embedding and chunking workers (dist/embedWorker.js, dist/chunkWorker.js,
// found beside the bundle at run time) and the browser code of the panel (media/webview.js) and of the
// Semantic Search view (media/view.js).
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

// Native addons and packages whose wasm/grammar files are located at run time through
// require.resolve stay in node_modules (the VSIX ships them).
const external = ['vscode', 'onnxruntime-node', 'usearch', '@vscode/tree-sitter-wasm', 'tree-sitter-wasms'];

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { embedWorker: 'src/core/embed/embedWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { chunkWorker: 'src/core/pipeline/chunkWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { adaptWorker: 'src/core/adapt/adaptWorker.ts' }, outdir: 'dist' },
  {
    entryPoints: { webview: 'src/webview/main.ts', view: 'src/webview/view/main.ts' },
    outdir: 'media',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    sourcemap: false,
    minify: production,
    logLevel: 'warning',
    tsconfig: 'src/webview/tsconfig.json',
  },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: dist/extension.js, dist/embedWorker.js, dist/chunkWorker.js, dist/adaptWorker.js, media/webview.js, media/view.js in ${Date.now() - started} ms`);
}
