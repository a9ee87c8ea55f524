// The workspace-quality reports (Measure Search Quality, Adapt Search to This Workspace) as one panel model:
// summary sentences, a bar chart of NDCG@10 and the metric tables. The Quality tab draws it; qualityMarkdown.ts
// writes the same model as Markdown to copy.
import type { AdaptReport, EvalReport, MetricsByMode } from '../../core/index';
import type { PanelQualityReport, QualityRow, SearchModeName } from '../../shared/messages';
import { SEARCH_MODES } from '../../shared/messages';

const READING =
  'NDCG@10: 1 when the answer is ranked first, lower the further down it is, 0 when it is not in the first 10. MRR@10: 1 / rank of the answer. Recall@k: share of questions answered within the first k results.';

const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(3)}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A row per mode present in `byMode`, in the panel's mode order. */
export function rowsOf(group: string, byMode: MetricsByMode): QualityRow[] {
  const rows: QualityRow[] = [];
  for (const mode of SEARCH_MODES) {
    const m = byMode[mode];
    if (m) rows.push({ group, mode, ndcg10: m.ndcg10, mrr10: m.mrr10, recall1: m.recall1, recall5: m.recall5, recall10: m.recall10, pairs: m.pairs });
  }
  return rows;
}

function modesIn(groups: MetricsByMode[]): SearchModeName[] {
  return SEARCH_MODES.filter((mode) => groups.some((g) => g[mode]));
}

export function evalQualityView(r: EvalReport, folder: string, folderName: string): PanelQualityReport {
  if (r.pairs === 0) {
    // Zeros would read as "search finds nothing": say instead that there was nothing to ask.
    return {
      kind: 'eval',
      folder,
      folderName,
      title: `Search quality of ${folderName}`,
      summary: [
        `No questions could be taken from this workspace: it has no documented functions, methods or classes (a doc comment of at least 4 words) and no Markdown sections with a usable heading. ${r.chunks} chunks, model ${r.model.name}.`,
      ],
      chart: { title: '', metric: 'NDCG@10', series: [], groups: [] },
      tables: [],
      note: READING,
    };
  }
  const sets = Object.entries(r.bySet).filter((e): e is [string, MetricsByMode] => e[1] !== undefined);
  const languages = Object.entries(r.byLanguage).sort((a, b) => a[0].localeCompare(b[0]));
  const groups: [string, MetricsByMode][] = [['all', r.overall], ...(sets.length > 1 ? sets : []), ...languages];
  const series = modesIn(groups.map((g) => g[1]));
  return {
    kind: 'eval',
    folder,
    folderName,
    title: `Search quality of ${folderName}`,
    summary: [
      `${count(r.pairs, 'question', 'questions')} from this workspace (of ${count(r.mined.code, 'documented definition', 'documented definitions')} and ${count(r.mined.docs, 'Markdown section', 'Markdown sections')} found), each asked with its own documentation hidden from the index.`,
      `${r.chunks} chunks, model ${r.model.name}${r.adapter === 'applied' ? ', with the query adapter' : ''}; measured in ${seconds(r.ms)}.`,
    ],
    chart: {
      title: 'NDCG@10 by search mode, overall and per language',
      metric: 'NDCG@10',
      series,
      groups: groups.map(([label, byMode]) => ({ label, values: series.map((mode) => byMode[mode]?.ndcg10 ?? null) })),
    },
    tables: [
      { title: 'Overall', groupLabel: 'Set', rows: [...rowsOf('all', r.overall), ...sets.flatMap(([set, m]) => rowsOf(set, m))] },
      { title: 'By language', groupLabel: 'Language', rows: languages.flatMap(([language, m]) => rowsOf(language, m)) },
    ],
    note: READING,
  };
}

export function adaptQualityView(r: AdaptReport, folder: string, folderName: string): PanelQualityReport {
  const series = ['before', 'after'];
  const modes = modesIn([r.before, r.after]);
  const trained = r.epochs.run > 0;
  return {
    kind: 'adapt',
    folder,
    folderName,
    title: `Query adapter for ${folderName}`,
    verdict: { inUse: r.inUse, reason: r.reason },
    summary: trained
      ? [
          `Trained on ${r.pairs.train} question → answer pairs from this workspace (${r.pairs.validation} to choose when to stop, ${r.pairs.test} held out to measure it), ${r.epochs.run} epochs (best ${r.epochs.best}), ${seconds(r.trainingMs)}. It changes query embeddings only; the index is not re-embedded.`,
          `Held-out gain: semantic ${signed(r.gain.semantic)}, hybrid ${signed(r.gain.hybrid)} NDCG@10 (used when semantic gains at least ${r.minGain} and hybrid does not fall).`,
        ]
      : [], // the verdict says why nothing was trained
    chart: {
      title: 'Held-out NDCG@10 without and with the adapter',
      metric: 'NDCG@10',
      series,
      groups: modes.map((mode) => ({ label: mode, values: [r.before[mode]?.ndcg10 ?? null, r.after[mode]?.ndcg10 ?? null] })),
    },
    tables: trained ? [{ title: 'Held-out questions, without and with the adapter', groupLabel: 'Adapter', rows: [...rowsOf('before', r.before), ...rowsOf('after', r.after)] }] : [],
    note: READING,
  };
}
