// Code files: tree-sitter definitions (functions, methods, classes, …) with their leading comments, large nodes
// split on inner boundaries, the code between definitions as blocks.
import type { ChunkKind } from '../types';
import type { CodeLanguage } from './languages';
import { type FileCtx, type Piece, budgetFor, estRange, splitRange, trimRange } from './plan';
import type { SyntaxNode } from './treesitter';

interface Def {
  kind: ChunkKind;
  name: string;
  /** Node whose named children are members (class body, impl body, module body). */
  body?: SyntaxNode | null;
  /** Namespaces that are always opened and do not qualify symbols (C#, C++, PHP). */
  transparent?: boolean;
  /** The name is already fully qualified (Go methods: `Type.Method`). */
  absolute?: boolean;
}

interface DefItem {
  start: number;
  end: number;
  node: SyntaxNode;
  def: Def;
  symbol: string;
}

export function lastRow(n: SyntaxNode): number {
  const end = n.endPosition;
  return end.column === 0 && end.row > n.startPosition.row ? end.row - 1 : end.row;
}

function nameOf(n: SyntaxNode | null | undefined): string {
  if (!n) return '';
  const f = n.childForFieldName('name');
  return f ? cleanName(f.text) : '';
}

function cleanName(s: string): string {
  return s
    .replace(/<[^<>]*>/g, '')
    .replace(/::|\\/g, '.')
    .replace(/\s+/g, '')
    .replace(/^\.+|\.+$/g, '');
}

/** C/C++: the declared name inside nested declarators (`int *(*foo)(int)`, `Foo::bar`). */
function declaratorName(n: SyntaxNode | null): string {
  for (let i = 0; n && i < 12; i++) {
    switch (n.type) {
      case 'identifier':
      case 'field_identifier':
      case 'type_identifier':
      case 'qualified_identifier':
      case 'destructor_name':
      case 'operator_name':
      case 'primitive_type':
        return cleanName(n.text);
    }
    n = n.childForFieldName('declarator') ?? n.namedChild(0);
  }
  return '';
}

function onlyNamedChild(n: SyntaxNode): SyntaxNode | null {
  return n.namedChildCount === 1 ? n.namedChild(0) : null;
}

const FN_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

