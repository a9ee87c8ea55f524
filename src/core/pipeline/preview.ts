// The one-line preview kept in the manifest: the first line that says something.

const MAX_PREVIEW = 200;

export function chunkPreview(text: string): string {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Skip blank lines and lone comment/bracket openers: they tell the user nothing.
    if (line === '' || /^(\/\*\*?|\*\/?|\/\/|#|"""|'''|[{}()[\];,])$/.test(line)) continue;
    const preview = line.length > MAX_PREVIEW ? line.slice(0, MAX_PREVIEW - 1) + '…' : line;
    return ownString(preview);
  }
  return '';
}

/**
 * A flat copy of `s`. V8 represents substrings as slices of their parent, so a preview or a
 * symbol cut from a file would keep the whole file text alive for as long as the manifest
 * holds it.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
