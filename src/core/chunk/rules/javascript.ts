// JavaScript, TypeScript and TSX: declarations, class members, `const f = () => …`, and assignments of functions
// (`Foo.prototype.bar = function …`, `exports.baz = …`).
import { type DefRule, type LanguageRules, cleanName, named, nameOf, onlyNamedChild } from './types';

const FN_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

const assignmentOrWrapped: DefRule = (n, cx) => {
  const c = n.type === 'ambient_declaration' ? n.namedChild(0) : onlyNamedChild(n);
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
  return c && c.type !== 'expression_statement' ? cx.describe(c) : undefined;
};

const variable: DefRule = (n, cx) => {
  const decl = onlyNamedChild(n);
  const v = decl?.childForFieldName('value');
  if (!decl || !v) return undefined;
  if (FN_VALUES.has(v.type)) return { kind: cx.fnKind, name: nameOf(decl) };
  if (v.type === 'class') return { kind: 'class', name: nameOf(decl), body: v.childForFieldName('body') };
  return undefined;
};

const methodOnlyInType: DefRule = (n, cx) => (cx.inType ? { kind: 'method', name: nameOf(n) } : undefined);

const field: DefRule = (n, cx) => {
  const v = n.childForFieldName('value');
  return cx.inType && v && FN_VALUES.has(v.type)
    ? { kind: 'method', name: nameOf(n) || cleanName(n.childForFieldName('property')?.text ?? '') }
    : undefined;
};

const exported: DefRule = (n, cx) => {
  const d = n.childForFieldName('declaration') ?? n.childForFieldName('value');
  return d ? cx.describe(d) : undefined;
};

const moduleDecl: DefRule = (n) => ({
  kind: 'module',
  name: nameOf(n).replace(/^['"]|['"]$/g, ''),
  body: n.childForFieldName('body'),
});

export const javascriptRules: LanguageRules = {
  leading: /^(\/\/|\/\*|\*|@)/, // comments and decorators
  definitions: {
    export_statement: exported,
    ambient_declaration: assignmentOrWrapped,
    expression_statement: assignmentOrWrapped,
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
  },
};
