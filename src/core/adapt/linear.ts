// The query adapter's arithmetic: a dim × dim matrix (row-major) applied to a query embedding, then re-normalised.

export function identityMatrix(dim: number): Float32Array {
  const m = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) m[i * dim + i] = 1;
  return m;
}

/** `W q`, L2-normalised (a query embedding is a unit vector; cosine ranking ignores its length anyway). */
export function applyMatrix(matrix: Float32Array, query: Float32Array): Float32Array {
  const dim = query.length;
  if (matrix.length !== dim * dim) throw new Error(`Adapter is ${Math.round(Math.sqrt(matrix.length))}-dimensional, the query ${dim}`);
  const out = new Float32Array(dim);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    let s = 0;
    const row = i * dim;
    for (let j = 0; j < dim; j++) s += matrix[row + j] * query[j];
    out[i] = s;
    norm += s * s;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dim; i++) out[i] /= norm;
  return out;
}
