// Unit tests of the chunk module (src/core/chunk) with the real tokenizer of the dev model.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createChunker, languageForPath, splitIdentifiers, type Chunker } from '../../src/core/chunk';
import type { Chunk } from '../../src/core/types';
import { assertInvariants, type CountTokens, fixture, realCountTokens, shape } from './chunkHelpers';

let count: CountTokens;
let chunker: Chunker;
let small: Chunker; // maxTokens 64: forces the structure of the small fixtures apart

before(async () => {
  count = await realCountTokens();
  chunker = await createChunker({ countTokens: count });
  small = await createChunker({ countTokens: count, maxTokens: 64 });
});

describe('splitIdentifiers', () => {
  it('splits camel, Pascal, snake, screaming case and letter-digit joins', () => {
    assert.equal(splitIdentifiers('readFileSync'), 'read File Sync');
    assert.equal(splitIdentifiers('XMLHttpRequest'), 'XML Http Request');
    assert.equal(splitIdentifiers('utf8'), 'utf 8');
    assert.equal(splitIdentifiers('snake_case'), 'snake case');
    assert.equal(splitIdentifiers('SCREAMING_CASE'), 'SCREAMING CASE');
    assert.equal(splitIdentifiers('int32Array'), 'int 32 Array');
  });
  it('keeps other text', () => {
    assert.equal(splitIdentifiers('const x = a.b(c); // plain words, 42!'), 'const x = a.b(c); // plain words, 42!');
    assert.equal(splitIdentifiers('fs.readFileSync(p, "utf8")'), 'fs.read File Sync(p, "utf 8")');
  });
});

describe('languageForPath', () => {
  it('maps extensions to language ids', () => {
    const cases: [string, string | undefined][] = [
      ['src/a.ts', 'typescript'], ['a.tsx', 'typescript'], ['a.js', 'javascript'], ['a.jsx', 'javascript'],
      ['a.mjs', 'javascript'], ['a.cjs', 'javascript'], ['x/y.py', 'python'], ['m.go', 'go'], ['lib.rs', 'rust'],
      ['A.java', 'java'], ['a.c', 'c'], ['a.h', 'c'], ['a.cpp', 'cpp'], ['a.hpp', 'cpp'], ['A.cs', 'csharp'],
      ['a.rb', 'ruby'], ['a.php', 'php'], ['README.md', 'markdown'], ['doc.mdx', 'markdown'],
      ['a.markdown', 'markdown'], ['notes.txt', 'text'], ['c.json', 'json'], ['c.yaml', 'yaml'],
      ['Cargo.toml', 'toml'], ['Dockerfile', 'dockerfile'], ['x.unknownext', undefined], ['noext', undefined],
    ];
    for (const [p, lang] of cases) assert.equal(languageForPath(p), lang, p);
    assert.equal(chunker.languageOf('src/a.py'), 'python');
  });
});

type Shape = [number, number, string, string][];

interface LangCase {
  file: string;
  path: string;
  language: string;
  at256: Shape;
  at64: Shape;
}

