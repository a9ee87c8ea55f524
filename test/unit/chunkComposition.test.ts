// Chunk composition: the file preamble is a chunk of its own, definitions made by wrappers and assignments get their
// names, and the fragments of a split definition are numbered, named and carry the signature.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createChunker, type Chunker } from '../../src/core/chunk';
import type { Chunk } from '../../src/core/types';
import { assertInvariants, type CountTokens, realCountTokens, shape } from './chunkHelpers';

let count: CountTokens;
let chunker: Chunker;

before(async () => {
  count = await realCountTokens();
  chunker = await createChunker({ countTokens: count, pathContext: 'none' });
});

async function chunks(path: string, lines: string[]): Promise<Chunk[]> {
  const text = lines.join('\n') + '\n';
  const out = await chunker.chunkFile(path, text);
  assertInvariants(text, out, count);
  return out;
}

const bySymbol = (cs: Chunk[], symbol: string) => cs.find((c) => c.symbol === symbol);

describe('the file preamble is a chunk of its own', () => {
  const cases: [string, string[], string][] = [
    ['lib/bindAll.js', [
      "var arrayEach = require('./_arrayEach'),",
      "    baseAssignValue = require('./_baseAssignValue'),",
      "    bind = require('./bind');",
      '',
      'function bindAll(object, methodNames) {',
      '  arrayEach(methodNames, function(key) { baseAssignValue(object, key, bind(object[key], object)); });',
      '  return object;',
      '}',
    ], 'bindAll'],
    ['src/a.ts', [
      "import { readFileSync } from 'node:fs';",
      "export { helper } from './helper';",
      '',
      'export function load(file: string): string {',
      "  return readFileSync(file, 'utf8');",
      '}',
    ], 'load'],
    ['pkg/a.py', ['from __future__ import annotations', 'import os', 'from typing import List', '', 'def cwd() -> str:', '    return os.getcwd()'], 'cwd'],
    ['a.go', ['package store', '', 'import (', '\t"fmt"', '\t"os"', ')', '', 'func Hello() {', '\tfmt.Println(os.Args)', '}'], 'Hello'],
    ['A.java', ['package com.example;', '', 'import java.util.List;', 'import java.util.Map;', '', 'class A {', '  List<Map<String, String>> rows;', '}'], 'A'],
    ['a.c', ['#include <stdio.h>', '#include "jv.h"', '', 'int add_numbers(int a, int b) {', '  return a + b;', '}'], 'add_numbers'],
    ['a.rb', ["require 'json'", "require_relative 'helper'", '', 'def parse(text)', '  JSON.parse(text)', 'end'], 'parse'],
    ['a.php', ['<?php', 'namespace App;', '', 'use App\\Models\\User;', '', 'function format_user(User $u) {', '  return $u->name;', '}'], 'format_user'],
    ['a.rs', ['use std::collections::HashMap;', 'use std::fmt;', '', 'fn main() {', '    let m: HashMap<u8, u8> = HashMap::new();', '}'], 'main'],
  ];
  for (const [path, lines, def] of cases) {
    it(`${path}: imports apart from ${def}`, async () => {
      const cs = await chunks(path, lines);
      const imports = cs.filter((c) => c.kind === 'imports');
      assert.equal(imports.length, 1, JSON.stringify(shape(cs)));
      assert.equal(imports[0].startLine, 1);
      const d = bySymbol(cs, def);
      assert.ok(d, JSON.stringify(shape(cs)));
      assert.ok(d.startLine > imports[0].endLine, `the definition holds no import: ${JSON.stringify(shape(cs))}`);
    });
  }

  it("a directive alone ('use strict') is no preamble: it stays with the code", async () => {
    const cs = await chunks('a.js', ["'use strict';", '', 'function f(a) {', '  return a * 2;', '}']);
    assert.deepEqual(shape(cs), [[1, 5, 'function', 'f']]);
  });

  it('a license comment opens the preamble; the doc comment of the first definition stays with it', async () => {
    const cs = await chunks('a.js', [
      '/* Copyright 2024 Someone. MIT license. */',
      "const fs = require('fs');",
      '',
      '/** Reads the whole file. */',
      'function readAll(p) {',
      "  return fs.readFileSync(p, 'utf8');",
      '}',
    ]);
    assert.deepEqual(shape(cs), [[1, 2, 'imports', ''], [4, 7, 'function', 'readAll']]);
  });
});

