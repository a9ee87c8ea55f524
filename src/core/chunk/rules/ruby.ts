// Ruby: methods, singleton methods, classes and modules with members; `class << self` is transparent.
import type { SyntaxNode } from '../treesitter';
import { type DefRule, type LanguageRules, named } from './types';

const REQUIRES = new Set(['require', 'require_relative', 'load', 'autoload']);

/** `require 'x'`, `require_relative '…'`, `autoload :Foo, '…'`. */
const preamble = (n: SyntaxNode): boolean => n.type === 'call' && !n.childForFieldName('receiver') && REQUIRES.has(n.childForFieldName('method')?.text ?? '');

/** `define_method(:name) do … end` defines a method as surely as `def` does. */
const defineMethod: DefRule = (n) => {
  if (n.childForFieldName('method')?.text !== 'define_method') return undefined;
  const first = n.childForFieldName('arguments')?.namedChild(0);
  const name = first?.type === 'simple_symbol' ? first.text.slice(1) : first?.type === 'string' ? first.text.replace(/^['"]|['"]$/g, '') : '';
  return name ? { kind: 'method', name } : undefined;
};

export const rubyRules: LanguageRules = {
  leading: /^#/,
  preamble,
  definitions: {
    method: named('fn'),
    singleton_method: named('method'),
    class: named('class', true),
    module: named('module', true),
    call: defineMethod,
    singleton_class: (n) => ({ kind: 'class', name: '', body: n.childForFieldName('body'), transparent: true }),
  },
};
