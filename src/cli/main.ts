// semsearch: the CLI over the engine (commands in README.md). Errors: one line on stderr, exit 1 (2 for usage errors).
import { InfoRequest, parseCli, UsageError } from './args';
import { clustersCommand } from './commands/clusters';
import { adaptCommand } from './commands/adapt';
import { evalCommand } from './commands/eval';
import { indexCommand } from './commands/index';
import { queryCommand } from './commands/query';
import { similarCommand } from './commands/similar';
import { statsCommand } from './commands/stats';
import { watchCommand } from './commands/watch';

const COMMANDS: Record<string, (args: ReturnType<typeof parseCli>) => Promise<void>> = {
  index: indexCommand,
  query: queryCommand,
  similar: similarCommand,
  clusters: clustersCommand,
  stats: statsCommand,
  watch: watchCommand,
  eval: evalCommand,
  adapt: adaptCommand,
};

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseCli(argv);
    const run = COMMANDS[args.command];
    if (!run) throw new UsageError(`Unknown command "${args.command}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`semsearch --help\` for usage.`);
    await run(args);
    return 0;
  } catch (err) {
    // --help and --version answer on stdout and succeed, so `semsearch --help | less` works.
    if (err instanceof InfoRequest) {
      process.stdout.write(err.message + '\n');
      return 0;
    }
    if (err instanceof UsageError) {
      process.stderr.write(err.message + '\n');
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`semsearch: ${message.split('\n')[0]}\n`);
    if (process.env.SEMSEARCH_DEBUG) process.stderr.write(String((err as Error)?.stack) + '\n');
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
