// Conversions between float vectors and the stored representations (i8, f16, f32).
import type { VectorPrecision } from '../types';

export type Row = Int8Array | Uint16Array | Float32Array;

/** Bytes of one stored scalar. */
export function scalarBytes(precision: VectorPrecision): number {
  return precision === 'i8' || precision === 'b1' ? 1 : precision === 'f16' ? 2 : 4;
}

/** The precision of the stored rows: b1 keeps i8 rows beside its sign-bit graph (for rescoring, reuse and clustering). */
export function rowPrecision(precision: VectorPrecision): Exclude<VectorPrecision, 'b1'> {
  return precision === 'b1' ? 'i8' : precision;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Unit-normalise and scale to [-127, 127], rounding to nearest (USearch's own cast truncates). */
export function quantizeI8(v: ArrayLike<number>, out = new Int8Array(v.length)): Int8Array {
  const n = norm(v);
  if (!(n > 0)) {
    out.fill(0);
    return out;
  }
  const s = 127 / n;
  for (let i = 0; i < v.length; i++) {
    const q = Math.round(v[i] * s);
    out[i] = q > 127 ? 127 : q < -127 ? -127 : q;
  }
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary32 → binary16, round to nearest even. */
export function toHalf(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}

export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Float vector → stored row of the given precision (unit-normalised for every precision). */
export function encodeRow(v: ArrayLike<number>, precision: VectorPrecision): Row {
  if (precision === 'i8' || precision === 'b1') return quantizeI8(v);
  const n = norm(v) || 1;
  if (precision === 'f16') {
    const out = new Uint16Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = toHalf(v[i] / n);
    return out;
  }
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / n;
  return out;
}

/** Stored row → unit-length Float32Array. */
export function decodeRow(row: Row): Float32Array {
  const out = new Float32Array(row.length);
  if (row instanceof Int8Array) for (let i = 0; i < row.length; i++) out[i] = row[i] / 127;
  else if (row instanceof Uint16Array) for (let i = 0; i < row.length; i++) out[i] = fromHalf(row[i]);
  else out.set(row);
  const n = norm(out);
  if (n > 0 && Math.abs(n - 1) > 1e-6) for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}

/** Row in any precision → i8 row (for the reuse cache). */
export function rowToI8(row: Row): Int8Array {
  return row instanceof Int8Array ? row.slice() : quantizeI8(decodeRow(row));
}

/** i8 row → row of the given precision. */
export function i8ToRow(row: Int8Array, precision: VectorPrecision): Row {
  return rowPrecision(precision) === 'i8' ? row.slice() : encodeRow(decodeRow(row), precision);
}
