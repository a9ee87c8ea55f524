// Finds documented functions in JavaScript / TypeScript source with the TypeScript compiler API
// (no regular expressions on code): the query is the first sentence of the doc comment, the
// target is the function's line range (doc comment excluded).
import * as ts from 'typescript';
import { firstSentence } from './sentences';

export interface DocumentedFunction {
  symbol: string;
  /** 1-based inclusive line range of the function (or declaration), doc comment excluded. */
  startLine: number;
  endLine: number;
  /** Character range of the doc comment to blank out in the indexed copy. */
  docStart: number;
  docEnd: number;
  query: string;
}

export interface FunctionSpan {
  symbol: string;
  startLine: number;
  endLine: number;
  /** Source text of the function (doc comment excluded). */
  start: number;
  end: number;
}

export interface ExtractedFile {
  documented: DocumentedFunction[];
  /** Every named function-like node (documented or not): the "oracle chunks" of the anchors. */
  functions: FunctionSpan[];
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.d\.[cm]?ts$/.test(fileName) || /\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  return ts.ScriptKind.JS;
}

/** Name of a property-name-like node, or '' when it is computed. */
function nameText(name: ts.Node | undefined): string {
  if (!name) return '';
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isPropertyAccessExpression(name)) {
    const left = nameText(name.expression);
    return left ? `${left}.${name.name.text}` : name.name.text;
  }
  return '';
}

/**
 * For a function-like node, the statement or member that carries its doc comment and its symbol.
 * Returns undefined for anonymous functions (callbacks) and nested helpers without a name.
 */
function ownerOf(node: ts.Node): { owner: ts.Node; symbol: string } | undefined {
  const cls = (n: ts.Node): string => {
    const p = n.parent;
    if (p && (ts.isClassLike(p) || ts.isInterfaceDeclaration(p)) && p.name) return `${p.name.text}.`;
    return '';
  };
  if (ts.isFunctionDeclaration(node)) return node.name ? { owner: node, symbol: node.name.text } : undefined;
  if (
    ts.isMethodDeclaration(node) ||
    ts.isMethodSignature(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  ) {
    const n = nameText(node.name);
    return n ? { owner: node, symbol: cls(node) + n } : undefined;
  }
  if (ts.isConstructorDeclaration(node)) return { owner: node, symbol: `${cls(node)}constructor` };
  if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
    let p: ts.Node = node.parent;
    while (p && ts.isParenthesizedExpression(p)) p = p.parent;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
      const list = p.parent;
      const stmt = list?.parent;
      if (stmt && ts.isVariableStatement(stmt) && ts.isVariableDeclarationList(list) && list.declarations.length === 1) {
        return { owner: stmt, symbol: p.name.text };
      }
      return { owner: p, symbol: p.name.text };
    }
    if (ts.isPropertyAssignment(p)) {
      const n = nameText(p.name);
      return n ? { owner: p, symbol: n } : undefined;
    }
    if (ts.isPropertyDeclaration(p) && p.initializer === node) {
      const n = nameText(p.name);
      return n ? { owner: p, symbol: cls(p) + n } : undefined;
    }
    // `P.abs = P.absoluteValue = function () {...}` : climb the assignment chain to the statement.
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === node) {
      let top: ts.Node = p;
      while (ts.isBinaryExpression(top.parent) && top.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) top = top.parent;
      const symbol = nameText((p as ts.BinaryExpression).left);
      if (!symbol) return undefined;
      return { owner: ts.isExpressionStatement(top.parent) ? top.parent : top, symbol };
    }
    return undefined;
  }
  return undefined;
}

function isFunctionLike(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isMethodSignature(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node)
  );
}

interface DocComment {
  start: number;
  end: number;
  description: string;
}

/** The closest JSDoc block of a node, if any. */
function closestJsDoc(node: ts.Node, sf: ts.SourceFile): DocComment | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter((d): d is ts.JSDoc => ts.isJSDoc(d));
  // getJSDocCommentsAndTags may include docs of enclosing declarations; keep the ones attached to this node.
  const own = docs.filter((d) => d.parent === node);
  const doc = own[own.length - 1];
  if (!doc) return undefined;
  return { start: doc.getStart(sf), end: doc.getEnd(), description: ts.getTextOfJSDocComment(doc.comment) ?? '' };
}

/** Strip comment markers: `/*`, `*\/`, leading `*` of block lines, `//` of line comments. */
function commentProse(raw: string, kind: ts.SyntaxKind): string {
  if (kind === ts.SyntaxKind.SingleLineCommentTrivia) return raw.replace(/^\/\/+\s?/, '');
  return raw
    .replace(/^\/\*+/, '')
    .replace(/\*+\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .join('\n');
}

/**
 * A plain comment right above the node (no blank line between): the last block comment, or the
 * run of consecutive line comments. Many libraries (decimal.js, bignumber.js, knex) document this way.
 */
function closestPlainComment(node: ts.Node, sf: ts.SourceFile): DocComment | undefined {
  const text = sf.text;
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  if (ranges.length === 0) return undefined;
  const start = node.getStart(sf, false);
  const adjacent = (end: number, next: number): boolean => !/\n[ \t]*\r?\n/.test(text.slice(end, next));
  let i = ranges.length - 1;
  if (!adjacent(ranges[i].end, start)) return undefined;
  if (ranges[i].kind === ts.SyntaxKind.MultiLineCommentTrivia) {
    const r = ranges[i];
    return { start: r.pos, end: r.end, description: commentProse(text.slice(r.pos, r.end), r.kind) };
  }
  let first = i;
  while (first > 0 && ranges[first - 1].kind === ts.SyntaxKind.SingleLineCommentTrivia && adjacent(ranges[first - 1].end, ranges[first].pos)) first--;
  const lines = ranges.slice(first, i + 1).map((r) => commentProse(text.slice(r.pos, r.end), r.kind));
  return { start: ranges[first].pos, end: ranges[i].end, description: lines.join('\n') };
}

export function extractFunctions(fileName: string, text: string): ExtractedFile {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const documented: DocumentedFunction[] = [];
  const functions: FunctionSpan[] = [];
  const seenOwners = new Set<ts.Node>();

  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node)) {
      const o = ownerOf(node);
      if (o && !seenOwners.has(o.owner)) {
        seenOwners.add(o.owner);
        const start = o.owner.getStart(sf, false); // excludes the JSDoc
        const end = o.owner.getEnd();
        const span: FunctionSpan = { symbol: o.symbol, startLine: lineOf(start), endLine: lineOf(end), start, end };
        functions.push(span);
        const doc = closestJsDoc(o.owner, sf) ?? closestPlainComment(o.owner, sf);
        if (doc) {
          const query = firstSentence(doc.description);
          if (query && !/\b(?:copyright|license|licence|eslint|istanbul|@ts-)/i.test(query)) {
            documented.push({
              symbol: o.symbol,
              startLine: span.startLine,
              endLine: span.endLine,
              docStart: doc.start,
              docEnd: doc.end,
              query,
            });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { documented, functions };
}
