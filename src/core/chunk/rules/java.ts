// Java: types with members, methods and constructors.
import { C_LIKE_LEADING, type LanguageRules, named, nodeTypes } from './types';

export const javaRules: LanguageRules = {
  leading: new RegExp(`${C_LIKE_LEADING.source}|^@`), // comments and annotations
  preamble: nodeTypes('package_declaration', 'import_declaration'),
  definitions: {
    class_declaration: named('class', true),
    record_declaration: named('class', true),
    interface_declaration: named('interface', true),
    annotation_type_declaration: named('interface', true),
    enum_declaration: named('enum', true),
    method_declaration: named('method'),
    constructor_declaration: named('method'),
    compact_constructor_declaration: named('method'),
  },
};
