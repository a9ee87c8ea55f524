// Turns an engine failure into one actionable message: what happened, and one button that
// fixes it. Recognises errors by their `code` (they may cross a worker boundary).

export interface AdviceAction {
  title: string;
  command: string;
  args?: unknown[];
}

export interface Advice {
  /** Identifies the kind of failure, so the same problem is not announced twice. */
  key: string;
  message: string;
  actions: AdviceAction[];
}

const SET_MODEL: AdviceAction = { title: 'Set Model Path', command: 'workbench.action.openSettings', args: ['semanticSearch.modelPath'] };
const REINDEX: AdviceAction = { title: 'Reindex', command: 'semanticSearch.reindex' };
/** Not contributed (no palette entry): runs the pass again without throwing the index away. */
export const RETRY_COMMAND = 'semanticSearch.retryIndexing';
const RETRY: AdviceAction = { title: 'Retry', command: RETRY_COMMAND };
const EXCLUDE: AdviceAction = { title: 'Edit Excludes', command: 'workbench.action.openSettings', args: ['semanticSearch.exclude'] };

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'Unknown error';
}

/**
 * A missing model in an editor user's words: which setting to set, or reinstall. (The engine's own text speaks to
 * developers — `npm run fetch-model`, SEMSEARCH_MODEL_DIR — and stays in the log and the CLI.)
 */
export const MODEL_MISSING_TEXT =
  'No embedding model found. Set the "semanticSearch.modelPath" setting to a folder holding all-MiniLM-L6-v2 ' +
  '(onnx/model_quantized.onnx with its tokenizer files), or reinstall the extension: its package carries the model.';

/** What the user reads about a failure (the status bar tooltip, the status view, the search list). */
export function userErrorText(err: unknown): string {
  return errorCode(err) === 'MODEL_NOT_FOUND' ? MODEL_MISSING_TEXT : errorText(err);
}

export function adviceFor(err: unknown, folderName: string): Advice {
  const code = errorCode(err);
  const text = errorText(err).split('\n')[0];
  switch (code) {
    case 'MODEL_NOT_FOUND':
      return { key: code, message: `Semantic Search: ${MODEL_MISSING_TEXT}`, actions: [SET_MODEL] };
    case 'INDEX_CORRUPT':
      return { key: `${code}:${folderName}`, message: `Semantic Search: the index of "${folderName}" is damaged (${text}).`, actions: [REINDEX] };
    case 'INDEX_LOCKED':
      // Another window or process is writing it: never delete it from under them.
      return { key: `${code}:${folderName}`, message: `Semantic Search: ${text}`, actions: [RETRY] };
    case 'EACCES':
    case 'EPERM':
    case 'ENOENT':
    case 'ENOTDIR':
      return {
        key: `${code}:${folderName}`,
        message: `Semantic Search: cannot read "${folderName}" (${text}). Exclude the path or fix its permissions.`,
        actions: [EXCLUDE, REINDEX],
      };
    default:
      return { key: `other:${folderName}:${text}`, message: `Semantic Search: indexing "${folderName}" failed: ${text}`, actions: [REINDEX] };
  }
}
