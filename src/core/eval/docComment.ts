// The doc text of a definition chunk, per language: the comment block right above the definition (JSDoc/TSDoc,
// Javadoc, PHPDoc, Go `//`, Rust and C# `///`, Ruby `#`) or a Python docstring. The chunker already put the leading
// comments and decorators into the definition's chunk, so only the chunk's own lines are read here.

export interface FoundDoc {
  /** The comment's prose, markers removed, lines joined with '\n'. */
  text: string;
  /** 1-based inclusive file lines that hold the doc (masked during evaluation). */
  lines: [number, number];
  /** 1-based file line of the definition itself. */
  defLine: number;
}

type LineKind = 'blank' | 'comment' | 'decorator' | 'code';

interface CommentStyle {
  /** A doc block opener (`/**`), or undefined when the language documents with line comments only. */
  block?: RegExp;
  /** Doc line comments (`///`, Go's `//`, Ruby's `#`). */
  line?: RegExp;
  /** Annotations or attributes between a doc comment and its definition. */
  decorator: RegExp;
}

/** Any comment of the C family: accepted as a definition's leading comment. */
const PLAIN: CommentStyle = { block: /^\/\*(?![*!]?\s*(eslint|istanbul|global|jshint|prettier|@ts-|#__PURE__))/, line: /^\/\/(?!\s*(eslint|prettier|@ts-|tslint|istanbul|#?region|#?endregion)\b)/, decorator: /^$^/ };
const JAVADOC: CommentStyle = { block: /^\/\*\*(?!\*)/, decorator: /^@\w/ };
const STYLES: Record<string, CommentStyle> = {
  typescript: JAVADOC,
  tsx: JAVADOC,
  javascript: JAVADOC,
  java: JAVADOC,
  php: { block: /^\/\*\*(?!\*)/, decorator: /^#\[/ },
  go: { line: /^\/\/(?!\/)/, decorator: /^$^/ },
  rust: { block: /^\/\*\*(?!\*)/, line: /^\/\/\/(?!\/)/, decorator: /^#!?\[/ },
  csharp: { block: /^\/\*\*(?!\*)/, line: /^\/\/\/(?!\/)/, decorator: /^\[/ },
  ruby: { line: /^#(?![!{]|\s*(frozen_string_literal|encoding|-\*-))/, decorator: /^$^/ },
  c: { block: /^\/\*\*(?!\*)/, line: /^\/\/[\/!]/, decorator: /^$^/ },
  cpp: { block: /^\/\*\*(?!\*)/, line: /^\/\/[\/!]/, decorator: /^\[\[/ },
  python: { decorator: /^@/ },
};

export function supportsDocs(language: string): boolean {
  return language in STYLES;
}

/**
 * The docs in a text (`startLine` is its first file line): every doc comment directly above a line of code
 * (decorators and attributes may sit between), or every Python docstring.
 */
export function findDocs(language: string, chunkText: string, startLine: number): FoundDoc[] {
  const style = STYLES[language];
  if (!style) return [];
  const lines = chunkText.split('\n');
  if (language === 'python') return pythonDocstrings(lines, startLine);
  const kinds = classify(lines, style);
  const out: FoundDoc[] = [];
  for (let def = 1; def < lines.length; def++) {
    if (kinds[def] !== 'code') continue;
    let end = def - 1;
    while (end >= 0 && kinds[end] === 'decorator') end--;
    if (end < 0 || kinds[end] !== 'comment') continue;
    // Doc comments above any code; a plain comment (many libraries document with /* … */ or //) only above a line
    // that defines something, never a remark above a statement.
    const begin = commentStart(lines, kinds, end, style) ?? (definesSomething(lines[def]) ? commentStart(lines, kinds, end, PLAIN) : undefined);
    if (begin === undefined) continue;
    const text = stripMarkers(lines.slice(begin, end + 1));
    if (text) out.push({ text, lines: [startLine + begin, startLine + end], defLine: startLine + def });
  }
  return out;
}

const CONTROL = /^\s*(if|else|for|while|do|switch|case|return|throw|catch|try|await|yield|new|delete|typeof)\b/;
const DEFINES = /\bfunction\b|=>|\b(class|interface|enum|struct|trait|impl|type|def|fn|func)\s|^\s*(export|public|private|protected|internal|static|async|abstract|override|virtual|pub)\b|^\s*[\w$.*&<>\[\], ]+\([^;]*\)\s*(\{|$)/;

/** A line that starts a definition (a function, method, class, an assigned function expression). */
function definesSomething(line: string): boolean {
  return !CONTROL.test(line) && DEFINES.test(line);
}

/** First line of the doc comment ending at `end`, or undefined when that comment is not a doc comment. */
function commentStart(lines: string[], kinds: LineKind[], end: number, style: CommentStyle): number | undefined {
  if (lines[end].trim().endsWith('*/')) {
    let begin = end;
    while (begin > 0 && !lines[begin].trim().startsWith('/*')) begin--;
    return style.block?.test(lines[begin].trim()) ? begin : undefined;
  }
  if (!style.line?.test(lines[end].trim())) return undefined;
  let begin = end;
  while (begin > 0 && kinds[begin - 1] === 'comment' && style.line.test(lines[begin - 1].trim())) begin--;
  return begin;
}

/** Each line's role, tracking /* … *\/ blocks (any block counts as a comment; only doc openers are docs). */
function classify(lines: string[], style: CommentStyle): LineKind[] {
  const out: LineKind[] = [];
  let inBlock = false;
  for (const raw of lines) {
    const t = raw.trim();
    if (inBlock) {
      out.push('comment');
      if (t.includes('*/')) inBlock = false;
      continue;
    }
    if (t === '') out.push('blank');
    else if (t.startsWith('/*')) {
      out.push('comment');
      inBlock = !t.slice(2).includes('*/');
    } else if (t.startsWith('//') || (style.line?.test(t) ?? false)) out.push('comment');
    else if (style.decorator.test(t)) out.push('decorator');
    else out.push('code');
  }
  return out;
}

/** Comment markers, JSDoc tags and everything after the first tag removed. */
function stripMarkers(lines: string[]): string {
  const body: string[] = [];
  for (const raw of lines) {
    let t = raw.trim();
    t = t.replace(/^\/\*+!?/, '').replace(/\*+\/$/, '').replace(/^(\/\/[\/!]?|#)/, '').replace(/^\*(?!\/)/, '').trim();
    if (/^@\w/.test(t) || /^<(param|returns?|exception|typeparam|remarks|example)\b/.test(t)) break;
    body.push(t);
  }
  return body.join('\n').trim();
}

function pythonDocstrings(lines: string[], startLine: number): FoundDoc[] {
  const out: FoundDoc[] = [];
  lines.forEach((l, i) => {
    if (!/^\s*(async\s+)?(def|class)\s/.test(l)) return;
    const doc = pythonDocstring(lines, i, startLine);
    if (doc) out.push(doc);
  });
  return out;
}

/** A docstring: the first statement after the signature, a string literal. */
function pythonDocstring(lines: string[], def: number, startLine: number): FoundDoc | undefined {
  let sig = def;
  while (sig < lines.length && !/:\s*(#.*)?$/.test(lines[sig])) sig++;
  let s = sig + 1;
  while (s < lines.length && lines[s].trim() === '') s++;
  if (s >= lines.length) return undefined;
  const m = /^\s*[rRuU]?("""|'''|"|')/.exec(lines[s]);
  if (!m) return undefined;
  const quote = m[1];
  const open = lines[s].indexOf(quote) + quote.length;
  let e = s;
  let close = lines[s].indexOf(quote, open);
  while (close < 0 && quote.length === 3 && e + 1 < lines.length) {
    e++;
    close = lines[e].indexOf(quote);
  }
  if (close < 0) return undefined;
  const parts = e === s ? [lines[s].slice(open, close)] : [lines[s].slice(open), ...lines.slice(s + 1, e), lines[e].slice(0, close)];
  const text = parts
    .map((l) => l.trim())
    .join('\n')
    .trim();
  if (!text) return undefined;
  return { text, lines: [startLine + s, startLine + e], defLine: startLine + def };
}

/**
 * The file text with the doc replaced by blank lines (line numbers kept). A Python docstring becomes `""` so the
 * body stays valid; a Markdown heading keeps its level with a neutral word so the section keeps its bounds.
 */
export function maskLines(fileText: string, language: string, lines: [number, number]): string {
  const all = fileText.split('\n');
  for (let n = lines[0]; n <= lines[1]; n++) {
    const i = n - 1;
    if (i < 0 || i >= all.length) continue;
    const indent = /^\s*/.exec(all[i])![0];
    if (language === 'python' && n === lines[0]) all[i] = `${indent}""`;
    else if (language === 'markdown') all[i] = all[i].replace(/^(\s*#+\s*).*$/, '$1section');
    else all[i] = '';
  }
  return all.join('\n');
}
