// Writes results: a JSON record per run in bench/results/, and BENCHMARKS.md (also copied to
// bench/results/latest.md) from the latest quality and perf records.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Machine } from './lib/machine';
import { REPO_ROOT, RESULTS_DIR, ensureDir } from './lib/paths';
import { adapterSection as adapterPerfSection, adapterTargetRows } from './perf/adapter';
import type { EmbeddingResult } from './perf/embedding';
import type { PerfResult } from './perf/run';
import type { B1Point, B1Result } from './perf/b1Scale';
import type { Latency } from './perf/latency';
import type { IndexProfile } from '../src/core/types';
import { GROUP_SIZE } from '../src/core/pipeline/indexer';
import type { Metrics } from './quality/metrics';
import { CATEGORY_TOLERANCE, worth, type AblationResult, type AblationValues } from './quality/ablations';
import type { FileMetrics } from './quality/fileMetrics';
import { CATEGORIES, EXCLUDED } from './quality/natural';
import type { QualityResult } from './quality/run';
import type { NaturalResult } from './quality/runNatural';

export interface RunRecord<T> {
  kind: 'quality' | 'perf' | 'million';
  /** The CLI invocations of the run (from the repository root). */
  cliCommands?: string[];
  date: string;
  command: string;
  quick: boolean;
  machine: Machine;
  loadAvgEnd: number[];
  durationMs: number;
  result: T;
}

