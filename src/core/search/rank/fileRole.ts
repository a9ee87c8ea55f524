// What a file is to someone searching code: the source itself, or something around it (tests, examples, fixtures,
// vendored or generated code, changelogs, licences, type stubs). The ranking stage moves the latter down, never out.

export type FileRole =
  | 'source'
  | 'docs'
  | 'archive'
  | 'test'
  | 'example'
  | 'fixture'
  | 'vendored'
  | 'generated'
  | 'changelog'
  | 'legal'
  | 'stub'
  | 'benchmark';

const TEST_DIR = /(?:^|\/)(?:tests?|__tests__|__mocks__|specs?|testing|testdata|test_?utils?|e2e|integration[-_]tests?)(?:\/)/i;
const TEST_FILE = new RegExp(
  [
    /(?:^|\/)test_[^/]*\.py$/, // test_foo.py
    /_test\.(?:py|go|rb|c|cc|cpp|dart|lua|exs?)$/, // foo_test.go
    /_spec\.(?:rb|lua)$/, // foo_spec.rb
    /\.(?:test|spec)\.[cm]?[jt]sx?$/, // foo.test.ts
    /(?:Tests?|Spec|Suite|IT)\.(?:java|kt|cs|scala|swift|php|groovy)$/, // FooTest.java
    /(?:^|\/)conftest\.py$/,
    /(?:^|\/)test[^/]*\.(?:c|cc|cpp|sh)$/, // test_foo.c, tests.sh
  ]
    .map((r) => r.source)
    .join('|'),
);
const EXAMPLE_DIR = /(?:^|\/)(?:_?examples?|samples?|demos?|docs?_src|playground|tutorials?|cookbook)(?:\/)/i;
const FIXTURE_DIR = /(?:^|\/)(?:fixtures?|__fixtures__|__snapshots__|snapshots|golden|testdata|stubs?|mocks?)(?:\/)/i;
const BENCH_DIR = /(?:^|\/)(?:bench(?:marks?)?|perf)(?:\/)/i;
const VENDOR_DIR = /(?:^|\/)(?:vendor|vendored|third[-_]?party|external|extern|deps|bower_components|single_include|amalgamation)(?:\/)/i;
const GENERATED_FILE = /(?:\.pb\.go|_pb2\.py|\.pb\.(?:cc|h)|\.g\.dart|\.generated\.[a-z]+|\.gen\.[a-z]+|_generated\.[a-z]+|\.designer\.cs)$/i;
const CHANGELOG = /(?:^|\/)(?:change[-_]?log|changes|history|news|release[-_]?notes|releases|upgrading|migration[-_]?guide|contributors|authors|maintainers|thanks|backers|sponsors|code[-_]of[-_]conduct)(?:\.[a-z]+)?$/i;
const LEGAL = /(?:^|\/)(?:licen[cs]e|copying|notice|patents|copyright)(?:[-_.][a-z0-9]+)*$/i;
const STUB = /\.d\.[cm]?ts$|\.pyi$/;
/** Copies of older versions (`docs/v1.5/…`, `versions/2.x/…`, `archive/…`): the current one is elsewhere. */
const ARCHIVE_DIR = /(?:^|\/)(?:v?\d+(?:\.(?:\d+|x))+|versioned_docs|versions|archived?|old|legacy|deprecated)(?:\/)/i;
/** Prose documentation: Markdown, reStructuredText, AsciiDoc, plain text, man pages, and data files under docs/. */
const DOC_FILE = /\.(?:md|mdx|markdown|rst|adoc|asciidoc|txt|texi|pod|[1-9])$|(?:^|\/)(?:readme|install|faq|hacking|contributing)(?:\.[a-z]+)?$/i;
const DOC_DIR = /(?:^|\/)(?:docs?|documentation|man|manual|wiki|site|website)(?:\/)/i;

/**
 * The role of a path (relative, forward slashes). `generated` is also set from the file's content at index time
 * (a "Code generated … DO NOT EDIT" header): pass it in.
 */
export function fileRole(path: string, generated = false): FileRole {
  if (generated || GENERATED_FILE.test(path)) return 'generated';
  if (VENDOR_DIR.test(path)) return 'vendored';
  if (FIXTURE_DIR.test(path)) return 'fixture';
  if (TEST_FILE.test(path) || TEST_DIR.test(path)) return 'test';
  if (EXAMPLE_DIR.test(path)) return 'example';
  if (BENCH_DIR.test(path)) return 'benchmark';
  if (CHANGELOG.test(path)) return 'changelog';
  if (LEGAL.test(path)) return 'legal';
  if (STUB.test(path)) return 'stub';
  if (ARCHIVE_DIR.test(path)) return 'archive';
  if (DOC_FILE.test(path) || (DOC_DIR.test(path) && /\.(?:ya?ml|json|toml|html?|txt)$/i.test(path))) return 'docs';
  return 'source';
}

/** Words in a query that ask for a role: such a query keeps those files up. */
const ASKS_FOR: Partial<Record<FileRole, RegExp>> = {
  // Documentation is the answer when the query is about using something, or says so.
  docs: /\b(?:docs?|documentation|documented|readme|guide|manual|tutorial|how (?:to|do i|can i|should i)|usage|install(?:ation|ing)?|getting started|faq|explain(?:ed|s)?|overview|introduction)\b/i,
  archive: /\b(?:v?\d+\.\d+|old(?:er)?|previous|legacy|deprecated|archived?)\b/i,
  test: /\b(?:tests?|testing|specs?|unit|mocks?|assert(?:ion)?s?|fixtures?)\b/i,
  fixture: /\b(?:fixtures?|mocks?|snapshots?|golden|test ?data)\b/i,
  example: /\b(?:examples?|samples?|demos?|tutorials?|usage)\b/i,
  benchmark: /\b(?:bench(?:marks?)?|perf(?:ormance)?)\b/i,
  changelog: /\b(?:change ?log|changes|history|release|releases|news|contributors?|authors?|sponsors?)\b/i,
  legal: /\b(?:licen[cs]e|copyright|notice)\b/i,
  generated: /\b(?:generated|grammar|parser|lexer)\b/i,
  stub: /\b(?:types?|typings?|declarations?|stubs?)\b/i,
  vendored: /\b(?:vendor(?:ed)?|third.party)\b/i,
};

export function queryAsksFor(role: FileRole, query: string): boolean {
  return ASKS_FOR[role]?.test(query) ?? false;
}