// Expected boundaries and symbols, checked by hand against the fixtures (leading doc comments, decorators and
// attributes belong to their definition; imports are a chunk of their own; tiny neighbours such as one-liners merge).
const CASES: LangCase[] = [
  {
    file: 'sample.ts.fixture', path: 'src/sample.ts', language: 'typescript',
    at256: [[1, 2, 'imports', ''], [4, 10, 'function', 'loadConfig'], [12, 16, 'interface', 'Options, Mode'], [18, 31, 'class', 'Counter'], [33, 35, 'function', 'double, Color']],
    at64: [[1, 2, 'imports', ''], [4, 7, 'function', 'loadConfig'], [8, 10, 'function', 'loadConfig'], [12, 14, 'interface', 'Options'], [16, 21, 'class', 'Counter, Mode'], [23, 26, 'method', 'Counter.add'], [28, 31, 'method', 'Counter.value'], [33, 35, 'function', 'double, Color']],
  },
  {
    file: 'sample.py', path: 'pkg/sample.py', language: 'python',
    at256: [[1, 2, 'imports', ''], [5, 8, 'function', 'read_config'], [11, 25, 'class', 'Shape']],
    at64: [[1, 2, 'imports', ''], [5, 8, 'function', 'read_config'], [11, 22, 'class', 'Shape'], [25, 25, 'block', '']],
  },
  {
    file: 'sample.go', path: 'store/sample.go', language: 'go',
    at256: [[1, 3, 'imports', ''], [5, 8, 'class', 'Store'], [10, 13, 'method', 'Store.Get'], [15, 19, 'function', 'NewStore']],
    at64: [[1, 3, 'imports', ''], [5, 8, 'class', 'Store'], [10, 13, 'method', 'Store.Get'], [15, 19, 'function', 'NewStore']],
  },
  {
    file: 'sample.rs', path: 'src/sample.rs', language: 'rust',
    at256: [[1, 1, 'imports', ''], [3, 7, 'class', 'Cache'], [9, 18, 'class', 'Cache'], [20, 25, 'function', 'main, Level']],
    at64: [[1, 1, 'imports', ''], [3, 7, 'class', 'Cache'], [9, 13, 'class', 'Cache'], [15, 18, 'method', 'Cache.get, Level'], [20, 20, 'method', 'Cache.get, Level'], [22, 25, 'function', 'main']],
  },
  {
    file: 'Sample.java', path: 'src/Sample.java', language: 'java',
    at256: [[1, 3, 'imports', ''], [5, 22, 'class', 'UserRepository']],
    at64: [[1, 3, 'imports', ''], [5, 9, 'class', 'UserRepository'], [11, 13, 'method', 'UserRepository.findUser'], [14, 15, 'method', 'UserRepository.findUser'], [17, 22, 'class', 'UserRepository.Entry']],
  },
  {
    file: 'sample.c', path: 'src/sample.c', language: 'c',
    at256: [[1, 2, 'imports', ''], [4, 8, 'class', 'point'], [10, 16, 'function', 'add_numbers'], [18, 22, 'function', 'main']],
    at64: [[1, 2, 'imports', ''], [4, 8, 'class', 'point'], [10, 16, 'function', 'add_numbers'], [18, 22, 'function', 'main']],
  },
  {
    file: 'sample.cpp', path: 'src/sample.cpp', language: 'cpp',
    at256: [[1, 3, 'imports', ''], [5, 14, 'class', 'Circle'], [16, 20, 'function', 'Circle_perimeter']],
    at64: [[1, 3, 'imports', ''], [5, 14, 'class', 'Circle'], [16, 20, 'function', 'Circle_perimeter']],
  },
  {
    file: 'Sample.cs', path: 'src/Sample.cs', language: 'csharp',
    at256: [[1, 4, 'imports', ''], [5, 16, 'class', 'Greeter'], [18, 22, 'interface', 'IGreeter']],
    at64: [[1, 4, 'imports', ''], [5, 8, 'class', 'Greeter'], [10, 16, 'method', 'Greeter.SayHello'], [18, 22, 'interface', 'IGreeter']],
  },
  {
    file: 'sample.rb', path: 'lib/sample.rb', language: 'ruby',
    at256: [[1, 1, 'imports', ''], [3, 16, 'module', 'Parsing'], [18, 20, 'function', 'helper_method']],
    at64: [[1, 1, 'imports', ''], [3, 16, 'module', 'Parsing'], [18, 20, 'function', 'helper_method']],
  },
  {
    file: 'sample.php', path: 'app/sample.php', language: 'php',
    at256: [[1, 5, 'imports', ''], [7, 21, 'class', 'User'], [23, 26, 'function', 'format_user']],
    at64: [[1, 5, 'imports', ''], [7, 21, 'class', 'User'], [23, 26, 'function', 'format_user']],
  },
  {
    file: 'sample.jsx', path: 'web/sample.jsx', language: 'javascript',
    at256: [[1, 1, 'imports', ''], [3, 6, 'function', 'Greeting'], [8, 14, 'class', 'Panel']],
    at64: [[1, 1, 'imports', ''], [3, 6, 'function', 'Greeting'], [8, 14, 'class', 'Panel']],
  },
];

