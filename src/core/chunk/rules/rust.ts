// Rust: items; `impl Type { … }` is a class-like container named after the type, traits are interfaces.
import type { SyntaxNode } from '../treesitter';
import { type LanguageRules, cleanName, named } from './types';

/** `use`, `extern crate` and `mod foo;` declarations (a module without a body). */
const preamble = (n: SyntaxNode): boolean =>
  n.type === 'use_declaration' ||
  n.type === 'extern_crate_declaration' ||
  (n.type === 'mod_item' && !n.childForFieldName('body'));

export const rustRules: LanguageRules = {
  leading: /^(\/\/|\/\*|\*|#!?\[)/, // comments and attributes
  preamble,
  directive: (n) => n.type === 'inner_attribute_item',
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
