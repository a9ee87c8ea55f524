// kill -9 after the first index has saved its progress mid-way: the next run embeds only the rest.
// With the default save policy (every 2,000 new vectors or 15 s) and the real CLI in a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { devModelDir } from '../helpers/models';
import { CLI_BIN, runCli } from '../helpers/runCli';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

const FILES = 1_500;

function sourceFile(i: number): string {
  const fns = [0, 1, 2].map(
    (j) => `def step_${i}_${j}(value, factor=${j + 1}):\n    """Scale value ${i} by factor ${j} and add the offset ${i * 3 + j}."""\n    return value * factor + ${i * 3 + j}\n`,
  );
  return fns.join('\n\n');
}

function savedChunks(indexDir: string): number {
  try {
    return JSON.parse(fs.readFileSync(path.join(indexDir, 'current.json'), 'utf8')).chunks as number;
  } catch {
    return 0;
  }
}

describe('CLI: kill -9 after a save point', () => {
  let ws: TempWorkspace;
  const model = ['--model', devModelDir()];
  before(() => {
    ws = makeTempWorkspace();
    for (let i = 0; i < FILES; i++) ws.write(`pkg${i % 30}/mod${i}.py`, sourceFile(i));
  });
  after(() => ws.cleanup());

  it('the saved progress survives and the next run embeds only what was not saved', async () => {
    const indexDir = path.join(ws.root, '.semsearch');
    const child = spawn(process.execPath, [CLI_BIN, 'index', ws.root, ...model, '--json'], { stdio: 'ignore', env: { ...process.env, SEMSEARCH_MODEL_DIR: '' } });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    let killedAt = 0;
    const poll = setInterval(() => {
      const n = savedChunks(indexDir);
      if (n > 0 && killedAt === 0) {
        killedAt = n;
        child.kill('SIGKILL');
      }
    }, 2);
    const signal = await exited;
    clearInterval(poll);
    assert.ok(killedAt > 0, 'a save point was reached before the run ended');
    assert.equal(signal, 'SIGKILL', 'the run was killed, not finished');

    const saved = savedChunks(indexDir);
    const record = JSON.parse(fs.readFileSync(path.join(indexDir, 'current.json'), 'utf8'));
    assert.ok(saved >= 2_000 && saved < FILES * 3, `saved ${saved} chunks mid-way`);
    assert.equal(record.incomplete.filesTotal, FILES, 'the saved index says it is incomplete');

    const stats = JSON.parse(runCli(['stats', ws.root, ...model, '--json']).stdout);
    assert.equal(stats.state, 'incomplete');
    assert.match(runCli(['stats', ws.root, ...model]).stdout, new RegExp(`State:\\s+incomplete \\(\\d+ of ${FILES} files`));

    const again = runCli(['index', ws.root, ...model, '--json']);
    assert.equal(again.code, 0, again.stderr);
    const out = JSON.parse(again.stdout);
    assert.equal(out.chunks, FILES * 3);
    assert.equal(out.embedded, FILES * 3 - saved, 'only the chunks that were not saved are embedded again');
    assert.equal(JSON.parse(runCli(['stats', ws.root, ...model, '--json']).stdout).state, 'ready');
  });
});
