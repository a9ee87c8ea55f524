// Python: functions, classes (members inside), decorated definitions.
import { type LanguageRules, named, unwrap } from './types';

export const pythonRules: LanguageRules = {
  leading: /^(#|@)/,
  definitions: {
    decorated_definition: unwrap('definition'),
    function_definition: named('fn'),
    class_definition: named('class', true),
  },
};
