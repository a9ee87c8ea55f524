// The tree-sitter WASM runtime (from @vscode/tree-sitter-wasm): initialised once, grammars loaded lazily and cached.
import * as path from 'node:path';
import type * as TS from '@vscode/tree-sitter-wasm';
import { type CodeLanguage, grammarPath, vscodeWasmFolder } from './languages';

export type SyntaxNode = TS.Node;
export type SyntaxTree = TS.Tree;

let runtime: Promise<typeof TS | undefined> | undefined;
const parsers = new Map<CodeLanguage, Promise<TS.Parser | undefined>>();

function loadRuntime(): Promise<typeof TS | undefined> {
  runtime ??= (async () => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require('@vscode/tree-sitter-wasm') as typeof TS;
      const dir = vscodeWasmFolder();
      await mod.Parser.init({ locateFile: (file: string) => path.join(dir, file) });
      return mod;
    } catch {
      return undefined; // no runtime: every file falls back to line windows
    }
  })();
  return runtime;
}

async function loadLanguage(mod: typeof TS, lang: CodeLanguage): Promise<TS.Language | undefined> {
  try {
    return await mod.Language.load(grammarPath(lang));
  } catch {
    // tree-sitter-wasms' C grammar not loadable in this runtime (ABI mismatch): parse C with the C++ grammar,
    // which accepts nearly all C.
    if (lang === 'c') return mod.Language.load(grammarPath(lang, true)).catch(() => undefined);
    return undefined;
  }
}

/** A parser for the language, or undefined when the runtime or grammar cannot be loaded. */
export function parserFor(lang: CodeLanguage): Promise<TS.Parser | undefined> {
  let p = parsers.get(lang);
  if (!p) {
    p = (async () => {
      const mod = await loadRuntime();
      if (!mod) return undefined;
      const language = await loadLanguage(mod, lang);
      if (!language) return undefined;
      try {
        const parser = new mod.Parser();
        parser.setLanguage(language);
        return parser;
      } catch {
        return undefined;
      }
    })();
    parsers.set(lang, p);
  }
  return p;
}

/** Parses text; undefined on any failure (never throws). */
export async function parse(lang: CodeLanguage, text: string): Promise<SyntaxTree | undefined> {
  const parser = await parserFor(lang);
  if (!parser) return undefined;
  try {
    return parser.parse(text) ?? undefined;
  } catch {
    return undefined;
  }
}
