// Checksums of the data files, computed on another thread while the main thread decodes them: opening
// a 100k-chunk index reads ~90 MB, and hashing that on the main thread would add ~10 % to the open time.
import { Worker } from 'node:worker_threads';
import { sha256OfFile } from './files';

// Inline (eval) worker: no separate script to locate next to a bundle. It reads each file through one reused 1 MB
// buffer: a read stream's fresh buffer per chunk made the kernel fault in new memory for every MB (cold, 120 MB of
// index: 333 ms streamed, 85 ms through one buffer), and the open waits for these hashes.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buf = Buffer.allocUnsafe(1 << 20);
function hashFile(file) {
  const h = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}
new Promise((resolve) => resolve(workerData.map(hashFile))).then(
  (hashes) => parentPort.postMessage({ hashes }),
  (err) => parentPort.postMessage({ error: String(err && err.message || err) }),
);
`;

/** SHA-256 (hex) of each file, in order, hashed off the main thread (on the main thread if no worker can start). */
export function sha256OfFilesInBackground(files: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: files });
    } catch {
      Promise.all(files.map(sha256OfFile)).then(resolve, reject);
      return;
    }
    worker.once('message', (m: { hashes?: string[]; error?: string }) => {
      if (m.hashes) resolve(m.hashes);
      else reject(new Error(m.error ?? 'checksum worker failed'));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
