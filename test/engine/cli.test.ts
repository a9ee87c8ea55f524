// The semsearch CLI as an outside caller runs it: shapes of --json output, exit codes, crash safety.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_FILES } from '../helpers/fixtureProject';
import { devModelDir, randomArchModelDir, repoRoot } from '../helpers/models';
import { CLI_BIN, runCli } from '../helpers/runCli';
import { makeTempWorkspace, type TempWorkspace } from '../helpers/tempWorkspace';

const BIN = CLI_BIN;
const cli = runCli;

const RESULT_KEYS = ['display', 'endLine', 'kind', 'path', 'preview', 'score', 'startLine', 'symbol'];

describe('semsearch CLI: help and version', () => {
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;

  for (const flag of ['--help', '-h']) {
    it(`${flag} prints the usage of every command on stdout and exits 0`, () => {
      const r = cli([flag]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      for (const command of ['index', 'query', 'similar', 'clusters', 'stats', 'watch']) assert.match(r.stdout, new RegExp(`semsearch ${command} `));
    });
  }

  it('<command> --help and help <command> print that command only, on stdout, exit 0', () => {
    for (const args of [['query', '--help'], ['query', '-h'], ['help', 'query']]) {
      const r = cli(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /semsearch query {3}<dir> "<text>"/);
      assert.doesNotMatch(r.stdout, /semsearch similar/);
    }
  });

  it('run as npm links it (through its shebang), the command starts with glibc limited to two malloc arenas and a fixed mmap threshold, and V8\'s memory flags', (t) => {
    if (process.platform === 'win32') return t.skip('no shebangs on Windows (npm\'s .cmd shim sets the variable instead)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semsearch-shebang-'));
    try {
      // A preload in the started process writes the variable it sees; emptied here, so only the shebang can set it.
      const seen = path.join(dir, 'seen');
      const preload = path.join(dir, 'preload.js');
      fs.writeFileSync(preload, `require('fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify([process.env.MALLOC_ARENA_MAX, process.env.MALLOC_MMAP_THRESHOLD_, process.execArgv]));`);
      const env = { ...process.env, MALLOC_ARENA_MAX: '', MALLOC_MMAP_THRESHOLD_: '', NODE_OPTIONS: `--require ${JSON.stringify(preload)}`, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
      const r = spawnSync(BIN, ['--version'], { encoding: 'utf8', env });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^\d+\.\d+\.\d+/);
      assert.deepEqual(JSON.parse(fs.readFileSync(seen, 'utf8')), ['2', '131072', ['--max-semi-space-size=2', '--heap-growing-percent=30']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--version and -V print the package version on stdout', () => {
    for (const flag of ['--version', '-V']) {
      const r = cli([flag]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), version);
    }
  });

  it('usage errors go to stderr with exit 2: no command, an unknown option, an unknown command', () => {
    const none = cli([]);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /Usage:/);
    for (const args of [['query', '.', 'x', '--bogus'], ['frobnicate', '.'], ['query', '.', 'x', '--mode', 'fuzzy'], ['query', '.', 'x', '--only', 'code,slides']]) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});

describe('semsearch CLI', () => {
  let ws: TempWorkspace;
  const model = ['--model', devModelDir()];
  before(() => {
    ws = makeTempWorkspace(FIXTURE_FILES);
  });
  after(() => ws.cleanup());

  it('index --json prints the contract object', () => {
    const r = cli(['index', ws.root, ...model, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).sort(), ['chunks', 'embedded', 'files', 'ms', 'removed', 'reused', 'skipped', 'tokens']);
    assert.equal(out.files, Object.keys(FIXTURE_FILES).length);
    assert.equal(out.embedded, out.chunks);
    assert.ok(fs.existsSync(path.join(ws.root, '.semsearch')));
  });

  it('query --json prints an array of results with relative forward-slash paths', () => {
    const r = cli(['query', ws.root, 'authenticate a user with a password', '-k', '5', ...model, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout);
    assert.ok(Array.isArray(results) && results.length > 0 && results.length <= 5);
    assert.deepEqual(Object.keys(results[0]).sort(), RESULT_KEYS);
    assert.equal(results[0].path, 'server/auth.go');
    assert.ok(results.every((x: { path: string }) => !x.path.includes('\\') && !path.isAbsolute(x.path)));
    // The readable form: a name, a kind word, and matching lines whose highlights are query words.
    const top = results[0].display;
    assert.equal(top.name, 'Server.HandleLogin');
    assert.equal(top.kind, 'method');
    const source = FIXTURE_FILES['server/auth.go'].split('\n');
    for (const l of top.lines) {
      assert.ok(l.line >= results[0].startLine && l.line <= results[0].endLine);
      assert.equal(l.text, source[l.line - 1].trim());
      for (const [a, b] of l.highlights) assert.match(l.text.slice(a, b).toLowerCase(), /^(authenticat\w*|user|password)$/);
    }
    assert.ok(top.lines.some((l: { highlights: unknown[] }) => l.highlights.length > 0));
  });

  it('query --only and --language filter inside the search (before the top k)', () => {
    const docs = JSON.parse(cli(['query', ws.root, 'compile the toolchain from source', '-k', '2', '--only', 'docs', ...model, '--json']).stdout);
    assert.ok(docs.length > 0 && docs.every((x: { path: string }) => x.path === 'docs/guide.md'), JSON.stringify(docs));
    const code = JSON.parse(cli(['query', ws.root, 'compile the toolchain from source', '-k', '5', '--only', 'code', '--language', 'go,python', ...model, '--json']).stdout);
    assert.ok(code.length > 0 && code.every((x: { path: string }) => /\.(go|py)$/.test(x.path)), JSON.stringify(code.map((x: { path: string }) => x.path)));
  });

  it('query prints name, path:line and the matching lines, without scores', () => {
    const r = cli(['query', ws.root, 'authenticate a user with a password', '-k', '3', ...model]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^Server\.HandleLogin {2}server\/auth\.go:\d+ {2}method$/);
    assert.match(lines[1], /^ +\d+ {2}\S/);
    assert.ok(lines.some((l) => /pass := r\.FormValue\("password"\)/.test(l)), r.stdout);
    assert.doesNotMatch(r.stdout, /\d\.\d{3}/, 'no raw scores');
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colours when piped');
  });

  it('query --queries reads JSON lines and answers one line per query', () => {
    const file = path.join(ws.root, '..', `queries-${process.pid}.jsonl`);
    fs.writeFileSync(file, ['{"id":"a","query":"open a connection to mysql"}', '{"id":7,"query":"email a new customer"}'].join('\n'));
    try {
      const r = cli(['query', ws.root, '--queries', file, '-k', '3', '--mode', 'lexical', ...model, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => l.id), ['a', 7]);
      for (const l of lines) {
        assert.ok(typeof l.ms === 'number' && l.ms >= 0);
        assert.ok(Array.isArray(l.results) && l.results.length <= 3);
      }
      assert.equal(lines[0].results[0].path, 'web/db.php');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('similar, clusters and stats answer in JSON', () => {
    const sim = cli(['similar', ws.root, 'tools/digest.py:4-10', '-k', '3', ...model, '--json']);
    assert.equal(sim.code, 0, sim.stderr);
    const simResults = JSON.parse(sim.stdout);
    assert.ok(simResults.every((x: { display?: { name: string; lines: unknown[] } }) => x.display && x.display.name && x.display.lines.length === 1));
    assert.ok(!simResults.some((x: { path: string; startLine: number }) => x.path === 'tools/digest.py' && x.startLine <= 10 && x.startLine >= 4));
    const clusters = cli(['clusters', ws.root, '--k', '3', ...model, '--json']);
    assert.equal(clusters.code, 0, clusters.stderr);
    assert.equal(JSON.parse(clusters.stdout).clusters.length, 3);
    const stats = cli(['stats', ws.root, ...model, '--json']);
    assert.equal(stats.code, 0, stats.stderr);
    const s = JSON.parse(stats.stdout);
    assert.equal(s.files, Object.keys(FIXTURE_FILES).length);
    assert.ok(s.chunks > 0 && s.vectors === s.chunks);
  });

  it('errors: one line on stderr and a non-zero exit', () => {
    const missingModel = cli(['index', ws.root, '--model', path.join(ws.root, 'nope')]);
    assert.equal(missingModel.code, 1);
    assert.equal(missingModel.stderr.trim().split('\n').length, 1, missingModel.stderr);
    assert.match(missingModel.stderr, /fetch-model|SEMSEARCH_MODEL_DIR/);
    const notAFolder = cli(['index', path.join(ws.root, 'nope'), ...model]);
    assert.equal(notAFolder.code, 1);
    const usage = cli(['frobnicate', ws.root]);
    assert.equal(usage.code, 2);
    const noIndex = makeTempWorkspace({ 'a.ts': 'export const a = 1;\n' });
    try {
      const r = cli(['query', noIndex.root, 'anything', ...model]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /semsearch index/);
      assert.ok(!fs.existsSync(path.join(noIndex.root, '.semsearch')), 'a query writes nothing');
    } finally {
      noIndex.cleanup();
    }
  });

  it('a result whose file is gone since indexing still prints, with its stored preview', () => {
    const other = makeTempWorkspace({ 'gone.py': 'def vanish_quietly(x):\n    return x\n', 'kept.py': 'def stay():\n    return 1\n' });
    try {
      assert.equal(cli(['index', other.root, ...model, '--json']).code, 0);
      fs.rmSync(path.join(other.root, 'gone.py'));
      const r = cli(['query', other.root, 'vanish quietly', '--mode', 'lexical', '-k', '1', ...model]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^vanish_quietly {2}gone\.py:1 {2}function\n +1 {2}def vanish_quietly\(x\):\n$/);
    } finally {
      other.cleanup();
    }
  });

  it('--index-dir puts the index elsewhere and writes nothing in the folder', () => {
    const other = makeTempWorkspace({ 'a.py': 'def add(a, b):\n    return a + b\n' });
    const indexDir = path.join(other.root + '-index');
    try {
      const r = cli(['index', other.root, '--index-dir', indexDir, ...model, '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!fs.existsSync(path.join(other.root, '.semsearch')));
      assert.ok(fs.readdirSync(indexDir).length > 0);
    } finally {
      other.cleanup();
      fs.rmSync(indexDir, { recursive: true, force: true });
    }
  });

  it('watch indexes, applies a saved file through the engine watch (--json lines), and stops on SIGINT', async () => {
    const watched = makeTempWorkspace({ 'a.py': 'def add(a, b):\n    return a + b\n' });
    const child = spawn(process.execPath, [BIN, 'watch', watched.root, ...model, '--json', '--quiet', '--debounce', '100'], {
      env: { ...process.env, SEMSEARCH_MODEL_DIR: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (re: RegExp, what: string) => {
      const deadline = Date.now() + 30_000;
      while (!re.test(stdout)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${what}; stdout: ${stdout}; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/Watching for changes/, 'watching line');
      watched.write('b.py', 'def multiply(a, b):\n    return a * b\n');
      await waitFor(/"changed":/, 'update line');
      const update = JSON.parse(stdout.split('\n').find((l) => l.includes('"changed":'))!);
      assert.ok(update.embedded >= 1, JSON.stringify(update));
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
      const q = cli(['query', watched.root, 'multiply two numbers', ...model, '--json']);
      assert.ok(JSON.parse(q.stdout).some((r: { path: string }) => r.path === 'b.py'), q.stdout);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      watched.cleanup();
    }
  });
});

describe('semsearch CLI: readers use the model the index was built with', () => {
  let ws: TempWorkspace;
  let link: string;
  before(() => {
    ws = makeTempWorkspace(FIXTURE_FILES);
    // A model folder we can later empty or point at another model: a symlink to the dev model.
    link = `${ws.root}-model`;
    fs.symlinkSync(devModelDir(), link, 'dir');
    const r = cli(['index', ws.root, '--model', link, '--json']);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => {
    fs.rmSync(link, { force: true });
    ws.cleanup();
  });

  it('query, similar, clusters and stats without --model answer with the recorded model', () => {
    const withModel = cli(['query', ws.root, 'authenticate a user with a password', '-k', '3', '--model', link, '--json']);
    const remembered = cli(['query', ws.root, 'authenticate a user with a password', '-k', '3', '--json']);
    assert.equal(remembered.code, 0, remembered.stderr);
    assert.deepEqual(JSON.parse(remembered.stdout), JSON.parse(withModel.stdout));
    for (const args of [['similar', ws.root, 'tools/digest.py:4-10', '--json'], ['clusters', ws.root, '--k', '2', '--json'], ['stats', ws.root, '--json']]) {
      const r = cli(args);
      assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
    }
    assert.equal(JSON.parse(cli(['stats', ws.root, '--json']).stdout).model.name, 'static-minilm-dev');
  });

  it('a recorded folder that is gone, or holds another model, gives one line naming the expected model', () => {
    fs.rmSync(link);
    try {
      const gone = cli(['query', ws.root, 'password', '--json']);
      assert.equal(gone.code, 1);
      assert.equal(gone.stdout, '');
      assert.equal(gone.stderr.trim().split('\n').length, 1, gone.stderr);
      assert.match(gone.stderr, /built with model static-minilm-dev .*no longer holds it.*--model/);
      fs.symlinkSync(randomArchModelDir(), link, 'dir');
      const other = cli(['query', ws.root, 'password', '--json']);
      assert.equal(other.code, 1);
      assert.match(other.stderr, /built with model static-minilm-dev .*now holds /);
    } finally {
      fs.rmSync(link, { force: true });
      fs.symlinkSync(devModelDir(), link, 'dir');
    }
  });
});

describe('crash safety: an index killed mid-run reopens', () => {
  let ws: TempWorkspace;
  let fullRunMs = 0;
  const model = ['--model', devModelDir()];
  const writeFiles = (round: number) => {
    for (let i = 0; i < 600; i++) {
      ws.write(
        `pkg${i % 20}/mod${i}.py`,
        `def handler_${i}(request, retries=${i + round}):\n    """Handle request number ${i} and retry on failure."""\n    return request.send(retries=${i + round})\n\n\nclass Worker${i}:\n    def run(self):\n        return ${i} * ${round + 2}\n`,
      );
    }
  };
  before(() => {
    ws = makeTempWorkspace();
    writeFiles(0);
    const started = Date.now();
    const r = cli(['index', ws.root, ...model, '--json']);
    assert.equal(r.code, 0, r.stderr);
    fullRunMs = Date.now() - started;
  });
  after(() => ws.cleanup());

  // Killed early, in the middle and near the end (saving) of a run that re-embeds every file.
  for (const fraction of [0.2, 0.5, 0.9]) {
    it(`kill -9 at ${fraction * 100} % of a run → the index reopens consistent and the next run completes`, async () => {
      writeFiles(Math.round(fraction * 10));
      const child = spawn(process.execPath, [BIN, 'index', ws.root, ...model, '--json'], { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(50, fraction * fullRunMs));
      await exited;
      clearTimeout(timer);
      const stats = cli(['stats', ws.root, ...model, '--json']);
      assert.equal(stats.code, 0, stats.stderr);
      const s = JSON.parse(stats.stdout);
      assert.equal(s.vectors, s.chunks, 'the state that loads has a vector for every chunk');
      const again = cli(['index', ws.root, ...model, '--json']);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).files, 600);
      const q = cli(['query', ws.root, 'handle request number 17', '-k', '3', ...model, '--json']);
      assert.equal(q.code, 0, q.stderr);
      assert.ok(JSON.parse(q.stdout).length > 0);
    });
  }
});
