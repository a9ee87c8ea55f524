// The one-line preview kept in the manifest: the first line that says something.

const MAX_PREVIEW = 200;

export function chunkPreview(text: string): string {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Skip blank lines and lone comment/bracket openers: they tell the user nothing.
    if (line === '' || /^(\/\*\*?|\*\/?|\/\/|#|"""|'''|[{}()[\];,])$/.test(line)) continue;
    return line.length > MAX_PREVIEW ? line.slice(0, MAX_PREVIEW - 1) + '…' : line;
  }
  return '';
}
