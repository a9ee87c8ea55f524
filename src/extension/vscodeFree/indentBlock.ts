// Fallback for "the function around the cursor" when the language offers no document symbols
// (or its server is still starting): the indentation block whose header is at or above the
// cursor. Good enough for brace languages and Python alike; the engine then picks the chunks
// the block covers.

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
const blank = (line: string) => line.trim() === '';
const closes = (line: string) => /^\s*[)\]}]/.test(line) || /^\s*(end|fi|done|esac)\b/.test(line);

/** 0-based inclusive line range of the block around `line`, or undefined for a blank line at top level. */
export function indentBlock(lines: readonly string[], line: number): { startLine: number; endLine: number } | undefined {
  if (line < 0 || line >= lines.length) return undefined;
  const nextNonBlank = (from: number) => {
    for (let i = from; i < lines.length; i++) if (!blank(lines[i])) return i;
    return -1;
  };
  // The header: this line when the next code is indented deeper, else the nearest shallower line above.
  let header = blank(lines[line]) ? nextNonBlank(line) : line;
  if (header < 0) return undefined;
  const below = nextNonBlank(header + 1);
  if (below < 0 || indentOf(lines[below]) <= indentOf(lines[header])) {
    const own = indentOf(lines[header]);
    let up = header - 1;
    while (up >= 0 && (blank(lines[up]) || indentOf(lines[up]) >= own)) up--;
    if (up < 0) return { startLine: header, endLine: header };
    header = up;
  }
  const base = indentOf(lines[header]);
  let end = header;
  for (let i = header + 1; i < lines.length; i++) {
    if (blank(lines[i])) continue;
    if (indentOf(lines[i]) > base) end = i;
    else {
      if (closes(lines[i]) && indentOf(lines[i]) === base) end = i;
      break;
    }
  }
  return { startLine: header, endLine: end };
}
