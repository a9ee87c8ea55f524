// The model worker's output collector: spent output buffers are freed by the threshold, and `gc` stays private.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { createOutputCollector } from '../../src/core/embed/outputCollector';

const MB = 1 << 20;

/** Allocates `count` 1 MB buffers that die at once, telling `spent` of each; returns how far arrayBuffers grew. */
function churn(count: number, spent: (bytes: number) => void): number {
  const before = process.memoryUsage().arrayBuffers;
  let peak = 0;
  for (let i = 0; i < count; i++) {
    const out = new Float32Array(MB / 4);
    out[i % out.length] = i; // touched, like a real output
    spent(out.byteLength);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
  }
  return peak;
}

test('spent outputs beyond the threshold are collected', () => {
  const collect = createOutputCollector(4 * MB);
  assert.ok(collect, 'V8 handed out its gc function');
  // 48 MB of garbage: V8 alone lets it pile up (its external-memory limit is 64 MB); the collector holds it near 4 MB.
  const grew = churn(48, collect);
  assert.ok(grew <= 12 * MB, `array buffers grew by ${(grew / MB).toFixed(1)} MB, expected at most 12`);
});

test('without the collector the same garbage piles up (the test above can fail)', () => {
  const grew = churn(48, () => undefined);
  assert.ok(grew > 24 * MB, `array buffers grew by ${(grew / MB).toFixed(1)} MB`);
});

test('the process-wide flag is off again: new contexts get no gc', () => {
  createOutputCollector();
  assert.equal(vm.runInNewContext('typeof gc'), 'undefined');
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
});