describe('code fixtures: boundaries, symbols, doc comments', () => {
  for (const c of CASES) {
    it(`${c.language}: ${c.file} at 256 and 64 tokens`, async () => {
      const text = fixture(c.file);
      const big = await chunker.chunkFile(c.path, text);
      assert.deepEqual(shape(big), c.at256);
      assertInvariants(text, big, count, 256);
      for (const ch of big) {
        assert.equal(ch.language, c.language);
        assert.equal(ch.path, c.path);
      }
      const tight = await small.chunkFile(c.path, text);
      assert.deepEqual(shape(tight), c.at64);
      assertInvariants(text, tight, count, 64);
    });
  }

  it('includes leading doc comments, decorators and attributes in the definition', async () => {
    const firstLine = async (file: string, _p: string, symbol: string) => {
      const chunks = await small.chunkFile(CASES.find((c) => c.file === file)!.path, fixture(file));
      const ch = chunks.find((x) => x.symbol === symbol);
      assert.ok(ch, `${symbol} in ${file}`);
      return ch.text.split('\n')[0].trim();
    };
    assert.equal(await firstLine('sample.ts.fixture', 'a.ts', 'Counter.add'), '/** Adds a value. */');
    assert.equal(await firstLine('Sample.java', 'A.java', 'UserRepository.findUser'), '/** Finds a user by name. */');
    assert.equal(await firstLine('Sample.cs', 'A.cs', 'Greeter.SayHello'), '/// <summary>Says hello.</summary>');
    assert.equal(await firstLine('sample.go', 'a.go', 'Store.Get'), '// Get returns a value.');
    assert.equal(await firstLine('sample.php', 'a.php', 'User'), '/**');
    assert.equal(await firstLine('sample.c', 'a.c', 'add_numbers'), '/**');
    assert.equal(await firstLine('sample.rs', 'a.rs', 'main'), 'fn main() {');
    // Rust doc comment and attribute, Python decorator:
    const rs = await small.chunkFile('src/sample.rs', fixture('sample.rs'));
    assert.deepEqual(rs.find((x) => x.symbol === 'Cache')?.text.split('\n').slice(0, 2), ['/// A key-value cache.', '#[derive(Debug)]']);
    const py = await small.chunkFile('pkg/sample.py', fixture('sample.py'));
    assert.equal(py.find((x) => x.symbol === 'Shape')?.text.split('\n')[0], '@dataclass');
  });

  it('splits identifiers in embedText but not in text, with a path and symbol header', async () => {
    const chunks = await chunker.chunkFile('src/configLoader.ts', fixture('sample.ts.fixture'));
    const load = chunks.find((c) => c.symbol === 'loadConfig')!;
    assert.match(load.text, /readFileSync\(path\.resolve\(file\), 'utf8'\)/);
    assert.doesNotMatch(load.embedText, /readFileSync/);
    assert.match(load.embedText, /read File Sync/);
    assert.match(load.embedText, /utf 8/);
    // Header: path words, symbol words, the signature line.
    assert.ok(load.embedText.startsWith('src config Loader ts load Config export function load Config(file: string): unknown {\n'), load.embedText.slice(0, 90));
    // Pure punctuation lines are left out of the embedded text, comment markers too.
    const counter = chunks.find((c) => c.symbol === 'Counter')!;
    assert.doesNotMatch(counter.embedText, /^\s*}\s*$/m);
    assert.match(counter.embedText, /^Keeps a running total\.$/m);
  });
});

// ---------- generated large inputs ----------

const N = 120;
function lines(n: number, f: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => f(i)).join('\n');
}

interface BigFn {
  path: string;
  symbol: string;
  kind: string;
  text: string;
}

