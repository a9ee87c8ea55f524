// C and C++: function definitions (names found inside nested declarators), structs/classes/unions with bodies,
// enums, typedefs of bodies; namespaces and `extern "C"` blocks are transparent; templates describe their content.
import type { SyntaxNode } from '../treesitter';
import { C_LIKE_LEADING, type DefRule, type LanguageRules, cleanName, named, nameOf, nodeTypes } from './types';

/** The declared name inside nested declarators (`int *(*foo)(int)`, `Foo::bar`). */
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

const transparentBody: DefRule = (n) =>
  n.childForFieldName('body') ? { kind: 'module', name: '', body: n.childForFieldName('body'), transparent: true } : undefined;

function rules(cpp: boolean): LanguageRules {
  const record: DefRule = (n) =>
    n.childForFieldName('body') ? { kind: 'class', name: nameOf(n), body: cpp ? n.childForFieldName('body') : undefined } : undefined;
  return {
    leading: C_LIKE_LEADING,
    preamble: nodeTypes('preproc_include', 'using_declaration', 'alias_declaration'),
    definitions: {
      // Function-like macros (`#define MAX(a, b) …`) are what C uses for small functions.
      preproc_function_def: named('function'),
      function_definition: (n, cx) => {
        const name = declaratorName(n.childForFieldName('declarator'));
        return { kind: cx.inType || name.includes('.') ? 'method' : 'function', name };
      },
      struct_specifier: record,
      union_specifier: record,
      class_specifier: record,
      enum_specifier: (n) => (n.childForFieldName('body') ? { kind: 'enum', name: nameOf(n) } : undefined),
      type_definition: (n) =>
        n.childForFieldName('type')?.childForFieldName('body')
          ? { kind: 'type', name: declaratorName(n.childForFieldName('declarator')) }
          : undefined,
      namespace_definition: transparentBody,
      linkage_specification: transparentBody,
      template_declaration: (n, cx) => {
        for (const c of n.namedChildren) {
          const d = c && cx.describe(c);
          if (d && !d.transparent) return d;
        }
        return undefined;
      },
    },
  };
}

export const cRules = rules(false);
export const cppRules = rules(true);
