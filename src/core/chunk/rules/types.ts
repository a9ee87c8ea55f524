// What a language's definition rules look like, and the tree-sitter helpers they share. One file per language
// (or family) holds its table; adding a language is adding a file and a line in rules/index.ts.
import type { ChunkKind } from '../../types';
import type { SyntaxNode } from '../treesitter';

export interface Def {
  kind: ChunkKind;
  name: string;
  /** Node whose named children are members (class body, impl body, module body). */
  body?: SyntaxNode | null;
  /** Namespaces that are always opened and do not qualify symbols (C#, C++, PHP). */
  transparent?: boolean;
  /** The name is already fully qualified (Go methods: `Type.Method`). */
  absolute?: boolean;
  /** An anonymous default export (`export default function () {…}`, `module.exports = …`): named after the file. */
  fileNamed?: boolean;
}

export interface RuleContext {
  /** Inside a class-like body: functions are methods. */
  inType: boolean;
  /** 'method' inside a type, else 'function'. */
  fnKind: ChunkKind;
  /** Describes another node (a wrapped declaration) with the same context. */
  describe(n: SyntaxNode): Def | undefined;
}

/** How one node type defines something; undefined when this node, after all, does not. */
export type DefRule = (n: SyntaxNode, cx: RuleContext) => Def | undefined;

export interface LanguageRules {
  /** Node type → rule. A node type missing here never starts a definition. */
  definitions: Readonly<Record<string, DefRule>>;
  /** Lines right above a definition that belong to it: comments, decorators, attributes. */
  leading: RegExp;
  /**
   * Statements of the file preamble: imports, requires, includes, package clauses, directives. They become chunks of
   * their own (kind 'imports'), never merged into a definition, whose meaning their names would drown.
   */
  preamble: (n: SyntaxNode) => boolean;
  /**
   * Directives that belong to a preamble but do not make one (`'use strict'`, `<?php`, `#![…]`): like comments, they
   * join a run of imports; alone they stay with the code.
   */
  directive?: (n: SyntaxNode) => boolean;
}

/** A preamble predicate from node types. */
export const nodeTypes =
  (...types: string[]): ((n: SyntaxNode) => boolean) =>
  (n) =>
    types.includes(n.type);

/** The last row a node really occupies (a node ending at column 0 ends on the row before). */
export function lastRow(n: SyntaxNode): number {
  const end = n.endPosition;
  return end.column === 0 && end.row > n.startPosition.row ? end.row - 1 : end.row;
}

/** The node's `name` field, cleaned. */
export function nameOf(n: SyntaxNode | null | undefined): string {
  if (!n) return '';
  const f = n.childForFieldName('name');
  return f ? cleanName(f.text) : '';
}

/** Generic arguments and whitespace removed, `::` and `\` as dots. */
export function cleanName(s: string): string {
  return s
    .replace(/<[^<>]*>/g, '')
    .replace(/::|\\/g, '.')
    .replace(/\s+/g, '')
    .replace(/^\.+|\.+$/g, '');
}

export function onlyNamedChild(n: SyntaxNode): SyntaxNode | null {
  return n.namedChildCount === 1 ? n.namedChild(0) : null;
}

/** A definition named by the node's `name` field. */
export const named =
  (kind: ChunkKind | 'fn', withBody = false): DefRule =>
  (n, cx) => ({ kind: kind === 'fn' ? cx.fnKind : kind, name: nameOf(n), ...(withBody ? { body: n.childForFieldName('body') } : {}) });

/** A wrapper whose `field` child is the real declaration (exports, decorators). */
export const unwrap =
  (field: string): DefRule =>
  (n, cx) => {
    const d = n.childForFieldName(field);
    return d ? cx.describe(d) : undefined;
  };

export const C_LIKE_LEADING = /^(\/\/|\/\*|\*)/;
