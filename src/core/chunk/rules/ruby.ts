// Ruby: methods, singleton methods, classes and modules with members; `class << self` is transparent.
import { type LanguageRules, named } from './types';

export const rubyRules: LanguageRules = {
  leading: /^#/,
  definitions: {
    method: named('fn'),
    singleton_method: named('method'),
    class: named('class', true),
    module: named('module', true),
    singleton_class: (n) => ({ kind: 'class', name: '', body: n.childForFieldName('body'), transparent: true }),
  },
};
