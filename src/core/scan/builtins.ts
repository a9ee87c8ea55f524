// Paths the engine never indexes, whatever the ignore files say: version control,
// dependencies, build output, lock files, and obviously binary file types.

/** Directory names excluded wherever they appear (the whole subtree is skipped). */
export const BUILTIN_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'dist',
  'build',
  'out',
  'target',
  '.next',
  'coverage',
  '__pycache__',
  '.venv',
  'venv',
  '.semsearch',
]);

/** Lock files: machine-written, large, and useless as search results. */
export const BUILTIN_EXCLUDED_FILES: ReadonlySet<string> = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'Cargo.lock',
  'poetry.lock',
  'composer.lock',
  'Gemfile.lock',
  'go.sum',
  // A `.git` *file* marks a worktree or submodule checkout.
  '.git',
]);

/**
 * Extensions (lower case, without the dot) of files that are never text.
 * Files with these are skipped as 'binary' from the name alone, without reading.
 * Everything else is a candidate and gets the NUL sniff when it is read.
 */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  // images
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'tif', 'tiff', 'psd', 'heic', 'avif', 'xcf',
  // archives and packages
  'zip', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'lz4', '7z', 'rar', 'jar', 'war', 'ear', 'apk', 'vsix',
  'deb', 'rpm', 'dmg', 'iso', 'whl', 'nupkg', 'gem',
  // fonts
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  // compiled code and native libraries
  'wasm', 'node', 'so', 'dylib', 'dll', 'exe', 'bin', 'o', 'a', 'lib', 'obj', 'class', 'pyc', 'pyo', 'pdb',
  'dex', 'beam', 'elc',
  // documents
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp',
  // audio and video
  'mp3', 'mp4', 'm4a', 'm4v', 'aac', 'wav', 'ogg', 'oga', 'flac', 'opus', 'mov', 'avi', 'mkv', 'webm', 'wmv', 'flv',
  // model weights and data blobs
  'onnx', 'pt', 'pth', 'safetensors', 'ckpt', 'h5', 'hdf5', 'npy', 'npz', 'pb', 'tflite', 'gguf', 'pkl', 'parquet',
  'sqlite', 'sqlite3', 'db', 'usearch',
]);

/** The extension of a file name, lower case, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  // A leading dot (".bashrc") is a hidden file, not an extension.
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** True when the file name alone says the file is binary. */
export function hasBinaryExtension(name: string): boolean {
  return BINARY_EXTENSIONS.has(extensionOf(name));
}

/** True when the name says the file is minified output (`app.min.js`, `site.min.css`). */
export function hasMinifiedName(name: string): boolean {
  return /\.min\.(?:js|mjs|cjs|css)$/i.test(name);
}
