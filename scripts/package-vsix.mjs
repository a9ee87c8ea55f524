#!/usr/bin/env node
// npm run package [-- linux-x64 darwin-arm64 ...]: one VSIX per platform target, each with the
// production esbuild bundle and only that platform's onnxruntime-node and usearch binaries
// (plus the model from models/all-MiniLM-L6-v2/ when it has been fetched). Checks each VSIX.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// VS Code target → where its native binaries live in node_modules.
const TARGETS = {
  'linux-x64': { ort: 'linux/x64', usearch: 'linux-x64' },
  'linux-arm64': { ort: 'linux/arm64', usearch: 'linux-arm64' },
  'darwin-arm64': { ort: 'darwin/arm64', usearch: 'darwin-arm64+x64' },
  'win32-x64': { ort: 'win32/x64', usearch: 'win32-x64' },
};
const DEFAULT_TARGETS = ['linux-x64', 'darwin-arm64', 'win32-x64'];

const targets = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const t of targets) if (!TARGETS[t]) throw new Error(`Unknown target ${t}; known: ${Object.keys(TARGETS).join(', ')}`);
const outDir = path.join(root, 'dist');
fs.mkdirSync(outDir, { recursive: true });

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, ['esbuild.mjs', '--production']);
const modelFile = path.join(root, 'models', 'all-MiniLM-L6-v2', 'onnx', 'model_quantized.onnx');
const hasModel = fs.existsSync(modelFile);
console.log(hasModel ? 'model: models/all-MiniLM-L6-v2 is included' : 'model: models/all-MiniLM-L6-v2 not fetched (npm run fetch-model); packaging without it');

const baseIgnore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
// Relative links in README.md point into the repository (vsce cannot guess a non-GitHub host).
const repoUrl = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
const linkArgs = repoUrl.startsWith('https://') ? ['--baseContentUrl', `${repoUrl}/blob/HEAD`, '--baseImagesUrl', `${repoUrl}/raw/HEAD`] : [];
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

for (const target of targets.length ? targets : DEFAULT_TARGETS) {
  const t = TARGETS[target];
  const ignoreFile = path.join(os.tmpdir(), `semsearch-vscodeignore-${target}-${process.pid}`);
  fs.writeFileSync(
    ignoreFile,
    `${baseIgnore}\n# ${target} only\n!node_modules/onnxruntime-node/bin/napi-v6/${t.ort}/**\n!node_modules/usearch/prebuilds/${t.usearch}/**\n`,
  );
  const out = path.join(outDir, `${pkg.name}-${pkg.version}-${target}.vsix`);
  try {
    run(process.execPath, [vsce, 'package', '--target', target, '--ignoreFile', ignoreFile, '--out', out, ...linkArgs]);
  } finally {
    fs.rmSync(ignoreFile, { force: true });
  }
  checkVsix(out, target, t, hasModel);
  console.log(`${path.relative(root, out)}: ${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB`);
}

/** The VSIX holds the bundle, this platform's binaries and no other platform's. */
function checkVsix(file, target, t, withModel) {
  const names = zipEntries(fs.readFileSync(file));
  const must = [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/embedWorker.js',
    'extension/dist/chunkWorker.js',
    'extension/dist/adaptWorker.js',
    'extension/media/webview.js',
    'extension/media/panel.css',
    'extension/media/view.js',
    'extension/media/view.css',
    'extension/media/semantic-search.svg',
    `extension/node_modules/onnxruntime-node/bin/napi-v6/${t.ort}/onnxruntime_binding.node`,
    `extension/node_modules/usearch/prebuilds/${t.usearch}/usearch.node`,
    'extension/node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm',
    ...(withModel ? ['extension/models/all-MiniLM-L6-v2/onnx/model_quantized.onnx', 'extension/models/all-MiniLM-L6-v2/tokenizer.json'] : []),
  ];
  const missing = must.filter((m) => !names.includes(m));
  const foreign = names.filter(
    (n) =>
      (n.includes('/onnxruntime-node/bin/') && !n.includes(`/napi-v6/${t.ort}/`)) ||
      (n.includes('/usearch/prebuilds/') && !n.includes(`/prebuilds/${t.usearch}/`)) ||
      /\/(src|test|out)\//.test(n.replace(/^extension\/node_modules\/.*$/, '')),
  );
  if (missing.length || foreign.length) {
    throw new Error(`${path.basename(file)} (${target}) is wrong:\n  missing: ${missing.join(', ') || '-'}\n  should not be there: ${foreign.join(', ') || '-'}`);
  }
}

/** File names from a zip's central directory (enough to check a VSIX without a zip library). */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}
