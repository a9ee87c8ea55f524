// Mean pooling over the attention mask + L2 normalisation (sentence-transformers' all-MiniLM-L6-v2 head).

/**
 * Pool `hidden` ([batch, seq, dim], row-major) over the positions where `mask` ([batch, seq]) is non-zero,
 * then L2-normalise each row. Returns [batch, dim] row-major. A row whose mask is all zero, or whose mean
 * is the zero vector, stays all zeros (finite, never NaN).
 */
export function meanPoolNormalize(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  seq: number,
  dim: number,
  out: Float32Array = new Float32Array(batch * dim),
): Float32Array {
  if (hidden.length < batch * seq * dim) throw new RangeError(`hidden has ${hidden.length} values, expected ${batch * seq * dim}`);
  const acc = new Float64Array(dim);
  for (let b = 0; b < batch; b++) {
    acc.fill(0);
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(mask[b * seq + s]) === 0) continue;
      count++;
      const base = (b * seq + s) * dim;
      for (let d = 0; d < dim; d++) acc[d] += hidden[base + d];
    }
    let norm = 0;
    if (count > 0) {
      for (let d = 0; d < dim; d++) {
        acc[d] /= count;
        norm += acc[d] * acc[d];
      }
    }
    norm = Math.sqrt(norm);
    const o = b * dim;
    for (let d = 0; d < dim; d++) out[o + d] = norm > 0 ? acc[d] / norm : 0;
  }
  return out;
}