const BIG_FUNCTIONS: BigFn[] = [
  { path: 'a.ts', symbol: 'processRecords', kind: 'function', text: `import { x } from 'y';\n\nexport function processRecords(items: string[]): number {\n  let total = 0;\n${lines(N, (i) => `  total += computeChecksum(items[${i}]) + normalizeWeight(${i});`)}\n  return total;\n}\n` },
  { path: 'a.js', symbol: 'processRecords', kind: 'function', text: `function processRecords(items) {\n  let total = 0;\n${lines(N, (i) => `  total += computeChecksum(items[${i}]) + normalizeWeight(${i});`)}\n  return total;\n}\n` },
  { path: 'a.tsx', symbol: 'RecordList', kind: 'function', text: `export const RecordList = (props: { items: string[] }) => {\n${lines(N, (i) => `  const row${i} = <li key="${i}">{renderRecord(props.items[${i}])}</li>;`)}\n  return <ul>{row0}</ul>;\n};\n` },
  { path: 'a.py', symbol: 'process_records', kind: 'function', text: `import os\n\n\ndef process_records(items):\n    total = 0\n${lines(N, (i) => `    total += compute_checksum(items[${i}]) + normalize_weight(${i})`)}\n    return total\n` },
  { path: 'a.go', symbol: 'ProcessRecords', kind: 'function', text: `package main\n\nfunc ProcessRecords(items []string) int {\n\ttotal := 0\n${lines(N, (i) => `\ttotal += computeChecksum(items[${i}]) + normalizeWeight(${i})`)}\n\treturn total\n}\n` },
  { path: 'a.rs', symbol: 'process_records', kind: 'function', text: `fn process_records(items: &[String]) -> i64 {\n    let mut total = 0;\n${lines(N, (i) => `    total += compute_checksum(&items[${i}]) + normalize_weight(${i});`)}\n    total\n}\n` },
  { path: 'A.java', symbol: 'Records.processRecords', kind: 'method', text: `public class Records {\n    public int processRecords(String[] items) {\n        int total = 0;\n${lines(N, (i) => `        total += computeChecksum(items[${i}]) + normalizeWeight(${i});`)}\n        return total;\n    }\n}\n` },
  { path: 'a.c', symbol: 'process_records', kind: 'function', text: `#include <stdio.h>\n\nint process_records(char **items)\n{\n    int total = 0;\n${lines(N, (i) => `    total += compute_checksum(items[${i}]) + normalize_weight(${i});`)}\n    return total;\n}\n` },
  { path: 'a.cpp', symbol: 'process_records', kind: 'function', text: `int process_records(std::vector<std::string>& items) {\n    int total = 0;\n${lines(N, (i) => `    total += compute_checksum(items[${i}]) + normalize_weight(${i});`)}\n    return total;\n}\n` },
  { path: 'A.cs', symbol: 'Records.ProcessRecords', kind: 'method', text: `public class Records\n{\n    public int ProcessRecords(string[] items)\n    {\n        int total = 0;\n${lines(N, (i) => `        total += ComputeChecksum(items[${i}]) + NormalizeWeight(${i});`)}\n        return total;\n    }\n}\n` },
  { path: 'a.rb', symbol: 'process_records', kind: 'function', text: `def process_records(items)\n  total = 0\n${lines(N, (i) => `  total += compute_checksum(items[${i}]) + normalize_weight(${i})`)}\n  total\nend\n` },
  { path: 'a.php', symbol: 'process_records', kind: 'function', text: `<?php\n\nfunction process_records($items)\n{\n    $total = 0;\n${lines(N, (i) => `    $total += compute_checksum($items[${i}]) + normalize_weight(${i});`)}\n    return $total;\n}\n` },
];

describe('large definitions are split on inner boundaries', () => {
  for (const b of BIG_FUNCTIONS) {
    it(`${b.path}: ${b.symbol} split into pieces that fit 256 tokens`, async () => {
      const chunks = await chunker.chunkFile(b.path, b.text);
      assertInvariants(b.text, chunks, count, 256);
      const pieces = chunks.filter((c) => c.symbol === b.symbol);
      assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
      for (const p of pieces) assert.equal(p.kind, b.kind);
      // Pieces cover the body contiguously, and nearly everything in the file belongs to the function.
      for (let i = 1; i < pieces.length; i++) assert.equal(pieces[i].startLine, pieces[i - 1].endLine + 1);
      const other = chunks.filter((c) => c.symbol !== b.symbol);
      assert.ok(other.length <= 1, shape(other).join(' | '));
      // Balanced: no sliver at the end.
      const sizes = pieces.map((p) => p.endLine - p.startLine + 1);
      assert.ok(Math.min(...sizes) >= 5, sizes.join(','));
      assert.ok(pieces.some((p) => count(p.embedText) > 150), 'pieces are reasonably full');
    });
  }
});

interface BigClass {
  path: string;
  cls: string;
  /** Line where the class chunk starts (its doc comment). */
  classStart: number;
  methodSymbol: (i: number) => string;
  text: string;
}

