// pgvector's text form of a vector, sent as a bound parameter (never spliced into SQL).
export function toVectorLiteral(v: Float32Array): string {
  for (const x of v) if (!Number.isFinite(x)) throw new Error('A vector holds a non-finite number');
  return `[${Array.from(v).join(',')}]`;
}
