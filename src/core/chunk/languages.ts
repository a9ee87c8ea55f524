// Languages: file extensions → language ids, and where each tree-sitter grammar lives.
import * as path from 'node:path';

/** Languages parsed with tree-sitter. */
export type CodeLanguage =
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'python'
  | 'go'
  | 'rust'
  | 'java'
  | 'c'
  | 'cpp'
  | 'csharp'
  | 'ruby'
  | 'php';

const CODE_EXT: Record<string, CodeLanguage> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  py: 'python', pyi: 'python', pyw: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  c: 'c', h: 'c',
  cc: 'cpp', cpp: 'cpp', cxx: 'cpp', 'c++': 'cpp', hh: 'cpp', hpp: 'cpp', hxx: 'cpp', 'h++': 'cpp', ipp: 'cpp', inl: 'cpp',
  cs: 'csharp',
  rb: 'ruby', rake: 'ruby', gemspec: 'ruby',
  php: 'php', phtml: 'php',
};

const MARKDOWN_EXT = new Set(['md', 'mdx', 'markdown', 'mdown', 'mkd']);

const TEXT_EXT: Record<string, string> = {
  txt: 'text', text: 'text', log: 'text',
  rst: 'restructuredtext', adoc: 'asciidoc',
  json: 'json', jsonc: 'json', json5: 'json',
  yaml: 'yaml', yml: 'yaml', toml: 'toml', ini: 'ini', cfg: 'ini', conf: 'ini', properties: 'properties', env: 'dotenv',
  xml: 'xml', html: 'html', htm: 'html', svg: 'xml', css: 'css', scss: 'scss', less: 'less',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ps1: 'powershell',
  sql: 'sql', graphql: 'graphql', gql: 'graphql', proto: 'proto',
  kt: 'kotlin', kts: 'kotlin', swift: 'swift', scala: 'scala', lua: 'lua', dart: 'dart', r: 'r', pl: 'perl',
  vue: 'vue', svelte: 'svelte', ex: 'elixir', exs: 'elixir', hs: 'haskell', ml: 'ocaml', zig: 'zig',
  gradle: 'groovy', groovy: 'groovy', tf: 'terraform', csv: 'csv', tsv: 'csv',
};

const TEXT_NAMES: Record<string, string> = {
  dockerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile', rakefile: 'ruby', gemfile: 'ruby',
  license: 'text', readme: 'text', changelog: 'text', '.gitignore': 'ignore', '.npmrc': 'ini', '.editorconfig': 'ini',
};

/** The language id of a path (`typescript`, `python`, `markdown`, `json`, …) or undefined when it is not known. */
export function languageForPath(p: string): string | undefined {
  const base = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
  const code = codeLanguageOf(base);
  if (code) return code === 'tsx' ? 'typescript' : code;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (MARKDOWN_EXT.has(ext)) return 'markdown';
  if (ext && TEXT_EXT[ext]) return TEXT_EXT[ext];
  return TEXT_NAMES[base];
}

/** The tree-sitter language of a path, if it has one. `base` may be a full path. */
export function codeLanguageOf(p: string): CodeLanguage | undefined {
  const base = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return CODE_EXT[base.slice(dot + 1)];
}

let vscodeWasmDir: string | undefined;
let wasmsOutDir: string | undefined;

/** Folder of @vscode/tree-sitter-wasm's wasm files (runtime and grammars). */
export function vscodeWasmFolder(): string {
  vscodeWasmDir ??= path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  return vscodeWasmDir;
}

function wasmsFolder(): string {
  wasmsOutDir ??= path.join(path.dirname(require.resolve('tree-sitter-wasms/package.json')), 'out');
  return wasmsOutDir;
}

/**
 * Absolute path of the grammar for a language. All grammars come from @vscode/tree-sitter-wasm (ABI 14/15, built
 * for its runtime) except C, which that package does not ship: C uses tree-sitter-wasms' tree-sitter-c.wasm
 * (ABI 14), which loads fine in the @vscode runtime. `fallbackC` gives the C++ grammar, used for C if that fails.
 */
export function grammarPath(lang: CodeLanguage, fallbackC = false): string {
  const file: Record<CodeLanguage, string> = {
    typescript: 'tree-sitter-typescript.wasm',
    tsx: 'tree-sitter-tsx.wasm',
    javascript: 'tree-sitter-javascript.wasm',
    python: 'tree-sitter-python.wasm',
    go: 'tree-sitter-go.wasm',
    rust: 'tree-sitter-rust.wasm',
    java: 'tree-sitter-java.wasm',
    c: 'tree-sitter-cpp.wasm',
    cpp: 'tree-sitter-cpp.wasm',
    csharp: 'tree-sitter-c-sharp.wasm',
    ruby: 'tree-sitter-ruby.wasm',
    php: 'tree-sitter-php.wasm',
  };
  if (lang === 'c' && !fallbackC) return path.join(wasmsFolder(), 'tree-sitter-c.wasm');
  return path.join(vscodeWasmFolder(), file[lang]);
}
