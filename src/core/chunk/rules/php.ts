// PHP: functions, methods, classes/traits/interfaces/enums with members; block namespaces are transparent.
import type { SyntaxNode } from '../treesitter';
import { type LanguageRules, named } from './types';

const INCLUDES = /^(require|require_once|include|include_once)_expression$/;

/** `use` imports, `namespace Foo;` and require/include statements. */
function preamble(n: SyntaxNode): boolean {
  switch (n.type) {
    case 'namespace_use_declaration':
      return true;
    case 'namespace_definition':
      return !n.childForFieldName('body');
    case 'expression_statement':
      return INCLUDES.test(n.namedChild(0)?.type ?? '');
  }
  return false;
}

export const phpRules: LanguageRules = {
  leading: /^(\/\/|\/\*|\*|#)/,
  preamble,
  directive: (n) => n.type === 'php_tag' || n.type === 'declare_statement',
  definitions: {
    function_definition: named('function'),
    method_declaration: named('method'),
    class_declaration: named('class', true),
    trait_declaration: named('class', true),
    interface_declaration: named('interface', true),
    enum_declaration: named('enum', true),
    namespace_definition: (n) =>
      n.childForFieldName('body') ? { kind: 'module', name: '', body: n.childForFieldName('body'), transparent: true } : undefined,
  },
};
