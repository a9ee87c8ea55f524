// Rust: items; `impl Type { … }` is a class-like container named after the type, traits are interfaces.
import { type LanguageRules, cleanName, named } from './types';

export const rustRules: LanguageRules = {
  leading: /^(\/\/|\/\*|\*|#!?\[)/, // comments and attributes
  definitions: {
    function_item: named('fn'),
    function_signature_item: named('fn'),
    macro_definition: named('function'),
    struct_item: named('class'),
    union_item: named('class'),
    enum_item: named('enum'),
    type_item: named('type'),
    trait_item: named('interface', true),
    impl_item: (n) => ({ kind: 'class', name: cleanName(n.childForFieldName('type')?.text ?? ''), body: n.childForFieldName('body') }),
    mod_item: named('module', true),
  },
};