function describe(n: SyntaxNode, lang: CodeLanguage, inType: boolean): Def | undefined {
  const fnKind: ChunkKind = inType ? 'method' : 'function';
  const t = n.type;
  switch (lang) {
    case 'typescript':
    case 'tsx':
    case 'javascript': {
      switch (t) {
        case 'export_statement': {
          const d = n.childForFieldName('declaration') ?? n.childForFieldName('value');
          return d ? describe(d, lang, inType) : undefined;
        }
        case 'ambient_declaration':
        case 'expression_statement': {
          const c = t === 'ambient_declaration' ? n.namedChild(0) : onlyNamedChild(n);
          if (c?.type === 'assignment_expression') {
            // `Foo.prototype.bar = function () {…}`, `exports.baz = () => …`, and chained aliases
            // `P.absoluteValue = P.abs = function () {…}` (named after the first, longest-lived name).
            let right = c.childForFieldName('right');
            const left = c.childForFieldName('left');
            while (right?.type === 'assignment_expression') right = right.childForFieldName('right');
            if (!right || !left || !FN_VALUES.has(right.type)) return undefined;
            const name = cleanName(left.text).replace(/\.prototype\./g, '.').replace(/^(module\.)?exports\.|^this\./, '');
            return { kind: name.includes('.') ? 'method' : 'function', name, absolute: name.includes('.') };
          }
          return c && c.type !== 'expression_statement' ? describe(c, lang, inType) : undefined;
        }
        case 'function_declaration':
        case 'generator_function_declaration':
        case 'function_signature':
          return { kind: fnKind, name: nameOf(n) };
        case 'class_declaration':
        case 'abstract_class_declaration':
        case 'class':
          return { kind: 'class', name: nameOf(n), body: n.childForFieldName('body') };
        case 'interface_declaration':
          return { kind: 'interface', name: nameOf(n) };
        case 'type_alias_declaration':
          return { kind: 'type', name: nameOf(n) };
        case 'enum_declaration':
          return { kind: 'enum', name: nameOf(n) };
        case 'internal_module':
        case 'module':
          return { kind: 'module', name: nameOf(n).replace(/^['"]|['"]$/g, ''), body: n.childForFieldName('body') };
        case 'method_definition':
        case 'method_signature':
        case 'abstract_method_signature':
          return inType ? { kind: 'method', name: nameOf(n) } : undefined;
        case 'public_field_definition':
        case 'field_definition': {
          const v = n.childForFieldName('value');
          return inType && v && FN_VALUES.has(v.type)
            ? { kind: 'method', name: nameOf(n) || cleanName(n.childForFieldName('property')?.text ?? '') }
            : undefined;
        }
        case 'lexical_declaration':
        case 'variable_declaration': {
          const decl = onlyNamedChild(n);
          const v = decl?.childForFieldName('value');
          if (!decl || !v) return undefined;
          if (FN_VALUES.has(v.type)) return { kind: fnKind, name: nameOf(decl) };
          if (v.type === 'class') return { kind: 'class', name: nameOf(decl), body: v.childForFieldName('body') };
          return undefined;
        }
      }
      return undefined;
    }
    case 'python':
      switch (t) {
        case 'decorated_definition': {
          const d = n.childForFieldName('definition');
          return d ? describe(d, lang, inType) : undefined;
        }
        case 'function_definition':
          return { kind: fnKind, name: nameOf(n) };
        case 'class_definition':
          return { kind: 'class', name: nameOf(n), body: n.childForFieldName('body') };
      }
      return undefined;
    case 'go':
      switch (t) {
        case 'function_declaration':
          return { kind: 'function', name: nameOf(n) };
        case 'method_declaration': {
          const recv = n.childForFieldName('receiver');
          const param = recv?.namedChild(0);
          const type = cleanName((param?.childForFieldName('type') ?? param)?.text ?? '').replace(/^[*&]+/, '');
          const name = nameOf(n);
          return { kind: 'method', name: type ? `${type}.${name}` : name, absolute: true };
        }
        case 'type_declaration': {
          const spec = n.namedChildren.find((c) => c && (c.type === 'type_spec' || c.type === 'type_alias'));
          const ty = spec?.childForFieldName('type')?.type;
          const kind: ChunkKind = ty === 'struct_type' ? 'class' : ty === 'interface_type' ? 'interface' : 'type';
          return { kind, name: nameOf(spec) };
        }
      }
      return undefined;
    case 'rust':
      switch (t) {
        case 'function_item':
        case 'function_signature_item':
          return { kind: fnKind, name: nameOf(n) };
        case 'macro_definition':
          return { kind: 'function', name: nameOf(n) };
        case 'struct_item':
        case 'union_item':
          return { kind: 'class', name: nameOf(n) };
        case 'enum_item':
          return { kind: 'enum', name: nameOf(n) };
        case 'type_item':
          return { kind: 'type', name: nameOf(n) };
        case 'trait_item':
          return { kind: 'interface', name: nameOf(n), body: n.childForFieldName('body') };
        case 'impl_item':
          return { kind: 'class', name: cleanName(n.childForFieldName('type')?.text ?? ''), body: n.childForFieldName('body') };
        case 'mod_item':
          return { kind: 'module', name: nameOf(n), body: n.childForFieldName('body') };
      }
      return undefined;
    case 'java':
      switch (t) {
        case 'class_declaration':
        case 'record_declaration':
          return { kind: 'class', name: nameOf(n), body: n.childForFieldName('body') };
        case 'interface_declaration':
        case 'annotation_type_declaration':
          return { kind: 'interface', name: nameOf(n), body: n.childForFieldName('body') };
        case 'enum_declaration':
          return { kind: 'enum', name: nameOf(n), body: n.childForFieldName('body') };
        case 'method_declaration':
        case 'constructor_declaration':
        case 'compact_constructor_declaration':
          return { kind: 'method', name: nameOf(n) };
      }
      return undefined;
    case 'c':
    case 'cpp':
      switch (t) {
        case 'function_definition': {
          const name = declaratorName(n.childForFieldName('declarator'));
          return { kind: inType || name.includes('.') ? 'method' : 'function', name };
        }
        case 'struct_specifier':
        case 'union_specifier':
        case 'class_specifier':
          if (!n.childForFieldName('body')) return undefined;
          return { kind: 'class', name: nameOf(n), body: lang === 'cpp' ? n.childForFieldName('body') : undefined };
        case 'enum_specifier':
          return n.childForFieldName('body') ? { kind: 'enum', name: nameOf(n) } : undefined;
        case 'type_definition': {
          const ty = n.childForFieldName('type');
          if (!ty?.childForFieldName('body')) return undefined;
          return { kind: 'type', name: declaratorName(n.childForFieldName('declarator')) };
        }
        case 'namespace_definition':
        case 'linkage_specification':
          return n.childForFieldName('body') ? { kind: 'module', name: '', body: n.childForFieldName('body'), transparent: true } : undefined;
        case 'template_declaration': {
          for (const c of n.namedChildren) {
            const d = c && describe(c, lang, inType);
            if (d && !d.transparent) return d;
          }
          return undefined;
        }
      }
      return undefined;
    case 'csharp':
      switch (t) {
        case 'class_declaration':
        case 'struct_declaration':
        case 'record_declaration':
        case 'record_struct_declaration':
          return { kind: 'class', name: nameOf(n), body: n.childForFieldName('body') };
        case 'interface_declaration':
          return { kind: 'interface', name: nameOf(n), body: n.childForFieldName('body') };
        case 'enum_declaration':
          return { kind: 'enum', name: nameOf(n) };
        case 'delegate_declaration':
          return { kind: 'type', name: nameOf(n) };
        case 'method_declaration':
        case 'constructor_declaration':
        case 'destructor_declaration':
        case 'operator_declaration':
        case 'conversion_operator_declaration':
          return { kind: 'method', name: nameOf(n) || (t === 'operator_declaration' ? 'operator' : '') };
        case 'local_function_statement':
          return { kind: 'function', name: nameOf(n) };
        case 'global_statement': {
          const c = onlyNamedChild(n);
          return c ? describe(c, lang, inType) : undefined;
        }
        case 'namespace_declaration':
          return { kind: 'module', name: '', body: n.childForFieldName('body'), transparent: true };
        case 'file_scoped_namespace_declaration':
          return { kind: 'module', name: '', body: n, transparent: true };
      }
      return undefined;
    case 'ruby':
      switch (t) {
        case 'method':
          return { kind: fnKind, name: nameOf(n) };
        case 'singleton_method':
          return { kind: 'method', name: nameOf(n) };
        case 'class':
          return { kind: 'class', name: nameOf(n), body: n.childForFieldName('body') };
        case 'module':
          return { kind: 'module', name: nameOf(n), body: n.childForFieldName('body') };
        case 'singleton_class':
          return { kind: 'class', name: '', body: n.childForFieldName('body'), transparent: true };
      }
      return undefined;
    case 'php':
      switch (t) {
        case 'function_definition':
          return { kind: 'function', name: nameOf(n) };
        case 'method_declaration':
          return { kind: 'method', name: nameOf(n) };
        case 'class_declaration':
        case 'trait_declaration':
          return { kind: 'class', name: nameOf(n), body: n.childForFieldName('body') };
        case 'interface_declaration':
          return { kind: 'interface', name: nameOf(n), body: n.childForFieldName('body') };
        case 'enum_declaration':
          return { kind: 'enum', name: nameOf(n), body: n.childForFieldName('body') };
        case 'namespace_definition':
          return n.childForFieldName('body') ? { kind: 'module', name: '', body: n.childForFieldName('body'), transparent: true } : undefined;
      }
      return undefined;
  }
  return undefined;
}

const C_LIKE_COMMENT = /^(\/\/|\/\*|\*)/;
function leadPattern(lang: CodeLanguage): RegExp {
  switch (lang) {
    case 'python':
      return /^(#|@)/;
    case 'ruby':
      return /^#/;
    case 'rust':
      return /^(\/\/|\/\*|\*|#!?\[)/;
    case 'csharp':
      return /^(\/\/|\/\*|\*|\[)/;
    case 'php':
      return /^(\/\/|\/\*|\*|#)/;
    case 'c':
    case 'cpp':
      return C_LIKE_COMMENT;
    default:
      return /^(\/\/|\/\*|\*|@)/; // TS/JS/Java decorators and annotations
  }
}

function isCommentLike(n: SyntaxNode): boolean {
  const t = n.type;
  return t.includes('comment') || t === 'decorator' || t === 'attribute_item' || t === 'attribute_list' || t === 'annotation';
}

export class CodeChunker {
  private readonly lead: RegExp;
  constructor(
    private readonly ctx: FileCtx,
    private readonly lang: CodeLanguage,
  ) {
    this.lead = leadPattern(lang);
  }

  /** First row of a definition including the comments / decorators / attributes right above it. */
  private leadingStart(node: SyntaxNode, floor: number): number {
    let start = node.startPosition.row;
    for (let prev = node.previousNamedSibling; prev && isCommentLike(prev); prev = prev.previousNamedSibling) {
      if (lastRow(prev) < start - 1 || prev.startPosition.row <= floor) break;
      start = prev.startPosition.row;
    }
    const lines = this.ctx.lines;
    while (start - 1 > floor && this.lead.test(lines[start - 1].trimStart())) start--;
    return start;
  }

  private gatherDefs(container: SyntaxNode, scope: string, inType: boolean, floor: number): DefItem[] {
    const out: DefItem[] = [];
    let prevEnd = floor;
    for (const child of container.namedChildren) {
      if (!child) continue;
      const def = describe(child, this.lang, inType);
      if (def?.transparent && def.body) {
        const inner = def.body === child ? child : def.body;
        out.push(...this.gatherDefs(inner, scope, inType, Math.max(prevEnd, inner.startPosition.row)));
        prevEnd = lastRow(child);
        continue;
      }
      if (def) {
        const symbol = def.absolute || !scope ? def.name : def.name ? `${scope}.${def.name}` : scope;
        out.push({ start: this.leadingStart(child, prevEnd), end: lastRow(child), node: child, def, symbol });
      }
      if (!isCommentLike(child)) prevEnd = lastRow(child);
    }
    return out;
  }

  /** Pieces covering rows [from, to] of `container` (root, or the body of a class too large for one chunk). */
  expand(
    from: number,
    to: number,
    container: SyntaxNode,
    scope: string,
    inType: boolean,
    gapKind: ChunkKind,
    out: Piece[],
    items?: DefItem[],
  ): void {
    items ??= this.gatherDefs(container, scope, inType, from - 1);
    let cursor = from;
    for (const item of items) {
      const s = Math.max(item.start, cursor);
      if (s > item.end || item.end > to) continue;
      if (s > cursor) this.gap(cursor, s - 1, container, gapKind, scope, out);
      this.definition({ ...item, start: s }, out);
      cursor = item.end + 1;
    }
    if (cursor <= to) this.gap(cursor, to, container, gapKind, scope, out);
  }

  private definition(item: DefItem, out: Piece[]): void {
    const ctx = this.ctx;
    const budget = budgetFor(ctx, item.symbol);
    if (estRange(ctx, item.start, item.end) <= budget) {
      out.push({ start: item.start, end: item.end, kind: item.def.kind, symbol: item.symbol, def: true });
      return;
    }
    const body = item.def.body;
    if (body) {
      const inType = item.def.kind !== 'module'; // functions in a namespace / module are not methods
      const members = this.gatherDefs(body, item.symbol, inType, body.startPosition.row - 1);
      if (members.length > 0) {
        this.expand(item.start, item.end, body, item.symbol, inType, item.def.kind, out, members);
        return;
      }
    }
    const first = out.length;
    this.splitNode(item.start, item.end, [item.node], item.def.kind, item.symbol, out);
    for (let i = first; i < out.length; i++) out[i].frag = true;
  }

  private gap(
    s: number,
    e: number,
    container: SyntaxNode,
    kind: ChunkKind,
    symbol: string,
    out: Piece[],
    deep = true,
  ): void {
    const r = trimRange(this.ctx, s, e);
    if (!r) return;
    if (estRange(this.ctx, r[0], r[1]) <= budgetFor(this.ctx, symbol)) {
      out.push({ start: r[0], end: r[1], kind, symbol });
      return;
    }
    const nodes: SyntaxNode[] = [];
    for (const c of container.namedChildren) {
      if (!c) continue;
      if (lastRow(c) < r[0]) continue;
      if (c.startPosition.row > r[1]) break;
      nodes.push(c);
    }
    if (deep) {
      // Definitions wrapped in a large statement (UMD/IIFE wrappers, `if __name__ == …`, `export default {…}`).
      const nested: DefItem[] = [];
      for (const n of nodes) {
        if (lastRow(n) - n.startPosition.row > 2) this.nestedDefs(n, symbol, 0, nested);
      }
      const items = nested.filter((it) => it.start >= r[0] && it.end <= r[1]);
      if (items.length > 0) {
        let cursor = r[0];
        for (const item of items) {
          const st = Math.max(item.start, cursor);
          if (st > item.end) continue;
          if (st > cursor) this.gap(cursor, st - 1, container, kind, symbol, out, false);
          this.definition({ ...item, start: st }, out);
          cursor = item.end + 1;
        }
        if (cursor <= r[1]) this.gap(cursor, r[1], container, kind, symbol, out, false);
        return;
      }
    }
    this.splitNode(r[0], r[1], nodes, kind, symbol, out);
  }

  private nestedDefs(n: SyntaxNode, scope: string, depth: number, out: DefItem[]): void {
    let prevEnd = n.startPosition.row - 1;
    for (const c of n.namedChildren) {
      if (!c) continue;
      const def = describe(c, this.lang, false);
      if (def && !def.transparent) {
        const symbol = def.absolute || !scope ? def.name : def.name ? `${scope}.${def.name}` : scope;
        out.push({ start: this.leadingStart(c, prevEnd), end: lastRow(c), node: c, def, symbol });
      } else if (depth < 8 && lastRow(c) > c.startPosition.row) {
        this.nestedDefs(c, scope, depth + 1, out);
      }
      if (!isCommentLike(c)) prevEnd = lastRow(c);
    }
  }

  private splitNode(s: number, e: number, nodes: SyntaxNode[], kind: ChunkKind, symbol: string, out: Piece[]): void {
    const ctx = this.ctx;
    const budget = budgetFor(ctx, symbol);
    if (estRange(ctx, s, e) <= budget) {
      out.push({ start: s, end: e, kind, symbol });
      return;
    }
    const bounds = boundsOf(nodes, s, e);
    // Blank lines are good places to cut too.
    for (let i = s + 1; i <= e; i++) {
      if (ctx.lines[i - 1].trim() === '' && ctx.lines[i].trim() !== '' && !bounds.has(i)) bounds.set(i, 3);
    }
    for (const [a, b] of splitRange(ctx, s, e, budget, bounds)) {
      const sub = new Map<number, number>();
      for (const [row, d] of bounds) if (row > a && row <= b) sub.set(row, d);
      out.push({ start: a, end: b, kind, symbol, bounds: sub });
    }
  }
}

/** Rows where named descendants start (depth = nesting below the given nodes), the shallowest depth per row. */
function boundsOf(nodes: SyntaxNode[], s: number, e: number, maxDepth = 5): Map<number, number> {
  const bounds = new Map<number, number>();
  const visit = (n: SyntaxNode, depth: number) => {
    const row = n.startPosition.row;
    if (row > s && row <= e) {
      const d = bounds.get(row);
      if (d === undefined || depth < d) bounds.set(row, depth);
    }
    if (depth >= maxDepth || lastRow(n) === row) return;
    for (const c of n.namedChildren) if (c && lastRow(c) >= s && c.startPosition.row <= e) visit(c, depth + 1);
  };
  for (const n of nodes) visit(n, 0);
  return bounds;
}
