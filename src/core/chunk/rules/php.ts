// PHP: functions, methods, classes/traits/interfaces/enums with members; block namespaces are transparent.
import { type LanguageRules, named } from './types';

export const phpRules: LanguageRules = {
  leading: /^(\/\/|\/\*|\*|#)/,
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