describe('definitions made by wrappers and assignments', () => {
  it('JavaScript: wrapper calls, module.exports, exports.x, prototype objects, anonymous default exports', async () => {
    const cs = await chunks('lib/sumBy.js', [
      'var bindAll = flatRest(function(object, methodNames) {',
      '  return object;',
      '});',
      '',
      'exports.parse = function (text) {',
      '  return text.split(",");',
      '};',
      '',
      'exports.alias = parse;',
      '',
      'module.exports = curry(function (a, b) {',
      '  return a + b;',
      '});',
    ]);
    assert.ok(bySymbol(cs, 'bindAll'), JSON.stringify(shape(cs)));
    assert.ok(bySymbol(cs, 'parse'), JSON.stringify(shape(cs)));
    assert.equal(bySymbol(cs, 'sumBy')?.kind, 'function', 'module.exports = curry(function …) is named after the file');
    assert.ok(!cs.some((c) => c.symbol.includes('alias')), 'exports.alias = parse defines nothing');
  });

  it('JavaScript: `module.exports = function name()` keeps its own name; `export default function ()` takes the folder of an index file', async () => {
    const a = await chunks('lib/a.js', ['module.exports = function createApp(options) {', '  return { options };', '};']);
    assert.deepEqual(shape(a), [[1, 3, 'function', 'createApp']]);
    const b = await chunks('src/router/index.ts', ['export default function (routes: string[]) {', '  return routes.length;', '}']);
    assert.deepEqual(shape(b), [[1, 3, 'function', 'router']]);
  });

  it('JavaScript: the methods of a large prototype object are its class members', async () => {
    const method = (name: string) => [
      `  ${name}: function (tokens, idx, options) {`,
      `    var token = tokens[idx]; var content = token.content.trim().toLowerCase(); var info = options.langPrefix + '${name}';`,
      `    if (!content) { return '<${name}>' + escapeHtml(token.markup) + '</${name}>' + info + token.attrs.join(' ') + '\\n'; }`,
      `    return '<${name} class="' + info + '">' + escapeHtml(content) + renderAttrs(token) + '</${name}>\\n';`,
      '  },',
    ];
    const cs = await chunks('lib/renderer.js', [
      'function Renderer() {', '  this.rules = {};', '}', '',
      'Renderer.prototype = {',
      ...method('code_inline'), ...method('code_block'), ...method('fence'), ...method('image'), ...method('hardbreak'),
      '};',
    ]);
    for (const m of ['code_inline', 'code_block', 'fence', 'image', 'hardbreak']) {
      assert.equal(bySymbol(cs, `Renderer.${m}`)?.kind, 'method', `Renderer.${m} in ${JSON.stringify(shape(cs))}`);
    }
  });

  it('Python lambdas, C function-like macros and Ruby define_method are definitions', async () => {
    const py = await chunks('a.py', ['def first():', '    return 1', '', 'handler = lambda request: request.body.decode("utf-8").strip().lower()']);
    assert.ok(py.some((x) => x.kind === 'function' && x.symbol.split(', ').includes('handler')), JSON.stringify(shape(py)));
    const c = await chunks('a.h', ['#define MAX_OF(a, b) \\', '  ((a) > (b) ? (a) : (b))', '', 'int clamp(int v, int hi) {', '  return MAX_OF(v, hi) == v ? hi : v;', '}']);
    assert.ok(c.some((x) => x.symbol.split(', ').includes('MAX_OF')), JSON.stringify(shape(c)));
    const status = (name: string) => [
      `  define_method(:say_${name}) do |status, message, log_status = true|`,
      `    return if quiet? || log_status == false`,
      `    spaces = "  " * padding; color = log_status.is_a?(Symbol) ? log_status : :green; status = status.to_s.rjust(12)`,
      `    buffer = "#{spaces}#{status}#{message} ${name}"; buffer = "#{buffer}\\n" unless buffer.end_with?("\\n")`,
      '  end',
    ];
    const rb = await chunks('a.rb', ['class Shell', ...status('status'), ...status('warning'), ...status('error'), ...status('notice'), 'end']);
    for (const m of ['say_status', 'say_warning', 'say_error', 'say_notice']) {
      assert.equal(rb.filter((x) => x.names.includes(m)).length, 1, `${m}: ${JSON.stringify(rb.map((x) => x.names))}`);
    }
    assert.ok(rb.some((x) => x.symbol === 'Shell.say_error'), JSON.stringify(shape(rb)));
  });
});

