// npm run fetch-model [-- --from <dir>] [--dest <dir>] [--base-url <url>] [--no-verify]
// Downloads the pinned all-MiniLM-L6-v2 files into models/all-MiniLM-L6-v2/ (see models/README.md).
import * as path from 'node:path';
import { DEFAULT_BASE_URL, fetchModel } from '../src/core/embed/modelFetch';
import { findPackageRoot, PACKAGED_MODEL_NAME } from '../src/core/embed/resolve';

const USAGE = 'usage: fetch-model [--from <dir>] [--dest <dir>] [--base-url <url>] [--no-verify]';

interface Args {
  from?: string;
  dest?: string;
  baseUrl?: string;
  verify: boolean;
}

function parseArgs(argv: string[]): Args | 'help' {
  const args: Args = { verify: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value; ${USAGE}`);
      return v;
    };
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--from') args.from = value();
    else if (a === '--dest') args.dest = value();
    else if (a === '--base-url') args.baseUrl = value();
    else if (a === '--no-verify') args.verify = false;
    else throw new Error(`unknown argument ${a}; ${USAGE}`);
  }
  if (!args.verify && !args.from) throw new Error('--no-verify is only allowed with --from (copying stand-ins)');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const root = findPackageRoot(__dirname) ?? path.resolve(__dirname, '..', '..');
  const dest = path.resolve(args.dest ?? path.join(root, 'models', PACKAGED_MODEL_NAME));
  const source = args.from ? path.resolve(args.from) : (args.baseUrl ?? DEFAULT_BASE_URL);
  console.log(`fetch-model: ${source} -> ${dest}`);
  const r = await fetchModel({
    dest,
    from: args.from ? path.resolve(args.from) : undefined,
    baseUrl: args.baseUrl,
    verify: args.verify,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`fetch-model: done (${r.fetched.length} fetched, ${r.present.length} already present${args.verify ? ', hashes verified' : ', NOT verified'})`);
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`fetch-model: ${msg.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 1;
});
