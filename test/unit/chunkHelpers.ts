// Shared helpers of the chunk tests: the real tokenizer of the dev model and the invariants every chunking keeps.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Chunk } from '../../src/core/types';
import { devModelDir, repoRoot } from '../helpers/models';

export type CountTokens = (text: string) => number;

let tokenizer: Promise<CountTokens> | undefined;

/** countTokens of the dev model's tokenizer ([CLS] and [SEP] included), loaded once, never from the network. */
export function realCountTokens(): Promise<CountTokens> {
  tokenizer ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AutoTokenizer, env } = require('@huggingface/transformers'); // the reference tokenizer (a devDependency)
    env.allowRemoteModels = false;
    env.localModelPath = path.dirname(devModelDir());
    const tok = await AutoTokenizer.from_pretrained(path.basename(devModelDir()));
    return (text: string) => tok.encode(text).length as number;
  })();
  return tokenizer;
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'chunk', name), 'utf8');
}

/** [startLine, endLine, kind, symbol] of each chunk, for exact comparisons. */
export function shape(chunks: Chunk[]): [number, number, string, string][] {
  return chunks.map((c) => [c.startLine, c.endLine, c.kind, c.symbol]);
}

/**
 * The properties every chunking must have: every non-blank line in some chunk, lines 1-based and in range, text =
 * the original lines, hash = sha256(embedText), embedText within maxTokens by the real tokenizer, no blank edges.
 */
export function assertInvariants(text: string, chunks: Chunk[], count: CountTokens, maxTokens = 256): void {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const covered = new Array<boolean>(lines.length).fill(false);
  for (const c of chunks) {
    assert.ok(c.startLine >= 1 && c.endLine >= c.startLine && c.endLine <= lines.length, `range ${c.startLine}-${c.endLine}`);
    assert.equal(c.text, lines.slice(c.startLine - 1, c.endLine).join('\n'));
    assert.notEqual(lines[c.startLine - 1].trim(), '', `chunk starts on a blank line: ${c.startLine}`);
    assert.notEqual(lines[c.endLine - 1].trim(), '', `chunk ends on a blank line: ${c.endLine}`);
    assert.equal(c.hash, createHash('sha256').update(c.embedText).digest('hex'));
    const n = count(c.embedText);
    assert.ok(n <= maxTokens, `${c.path}:${c.startLine}-${c.endLine} embedText has ${n} > ${maxTokens} tokens`);
    assert.ok(!/\s\s/.test(c.embedText), 'embedText whitespace collapsed');
    for (let i = c.startLine - 1; i < c.endLine; i++) covered[i] = true;
  }
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '') assert.ok(covered[i], `line ${i + 1} lost: ${JSON.stringify(lines[i])}`);
  }
  for (let i = 1; i < chunks.length; i++) {
    assert.ok(chunks[i].startLine >= chunks[i - 1].startLine, 'chunks in file order');
  }
}
