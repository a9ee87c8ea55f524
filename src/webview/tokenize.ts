// Tokens for the result previews: comments, strings, numbers, keywords, calls and type-like
// names. Pure (no DOM), so it is unit-tested; highlight.ts turns the tokens into nodes.

const KEYWORDS = new Set(
  (
    'abstract and as async await break case catch class const continue def default defer del delete do elif else enum export ' +
    'extends false final finally fn for from func function go if impl implements import in instanceof interface is lambda let ' +
    'match mod module mut new nil none not null or package pass private protected pub public raise readonly return self static ' +
    'struct super switch this throw throws trait true try type typeof undefined use var void where while with yield'
  ).split(' '),
);

const TOKEN =
  /(\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\b\d[\d_.xXa-fA-F]*\b|[A-Za-z_$][\w$]*)/g;

export type TokenClass = 'comment' | 'string' | 'number' | 'keyword' | 'call' | 'type' | 'plain';

export function tokenize(code: string, language: string): { text: string; cls: TokenClass }[] {
  const hashComments = /^(python|ruby|shellscript|bash|sh|yaml|toml|perl|r|makefile|dockerfile)$/.test(language);
  const out: { text: string; cls: TokenClass }[] = [];
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    const t = m[0];
    const at = m.index ?? 0;
    if (at > last) out.push({ text: code.slice(last, at), cls: 'plain' });
    last = at + t.length;
    let cls: TokenClass = 'plain';
    if (t.startsWith('//') || t.startsWith('/*')) cls = 'comment';
    else if (t.startsWith('#')) cls = hashComments ? 'comment' : 'plain';
    else if (/^["'`]/.test(t)) cls = 'string';
    else if (/^\d/.test(t)) cls = 'number';
    else if (KEYWORDS.has(t)) cls = 'keyword';
    else if (code[last] === '(') cls = 'call';
    else if (/^[A-Z][a-z]/.test(t)) cls = 'type';
    out.push({ text: t, cls });
  }
  if (last < code.length) out.push({ text: code.slice(last), cls: 'plain' });
  return out;
}
