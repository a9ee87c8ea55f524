// Find Similar Code: the selection, or the function around the cursor when nothing is
// selected; results go to the panel and to a QuickPick. Returns the results (for tests).
import * as vscode from 'vscode';
import type { ApiSearchResult } from '../../shared/extensionApi';
import { toApiResult } from '../apiResult';
import { enclosingSymbol, type SymbolNode } from '../vscodeFree/enclosingSymbol';
import { errorText } from '../vscodeFree/errorAdvice';
import { indentBlock } from '../vscodeFree/indentBlock';
import { openRange } from '../locations';
import { SearchPanel } from '../panel/searchPanel';
import type { ExtensionServices } from '../services';
import { resultItem } from './resultItem';

const SYMBOLS_TIMEOUT_MS = 1500;

interface Target {
  file: string;
  startLine: number; // 1-based inclusive
  endLine: number;
  symbol: string;
}

function toNodes(symbols: readonly vscode.DocumentSymbol[]): SymbolNode[] {
  return symbols.map((s) => ({ kind: s.kind, name: s.name, startLine: s.range.start.line, endLine: s.range.end.line, children: toNodes(s.children ?? []) }));
}

async function targetOf(editor: vscode.TextEditor): Promise<Target> {
  const file = editor.document.uri.fsPath;
  const sel = editor.selection;
  if (!sel.isEmpty) {
    // A selection ending at column 0 of the next line means "up to the line before".
    const end = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
    return { file, startLine: sel.start.line + 1, endLine: end + 1, symbol: '' };
  }
  const line = sel.active.line;
  try {
    // A language server that is still starting must not hold the command up for long.
    const symbols = await Promise.race([
      vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SYMBOLS_TIMEOUT_MS)),
    ]);
    const around = symbols && 'children' in (symbols[0] ?? {}) ? enclosingSymbol(toNodes(symbols), line) : undefined;
    if (around) return { file, startLine: around.startLine + 1, endLine: around.endLine + 1, symbol: around.name };
  } catch {
    // no symbol provider for this language: fall back to the indentation block
  }
  const block = indentBlock(editor.document.getText().split(/\r?\n/), line);
  if (block) return { file, startLine: block.startLine + 1, endLine: block.endLine + 1, symbol: '' };
  return { file, startLine: line + 1, endLine: line + 1, symbol: '' };
}

export async function findSimilar(s: ExtensionServices): Promise<ApiSearchResult[]> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Semantic Search: open a file and select some code to find similar code.');
    return [];
  }
  const target = await targetOf(editor);
  if (!s.indexes.folderOf(target.file)) {
    void vscode.window.showInformationMessage('Semantic Search: this file is not inside a workspace folder.');
    return [];
  }
  let results;
  try {
    // Unsaved edits: the engine would read the file on disk, so hand it the text as it is now.
    const text = editor.document.isDirty
      ? editor.document.getText(new vscode.Range(target.startLine - 1, 0, target.endLine, 0))
      : undefined;
    results = await s.panel.similar(target.file, target.startLine, target.endLine, text);
  } catch (err) {
    void vscode.window.showErrorMessage(`Semantic Search: ${errorText(err)}`);
    return [];
  }
  const panel = SearchPanel.createOrShow(s.extensionUri, s.panel, 'similar');
  void panel.showSimilar(target.file, target.startLine, target.endLine, target.symbol, results);
  showPick(results, target, s.indexes.roots.length > 1);
  return results.map(toApiResult);
}

function showPick(results: Awaited<ReturnType<ExtensionServices['panel']['similar']>>, target: Target, multiRoot: boolean): void {
  const qp = vscode.window.createQuickPick<ReturnType<typeof resultItem>>();
  qp.title = `Code similar to ${target.symbol || `lines ${target.startLine}–${target.endLine}`}`;
  qp.placeholder = results.length ? 'Pick a result to open it (also shown in the panel)' : 'No similar code found';
  qp.items = results.map((r) => resultItem(r, multiRoot));
  qp.onDidAccept(() => {
    const picked = qp.selectedItems[0];
    qp.hide();
    if (picked) void openRange(picked.result.file, picked.result.startLine, picked.result.endLine, { preview: false });
  });
  qp.onDidHide(() => qp.dispose());
  qp.show();
}
