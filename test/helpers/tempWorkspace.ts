// Builds throwaway workspaces for tests from a map of relative path -> content.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TempWorkspace {
  root: string;
  write(rel: string, content: string | Buffer): string;
  remove(rel: string): void;
  cleanup(): void;
}

export function makeTempWorkspace(files: Record<string, string | Buffer> = {}, prefix = 'semsearch-ws-'): TempWorkspace {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const ws: TempWorkspace = {
    root,
    write(rel, content) {
      const abs = path.join(root, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
      return abs;
    },
    remove(rel) {
      fs.rmSync(path.join(root, rel), { recursive: true, force: true });
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  for (const [rel, content] of Object.entries(files)) ws.write(rel, content);
  return ws;
}
