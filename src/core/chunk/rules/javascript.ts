// JavaScript, TypeScript and TSX: declarations, class members, `const f = () => …`, functions handed to a wrapper
// (`var bindAll = flatRest(function …)`), assignments of functions (`Foo.prototype.bar = function …`,
// `exports.baz = …`, `module.exports = curry(function …)`), and prototype objects (`Foo.prototype = { … }`).
import type { SyntaxNode } from '../treesitter';
import { type Def, type DefRule, type LanguageRules, cleanName, named, nameOf, onlyNamedChild } from './types';

const FN_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

/** A function value, or a call that wraps one (`flatRest(function …)`, `curry(memoize(() => …))`). */
function functionValue(v: SyntaxNode | null | undefined, depth = 0): SyntaxNode | undefined {
  if (!v) return undefined;
  if (FN_VALUES.has(v.type)) return v;
  if (v.type === 'parenthesized_expression') return functionValue(v.namedChild(0), depth);
  if (v.type !== 'call_expression' || depth >= 2) return undefined;
  const callee = v.childForFieldName('function');
  if (callee?.type === 'import' || callee?.text === 'require') return undefined;
  for (const a of v.childForFieldName('arguments')?.namedChildren ?? []) {
    const f = functionValue(a, depth + 1);
    if (f) return f;
  }
  return undefined;
}

const isModuleExports = (s: string) => /^(module\.exports|exports\.default|module\.exports\.default)$/.test(s);

const assignment = (c: SyntaxNode): Def | undefined => {
  // Chained aliases `P.absoluteValue = P.abs = function () {…}` are named after the first, longest-lived name.
  let right = c.childForFieldName('right');
  const left = c.childForFieldName('left');
  while (right?.type === 'assignment_expression') right = right.childForFieldName('right');
  if (!right || !left) return undefined;
  const target = cleanName(left.text);
  if (right.type === 'class') {
    const name = isModuleExports(target) ? nameOf(right) : target.replace(/^(module\.)?exports\./, '');
    return { kind: 'class', name, body: right.childForFieldName('body'), fileNamed: !name };
  }
  if (right.type === 'object' && /\.prototype$/.test(target)) {
    // `Foo.prototype = { bar: function () {…}, baz() {…} }`: Foo's members.
    return { kind: 'class', name: target.replace(/\.prototype$/, ''), body: right, absolute: true };
  }
  const fn = functionValue(right);
  if (!fn) return undefined;
  if (isModuleExports(target)) {
    const own = nameOf(fn);
    return { kind: 'function', name: own, fileNamed: !own };
  }
  const name = target.replace(/\.prototype\./g, '.').replace(/^(module\.)?exports\.|^this\./, '');
  return { kind: name.includes('.') ? 'method' : 'function', name, absolute: name.includes('.') };
};

const statement: DefRule = (n, cx) => {
  const c = n.type === 'ambient_declaration' ? n.namedChild(0) : onlyNamedChild(n);
  if (c?.type === 'assignment_expression') return assignment(c);
  return c && c.type !== 'expression_statement' ? cx.describe(c) : undefined;
};

const variable: DefRule = (n, cx) => {
  const decl = onlyNamedChild(n);
  const v = decl?.childForFieldName('value');
  if (!decl || !v) return undefined;
  if (v.type === 'class') return { kind: 'class', name: nameOf(decl), body: v.childForFieldName('body') };
  return functionValue(v) ? { kind: cx.fnKind, name: nameOf(decl) } : undefined;
};

const methodOnlyInType: DefRule = (n, cx) => (cx.inType ? { kind: 'method', name: nameOf(n) } : undefined);

const field: DefRule = (n, cx) => {
  const v = n.childForFieldName('value');
  return cx.inType && functionValue(v)
    ? { kind: 'method', name: nameOf(n) || cleanName(n.childForFieldName('property')?.text ?? '') }
    : undefined;
};

/** `key: function () {…}` in an object literal (a prototype object, or a large exported object). */
const pair: DefRule = (n, cx) => {
  const key = n.childForFieldName('key');
  if (!key || !functionValue(n.childForFieldName('value'))) return undefined;
  return { kind: cx.fnKind, name: cleanName(key.text.replace(/^['"`]|['"`]$/g, '')) };
};

const exported: DefRule = (n, cx) => {
  const d = n.childForFieldName('declaration') ?? n.childForFieldName('value');
  if (!d) return undefined;
  const def = cx.describe(d);
  if (def) return def.name ? def : { ...def, fileNamed: true };
  // `export default curry(function () {…})`
  return functionValue(d) ? { kind: 'function', name: '', fileNamed: true } : undefined;
};

const moduleDecl: DefRule = (n) => ({
  kind: 'module',
  name: nameOf(n).replace(/^['"]|['"]$/g, ''),
  body: n.childForFieldName('body'),
});

const isRequire = (v: SyntaxNode | null | undefined): boolean => {
  for (let i = 0; v && i < 4; i++) {
    if (v.type === 'call_expression') {
      const f = v.childForFieldName('function');
      if (f?.text === 'require' || f?.type === 'import') return true;
      v = f;
    } else if (v.type === 'member_expression' || v.type === 'await_expression' || v.type === 'parenthesized_expression') {
      v = v.childForFieldName('object') ?? v.namedChild(0);
    } else return false;
  }
  return false;
};

function preamble(n: SyntaxNode): boolean {
  switch (n.type) {
    case 'import_statement':
      return true;
    case 'export_statement':
      return !!n.childForFieldName('source') && !n.childForFieldName('declaration'); // `export … from '…'`
    case 'lexical_declaration':
    case 'variable_declaration':
      return n.namedChildren.every((d) => d?.type === 'variable_declarator' && isRequire(d.childForFieldName('value')));
    case 'expression_statement':
      return isRequire(n.namedChild(0));
  }
  return false;
}

function directive(n: SyntaxNode): boolean {
  if (n.type === 'hash_bang_line') return true;
  const c = n.type === 'expression_statement' ? n.namedChild(0) : null;
  return c?.type === 'string' && /^['"]use (strict|client|server)['"]$/.test(c.text);
}

export const javascriptRules: LanguageRules = {
  leading: /^(\/\/|\/\*|\*|@)/, // comments and decorators
  preamble,
  directive,
  definitions: {
    export_statement: exported,
    ambient_declaration: statement,
    expression_statement: statement,
    function_declaration: named('fn'),
    generator_function_declaration: named('fn'),
    function_signature: named('fn'),
    class_declaration: named('class', true),
    abstract_class_declaration: named('class', true),
    class: named('class', true),
    interface_declaration: named('interface'),
    type_alias_declaration: named('type'),
    enum_declaration: named('enum'),
    internal_module: moduleDecl,
    module: moduleDecl,
    method_definition: methodOnlyInType,
    method_signature: methodOnlyInType,
    abstract_method_signature: methodOnlyInType,
    public_field_definition: field,
    field_definition: field,
    lexical_declaration: variable,
    variable_declaration: variable,
    pair,
  },
};