const M = 14;
const BIG_CLASSES: BigClass[] = [
  {
    path: 'svc.ts', cls: 'BigService', classStart: 1, methodSymbol: (i) => `BigService.handleRequest${i}`,
    text: `/** A big service. */\nexport class BigService {\n  private counter = 0;\n\n${lines(M, (i) => `  /** Handles request ${i}. */\n  handleRequest${i}(input: string): number {\n    const parsedValue = parseInput(input, ${i});\n    this.counter += parsedValue * ${i};\n    logMessage('handled request number ${i}', parsedValue);\n    return this.counter;\n  }\n`)}}\n`,
  },
  {
    // The outer header (`class BigService:` + docstring) and `class Inner:` merge; the innermost class names it.
    path: 'svc.py', cls: 'BigService.Inner', classStart: 1, methodSymbol: (i) => `BigService.Inner.handle_request_${i}`,
    text: `class BigService:\n    """A big service."""\n\n    class Inner:\n${lines(M, (i) => `        def handle_request_${i}(self, data):\n            """Handles request ${i}."""\n            parsed_value = parse_input(data, ${i})\n            self.counter += parsed_value * ${i}\n            log_message("handled request number ${i}", parsed_value)\n            return self.counter\n`)}`,
  },
  {
    path: 'Svc.java', cls: 'BigService', classStart: 1, methodSymbol: (i) => `BigService.handleRequest${i}`,
    text: `/** A big service. */\npublic class BigService {\n    private int counter = 0;\n\n${lines(M, (i) => `    /** Handles request ${i}. */\n    public int handleRequest${i}(String input) {\n        int parsedValue = parseInput(input, ${i});\n        counter += parsedValue * ${i};\n        logMessage("handled request number ${i}", parsedValue);\n        return counter;\n    }\n`)}}\n`,
  },
  {
    // `namespace App {` is merged into the class header chunk
    path: 'Svc.cs', cls: 'BigService', classStart: 1, methodSymbol: (i) => `BigService.HandleRequest${i}`,
    text: `namespace App\n{\n    /// <summary>A big service.</summary>\n    public class BigService\n    {\n        private int counter = 0;\n\n${lines(M, (i) => `        /// <summary>Handles request ${i}.</summary>\n        public int HandleRequest${i}(string input)\n        {\n            int parsedValue = ParseInput(input, ${i});\n            counter += parsedValue * ${i};\n            LogMessage("handled request number ${i}", parsedValue);\n            return counter;\n        }\n`)}    }\n}\n`,
  },
  {
    path: 'svc.rs', cls: 'BigService', classStart: 1, methodSymbol: (i) => `BigService.handle_request_${i}`,
    text: `impl BigService {\n${lines(M, (i) => `    /// Handles request ${i}.\n    pub fn handle_request_${i}(&mut self, input: &str) -> i64 {\n        let parsed_value = parse_input(input, ${i});\n        self.counter += parsed_value * ${i};\n        log_message("handled request number ${i}", parsed_value);\n        self.counter\n    }\n`)}}\n`,
  },
  {
    path: 'svc.rb', cls: 'Services.BigService', classStart: 1, methodSymbol: (i) => `Services.BigService.handle_request_${i}`,
    text: `module Services\n  # A big service.\n  class BigService\n${lines(M, (i) => `    # Handles request ${i}.\n    def handle_request_${i}(input)\n      parsed_value = parse_input(input, ${i})\n      @counter += parsed_value * ${i}\n      log_message("handled request number ${i}", parsed_value)\n      @counter\n    end\n`)}  end\nend\n`,
  },
  {
    path: 'svc.php', cls: 'BigService', classStart: 1, methodSymbol: (i) => `BigService.handleRequest${i}`,
    text: `<?php\n/** A big service. */\nclass BigService\n{\n    private $counter = 0;\n\n${lines(M, (i) => `    /** Handles request ${i}. */\n    public function handleRequest${i}($input)\n    {\n        $parsedValue = parseInput($input, ${i});\n        $this->counter += $parsedValue * ${i};\n        logMessage("handled request number ${i}", $parsedValue);\n        return $this->counter;\n    }\n`)}}\n`,
  },
  {
    path: 'svc.cpp', cls: 'BigService', classStart: 1, methodSymbol: (i) => `BigService.handleRequest${i}`,
    text: `/// A big service.\nclass BigService {\n    int counter = 0;\npublic:\n${lines(M, (i) => `    /// Handles request ${i}.\n    int handleRequest${i}(const std::string& input) {\n        int parsedValue = parseInput(input, ${i});\n        counter += parsedValue * ${i};\n        logMessage("handled request number ${i}", parsedValue);\n        return counter;\n    }\n`)}};\n`,
  },
];

describe('a class too large for one chunk: header chunk plus one chunk per method', () => {
  for (const b of BIG_CLASSES) {
    it(`${b.path}: ${b.cls}`, async () => {
      const chunks = await chunker.chunkFile(b.path, b.text);
      assertInvariants(b.text, chunks, count, 256);
      const header = chunks[0];
      assert.equal(header.kind, 'class');
      assert.equal(header.symbol, b.cls);
      assert.equal(header.startLine, b.classStart);
      // Every method after the first (which may share the header chunk) has its own chunk, doc comment first.
      for (let i = 1; i < M; i++) {
        const m = chunks.filter((c) => c.symbol === b.methodSymbol(i));
        assert.equal(m.length, 1, `${b.methodSymbol(i)}: ${JSON.stringify(shape(chunks))}`);
        assert.equal(m[0].kind, 'method');
        assert.match(m[0].text.split('\n')[0], new RegExp(`(request ${i}\\.|handle_?[rR]equest_?${i})`, 'i'));
      }
      assert.ok(chunks.length >= M - 1 && chunks.length <= M + 2, `${chunks.length} chunks`);
    });
  }
});

