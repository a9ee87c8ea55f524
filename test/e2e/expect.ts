// Shared assertions of the UI specs. One job: what "opened at the right place" means.
import * as assert from 'node:assert/strict';

/**
 * A result opened at the definition on line `def`: the selected range (a chunk may start at a doc comment or
 * at the file's header) contains it, or, with no selection, the cursor is on it or just above (doc comment).
 */
export function assertOpensAt(sel: { start: number; end: number; text: string }, def: number, what: string): void {
  if (sel.start === sel.end) {
    assert.ok(sel.start <= def && sel.start >= def - 3, `${what}: cursor at "${sel.text}", expected line ${def} or its doc comment`);
  } else {
    assert.ok(sel.start <= def && def <= sel.end, `${what}: selection "${sel.text}" (lines ${sel.start}-${sel.end}) does not contain line ${def}`);
  }
}
