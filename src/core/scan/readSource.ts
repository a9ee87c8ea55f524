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

/**
 * Read buffers, reused across files. A file's bytes are decoded and hashed before its read gives the buffer back, so
 * an index run allocates no buffer per file: before, every file took a fresh 1 MB buffer (and a second one to find the
 * end), kept until the next garbage collection: ~90 MB of them at the peak of a 100k-chunk run (heaptrack).
 */
const readBuffers: Buffer[] = [];
/** Reads in flight at once are few (the indexer reads a few files ahead); buffers past this many are dropped. */
const KEPT_READ_BUFFERS = 4;
/** Larger files (rare: 22 of 6,864 in the 100k corpus are over 200 KB) get a buffer of their own size, not kept. */
const KEPT_READ_BUFFER_BYTES = 256 * 1024;
const MIN_READ_BUFFER = 64 * 1024;

/** The smallest kept buffer that holds `bytes`, or a new one (a power of two, so later files of near sizes reuse it). */
function takeReadBuffer(bytes: number): Buffer {
  const i = readBuffers.findIndex((b) => b.length >= bytes);
  if (i >= 0) return readBuffers.splice(i, 1)[0];
  const rounded = Math.max(MIN_READ_BUFFER, 2 ** Math.ceil(Math.log2(bytes)));
  return Buffer.allocUnsafeSlow(bytes <= KEPT_READ_BUFFER_BYTES ? rounded : bytes);
}

/** Keeps the largest few buffers (smallest first), up to the size limit. */
function giveReadBuffer(buf: Buffer): void {
  if (buf.length > KEPT_READ_BUFFER_BYTES) return;
  readBuffers.push(buf);
  readBuffers.sort((a, b) => a.length - b.length);
  if (readBuffers.length > KEPT_READ_BUFFERS) readBuffers.shift();
}

/** A file's bytes in a reused buffer: valid until `release()`. */
interface ReadBytes {
  bytes: Buffer;
  release(): void;
}

/**
 * Reads at most `maxBytes` + 1 bytes (enough to tell a file that grew past the limit since the scan) into a reused
 * buffer sized from the file's size (`size`: its stat; a file that grew since is read on, in a larger buffer). Exported for tests.
 */
export async function readUpTo(fh: fs.promises.FileHandle, size: number, maxBytes: number): Promise<ReadBytes> {
  const limit = maxBytes + 1;
  let buf = takeReadBuffer(Math.min(size + 1, limit));
  try {
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total >= limit) break;
        // The file grew since its stat: a larger buffer, up to the limit.
        const bigger = takeReadBuffer(Math.min(buf.length * 2, limit));
        buf.copy(bigger, 0, 0, total);
        giveReadBuffer(buf);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, total, Math.min(buf.length, limit) - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    const held = buf;
    return { bytes: held.subarray(0, total), release: () => giveReadBuffer(held) };
  } catch (err) {
    giveReadBuffer(buf);
    throw err;
  }
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

async function readRegularFile(absPath: string, maxBytes: number): Promise<ReadBytes | { reason: SkipReason; detail: string }> {
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
    return await readUpTo(fh, st.size, maxBytes);
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
  const read = await readRegularFile(absPath, maxBytes);
  if ('reason' in read) return { ok: false, ...read };
  try {
    return judgeSource(read.bytes, maxBytes, opts);
  } finally {
    read.release();
  }
}

/** What a file's bytes hold: its text and sha256, or why it should not be indexed. The bytes are not kept. */
function judgeSource(bytes: Buffer, maxBytes: number, opts: ReadSourceOptions): ReadSourceResult {
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