describe('small neighbours are merged', () => {
  it('imports are a chunk of their own; one-liners and small statements do not become one-line chunks', async () => {
    const text = [
      "import { a } from 'a';",
      "import { b } from 'b';",
      '',
      'const LIMIT = 10;',
      'export const name = "x";',
      '',
      '/** Computes the total price of an order including taxes and shipping costs. */',
      'export function totalPrice(order: Order): number {',
      '  const subtotal = order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);',
      '  const taxes = subtotal * order.taxRate;',
      '  return subtotal + taxes + order.shippingCost;',
      '}',
      '',
      'console.log(LIMIT);',
      '',
    ].join('\n');
    const chunks = await chunker.chunkFile('src/order.ts', text);
    assertInvariants(text, chunks, count);
    assert.deepEqual(shape(chunks), [[1, 5, 'imports', ''], [7, 14, 'function', 'totalPrice']]);
  });

  it('many tiny functions coalesce into a few chunks, small functions keep their own', async () => {
    const text = lines(40, (i) => `export const get${i} = () => ${i};`) + '\n\n' +
      'function describeOrder(order: Order): string {\n  const parts = [order.id, order.customer, order.total];\n  return parts.join(" ");\n}\n';
    const chunks = await chunker.chunkFile('src/getters.ts', text);
    assertInvariants(text, chunks, count);
    assert.ok(chunks.length <= 6, `${chunks.length} chunks`);
    assert.ok(chunks.every((c) => c.endLine > c.startLine), 'no one-line chunk');
    const last = chunks[chunks.length - 1];
    assert.equal(last.symbol, 'describeOrder');
    assert.deepEqual([last.startLine, last.endLine], [42, 45]);
    assert.match(chunks[0].symbol, /^get\d+, get\d+, get\d+, …$/);
  });
});

