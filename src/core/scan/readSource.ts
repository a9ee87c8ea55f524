// Reads one candidate file once and decides whether its text is worth indexing.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SkipReason } from '../types';
import { hasMinifiedName } from './builtins';
import { DEFAULT_MAX_FILE_BYTES } from './scanWorkspace';
import { looksGenerated } from './generated';
import { hasPrivateKeyBlock } from './secrets';

export type ReadSourceResult =
  | { ok: true; text: string; hash: string; size: number; generated: boolean }
  | { ok: false; reason: SkipReason; detail?: string };

export interface ReadSourceOptions {
  /** A line longer than this, in a file whose lines average over 300 characters, marks it minified. Default 1000. */
  maxLineLength?: number;
  /** Index the file even if it holds a private-key block (the user opted the path in). */
  secretsAllowed?: boolean;
  /** Files over this many bytes are skipped as too large, judged by the bytes read (a file may grow after the scan). */
  maxBytes?: number;
}

/** Only the start is sniffed for NUL bytes, like git and ripgrep do. */
const SNIFF_BYTES = 8192;
const DEFAULT_MAX_LINE = 1000;
const MINIFIED_AVERAGE = 300;
/** One line this many times the limit is generated data whatever the rest of the file looks like. */
const HUGE_LINE_FACTOR = 10;

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).indexOf(0) !== -1;
}

/** True when the text looks minified or generated: very long lines. */
export function looksMinified(text: string, maxLineLength = DEFAULT_MAX_LINE): boolean {
  let longest = 0;
  let lines = 0;
  // A trailing newline does not start another line.
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    longest = Math.max(longest, end - start);
    lines++;
    start = end + 1;
  }
  if (longest > maxLineLength * HUGE_LINE_FACTOR) return true;
  return longest > maxLineLength && text.length / Math.max(lines, 1) > MINIFIED_AVERAGE;
}

/** Reads at most `maxBytes` + 1 bytes: enough to tell a file that grew past the limit since the scan. */
async function readUpTo(fh: fs.promises.FileHandle, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(1 << 20, maxBytes + 1 - total);
    if (want <= 0) break;
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await fh.read(buf, 0, want, null);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** Text of a UTF-16 file with a byte-order mark, or null (UTF-16 has NUL bytes, so it must be told apart from binary). */
function decodeUtf16(bytes: Buffer): string | null {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!(le || be) || bytes.length % 2 !== 0) return null;
  try {
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

async function readRegularFile(absPath: string, maxBytes: number): Promise<Buffer | { reason: SkipReason; detail: string }> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(absPath, OPEN_FLAGS);
  } catch (err) {
    return { reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) return { reason: 'unreadable', detail: 'EISDIR' };
    if (!st.isFile()) return { reason: 'unreadable', detail: 'not a regular file' };
    return await readUpTo(fh, maxBytes);
  } catch (err) {
    return { reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Reads a file's bytes once and returns its text and sha256, or why it should not be indexed. */
export async function readSourceFile(absPath: string, opts: ReadSourceOptions = {}): Promise<ReadSourceResult> {
  if (hasMinifiedName(path.basename(absPath))) return { ok: false, reason: 'minified', detail: 'file name' };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const bytes = await readRegularFile(absPath, maxBytes);
  if (!Buffer.isBuffer(bytes)) return { ok: false, ...bytes };
  if (bytes.length > maxBytes) return { ok: false, reason: 'too-large', detail: 'grew past the size limit after the scan' };

  let text: string | null = decodeUtf16(bytes);
  if (text === null) {
    if (hasNul(bytes)) return { ok: false, reason: 'binary' };
    try {
      // The decoder drops a leading BOM (ignoreBOM defaults to false).
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, reason: 'invalid-utf8' };
    }
  }
  if (!/\S/.test(text)) return { ok: false, reason: 'empty' };
  if (!opts.secretsAllowed && hasPrivateKeyBlock(text)) return { ok: false, reason: 'secret', detail: 'private key block' };
  if (looksMinified(text, opts.maxLineLength)) return { ok: false, reason: 'minified' };

  const hash = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, text, hash, size: bytes.length, generated: looksGenerated(text) };
}
