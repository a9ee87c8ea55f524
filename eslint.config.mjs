// Lint: TypeScript rules, and the module map of docs/ARCHITECTURE.md as import boundaries.
// `npm run lint` (part of `npm test`); a forbidden import fails it (test/unit/lint.test.ts).
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** Files of src/core that every core folder may use: data types, errors, ablation switches, the engine contract. */
const CONTRACT = ['./types.ts', './errors.ts', './ablation.ts', './api.ts'];

/** Which core folders each core folder may import (besides itself and CONTRACT). */
const CORE_MAP = {
  scan: [],
  chunk: [],
  embed: [],
  store: [],
  search: ['store'],
  clusters: ['search'],
  watch: ['scan'],
  pipeline: ['scan', 'chunk', 'embed', 'store'],
  query: ['search', 'clusters', 'store', 'embed', 'chunk', 'scan'],
  team: ['store', 'scan'],
  eval: ['query', 'search', 'clusters', 'store', 'embed', 'chunk', 'scan'],
  adapt: ['eval', 'store'],
};

const coreZones = Object.entries(CORE_MAP).map(([folder, allowed]) => ({
  target: `./src/core/${folder}`,
  from: './src/core',
  except: [`./${folder}`, ...allowed.map((a) => `./${a}`), ...CONTRACT],
  message: `core/${folder} may import only ${[...allowed.map((a) => `core/${a}`), 'the core contract files'].join(', ')} (docs/ARCHITECTURE.md, module map).`,
}));

const zones = [
  ...coreZones,
  {
    // The contract files are the bottom layer (api.ts names the types of the embed, eval and adapt modules).
    target: CONTRACT.map((f) => `./src/core/${f.slice(2)}`),
    from: './src/core',
    except: [...CONTRACT, './embed/types.ts', './eval/types.ts', './adapt/types.ts'],
    message: 'The core contract files (types, errors, ablation, api) import only each other.',
  },
  ...['cli', 'extension'].map((frontEnd) => ({
    target: `./src/${frontEnd}`,
    from: './src/core',
    except: ['./index.ts'],
    message: 'Front ends use the engine only through its facade, src/core/index.ts.',
  })),
  { target: './src/core', from: './src/extension', message: 'The engine never imports a front end.' },
  { target: './src/core', from: './src/cli', message: 'The engine never imports a front end.' },
  { target: './src/core', from: './src/webview', message: 'The engine never imports a front end.' },
  { target: './src/core', from: './src/shared', message: 'The engine never imports the extension\'s message types.' },
  { target: './src/cli', from: './src/extension', message: 'The CLI does not import the extension.' },
  { target: './src/cli', from: './src/webview', message: 'The CLI does not import the webview.' },
  { target: './src/extension', from: './src/cli', message: 'The extension does not import the CLI.' },
  { target: './src/extension', from: './src/webview', message: 'The extension does not import the webview bundle; they talk through messages.' },
  { target: './src/webview', from: './src/core', message: 'The webview is browser code: it imports src/shared only.' },
  { target: './src/webview', from: './src/cli', message: 'The webview is browser code: it imports src/shared only.' },
  { target: './src/webview', from: './src/extension', message: 'The webview talks to the extension through messages only.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'media/**', 'node_modules/**', '.vscode-test/**'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      // `import x = require('x')` is how the CommonJS-only packages are typed.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension imports vscode.' }] }],
    },
  },
  {
    // src/shared is compiled into both the extension and the webview bundle: it imports nothing.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['*', '**'], message: 'src/shared imports nothing.' }] }],
    },
  },
);
