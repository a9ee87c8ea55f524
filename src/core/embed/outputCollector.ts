// Frees the model's spent output tensors soon after each batch, in the model worker only.
// Every batch's `last_hidden_state` arrives in a new ArrayBuffer (the Node binding copies it; a pre-allocated
// output does not avoid the copy), dead as soon as it is pooled. V8 collects such buffers only when its heap
// asks for a GC, which let ~30 MB of them pile up in a 100k-chunk index run; a young-generation GC every few
// MB of outputs (~0.1 ms each, in a 4 MB young generation) keeps that to the threshold.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Bytes of spent outputs allowed to wait for a collection. */
export const OUTPUT_GC_BYTES = 4 << 20;

type MinorGc = (opts: { type: 'minor' }) => void;

/**
 * A callback to call with each batch's output bytes; undefined when V8 will not hand out its `gc` function.
 * Only for a thread that owns its isolate (the model worker): a collection pauses the whole isolate.
 */
export function createOutputCollector(thresholdBytes = OUTPUT_GC_BYTES): ((bytes: number) => void) | undefined {
  const gc = exposedGc();
  if (!gc) return undefined;
  let pending = 0;
  return (bytes) => {
    pending += bytes;
    if (pending < thresholdBytes) return;
    pending = 0;
    gc({ type: 'minor' });
  };
}

/** V8's `gc`, from a context created while the flag is on; the flag goes off again at once (it is process-wide). */
function exposedGc(): MinorGc | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as MinorGc) : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
