// The definition rules of every tree-sitter language, and the one function that applies them.
import type { CodeLanguage } from '../languages';
import type { SyntaxNode } from '../treesitter';
import { cppRules, cRules } from './cfamily';
import { csharpRules } from './csharp';
import { goRules } from './go';
import { javaRules } from './java';
import { javascriptRules } from './javascript';
import { phpRules } from './php';
import { pythonRules } from './python';
import { rubyRules } from './ruby';
import { rustRules } from './rust';
import type { Def, LanguageRules } from './types';

export type { Def, LanguageRules } from './types';
export { lastRow } from './types';

const RULES: Record<CodeLanguage, LanguageRules> = {
  typescript: javascriptRules,
  tsx: javascriptRules,
  javascript: javascriptRules,
  python: pythonRules,
  go: goRules,
  rust: rustRules,
  java: javaRules,
  c: cRules,
  cpp: cppRules,
  csharp: csharpRules,
  ruby: rubyRules,
  php: phpRules,
};

export function rulesFor(lang: CodeLanguage): LanguageRules {
  return RULES[lang];
}

/** What `n` defines, if anything, in a class-like body (`inType`) or not. */
export function describe(rules: LanguageRules, n: SyntaxNode, inType: boolean): Def | undefined {
  const rule = rules.definitions[n.type];
  if (!rule) return undefined;
  return rule(n, { inType, fnKind: inType ? 'method' : 'function', describe: (c) => describe(rules, c, inType) });
}