/** Saves a run's record; `latest: false` (a partial run) keeps it from becoming the one BENCHMARKS.md shows. */
export function saveRecord<T>(rec: RunRecord<T>, o: { latest?: boolean } = {}): string {
  ensureDir(RESULTS_DIR);
  const stamp = rec.date.replace(/[:.]/g, '-');
  const only = (rec.result as { only?: string }).only;
  const file = path.join(RESULTS_DIR, `${rec.kind}-${only ? `${only}-` : ''}${rec.quick ? 'quick-' : ''}${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(rec, null, 1));
  if (o.latest !== false) fs.writeFileSync(path.join(RESULTS_DIR, `latest-${rec.kind}.json`), JSON.stringify(rec, null, 1));
  return file;
}

function load<T>(kind: string): RunRecord<T> | null {
  const f = path.join(RESULTS_DIR, `latest-${kind}.json`);
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as RunRecord<T>) : null;
}

const f3 = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3));
const f1 = (x: number | undefined): string => (x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toFixed(1));
const int = (x: number | undefined | null): string => (x === undefined || x === null || !Number.isFinite(x) ? '–' : Math.round(x).toLocaleString('en-US'));
const mb = (b: number | null | undefined): string => (b ? `${(b / 2 ** 20).toFixed(0)} MB` : '–');
const mark = (ok: boolean | null): string => (ok === null ? 'not measured at the target scale (quick run)' : ok ? '**met**' : '**not met**');

function runInfo(r: RunRecord<unknown>): string {
  const m = r.machine;
  return [
    `- Command: \`${r.command}\`${r.quick ? ' (**quick variant: small sizes, single repetitions — indicative only**)' : ''}`,
    `- Date: ${r.date} (took ${(r.durationMs / 60000).toFixed(1)} min); commit ${m.commit}`,
    ...(r.cliCommands?.length
      ? [
          `- CLI invocations (from the repository root; \`./bin/semsearch.js\`, run through its shebang as npm links it, and \`node out/src/cli/main.js\` in runs before 2026-12-05 are \`semsearch\`):`,
          '  <details><summary>' + r.cliCommands.length + ' distinct commands</summary>',
          '',
          ...r.cliCommands.map((c) => `  - \`${c}\``),
          '',
          '  </details>',
        ]
      : []),
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB RAM, ${m.os}, Node ${m.node}; load average at start ${m.loadAvgStart.join(' / ')}, at end ${r.loadAvgEnd.join(' / ')}`,
    ...(Math.max(m.loadAvgStart[0], r.loadAvgEnd[0]) > m.cores
      ? [`- **Warning: the machine was busy (load average above its ${m.cores} cores) — the timings of this run are unreliable; quality metrics are not affected.**`]
      : []),
  ].join('\n');
}

interface TargetRow {
  what: string;
  target: string;
  measured: string;
  ok: boolean | null;
}

function targetRows(q: RunRecord<QualityResult> | null, p: RunRecord<PerfResult> | null): TargetRow[] {
  const rows: TargetRow[] = [];
  const million = load<B1Result>('million');
  if (p) {
    const r = p.result;
    rows.push({
      what: 'Indexing throughput vs. raw ONNX session (same model, same batches)',
      target: '≥ 85 %',
      measured: `${(r.embedding.ratio * 100).toFixed(1)} % (median of paired runs; medians ${int(r.embedding.pipeline.medianTokPerS)} vs ${int(r.embedding.ceiling.medianTokPerS)} tok/s)`,
      ok: r.embedding.ratio >= 0.85,
    });
    const sw = r.embedding.sweep;
    if (sw) {
      rows.push({
        what: "Indexing throughput vs. raw ONNX session's best batch shape (same sequences, sweep of shapes)",
        target: '≥ 85 %',
        measured: `${(sw.ratio * 100).toFixed(1)} % (median of paired runs; medians ${int(r.embedding.pipeline.medianTokPerS)} vs ${int(sw.medianTokPerS)} tok/s; best shape ${sw.best.label})`,
        ok: sw.ratio >= 0.85,
      });
    }
    const big = r.scale[r.scale.length - 1];
    const at100k = big && big.chunks >= 80_000;
    const est = big ? big.latency.p95 + r.archQueryEmbedding.p95 : NaN;
    const a = r.archAtScale;
    if (a) {
      rows.push({
        what: 'Hybrid query p95, warm, 100k chunks, query embedding included',
        target: '≤ 30 ms',
        measured: `${f1(a.latency.p95)} ms end to end at ${int(a.chunks)} chunks with the MiniLM architecture (p50 ${f1(a.latency.p50)} ms); cross-check: static-model search p95 ${f1(big.latency.p95)} ms + query embedding p95 ${f1(r.archQueryEmbedding.p95)} ms = ${f1(est)} ms`,
        ok: a.chunks >= 80_000 ? a.latency.p95 <= 30 : null,
      });
    } else {
      rows.push({
        what: 'Hybrid query p95, warm, 100k chunks, query embedding included',
        target: '≤ 30 ms',
        measured: big
          ? `${f1(est)} ms = search ${f1(big.latency.p95)} ms at ${int(big.chunks)} chunks + MiniLM-architecture query embedding ${f1(r.archQueryEmbedding.p95)} ms (p95s added)`
          : '–',
        ok: at100k ? est <= 30 : null,
      });
    }
    if (big?.openCost) {
      const oc = big.openCost;
      rows.push({
        what: `Opening the index with checksum verification, ${int(oc.chunks)} chunks`,
        target: '≤ +10 % open time',
        measured: `${int(oc.verifiedMs)} ms vs ${int(oc.unverifiedMs)} ms unverified (${oc.overhead >= 0 ? '+' : ''}${(oc.overhead * 100).toFixed(1)} %, medians of ${oc.reps} alternating opens)`,
        ok: oc.chunks >= 90_000 ? oc.overhead <= 0.1 : null,
      });
    }
    rows.push({
      what: `Re-index with nothing changed, ${int(r.noop.files)} files`,
      target: '≤ 1 s for the whole process at 10k files',
      measured: `${int(r.noop.medianWallMs)} ms whole process (engine-reported ${int(r.noop.medianMs)} ms)`,
      ok: r.noop.files >= 9_000 ? r.noop.medianWallMs <= 1000 : null,
    });
    rows.push({
      what: 'One file edited → index updated (engine.update, no debounce)',
      target: '≤ 500 ms',
      measured: `${int(r.edit.medianMs)} ms (index of ${int(r.edit.indexChunks)} chunks, MiniLM architecture)`,
      ok: r.edit.medianMs <= 500,
    });
    rows.push({
      what: `Rename of a ${int(r.rename.folderFiles)}-file folder → embeddings`,
      target: '0',
      measured: `${r.rename.index.embedded} embedded, ${int(r.rename.index.reused)} reused`,
      ok: r.rename.index.embedded === 0,
    });
    if (r.b1) rows.push(...b1TargetRows(r.b1, million?.result.million, r.archQueryEmbedding));
    if (r.adapter) rows.push(...adapterTargetRows(r.adapter));
    if (big?.size) {
      rows.push({
        what: `Vectors + graph on disk per chunk (i8, 384 dims, ${int(big.chunks)} chunks)`,
        target: '≤ 600 bytes',
        measured: `${int(big.size.perChunk.vectorsGraph)} bytes`,
        ok: big.size.perChunk.vectorsGraph <= 600,
      });
      rows.push({
        what: `Everything else on disk per chunk (manifest, lexical index, reuse cache, commit record; ${int(big.chunks)} chunks)`,
        target: '≤ 250 bytes',
        measured: `${int(big.size.perChunk.metadata + big.size.perChunk.reuseCache)} bytes`,
        ok: big.size.perChunk.metadata + big.size.perChunk.reuseCache <= 250,
      });
      if (a) {
        const rss = Math.max(a.indexMaxRssBytes ?? 0, a.latency.maxRssBytes ?? 0);
        rows.push({
          what: `Peak RSS at ${int(a.chunks)} chunks, MiniLM architecture (index run / query process)`,
          target: '≤ 400 MB at 100k',
          measured: `${mb(a.indexMaxRssBytes)} / ${mb(a.latency.maxRssBytes)} (static model: ${mb(big.indexMaxRssBytes)} / ${mb(big.latency.maxRssBytes)})`,
          ok: a.chunks >= 80_000 && rss > 0 ? rss <= 400 * 2 ** 20 : null,
        });
      } else {
        const rss = Math.max(big.indexMaxRssBytes ?? 0, big.latency.maxRssBytes ?? 0);
        rows.push({
          what: `Peak RSS at ${int(big.chunks)} chunks (index run / query process)`,
          target: '≤ 400 MB at 100k',
          measured: `${mb(big.indexMaxRssBytes)} / ${mb(big.latency.maxRssBytes)}`,
          ok: at100k && rss > 0 ? rss <= 400 * 2 ** 20 : null,
        });
      }
    }
  }
  if (q) {
    for (const ds of q.result.datasets) {
      for (const m of ds.models) {
        const n = (k: 'lexical' | 'semantic' | 'hybrid' | 'dense-oracle'): number => m.runs[k]?.overall.ndcg10 ?? NaN;
        if (ds.name !== 'code') {
          rows.push({
            what: `Quality, docs, ${m.model}: hybrid NDCG@10 ≥ best single mode`,
            target: '(informative)',
            measured: `hybrid ${f3(n('hybrid'))} vs lexical ${f3(n('lexical'))}, semantic ${f3(n('semantic'))}`,
            ok: n('hybrid') >= Math.max(n('lexical'), n('semantic')),
          });
          continue;
        }
        const anchor = n('dense-oracle');
        rows.push({
          what: `Quality, docstring → code, ${m.model}: hybrid NDCG@10 ≥ dense-over-whole-functions anchor + 0.10`,
          target: `≥ ${f3(anchor + 0.1)}`,
          measured: `hybrid ${f3(n('hybrid'))} (anchor ${f3(anchor)})`,
          ok: n('hybrid') >= anchor + 0.1,
        });
        rows.push({
          what: `Quality, docstring → code, ${m.model}: semantic NDCG@10 ≥ the anchor`,
          target: `≥ ${f3(anchor)}`,
          measured: `semantic ${f3(n('semantic'))}`,
          ok: n('semantic') >= anchor,
        });
        const below = Object.entries(m.runs.hybrid?.perPackage ?? {}).filter(([pkg, h]) => {
          const best = Math.max(m.runs.lexical?.perPackage[pkg]?.ndcg10 ?? 0, m.runs.semantic?.perPackage[pkg]?.ndcg10 ?? 0);
          return h.ndcg10 < best;
        });
        rows.push({
          what: `Quality, docstring → code, ${m.model}: hybrid ≥ max(lexical, semantic) on every package`,
          target: 'every package',
          measured: below.length === 0 ? `all ${Object.keys(m.runs.hybrid?.perPackage ?? {}).length} packages` : `below on ${below.map(([p, h]) => `${p} (${f3(h.ndcg10)})`).join(', ')}`,
          ok: below.length === 0,
        });
      }
    }
    for (const m of q.result.natural?.models ?? []) {
      const h = m.runs.hybrid;
      const overall = h?.overall.ndcg10 ?? NaN;
      const symbol = h?.perCategory.symbol?.ndcg10 ?? NaN;
      rows.push({
        what: `Quality, natural developer queries (file level), ${m.model}: hybrid NDCG@10 overall / symbol queries`,
        target: '≥ 0.83 / ≥ 0.93',
        measured: `${f3(overall)} / ${f3(symbol)} (semantic ${f3(h?.perCategory.semantic?.ndcg10 ?? NaN)}, architecture ${f3(h?.perCategory.architecture?.ndcg10 ?? NaN)})`,
        ok: overall >= 0.83 && symbol >= 0.93,
      });
    }
  }
  return rows;
}

const RUN_LABEL: Record<string, string> = {
  lexical: 'engine, lexical',
  semantic: 'engine, semantic',
  hybrid: 'engine, hybrid',
  'bm25-oracle': 'anchor: BM25 over whole functions/sections',
  'dense-oracle': 'anchor: dense over whole functions/sections',
};

function metricsRow(name: string, m: Metrics, p50?: number): string {
  return `| ${name} | ${f3(m.ndcg10)} | ${f3(m.mrr10)} | ${f3(m.recall1)} | ${f3(m.recall5)} | ${f3(m.recall10)} | ${p50 === undefined ? '–' : f1(p50)} |`;
}

/** One sentence per engine mode against its anchor: what chunking (and fusion) gain or lose. */
function anchorSummary(runs: QualityResult['datasets'][number]['models'][number]['runs'], packages: string[]): string {
  const n = (k: string): number => runs[k as keyof typeof runs]?.overall.ndcg10 ?? NaN;
  const sign = (x: number): string => (x >= 0 ? `+${x.toFixed(3)}` : x.toFixed(3));
  const worst = (mode: string, anchor: string): string => {
    const diffs = packages
      .map((p) => ({ p, d: (runs[mode as keyof typeof runs]?.perPackage[p]?.ndcg10 ?? NaN) - (runs[anchor as keyof typeof runs]?.perPackage[p]?.ndcg10 ?? NaN) }))
      .filter((x) => Number.isFinite(x.d))
      .sort((a, b) => a.d - b.d)
      .slice(0, 2);
    return diffs.map((x) => `${x.p} ${sign(x.d)}`).join(', ');
  };
  const bestAnchor = Math.max(n('bm25-oracle'), n('dense-oracle'));
  return [
    `Against the anchors (NDCG@10): engine lexical vs BM25 over whole units ${sign(n('lexical') - n('bm25-oracle'))} (weakest packages: ${worst('lexical', 'bm25-oracle')});`,
    `engine semantic vs dense over whole units ${sign(n('semantic') - n('dense-oracle'))} (weakest: ${worst('semantic', 'dense-oracle')});`,
    `hybrid vs the better anchor ${sign(n('hybrid') - bestAnchor)}.`,
  ].join(' ');
}

function qualitySection(q: RunRecord<QualityResult>): string {
  const out: string[] = ['## Retrieval quality (`npm run bench:quality`)', '', runInfo(q), ''];
  for (const n of q.result.notes) out.push(`- Note: ${n}`);
  out.push('');
  for (const ds of q.result.datasets) {
    out.push(`### ${ds.name === 'code' ? 'Docstring → code' : 'Docs (Markdown sections)'}`, '');
    out.push(
      `${ds.queries} queries over ${ds.files} files (${ds.oracleChunks} oracle chunks). Packages (version: queries): ` +
        Object.entries(ds.packages)
          .map(([p, v]) => `${p} ${v}: ${ds.queriesPerPackage[p] ?? 0}`)
          .join(', ') +
        '.',
      '',
    );
    for (const m of ds.models) {
      out.push(`**Model ${m.model}** — index: ${int(m.index.files)} files, ${int(m.index.chunks)} chunks.`, '');
      out.push('| run | NDCG@10 | MRR@10 | Recall@1 | Recall@5 | Recall@10 | query p50 ms |', '|---|---:|---:|---:|---:|---:|---:|');
      for (const [k, r] of Object.entries(m.runs)) if (r) out.push(metricsRow(RUN_LABEL[k] ?? k, r.overall, r.msP50));
      out.push('');
      out.push(anchorSummary(m.runs, Object.keys(ds.packages)), '');
      const runs = Object.keys(m.runs);
      out.push(`NDCG@10 per package (${m.model}):`, '');
      out.push(`| package | queries | ${runs.join(' | ')} |`, `|---|---:|${runs.map(() => '---:').join('|')}|`);
      for (const pkg of Object.keys(ds.packages)) {
        const cells = runs.map((k) => f3(m.runs[k as keyof typeof m.runs]?.perPackage[pkg]?.ndcg10));
        out.push(`| ${pkg} | ${ds.queriesPerPackage[pkg] ?? 0} | ${cells.join(' | ')} |`);
      }
      out.push('');
    }
  }
  if (q.result.natural) out.push(naturalSection(q.result.natural));
  else if (q.result.only !== 'docstring') out.push('### Natural developer queries (file level)', '', 'Not in this record (it predates the benchmark).', '');
  if (q.result.ablations) out.push(ablationSection(q.result.ablations));
  else out.push('### Ablations', '', 'Not run (`--no-ablations`).', '');
  if (q.result.adapter) out.push(adapterSection(q.result.adapter));
  return out.join('\n');
}

