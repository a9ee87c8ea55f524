// `semsearch index <dir> --store postgres://…`: after indexing, publish the index as the folder's commit snapshot.
import type { Engine } from '../../core';
import type { CliArgs } from '../args';
import { formatMs } from '../progress';

export async function publishIndex(engine: Engine, args: CliArgs, signal: AbortSignal): Promise<void> {
  if (!engine.publish || !args.store) return;
  const s = await engine.publish({ url: args.store, repo: args.repo, signal });
  if (args.json) {
    process.stdout.write(JSON.stringify({ publish: s }) + '\n');
    return;
  }
  process.stdout.write(
    s.alreadyPublished
      ? `Team store: ${s.commit} was already published (${s.chunks} chunks).\n`
      : `Published ${s.commit}: ${s.files} files, ${s.chunks} chunks (${s.uploaded} uploaded, ${s.reused} already there); ` +
          `removed ${s.snapshotsRemoved} old snapshot(s), ${s.chunksRemoved} unused chunk(s), in ${formatMs(s.ms)}\n`,
  );
}