describe('what a chunk defines (its names) and the context its lines lack', () => {
  it('a chunk defines the definitions whose own line it holds, members of a whole class included', async () => {
    const cs = await chunks('src/Repo.java', [
      'import java.util.List;', '',
      '/** Users. */',
      'public class UserRepository {',
      '  private List<String> users;',
      '  /** Finds a user. */',
      '  public String findUser(String name) { return name; }',
      '}',
    ]);
    assert.deepEqual(cs.find((c) => c.kind === 'imports')?.names, []);
    assert.deepEqual(bySymbol(cs, 'UserRepository')?.names, ['UserRepository', 'findUser']);
  });

  it('a member chunk names its container; a Markdown chunk names the headings it holds', async () => {
    const long = (i: number) => `  handleRequest${i}(input: string): number {\n${Array.from({ length: 6 }, (_, j) => `    const parsed${j} = parseInput(input, ${i * 10 + j}, this.counter, 'handled request number ${i}');`).join('\n')}\n    return this.counter;\n  }`;
    const cs = await chunks('src/svc.ts', ['export class BigService {', '  private counter = 0;', ...[1, 2, 3].map(long).join('\n').split('\n'), '}']);
    const m = bySymbol(cs, 'BigService.handleRequest2');
    assert.ok(m, JSON.stringify(shape(cs)));
    assert.deepEqual(m.names, ['handleRequest2']);
    assert.equal(m.context, 'BigService');
    const md = await chunks('README.md', ['# Guide', '', 'Intro text.', '', '## Install', '', 'Run npm install.']);
    assert.deepEqual(md.map((c) => c.names), [['Guide', 'Install']], 'two tiny sections merged: the chunk holds both headings');
  });
});

describe('the fragments of a split definition', () => {
  const statement = (i: number) => `  const value${i} = computeSomethingExpensive(input.field${i}, options.threshold${i}, previousValue${i - 1});`;
  const lines = [
    '/** Runs the whole pipeline. */',
    'function runPipeline(input, options) {',
    ...Array.from({ length: 25 }, (_, i) => statement(i + 1)),
    '  function finishUp(result) {',
    ...Array.from({ length: 12 }, (_, i) => `  ${statement(i + 30)}`),
    '    return result;',
    '  }',
    '  return finishUp(value25);',
    '}',
  ];

  it('are numbered i/n, named after the inner definition they hold, and carry the signature', async () => {
    const cs = await chunks('src/pipeline.js', lines);
    const parts = cs.filter((c) => c.symbol === 'runPipeline');
    assert.ok(parts.length >= 3, JSON.stringify(shape(cs)));
    parts.forEach((p, i) => assert.match(p.part, new RegExp(`^${i + 1}/${parts.length}( |$)`), p.part));
    assert.ok(parts.some((p) => / finishUp$/.test(p.part)), parts.map((p) => p.part).join(' | '));
    for (const p of parts) {
      assert.match(p.embedText.split('\n')[0], /^run Pipeline function run Pipeline\(input, options\)/, 'every fragment carries the signature');
    }
    for (const p of parts.slice(1)) {
      assert.equal(p.context, 'function runPipeline(input, options) {');
      assert.ok(!p.names.includes('runPipeline'), 'only part 1 defines runPipeline');
    }
    assert.ok(parts[0].names.includes('runPipeline'));
    assert.ok(parts.some((p) => p.names.includes('finishUp')));
  });

  it('a whole definition is not a part', async () => {
    const cs = await chunks('src/small.js', ['function small(a) {', '  return a + 1;', '}']);
    assert.equal(cs[0].part, '');
  });
});
