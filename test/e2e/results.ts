// The small JSON file each test phase leaves for scripts/e2e/run.sh to add up. One job: its shape.
import * as fs from 'node:fs';

export interface PhaseResult {
  phase: string;
  passed: number;
  failed: number;
  pending: number;
  failures: string[];
}

export function writeResult(file: string | undefined, r: PhaseResult): void {
  if (file) fs.writeFileSync(file, JSON.stringify(r, null, 2));
}
