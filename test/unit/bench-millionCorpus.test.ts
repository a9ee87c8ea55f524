// The million-chunk corpus's perturbation: deterministic, about a third of identifiers, a different third per copy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perturb } from '../../bench/perf/millionCorpus';

describe('bench: million-chunk corpus perturbation', () => {
  const words = Array.from({ length: 600 }, (_, i) => `identifier${i}`);
  const text = `function run() { ${words.join(' + ')}; } // a = b`;

  it('suffixes about a third of the identifiers, the same ones every time, short words never', () => {
    const once = perturb(text, 3);
    assert.equal(perturb(text, 3), once);
    const changed = once.match(/identifier\d+K3\b/g) ?? [];
    assert.ok(changed.length > 150 && changed.length < 250, `${changed.length} of 600 changed`);
    assert.match(once, /\/\/ a = b$/);
    // Keywords stay: the copy must parse as the original does.
    for (const k of [1, 2, 3, 4, 5, 6]) assert.match(perturb('export async function load() { return this.value; }', k), /^export async function \w+\(\) \{ return this\.\w+; \}$/);
  });

  it('each copy changes a different set', () => {
    const a = new Set(perturb(text, 1).match(/identifier\d+(?=K1)/g));
    const b = new Set(perturb(text, 2).match(/identifier\d+(?=K2)/g));
    const both = [...a].filter((w) => b.has(w)).length;
    assert.ok(both < Math.min(a.size, b.size) * 0.6, `${both} shared of ${a.size} and ${b.size}`);
  });
});
