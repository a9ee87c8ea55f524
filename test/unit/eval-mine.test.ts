// Pair mining per language (fixtures in test/fixtures/eval), boilerplate and duplicate filtering, the seeded sample.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createChunker, type Chunker } from '../../src/core/chunk';
import { maskLines, pairsOfFile, queryFromDoc, selectPairs, type EvalPair } from '../../src/core/eval';
import { repoRoot } from '../helpers/models';
import { realCountTokens } from './chunkHelpers';

const DIR = path.join(repoRoot(), 'test', 'fixtures', 'eval');
let chunker: Chunker;

async function pairsOf(name: string): Promise<EvalPair[]> {
  const text = fs.readFileSync(path.join(DIR, name), 'utf8');
  const chunks = await chunker.chunkFile(name, text);
  return pairsOfFile({ path: name, text, chunks, ids: chunks.map((_, i) => i) });
}

describe('eval: pair mining per language', () => {
  before(async () => {
    chunker = await createChunker({ countTokens: await realCountTokens(), pathContext: 'none' });
  });

  const cases: [string, string, string, [number, number]][] = [
    ['sample.ts', 'typescript', 'Parses the retry policy from a configuration file on disk.', [3, 6]],
    ['sample.js', 'javascript', 'Computes the shipping cost for an order with Order weights.', [1, 3]],
    ['sample.py', 'python', 'Moves old log files into the archive folder.', [5, 8]],
    ['sample.go', 'go', 'ParseHeader reads the frame header from the wire format.', [3, 4]],
    ['sample.rs', 'rust', 'Merges two sorted vectors into one sorted vector.', [1, 3]],
    ['Sample.java', 'java', 'Sends the invoice email to the billing contact.', [4, 7]],
    ['Sample.cs', 'csharp', 'Queues a notification for every subscriber of the topic.', [5, 7]],
    ['sample.rb', 'ruby', 'Imports the customer records from a CSV export.', [2, 2]],
    ['sample.php', 'php', 'Validates the coupon code against the active promotions.', [3, 5]],
    ['guide.md', 'markdown', 'Configuring the upload size limit', [3, 3]],
  ];
  for (const [file, language, query, mask] of cases) {
    it(`${language}: the first sentence of the doc finds its definition`, async () => {
      const pairs = await pairsOf(file);
      const pair = pairs.find((p) => p.query === query);
      assert.ok(pair, `no pair "${query}" in ${file}; got ${JSON.stringify(pairs.map((p) => p.query))}`);
      assert.equal(pair.language, language);
      assert.deepEqual(pair.maskLines, mask);
      assert.ok(pair.defLine > mask[1] || language === 'python' || language === 'markdown', 'the definition line comes after its doc');
    });
  }

  it('skips boilerplate, short docs and plain comments', async () => {
    const ts = (await pairsOf('sample.ts')).map((p) => p.query);
    assert.deepEqual(ts, ['Parses the retry policy from a configuration file on disk.']);
    const py = (await pairsOf('sample.py')).map((p) => p.query).sort();
    assert.deepEqual(py, ['A small in-memory cache keyed by request fingerprint.', 'Moves old log files into the archive folder.']);
    assert.deepEqual((await pairsOf('guide.md')).map((p) => p.query), ['Configuring the upload size limit']);
    assert.equal(queryFromDoc('Returns the value.'), '');
    assert.equal(queryFromDoc('Creates a new instance.'), '');
    assert.equal(queryFromDoc('Too short here.'), '');
    assert.equal(queryFromDoc('const disabled = computeLegacyTotals(order, items);'), '');
    // A plain comment counts as the definition's leading comment, never inside a body.
    assert.deepEqual((await pairsOf('sample.js')).map((p) => p.query), [
      'Computes the shipping cost for an order with Order weights.',
      "Rounds the amount to the nearest cent using banker's rounding.",
    ]);
  });

  it('masks the doc and keeps line numbers (Python keeps a valid body)', () => {
    const text = fs.readFileSync(path.join(DIR, 'sample.py'), 'utf8');
    const masked = maskLines(text, 'python', [5, 8]);
    assert.equal(masked.split('\n').length, text.split('\n').length);
    assert.ok(!masked.includes('archive'));
    assert.equal(masked.split('\n')[4], '    ""');
    const md = maskLines('# A\n\n## Configuring the upload size limit\n', 'markdown', [3, 3]);
    assert.equal(md.split('\n')[2], '## section');
  });

  it('drops duplicated descriptions and samples the same pairs for the same seed', () => {
    const mk = (i: number, query: string): EvalPair => ({
      id: `f${i}.ts:1`, set: 'code', language: 'typescript', query, chunkId: i, path: `f${i}.ts`, startLine: 1, endLine: 2, symbol: 's', defLine: 1, maskLines: [1, 1],
    });
    const pairs = [mk(0, 'Same words in two places here.'), mk(1, 'same words in two places, here'), ...Array.from({ length: 30 }, (_, i) => mk(i + 2, `Unique description number ${i} of many.`))];
    const a = selectPairs(pairs, 10, 7);
    assert.equal(a.length, 10);
    assert.ok(a.every((p) => p.chunkId >= 2), 'duplicates are dropped');
    assert.deepEqual(selectPairs([...pairs].reverse(), 10, 7).map((p) => p.id), a.map((p) => p.id));
    assert.notDeepEqual(selectPairs(pairs, 10, 8).map((p) => p.id), a.map((p) => p.id));
    assert.equal(selectPairs(pairs, 100, 7).length, 30);
  });
});