function adapterSection(runs: NonNullable<QualityResult['adapter']>): string {
  const out: string[] = [
    '### Query adapter (docstring → code)',
    '',
    'Per package, `Engine.adapt` (what `semsearch adapt` runs) trains the query adapter on a copy of the package in which only the benchmark targets\' docs are blanked: ' +
      'it mines the package\'s other documented functions, masks each pair\'s doc, splits train / validation / test, and reports its own held-out gain (the bar for `auto`: +0.02 semantic, no hybrid loss). ' +
      'The package\'s benchmark queries then run on the benchmark index (every doc blanked) without and with that adapter. Training time: the worker\'s, on this machine.',
    '',
  ];
  for (const r of runs) {
    out.push(`**Model ${r.model}**`, '');
    out.push(
      '| package | bench queries | training pairs (val / test) | epochs (best) | training s | held-out gain semantic / hybrid | auto uses it | semantic NDCG@10 without → with | hybrid NDCG@10 without → with |',
      '|---|---:|---:|---:|---:|---|---|---|---|',
    );
    const sg = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
    for (const p of r.packages) {
      out.push(
        `| ${p.pkg} | ${p.queries} | ${p.pairs.train} (${p.pairs.validation} / ${p.pairs.test}) | ${p.epochs.run} (${p.epochs.best}) | ${(p.trainingMs / 1000).toFixed(1)} | ${sg(p.heldOutGain.semantic)} / ${sg(p.heldOutGain.hybrid)} | ${p.helps ? 'yes' : 'no'} | ${f3(p.semantic.without)} → ${f3(p.semantic.with)} (${sg(p.semantic.with - p.semantic.without)}) | ${f3(p.hybrid.without)} → ${f3(p.hybrid.with)} (${sg(p.hybrid.with - p.hybrid.without)}) |`,
      );
    }
    const gained = r.packages.filter((p) => p.semantic.with - p.semantic.without >= 0.03).length;
    out.push('', `Semantic NDCG@10 gain ≥ +0.03 (the hoped-for target) on ${gained} of ${r.packages.length} packages.`, '');
  }
  return out.join('\n');
}

const nat = (m: FileMetrics | undefined): string => f3(m?.ndcg10);

