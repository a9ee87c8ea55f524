// C#: types with members, methods, local functions; namespaces (block or file-scoped) are transparent.
import { type LanguageRules, named, nameOf, nodeTypes, onlyNamedChild } from './types';

const method = named('method');

export const csharpRules: LanguageRules = {
  leading: /^(\/\/|\/\*|\*|\[)/, // comments and attributes
  preamble: nodeTypes('using_directive', 'extern_alias_directive'),
  definitions: {
    class_declaration: named('class', true),
    struct_declaration: named('class', true),
    record_declaration: named('class', true),
    record_struct_declaration: named('class', true),
    interface_declaration: named('interface', true),
    enum_declaration: named('enum'),
    delegate_declaration: named('type'),
    method_declaration: method,
    constructor_declaration: method,
    destructor_declaration: method,
    operator_declaration: (n) => ({ kind: 'method', name: nameOf(n) || 'operator' }),
    conversion_operator_declaration: method,
    local_function_statement: named('function'),
    global_statement: (n, cx) => {
      const c = onlyNamedChild(n);
      return c ? cx.describe(c) : undefined;
    },
    namespace_declaration: (n) => ({ kind: 'module', name: '', body: n.childForFieldName('body'), transparent: true }),
    file_scoped_namespace_declaration: (n) => ({ kind: 'module', name: '', body: n, transparent: true }),
  },
};
