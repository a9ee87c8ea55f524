// Go: functions, methods named `Receiver.Method`, type declarations (struct → class, interface).
import type { ChunkKind } from '../../types';
import { C_LIKE_LEADING, type LanguageRules, cleanName, nameOf, nodeTypes } from './types';

export const goRules: LanguageRules = {
  leading: C_LIKE_LEADING,
  preamble: nodeTypes('package_clause', 'import_declaration'),
  definitions: {
    function_declaration: (n) => ({ kind: 'function', name: nameOf(n) }),
    method_declaration: (n) => {
      const recv = n.childForFieldName('receiver');
      const param = recv?.namedChild(0);
      const type = cleanName((param?.childForFieldName('type') ?? param)?.text ?? '').replace(/^[*&]+/, '');
      const name = nameOf(n);
      return { kind: 'method', name: type ? `${type}.${name}` : name, absolute: true };
    },
    type_declaration: (n) => {
      const spec = n.namedChildren.find((c) => c && (c.type === 'type_spec' || c.type === 'type_alias'));
      const ty = spec?.childForFieldName('type')?.type;
      const kind: ChunkKind = ty === 'struct_type' ? 'class' : ty === 'interface_type' ? 'interface' : 'type';
      return { kind, name: nameOf(spec) };
    },
  },
};
