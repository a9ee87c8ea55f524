// The scan module: which files of a workspace are indexed, and why the others are not.
export { scanWorkspace, DEFAULT_MAX_FILE_BYTES } from './scanWorkspace';
export { readSourceFile, looksMinified, type ReadSourceResult, type ReadSourceOptions } from './readSource';
export { createPathFilter, type PathFilter } from './pathFilter';
export {
  BINARY_EXTENSIONS,
  BUILTIN_EXCLUDED_DIRS,
  BUILTIN_EXCLUDED_FILES,
  extensionOf,
  hasBinaryExtension,
  hasMinifiedName,
} from './builtins';
export { IGNORE_FILE_NAMES } from './ignoreFiles';
export { allowedSecrets } from './secrets';
export { toRelative } from './relativePath';
