// Python: functions, classes (members inside), decorated definitions, `name = lambda …`.
import type { DefRule } from './types';
import { type LanguageRules, cleanName, named, nodeTypes, onlyNamedChild, unwrap } from './types';

/** `handler = lambda request: …` defines a function as surely as `def` does. */
const lambdaAssignment: DefRule = (n, cx) => {
  const a = onlyNamedChild(n);
  if (a?.type !== 'assignment') return undefined;
  const left = a.childForFieldName('left');
  const right = a.childForFieldName('right');
  return left?.type === 'identifier' && right?.type === 'lambda' ? { kind: cx.fnKind, name: cleanName(left.text) } : undefined;
};

export const pythonRules: LanguageRules = {
  leading: /^(#|@)/,
  preamble: nodeTypes('import_statement', 'import_from_statement', 'future_import_statement'),
  definitions: {
    decorated_definition: unwrap('definition'),
    function_definition: named('fn'),
    class_definition: named('class', true),
    expression_statement: lambdaAssignment,
  },
};
