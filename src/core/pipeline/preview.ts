// The one-line preview kept in the manifest: the first line that says something.

const MAX_PREVIEW = 200;

export function chunkPreview(text: string): string {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Skip blank lines and lone comment/bracket openers: they tell the user nothing.
    if (line === '' || /^(\/\*\*?|\*\/?|\/\/|#|"""|'''|[{}()[\];,])$/.test(line)) continue;
    const preview = line.length > MAX_PREVIEW ? line.slice(0, MAX_PREVIEW - 1) + '…' : line;
    // A copy, not a slice: V8 slices keep the whole chunk text alive as long as the manifest
    // holds the preview (about 70 MB at 100k chunks).
    return Buffer.from(preview, 'utf8').toString('utf8');
  }
  return '';
}
