// Chunking in a worker thread: the same chunks as chunking on this thread, the counted word pieces sent along,
// the worker stopped when it has grown (and started again), and a worker that dies on a file costs that file its
// structure, not its chunks.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { createChunker, type Chunker } from '../../src/core/chunk';
import { WorkerChunker } from '../../src/core/pipeline/workerChunker';
import { countWordPieces } from '../../src/core/embed/tokenCount';
import { loadTokenizer, type WordPieceTokenizer } from '../../src/core/embed/tokenizer';
import type { Chunk } from '../../src/core/types';
import { devModelDir } from '../helpers/models';
import { lexicalTermsOf } from '../../src/core/store/lexical/ofChunk';

const FILES: Record<string, string> = {
  'src/userRepository.ts': [
    "import { Db } from './db';",
    '',
    '/** Users by id and e-mail. */',
    'export class UserRepository {',
    '  constructor(private readonly db: Db) {}',
    '',
    '  /** The user with this e-mail, or undefined. */',
    '  async findByEmail(email: string) {',
    "    return this.db.query('select * from users where email = $1', [email]);",
    '  }',
    '',
    '  async remove(id: number): Promise<void> {',
    "    await this.db.query('delete from users where id = $1', [id]);",
    '  }',
    '}',
    '',
    ...Array.from({ length: 60 }, (_, i) => `export function helper${i}(value: number): number {\n  return value * ${i} + Math.floor(value / ${i + 1});\n}\n`),
  ].join('\n'),
  'tools/retry.py': 'import time\n\n\ndef retry(fn, attempts=3, delay=0.5):\n    """Call fn until it succeeds."""\n    for i in range(attempts):\n        try:\n            return fn()\n        except Exception:\n            time.sleep(delay * 2 ** i)\n    raise RuntimeError("gave up")\n',
  'docs/guide.md': '# Guide\n\nHow to start.\n\n## Install\n\nRun `npm install` and then `npm run build`.\n\n## Configure\n\nSet the model path in the settings.\n',
  'notes.txt': Array.from({ length: 400 }, (_, i) => `line ${i} of some notes about caching and retries`).join('\n'),
};

const OPTIONS = { maxTokens: 256, pathContext: 'none' as const, contextHeader: true, preamble: false };

/** Everything but the ids, which only the worker sends. */
function withoutIds(chunks: Chunk[]): Omit<Chunk, 'tokenIds'>[] {
  return chunks.map(({ tokenIds: _ids, ...rest }) => rest);
}

describe('chunking in a worker thread', () => {
  let tok: WordPieceTokenizer;
  let local: Chunker;
  const workers: WorkerChunker[] = [];
  const worker = (extra: Partial<ConstructorParameters<typeof WorkerChunker>[0]> = {}): WorkerChunker => {
    const w = new WorkerChunker({ modelDir: devModelDir(), ...OPTIONS, ...extra });
    workers.push(w);
    return w;
  };

  before(async () => {
    tok = await loadTokenizer(devModelDir());
    local = await createChunker({ countTokens: (t) => countWordPieces(tok, t), ...OPTIONS });
  });
  after(async () => {
    for (const w of workers) await w.close();
  });

  test('gives the chunks of this thread, each with the word pieces of its embedded text', async () => {
    const w = worker();
    for (const [p, text] of Object.entries(FILES)) {
      const got = await w.chunkFile(p, text);
      const want = await local.chunkFile(p, text);
      assert.ok(want.length > 0, p);
      assert.deepEqual(withoutIds(got), withoutIds(want), p);
      for (const c of got) {
        assert.ok(c.tokenIds instanceof Int32Array, `${p}:${c.startLine} has ids`);
        assert.deepEqual([...c.tokenIds], tok.encode(c.embedText), `${p}:${c.startLine} ids`);
      }
    }
    assert.equal(w.started, 1, 'one worker for all the files');
  });

  test('given the lexical settings, each chunk comes with the terms this thread would find for it', async () => {
    for (const settings of [
      { stemming: true, fields: false, rawText: true },
      { stemming: false, fields: true, rawText: false },
    ]) {
      const w = worker({ lexical: settings });
      for (const [p, text] of Object.entries(FILES)) {
        const got = await w.chunkFile(p, text);
        assert.ok(got.length > 0, p);
        for (const c of got) {
          assert.ok(c.lexicalTerms, `${p}:${c.startLine} has terms`);
          const { lexicalTerms, ...chunk } = c;
          assert.deepEqual(lexicalTerms, lexicalTermsOf(chunk, settings), `${p}:${c.startLine} terms`);
          assert.ok(lexicalTerms.terms[2].length > 0 || lexicalTerms.terms[0].length > 0, `${p}:${c.startLine} has words`);
        }
      }
    }
    const plain = await worker().chunkFile('tools/retry.py', FILES['tools/retry.py']);
    assert.ok(plain.every((c) => c.lexicalTerms === undefined), 'no settings, no terms');
  });

  test('a worker grown past its budget is stopped after the file, and the next file starts another', async () => {
    const w = worker({ recycleBytes: 1 });
    const paths = Object.keys(FILES);
    for (const p of paths) assert.deepEqual(withoutIds(await w.chunkFile(p, FILES[p])), withoutIds(await local.chunkFile(p, FILES[p])), p);
    assert.equal(w.started, paths.length);
    const roomy = worker();
    for (const p of paths) await roomy.chunkFile(p, FILES[p]);
    assert.equal(roomy.started, 1, 'under the budget the worker stays');
  });

  test('release stops the worker; chunking goes on in a new one', async () => {
    const w = worker();
    await w.chunkFile('tools/retry.py', FILES['tools/retry.py']);
    await w.release();
    await w.release(); // nothing to stop
    const again = await w.chunkFile('tools/retry.py', FILES['tools/retry.py']);
    assert.deepEqual(withoutIds(again), withoutIds(await local.chunkFile('tools/retry.py', FILES['tools/retry.py'])));
    assert.equal(w.started, 2);
  });

  test('a worker that dies on a file: the file comes back as line windows from a new worker', async () => {
    const w = worker();
    const p = 'src/userRepository.ts';
    const structured = await w.chunkFile(p, FILES[p]);
    assert.ok(structured.some((c) => c.kind === 'method' || c.kind === 'class'), 'parsed the first time');
    await w.crashOnNextFileForTest();
    const windows = await w.chunkFile(p, FILES[p]);
    assert.equal(w.started, 2, 'a new worker');
    assert.ok(windows.length > 0);
    assert.ok(windows.every((c) => c.kind === 'block' && c.symbol === ''), 'line windows, no parse');
    const lines = FILES[p].split('\n').length;
    assert.equal(windows[0].startLine, 1);
    assert.ok(windows[windows.length - 1].endLine >= lines - 1, 'the windows cover the file');
    // The next file is parsed again.
    assert.deepEqual(withoutIds(await w.chunkFile(p, FILES[p])), withoutIds(structured));
  });

  test('a worker that cannot load its tokenizer fails the file with a message, and a closed chunker refuses', async () => {
    const w = worker({ modelDir: '/nonexistent/model' });
    await assert.rejects(w.chunkFile('a.ts', 'export const a = 1;\n'), /chunking worker/);
    const c = worker();
    await c.close();
    await assert.rejects(c.chunkFile('a.ts', 'export const a = 1;\n'), /closed/);
  });
});