describe('Markdown', () => {
  it('chunks by headings with heading paths as symbols', async () => {
    const para = (w: string) => `${w} `.repeat(45).trim() + '.';
    const text = [
      '# Project', '', para('intro'), '',
      '## Install', '', para('install'), '',
      '### From source', '', para('clone'), '', '```sh', '# not a heading', 'make build', '```', '',
      '## Usage', '', para('usage'), '',
    ].join('\n');
    const chunks = await chunker.chunkFile('README.md', text);
    assertInvariants(text, chunks, count);
    assert.deepEqual(shape(chunks), [
      [1, 3, 'section', 'Project'],
      [5, 7, 'section', 'Project > Install'],
      [9, 16, 'section', 'Project > Install > From source'],
      [18, 20, 'section', 'Project > Usage'],
    ]);
    assert.equal(chunks[0].language, 'markdown');
    assert.ok(chunks[2].embedText.startsWith('README md Project Install From source\n'));
  });

  it('merges tiny sections and splits a large section at paragraphs', async () => {
    const small = fixture('sample.md');
    const s = await chunker.chunkFile('docs/a.md', small);
    assertInvariants(small, s, count);
    assert.deepEqual(shape(s), [[1, 15, 'section', 'Project']]);

    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} explains ${'configurationOption '.repeat(12)}in detail.\nIt continues on a second line.`);
    const big = ['# Guide', '', '## Options', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
    const chunks = await chunker.chunkFile('docs/guide.mdx', big);
    assertInvariants(big, chunks, count);
    const opts = chunks.filter((c) => c.symbol === 'Guide > Options');
    assert.ok(opts.length >= 2);
    // Every piece starts at a paragraph (or the heading) and ends at a paragraph end.
    const lns = big.split('\n');
    for (const c of opts) {
      assert.ok(/^(## Options|Paragraph \d+)/.test(lns[c.startLine - 1]), lns[c.startLine - 1]);
      assert.equal(lns[c.endLine - 1], 'It continues on a second line.');
    }
    assert.match(opts[0].embedText, /configuration Option/);
  });
});

describe('plain text: overlapping line windows', () => {
  it('windows fit the limit and overlap by 10-20 %', async () => {
    const text = lines(300, (i) => `line ${i} of the notes talks about topic ${i % 17} and nothing else`) + '\n';
    const chunks = await chunker.chunkFile('notes/log.txt', text);
    assertInvariants(text, chunks, count);
    assert.ok(chunks.length >= 5);
    for (const c of chunks) {
      assert.equal(c.kind, 'text');
      assert.equal(c.symbol, '');
      assert.equal(c.language, 'text');
    }
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1];
      const overlap = prev.endLine - chunks[i].startLine + 1;
      const len = prev.endLine - prev.startLine + 1;
      assert.ok(overlap / len >= 0.1 && overlap / len <= 0.2, `overlap ${overlap}/${len}`);
    }
    // Windows are filled close to the limit.
    assert.ok(count(chunks[0].embedText) > 200, `${count(chunks[0].embedText)}`);
  });

  it('json, yaml, config files and unknown extensions are text windows', async () => {
    const json = JSON.stringify({ name: 'x', scripts: { build: 'tsc' }, list: Array.from({ length: 80 }, (_, i) => `item${i}`) }, null, 2);
    for (const [p, lang] of [['package.json', 'json'], ['a/b.yaml', 'yaml'], ['x.weird', 'text'], ['Makefile', 'makefile']]) {
      const chunks = await chunker.chunkFile(p, json);
      assertInvariants(json, chunks, count);
      assert.ok(chunks.length >= 2);
      assert.ok(chunks.every((c) => c.kind === 'text' && c.language === lang), p);
    }
  });
});

describe('robustness', () => {
  const garbage = [
    '',
    '\n\n   \n',
    '}}}}{{{{ ))) ((( ;;; \n'.repeat(50),
    'function (((( { class } def :: <?php ?> fn impl {\n'.repeat(30),
    String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 7919) % 0xd7ff || 32)),
    'x'.repeat(20000),
    '\u0000\u0001binary\u0002\n\u00ff\u00fe'.repeat(100),
    '한국어 텍스트와 中文文本 および 日本語のテキスト\n'.repeat(60),
  ];
  const paths = ['a.ts', 'a.tsx', 'a.js', 'a.py', 'a.go', 'a.rs', 'A.java', 'a.c', 'a.cpp', 'A.cs', 'a.rb', 'a.php', 'a.md', 'a.txt'];
  for (const p of paths) {
    it(`garbage in ${p} does not throw and loses no line`, async () => {
      for (const g of garbage) {
        const chunks: Chunk[] = await chunker.chunkFile(p, g);
        assertInvariants(g, chunks, count);
        if (g.trim() === '') assert.equal(chunks.length, 0);
      }
    });
  }

  it('CRLF line endings keep the same lines', async () => {
    const text = fixture('sample.go').replace(/\n/g, '\r\n');
    const chunks = await chunker.chunkFile('a.go', text);
    assert.deepEqual(shape(chunks), CASES.find((c) => c.file === 'sample.go')!.at256);
    assert.ok(chunks.every((c) => !c.text.includes('\r')));
  });

  it('is deterministic', async () => {
    const text = BIG_CLASSES[0].text;
    const a = await chunker.chunkFile('x.ts', text);
    const b = await chunker.chunkFile('x.ts', text);
    assert.deepEqual(a, b);
  });
});

describe('grammars', () => {
  it('C is parsed with the C grammar of tree-sitter-wasms, loaded in the @vscode runtime', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { grammarPath } = require('../../src/core/chunk/languages') as typeof import('../../src/core/chunk/languages');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parserFor } = require('../../src/core/chunk/treesitter') as typeof import('../../src/core/chunk/treesitter');
    assert.match(grammarPath('c').replace(/\\/g, '/'), /tree-sitter-wasms\/out\/tree-sitter-c\.wasm$/);
    assert.match(grammarPath('cpp').replace(/\\/g, '/'), /@vscode\/tree-sitter-wasm\/wasm\/tree-sitter-cpp\.wasm$/);
    const c = await parserFor('c');
    const cpp = await parserFor('cpp');
    assert.ok(c?.language && cpp?.language);
    // The C grammar (not the C++ fallback) is loaded: far fewer node types.
    assert.ok(c.language.nodeTypeCount < cpp.language.nodeTypeCount - 100, `${c.language.nodeTypeCount} vs ${cpp.language.nodeTypeCount}`);
    const text = [
      '/* Counts things; `class` and `new` are ordinary names in C. */',
      'int count_items(int class, int new)',
      '{',
      '    int total = class + new;',
      '    total = total * 2 + class;',
      '    return total;',
      '}',
      '',
      'static int twice(int x)',
      '{',
      '    int doubled = x * 2;',
      '    return doubled;',
      '}',
    ].join('\n');
    const chunks = await chunker.chunkFile('src/count.c', text);
    assertInvariants(text, chunks, count, 256);
    assert.deepEqual(shape(chunks), [[1, 7, 'function', 'count_items'], [9, 13, 'function', 'twice']]);
  });
});

describe('speed habits', () => {
  it('asks the tokenizer at most about once per chunk', async () => {
    let calls = 0;
    const counting = await createChunker({ countTokens: (t) => (calls++, count(t)) });
    let chunks = 0;
    for (const b of [...BIG_FUNCTIONS, ...BIG_CLASSES]) chunks += (await counting.chunkFile(b.path, b.text)).length;
    assert.ok(calls <= chunks * 1.2, `${calls} countTokens calls for ${chunks} chunks`);
  });

  it('a C++ header with the .h extension is parsed as C++', async () => {
    const text = '/// A widget.\nclass Widget {\npublic:\n    int size() const { return n; }\n    int n;\n};\n';
    const chunks = await chunker.chunkFile('include/widget.h', text);
    assert.deepEqual(shape(chunks), [[1, 6, 'class', 'Widget']]);
    assert.equal(chunks[0].language, 'c');
  });
});

describe('modules and namespaces', () => {
  it('a TypeScript namespace is one module chunk when it fits, else a header plus its functions', async () => {
    const body = lines(12, (i) => `  /** Computes area number ${i}. */\n  export function area${i}(width: number, height: number): number {\n    const scaled = width * height * ${i};\n    return Math.round(scaled / 2 + offsetFor(${i}));\n  }\n`);
    const text = `/** Geometry helpers. */\nexport namespace Geometry {\n${body}}\n`;
    const chunks = await chunker.chunkFile('src/geometry.ts', text);
    assertInvariants(text, chunks, count);
    assert.equal(chunks[0].kind, 'module');
    assert.equal(chunks[0].symbol, 'Geometry');
    assert.equal(chunks[0].startLine, 1);
    const area5 = chunks.find((c) => c.symbol === 'Geometry.area5');
    assert.ok(area5);
    assert.equal(area5.kind, 'function');
    assert.equal(area5.text.split('\n')[0], '  /** Computes area number 5. */');
    const one = await chunker.chunkFile('src/g.ts', '/** Geometry. */\nexport namespace Geo {\n  export function area(w: number, h: number): number {\n    return w * h;\n  }\n}\n');
    assert.deepEqual(shape(one), [[1, 6, 'module', 'Geo']]);
  });
});

describe('path context in embedText', () => {
  it("'path' (default), 'name' and 'none'", async () => {
    const text = fixture('sample.go');
    const store = (chunks: Chunk[]) => chunks.find((x) => x.symbol === 'Store')!;
    const a = store(await chunker.chunkFile('pkg/store/sample.go', text));
    assert.ok(a.embedText.startsWith('pkg store sample go Store type Store struct {\n'), a.embedText.slice(0, 60));
    const byName = await createChunker({ countTokens: count, pathContext: 'name' });
    const b = store(await byName.chunkFile('pkg/store/sample.go', text));
    const b2 = store(await byName.chunkFile('moved/elsewhere/sample.go', text));
    assert.ok(b.embedText.startsWith('sample go Store type Store struct {\n'));
    assert.equal(b.hash, b2.hash);
    const none = await createChunker({ countTokens: count, pathContext: 'none' });
    const c = store(await none.chunkFile('pkg/store/sample.go', text));
    assert.ok(c.embedText.startsWith('Store type Store struct {\n'), c.embedText.slice(0, 40));
  });
});

describe('JavaScript assignments of functions', () => {
  it('prototype methods and chained aliases (`P.absoluteValue = P.abs = function`) get their names', async () => {
    const body = (op: string) => `  var x = new this.constructor(this);\n  if (x.s < 0) x.s = 1;\n  return finalise(x, ${op});\n`;
    const text = [
      "'use strict';",
      '',
      '/*',
      ' * Return a new Decimal whose value is the absolute value of this Decimal.',
      ' */',
      'P.absoluteValue = P.abs = function () {',
      body('1').trimEnd(),
      '};',
      '',
      '',
      '/*',
      ' * Return a new Decimal rounded to a whole number in the direction of positive Infinity.',
      ' */',
      'P.ceil = function () {',
      body('2').trimEnd(),
      '};',
      '',
    ].join('\n');
    const chunks = await chunker.chunkFile('decimal.js', text);
    const abs = chunks.find((c) => c.symbol.includes('P.absoluteValue'));
    assert.ok(abs, JSON.stringify(chunks.map((c) => [c.symbol, c.kind, c.startLine])));
    assert.equal(abs.kind, 'method');
    assert.ok(abs.startLine <= 4 && abs.endLine >= 8, 'the doc comment and the body are in the chunk');
    assert.ok(chunks.some((c) => c.symbol.includes('P.ceil')));
  });
});