function naturalSection(n: NaturalResult): string {
  const out: string[] = ['### Natural developer queries (file level)', ''];
  const langs = [...new Set(n.repos.map((r) => r.language))].sort();
  const cat = (c: string): number => n.repos.reduce((a, r) => a + (r.perCategory[c] ?? 0), 0);
  out.push(
    `${n.queries} queries a developer would type (${CATEGORIES.map((c) => `${cat(c)} ${c}`).join(', ')}) over ${n.repos.length} repositories in ${langs.length} languages (${langs.join(', ')}). ` +
      'The queries and their relevant files were written from reading each repository\'s code, before any search result was seen (bench/quality/natural/*.json; format in bench/README.md). ' +
      'The whole extracted source tree is indexed (tests, docs and examples included), so an answer competes with everything a real workspace holds. ' +
      `Relevance is binary and file-level: the engine is asked for ${n.k} chunks (\`-k ${n.k}\`), the chunk list becomes a file list in first-occurrence order, and the first 10 distinct files are scored: ` +
      'NDCG@10 (ideal DCG over min(|relevant|, 10) files), Recall@10 (share of the relevant files in the first 10), MRR@10 (first relevant file).',
    '',
    'Run it: `npm run bench:quality` (everything), `npm run bench:quality -- --only natural` (this set alone; add `--quick`, `--no-ablations` to go faster).',
    '',
    '| repository | language | pinned source | queries (semantic / architecture / symbol) | what it is |',
    '|---|---|---|---|---|',
  );
  for (const r of n.repos) {
    const src = r.source.type === 'npm' ? `npm \`${r.source.package}@${r.source.version}\` (${r.source.integrity.slice(0, 19)}…)` : `[${r.sourceLabel.replace(/^debian /, '')}](${r.source.url}) (sha256 ${r.source.sha256.slice(0, 12)}…)`;
    out.push(`| ${r.name} | ${r.language} | ${src} | ${r.queries} (${CATEGORIES.map((c) => r.perCategory[c] ?? 0).join(' / ')}) | ${r.note.replace(/\|/g, '\\|')} |`);
  }
  out.push('');
  for (const m of n.models) {
    const modes = Object.keys(m.runs) as ('lexical' | 'semantic' | 'hybrid')[];
    const files = Object.values(m.index).reduce((a, x) => a + x.files, 0);
    const chunks = Object.values(m.index).reduce((a, x) => a + x.chunks, 0);
    out.push(`**Model ${m.model}** — ${n.repos.length} indexes: ${int(files)} files, ${int(chunks)} chunks.`, '');
    out.push(
      `| run | NDCG@10 | Recall@10 | MRR@10 | ${CATEGORIES.map((c) => `${c} NDCG@10`).join(' | ')} | queries under 10 files | query p50 ms |`,
      `|---|---:|---:|---:|${CATEGORIES.map(() => '---:').join('|')}|---:|---:|`,
    );
    for (const k of modes) {
      const r = m.runs[k]!;
      out.push(`| engine, ${k} | ${f3(r.overall.ndcg10)} | ${f3(r.overall.recall10)} | ${f3(r.overall.mrr10)} | ${CATEGORIES.map((c) => nat(r.perCategory[c])).join(' | ')} | ${r.underfilled} | ${f1(r.msP50)} |`);
    }
    out.push('', `NDCG@10 per language (${m.model}):`, '', `| language | queries | ${modes.join(' | ')} |`, `|---|---:|${modes.map(() => '---:').join('|')}|`);
    for (const l of langs) out.push(`| ${l} | ${m.runs[modes[0]]!.perLanguage[l]?.queries ?? 0} | ${modes.map((k) => nat(m.runs[k]!.perLanguage[l])).join(' | ')} |`);
    out.push('', `NDCG@10 per repository (${m.model}):`, '', `| repository | language | files | chunks | ${modes.join(' | ')} |`, `|---|---|---:|---:|${modes.map(() => '---:').join('|')}|`);
    for (const r of n.repos) {
      out.push(`| ${r.name} | ${r.language} | ${int(m.index[r.name]?.files)} | ${int(m.index[r.name]?.chunks)} | ${modes.map((k) => nat(m.runs[k]!.perRepo[r.name])).join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

const signed = (x: number | undefined): string => {
  if (x === undefined || !Number.isFinite(x)) return '–';
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? '0.000' : `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(3)}`;
};

function ablationSection(a: AblationResult): string {
  const out: string[] = ['### Ablations: what each rule is worth', ''];
  out.push(
    `Each row turns one rule off (\`SEMSEARCH_ABLATE=<switch>\` in the CLI's environment; the switches are read at run time from the built engine's \`ABLATIONS\`, src/core/ablation.ts) and repeats the baseline's hybrid runs with model ${a.model}: ` +
      "an index-stage switch rebuilds every index (its own index folders), a query-stage switch queries the baseline's indexes. " +
      'Each cell is the NDCG@10 with the rule off and, in brackets, what the rule is worth: baseline − ablated (positive: the rule helps). ' +
      `Verdict **keep** when the rule helps overall on both benchmarks combined (worth on natural overall + worth on docstring hybrid > 0) and costs no category more than ${CATEGORY_TOLERANCE} (natural semantic / architecture / symbol, docstring hybrid / semantic); otherwise **review**.`,
    '',
  );
  for (const n of a.notes) out.push(`- Note: ${n}`);
  if (a.notes.length) out.push('');
  const b = a.baseline;
  const cells = (v: AblationValues, base?: AblationValues): string[] => {
    const w = base ? worth(base, v) : {};
    const c = (x: number | undefined, key: string): string => (x === undefined ? '–' : base ? `${f3(x)} (${signed(w[key])})` : f3(x));
    return [
      c(v.natural?.overall, 'natural.overall'),
      ...CATEGORIES.map((k) => c(v.natural?.[k], `natural.${k}`)),
      c(v.docstring?.hybrid, 'docstring.hybrid'),
      c(v.docstring?.semantic, 'docstring.semantic'),
    ];
  };
  out.push(
    '| switch | stage | what it does | natural overall | natural semantic | natural architecture | natural symbol | docstring hybrid | docstring semantic | verdict |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---|',
    `| baseline (nothing off) | – | every rule on | ${cells(b).join(' | ')} | – |`,
  );
  if (a.rebuild) out.push(`| baseline, indexes built again | index | nothing off: the build-to-build noise of index rows | ${cells(a.rebuild, b).join(' | ')} | – |`);
  for (const r of a.rows) {
    out.push(`| \`${r.name}\` | ${r.stage} | ${r.what.replace(/\|/g, '\\|')} | ${cells(r, b).join(' | ')} | **${r.verdict}**${r.identical ? ' (no query changed)' : ''} |`);
  }
  if (a.rows.length === 0) out.push('| (no switches yet) | | | | | | | | | |');
  out.push('');
  return out.join('\n');
}

/** The quality section of a partial (`--only`) run, written to bench/results/partial.md and returned. */
export function writePartialReport(q: RunRecord<QualityResult>): string {
  const md = qualitySection(q);
  ensureDir(RESULTS_DIR);
  fs.writeFileSync(path.join(RESULTS_DIR, 'partial.md'), md);
  return md;
}

/** Section 1 of the speed report: the pipeline against the replay and sweep ceilings, and where its time goes. */
export function embeddingSection(e: EmbeddingResult): string[] {
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const sw = e.sweep;
  return [
    '### 1. Embedding throughput vs. the raw ONNX Runtime ceiling',
    '',
    `Corpus: ${int(e.corpus.files)} files, ${int(e.corpus.chunks)} chunks, ${int(e.corpus.tokens)} tokens; model \`minilm-arch-random\` (MiniLM-L6 architecture, int8).`,
    `Pipeline = \`semsearch index <dir> --model ../shared/models/minilm-arch-random --json\` → tokens / ms (the whole run: scan, chunk, tokenize, batch, infer, pool, save), fresh index each time.`,
    `Ceiling = a bare \`InferenceSession\` with the session options the embedder used (${JSON.stringify(e.sessionOptions)}) running the same ${int(e.batches)} recorded batches (${int(e.recordedTokens)} real tokens, ${int(e.paddedTokens)} padded) back to back. Runs alternate (pipeline, ceiling, …); medians shown.`,
    '',
    '| | tokens/s (median) | runs |',
    '|---|---:|---|',
    `| pipeline (CLI index) | ${int(e.pipeline.medianTokPerS)} | ${e.pipeline.runs.map((x) => int(x.tokPerS)).join(', ')} |`,
    `| ceiling (raw session, same batches) | ${int(e.ceiling.medianTokPerS)} | ${e.ceiling.runs.map((x) => int(x.tokPerS)).join(', ')} |`,
    `| **ratio** (median of the per-repetition ratios) | **${(e.ratio * 100).toFixed(1)} %** | ${e.pipeline.runs.map((x, i) => `${((x.tokPerS / e.ceiling.runs[i].tokPerS) * 100).toFixed(1)} %`).join(', ')}; target ≥ 85 % |`,
    '',
    ...(e.nonModelMs !== undefined
      ? [
          `Where the pipeline's time goes (medians): a whole run takes ${int(e.pipelineMedianMs)} ms; the same batches on the bare session take ${int(e.ceilingMedianMs)} ms; the same CLI run with static-minilm-dev (inference a table lookup, so roughly everything but the model: model load, scan, chunk, tokenize, pool, save) takes ${int(e.nonModelMs)} ms. A pipeline time near the bare-session time means that non-model work overlaps inference; near the sum of the two, it does not.`,
          '',
        ]
      : []),
    `Batch shapes the embedder produced: ${int(e.batches)} batches in ${e.shapes.distinctShapes} distinct shapes; batch sizes (size: batches) ${Object.entries(e.shapes.batchSizes)
      .sort((a, b) => Number(b[0]) - Number(a[0]))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}; padded length min ${e.shapes.seqLen.min}, p10 ${e.shapes.seqLen.p10}, median ${e.shapes.seqLen.p50}, p90 ${e.shapes.seqLen.p90}, max ${e.shapes.seqLen.max}; padding ${(e.shapes.paddingShare * 100).toFixed(1)} % of positions. Most frequent: ${e.shapes.top.join(', ')}.`,
    '',
    ...(sw
      ? [
          '#### Sweep ceiling: the same sequences in other batch shapes',
          '',
          `The replay above runs the pipeline's own batches (sorted and padded within each group of ${GROUP_SIZE} chunks the indexer hands the model worker). The sweep takes the recording's real sequences (each row up to its mask length: the corpus's real token lengths, truncated at 256) and re-batches them, longest first, into fixed batch sizes padded to the longest in each batch and into the embedder's batch policy, on the same bare session (and the shapes marked "ORT default memory" on a second one with onnxruntime's default memory planning, which the embedder turns off to save memory), in every repetition (shapes in rotated order, right after the pipeline run and the replay). ${sw.sequences < sw.allSequences ? `To bound its time it uses a stable subset: ${int(sw.sequences)} of ${int(sw.allSequences)} sequences (${int(sw.tokens)} of ${int(sw.allTokens)} real tokens, cap ${int(sw.capTokens)}), evenly spaced in length order so the length distribution is kept.` : `All ${int(sw.sequences)} sequences (${int(sw.tokens)} real tokens).`} The sweep ceiling of a repetition is its best shape; the ratio is the median of the per-repetition ratios.`,
          '',
          '| shape | batches | padded tokens | real tokens/s (median) | runs |',
          '|---|---:|---:|---:|---|',
          ...sw.shapes.map((x) => `| ${x.label === sw.best.label ? `**${x.label}**` : x.label} | ${int(x.batches)} | ${int(x.paddedTokens)} | ${int(x.medianTokPerS)} | ${x.runs.map(int).join(', ')} |`),
          '',
          '| ceiling | tokens/s (median) | pipeline ÷ ceiling (median of paired runs) | per repetition |',
          '|---|---:|---:|---|',
          `| replay (the pipeline's own batches) | ${int(e.ceiling.medianTokPerS)} | ${pct(e.ratio)} | ${e.pipeline.runs.map((x, i) => pct(x.tokPerS / e.ceiling.runs[i].tokPerS)).join(', ')} |`,
          `| sweep (best shape of each repetition) | ${int(sw.medianTokPerS)} | **${pct(sw.ratio)}** | ${e.pipeline.runs.map((x, i) => pct(x.tokPerS / sw.ceilingRuns[i])).join(', ')}; target ≥ 85 % |`,
          ...(sw.ratioBestShape !== undefined
            ? [`| sweep, one shape (${sw.best.label}, the best median) | ${int(sw.best.medianTokPerS)} | ${pct(sw.ratioBestShape)} | ${e.pipeline.runs.map((x, i) => pct(x.tokPerS / (sw.shapes.find((s) => s.label === sw.best.label)?.runs[i] ?? NaN))).join(', ')} (the best of several noisy shapes per repetition leans high; this does not) |`]
            : []),
          '',
        ]
      : []),
    ...(e.profile ? profileTable(e.profile) : []),
  ];
}

/** One profiled index run (SEMSEARCH_PROFILE=1): main-thread stages and the model thread, ms. */
function profileTable(p: IndexProfile): string[] {
  const share = (ms: number): string => `${((ms / Math.max(1, p.totalMs)) * 100).toFixed(0)} %`;
  const m = p.main;
  const mo = p.model;
  const row = (what: string, ms: number, note = ''): string => `| ${what} | ${int(ms)} | ${share(ms)} | ${note} |`;
  return [
    `#### Where the time goes: one profiled pipeline run (\`SEMSEARCH_PROFILE=1\`), ${int(p.totalMs)} ms`,
    '',
    'Threads run at once: the main thread scans, reads and stores; a chunking worker parses and counts word pieces for files read ahead (records before it: the main thread chunked); the model worker owns the session. Each thread\'s rows add up to the run; the threads overlap. The extra run is not one of the timed repetitions (it also leaves the index for the later steps).',
    '',
    '| thread: stage | ms | share of the run | |',
    '|---|---:|---:|---|',
    row('main: scan', m.scan),
    row('main: load model + chunker', m.load, 'worker start, session and tokenizer, tree-sitter'),
    row('main: read files', m.read, 'async: other callbacks may run inside (0 since files are read ahead: in the next row)'),
    row('main: chunk', m.chunk, 'waiting for files read and chunked ahead (before: tree-sitter and splitting here, token counting excluded)'),
    row('main: tokenize', m.tokenize, 'token counting for the chunker (the worker reuses these ids)'),
    row('main: store', m.store, 'putFile (terms found by the chunking worker), setVector'),
    row('main: save', m.save),
    row('main: waiting for the worker', m.embedWait, 'queue full: two groups in the worker, the next ready here'),
    row('main: other', m.other),
    row('model: busy (session.run)', mo.busyMs, `${int(mo.batches)} batches in ${int(mo.jobs)} jobs`),
    row('model thread: tokenize + tensors + pool', mo.tokenizeMs + mo.tensorMs + mo.poolMs, `${int(mo.tokenizeMs)} + ${int(mo.tensorMs)} + ${int(mo.poolMs)}`),
    row('model idle: before the first job', mo.beforeFirstJobMs, 'scan, model load, the first group read and chunked'),
    row('model idle: waiting for input between jobs', mo.waitingMs),
    row('model idle: after the last job', mo.afterLastJobMs, 'final save'),
    row('model thread: other', mo.otherMs, 'messages, event-loop turns'),
    `| **model idle (run − busy)** | **${int(mo.idleMs)}** | **${share(mo.idleMs)}** | |`,
    '',
  ];
}

function perfSection(p: RunRecord<PerfResult>): string {
  const r = p.result;
  const million = load<B1Result>('million');
  const e = r.embedding;
  const out: string[] = ['## Speed and size (`npm run bench:perf`)', '', runInfo(p), ''];
  for (const n of r.notes) out.push(`- Note: ${n}`);
  out.push(
    '',
    ...embeddingSection(e),
    '### 2. Query latency (warm, hybrid, batch mode, per-query `ms`)',
    '',
    '| index | model | chunks | p50 ms | p95 ms | what it includes |',
    '|---|---|---:|---:|---:|---|',
    `| arch-random index | minilm-arch-random | ${int(r.archLatency.chunks)} | ${f1(r.archLatency.p50)} | ${f1(r.archLatency.p95)} | end to end: query embedding with the real architecture + search |`,
  );
  if (r.archAtScale) {
    const a = r.archAtScale;
    out.push(`| largest grown corpus | minilm-arch-random | ${int(a.chunks)} | ${f1(a.latency.p50)} | ${f1(a.latency.p95)} | end to end: query embedding with the real architecture + search |`);
  }
  for (const s of r.scale) {
    out.push(`| grown corpus ${s.label} | static-minilm-dev | ${int(s.chunks)} | ${f1(s.latency.p50)} | ${f1(s.latency.p95)} | search only (static model: embedding is a table lookup) |`);
  }
  out.push(
    `| query embedding alone | minilm-arch-random | – | ${f1(r.archQueryEmbedding.p50)} | ${f1(r.archQueryEmbedding.p95)} | tokenize + session + pool through the embedder, ${r.archQueryEmbedding.queries} queries |`,
    '',
    'The scale corpus is distinct real code: the sources of 21 pinned npm packages (monaco-editor, echarts, babylon.js, webpack, typeorm, playwright-core, graphql, the S3 client, svelte, @types/node, TypeScript\'s lib files and others; `bench/perf/scaleCorpus.ts`; none of the held-out, docstring-benchmark or dev-model packages), one build of each, fetched and verified at bench time; each smaller point is a stable sample of its files. The growth table uses `static-minilm-dev` (same tokenizer, chunking and dimensions; a table lookup: search cost only); the largest corpus is indexed once more with `minilm-arch-random` for end-to-end latency and memory with the real architecture. The cross-check in the targets adds the static search p95 to the query-embedding p95 (an over-estimate of the p95 of the sum).',
    '',
    '### 3. Incremental indexing',
    '',
    `- Nothing changed, ${int(r.noop.files)} files (${int(r.noop.corpusChunks)} chunks, static model): engine-reported ${int(r.noop.medianMs)} ms, whole CLI process (Node start, model and index load) ${int(r.noop.medianWallMs)} ms; runs ${r.noop.runs.map((x) => `${int(x.ms)}/${int(x.wallMs)}`).join(', ')} ms.`,
    `- One file edited (\`${r.edit.file}\`, a new line in its middle) → \`engine.update([path])\` on the arch-random index of ${int(r.edit.indexChunks)} chunks: median ${int(r.edit.medianMs)} ms; runs ${r.edit.runs.map((x) => `${int(x.ms)} ms (${x.embedded} embedded, ${x.reused} reused)`).join(', ')}. Timed directly around \`update()\`, so no debounce is included.`,
    `- Folder of ${int(r.rename.folderFiles)} files renamed → \`semsearch index\`: ${r.rename.index.embedded} embedded, ${int(r.rename.index.reused)} reused, ${int(r.rename.index.removed)} removed, ${int(r.rename.index.ms)} ms.`,
    '',
    '### 4–6. Size, memory, cold start and how cost grows',
    '',
    '| chunks (distinct) | files | index time (engine ms) | index process wall ms | hybrid p95 ms (search) | vectors+graph B/chunk | reuse cache B/chunk | metadata B/chunk | index peak RSS | query process peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of r.scale) {
    out.push(
      `| ${int(s.chunks)}${s.distinct !== undefined ? ` (${int(s.distinct)})` : ''} | ${int(s.files)} | ${int(s.indexMs)} | ${int(s.indexWallMs)} | ${f1(s.latency.p95)} | ${int(s.size?.perChunk.vectorsGraph)} | ${int(s.size?.perChunk.reuseCache)} | ${int(s.size?.perChunk.metadata)} | ${mb(s.indexMaxRssBytes)} | ${mb(s.latency.maxRssBytes)} |`,
    );
  }
  const big = r.scale[r.scale.length - 1];
  if (r.archAtScale) {
    const a = r.archAtScale;
    out.push(
      `| ${int(a.chunks)} (MiniLM architecture: ${int(a.embedded)} embedded, ${int(a.reused)} reused, ${int(a.tokens)} tokens) | ${int(a.files)} | ${int(a.indexMs)} | – | ${f1(a.latency.p95)} (end to end) | – | – | – | ${mb(a.indexMaxRssBytes)} | ${mb(a.latency.maxRssBytes)} |`,
    );
  }
  out.push(
    '',
    'Indexes built with static-minilm-dev at i8 precision (the default). "vectors+graph" is the USearch file; the reuse cache keeps vectors by content hash (so renames and branch switches embed nothing); metadata is the manifest, the lexical index and the commit record. Peak RSS is the CLI child\'s VmHWM (all threads, the embedding worker included), reported by a preload (`process.resourceUsage().maxRSS`, used before 2026-12-03, also counts the bench process\'s own RSS at the spawn: a child inherits it); the static-model rows lack the MiniLM session, the last row has it.',
    '',
    `Cold start (a fresh \`semsearch query <dir> "<text>" --json\` process until it prints the answer, median): ${int(r.archColdStart.medianMs)} ms on the arch-random index (${int(r.archLatency.chunks)} chunks, MiniLM architecture; that process peaked at ${mb(r.archColdStart.maxRssBytes)} RSS); ${big?.coldStart ? `${int(big.coldStart.medianMs)} ms at ${int(big.chunks)} chunks (static model, peak ${mb(big.coldStart.maxRssBytes)} RSS)` : '–'}${r.archAtScale ? `; ${int(r.archAtScale.coldStart.medianMs)} ms at ${int(r.archAtScale.chunks)} chunks with the MiniLM architecture (peak ${mb(r.archAtScale.coldStart.maxRssBytes)} RSS)` : ''}.`,
  );
  if (r.memoryParts?.length) {
    out.push(
      '',
      'Where the memory goes: each part alone in a fresh process (`bench/perf/memoryPartsChild.ts`), on the largest scale corpus and its static-model index. A whole index run holds the chunker, the embedder and a writer at once, plus the USearch graph with its copy of every vector (the rows added since the last save are kept beside it; saved ones are read back from the file), the save\'s encode buffers and V8\'s working room; a query process holds the embedder and a reader.',
      '',
      '| part | peak RSS | kept outside the JS heap after GC | JS heap after GC | command |',
      '|---|---:|---:|---:|---|',
      ...r.memoryParts.map((m) => `| ${m.label} | ${mb(m.maxRssBytes)} | ${mb(m.externalBytes)} | ${mb(m.heapUsedBytes)} | \`${m.command}\` |`),
    );
  }
  if (r.b1) out.push('', b1Section(r.b1, million));
  if (r.adapter) out.push('', adapterPerfSection(r.adapter, p.command));
  return out.join('\n');
}

function b1TargetRows(b: B1Result, million: B1Result['million'], queryEmbedding: Latency): TargetRow[] {
  const m = million;
  const rows: TargetRow[] = [];
  const vsF32 = b.scale.recall.find((x) => x.truth === 'f32 vectors');
  const mRecall = m?.recall[0];
  rows.push({
    what: '`--precision b1`: recall@10 against exact f32 search',
    target: '≥ 0.95 at 1M chunks',
    measured: `${vsF32 ? f3(vsF32.at10) : '–'} against exact f32 at ${int(b.scale.chunks)} chunks; ${mRecall ? `${f3(mRecall.at10)} against exact search over the stored i8 rows at ${int(m!.chunks)} chunks` : 'million point not run'}`,
    ok: vsF32 && mRecall ? Math.min(vsF32.at10, mRecall.at10) >= 0.95 : null,
  });
  if (m) {
    const rss = Math.max(m.indexMaxRssBytes ?? 0, m.latency.maxRssBytes ?? 0);
    rows.push({
      what: `\`--precision b1\`: peak RSS at ${int(m.chunks)} chunks (index run / query process, static model)`,
      target: '≤ 1 GB',
      measured: `${mb(m.indexMaxRssBytes)} / ${mb(m.latency.maxRssBytes)}`,
      ok: rss > 0 ? rss <= 2 ** 30 : null,
    });
    const est = m.latency.p95 + queryEmbedding.p95;
    rows.push({
      what: `Hybrid query p95 at ${int(m.chunks)} chunks (b1), query embedding included`,
      target: '≤ 50 ms at 1M',
      measured: `${f1(est)} ms = search ${f1(m.latency.p95)} ms (static model) + MiniLM-architecture query embedding ${f1(queryEmbedding.p95)} ms (p95s added)`,
      ok: m.chunks >= 900_000 ? est <= 50 : null,
    });
  }
  return rows;
}

function b1Section(b: B1Result, million: RunRecord<B1Result> | null): string {
  const rowOf = (x: B1Point, label: string): string =>
    `| ${label} | ${int(x.chunks)} | ${int(x.files)} | ${int(x.indexMs)} | ${f1(x.latency.p50)} / ${f1(x.latency.p95)} | ${f1(x.semanticLatency.p50)} / ${f1(x.semanticLatency.p95)} | ${x.recall.map((r) => `${f3(r.at10)} (${r.truth})`).join(', ')} | ${int(x.size.perChunk.vectorsGraph)} | ${int(x.size.perChunk.metadata)} | ${mb(x.indexMaxRssBytes)} | ${mb(x.latency.maxRssBytes)} |`;
  const out = [
    '### 7. A million chunks: `--precision b1`',
    '',
    `b1 keeps one sign bit per dimension in the USearch graph (Hamming distance) and the i8 rows after it in the same file; a search takes 8 × k candidates (at least ${int(b.rescoreMin ?? 800)}${million && (million.result.rescoreMin ?? 800) !== (b.rescoreMin ?? 800) ? ` in the scale corpus row's run, ${int(million.result.rescoreMin ?? 800)} in the million row's` : ''}) from the graph and rescores them by cosine against their i8 rows, which a reader reads from the file one by one (the OS page cache holds them, not the process). Recall@10 is the share of exact search's top 10 that b1 search returns, for natural-language queries (doc-comment sentences of the corpus) embedded with static-minilm-dev.`,
    '',
    '| point | chunks | files | index ms | hybrid p50 / p95 ms (search) | semantic p50 / p95 ms | recall@10 (against) | vectors+graph B/chunk | metadata B/chunk | index peak RSS | query process peak RSS |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
    rowOf(b.scale, `scale corpus, converted from f32 (${int(b.scale.convertMs)} ms: no embedding)`),
  ];
  const m = million?.result.million;
  if (m) out.push(rowOf(m, `the scale corpus + ${m.copies} perturbed copies`));
  if (m?.memory) {
    out.push('', `The store alone at ${int(m.chunks)} chunks, each in a fresh process (peak RSS; what it keeps after a full GC outside and inside the JS heap):`, '');
    if (million!.date < '2026-12-03T08:30') out.push('Measured with `process.resourceUsage().maxRSS`, which also counts the bench process\'s RSS when it spawned the part (about 1 GB after the recall step): upper bounds.', '');
    for (const x of m.memory) out.push(`- ${x.label}: peak ${mb(x.maxRssBytes)}; outside the heap ${mb(x.externalBytes)}, JS heap ${mb(x.heapUsedBytes)} (\`${x.command}\`)`);
  }
  out.push(
    '',
    m ? `The million-chunk row is its own run (half an hour on 2 cores, so not part of every perf run):\n\n${runInfo(million!)}` : 'The million-chunk point is not in this record: `npm run bench:perf -- --only million`.',
    '',
    'The million-chunk corpus is the scale corpus as it is plus copies in which about a third of the distinct identifiers carry a per-copy suffix (`bench/perf/millionCorpus.ts`): every chunk is distinct, and the copies of one chunk stay near each other (like vendored code with local edits). At that size the truth is exact search over the stored i8 rows (an f32 index of a million chunks would be 1.7 GB); at the scale corpus both truths are shown, so the cost of the i8 rows themselves can be read off.',
  );
  return out.join('\n');
}

/** The halves of the current BENCHMARKS.md: each section's text and its rows of the targets table. */
function previousReport(): { quality: string | null; perf: string | null; qualityRows: string[]; perfRows: string[] } {
  const file = path.join(REPO_ROOT, 'BENCHMARKS.md');
  const none = { quality: null, perf: null, qualityRows: [], perfRows: [] };
  if (!fs.existsSync(file)) return none;
  const md = fs.readFileSync(file, 'utf8');
  const at = (h: string): number => md.indexOf(`\n${h}`);
  const q = at('## Retrieval quality');
  const pf = at('## Speed and size');
  const how = at('## How the benchmarks work');
  if (q < 0 || pf < q || how < pf) return none;
  const section = (a: number, b: number): string | null => {
    const text = md.slice(a + 1, b).trim();
    return /\nNot run yet/.test(text) ? null : text;
  };
  const t0 = md.indexOf('|---|---|---|---|');
  const table = t0 < 0 ? [] : md.slice(t0).split('\n').slice(1);
  const rows = table.slice(0, Math.max(0, table.findIndex((l) => !l.startsWith('|')))).filter((l) => l.startsWith('|'));
  return {
    quality: section(q, pf),
    perf: section(pf, how),
    qualityRows: rows.filter((l) => l.startsWith('| Quality')),
    perfRows: rows.filter((l) => !l.startsWith('| Quality')),
  };
}

export function writeReport(): string {
  const q = load<QualityResult>('quality');
  const p = load<PerfResult>('perf');
  const rows = targetRows(q, p).map((t) => `| ${t.what} | ${t.target} | ${t.measured} | ${mark(t.ok)} |`);
  // bench/results/ is not committed: a half with no record here (a fresh clone that ran only the other
  // half) keeps its section and target rows from the current BENCHMARKS.md instead of being wiped.
  const prev = previousReport();
  const keptQuality = !q && prev.quality ? prev.quality : null;
  const keptPerf = !p && prev.perf ? prev.perf : null;
  if (keptQuality) rows.push(...prev.qualityRows);
  if (keptPerf) rows.unshift(...prev.perfRows);
  const md = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/report.ts) from the latest runs in `bench/results/`; regenerate rather than edit.',
    'Run it yourself: `npm ci && npm run bench` (8–9 minutes on an idle 2-core machine, build included; budget 20), or `npm run bench -- --quick` (1.5–3 minutes, smaller sizes);',
    '`npm run bench:quality` and `npm run bench:perf` run one half (`npm run bench:quality -- --only natural` or `--only docstring` one quality benchmark, printed, not written here; `--no-ablations` skips the ablation table). Every timing is a median of repeated runs (single runs in `--quick`);',
    'ratios are measured side by side in one run. Nothing here is a timed unit test.',
    '',
    '## Targets',
    '',
    ...[q, p]
      .filter((r): r is RunRecord<QualityResult> | RunRecord<PerfResult> => r !== null)
      .filter((r) => r.quick || Math.max(r.machine.loadAvgStart[0], r.loadAvgEnd[0]) > r.machine.cores)
      .slice(0, 1)
      .map(() => '> These figures come from a `--quick` run and/or a busy machine (see each section): treat the timings and their met / not met as indicative until a full run on a quiet machine replaces them.\n'),
    '| what | target | measured | status |',
    '|---|---|---|---|',
    ...rows,
    '',
    q ? qualitySection(q) : keptQuality ?? '## Retrieval quality\n\nNot run yet: `npm run bench:quality`.',
    '',
    p ? perfSection(p) : keptPerf ?? '## Speed and size\n\nNot run yet: `npm run bench:perf`.',
    '',
    '## How the benchmarks work',
    '',
    '- **Docstring → code** (CodeSearchNet style): built at run time from pinned npm packages (exact version and sha512 integrity in bench/quality/packages.ts; the registry tarballs are fetched, verified and extracted into `bench/.work/sources/` by bench/lib/sources.ts; nothing of theirs is committed and they are not dependencies). The TypeScript compiler API finds named functions, methods and assigned function expressions and their doc comments (JSDoc, or a plain comment directly above). The query is the first sentence of the comment; the target is the function\'s file and line range. In the indexed copy every candidate comment is blanked (its lines kept, so line numbers do not move). Queries repeated verbatim are dropped; a stable sample caps each package.',
    '- **Docs**: Markdown files of the same packages, parsed with marked\'s lexer; the query is a section\'s first sentence, removed from the indexed copy (lines kept); the target is the section from its heading to the next heading.',
    '- **Hit**: a result in the target\'s file whose line range overlaps the target\'s. Only the first hit counts; one relevant item per query, so NDCG@10 = 1/log2(1 + rank).',
    '- **Engine runs** go through the CLI exactly as its contract (README, "The CLI") specifies: `semsearch index <dir> --model M --index-dir D --json`, then `semsearch query <dir> --queries <file.jsonl> -k 10 --mode lexical|semantic|hybrid --json`.',
    '- **Anchors** use the same queries and targets but ideal chunks (each whole function, or whole section): BM25 from MiniSearch, and dense retrieval with the engine\'s own embedder (brute-force cosine), both over the file path plus the chunk text, identifiers split (the engine also adds path words to what it embeds and indexes). They show what the engine\'s chunking and fusion gain or lose.',
    '- **Models**: `static-minilm-dev` is a static stand-in with weak but real semantic signal (its rankings do not transfer to the real model); `minilm-arch-random` has the real architecture with random weights, for speed only. The real all-MiniLM-L6-v2 is measured when `models/all-MiniLM-L6-v2/` is present (`npm run fetch-model`).',
    '- **Natural developer queries**: one JSON file per repository in `bench/quality/natural/` (see bench/README.md), written from reading the code before any result was seen; each pins its source (a Debian `.orig` tarball and its SHA-256, or an npm version and integrity), fetched and verified like the packages above. The whole extracted tree is indexed; `semsearch query <tree> --queries <file.jsonl> -k 100 --mode … --json`; the chunk list is folded into files (first occurrence) and the first 10 distinct files are scored with binary relevance.',
    '- **Ablations**: `SEMSEARCH_ABLATE=<switch>` in the CLI\'s environment for each switch of the built engine\'s `ABLATIONS`; index-stage switches rebuild every index, query-stage switches reuse the baseline\'s. Skipped with `--no-ablations`.',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), md);
  ensureDir(RESULTS_DIR);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), md);
  return md;
}
