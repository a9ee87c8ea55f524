// Results → what the editor and the panel need: opening a range revealed and selected, and
// panel items with a few source lines for the syntax-colored preview.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelResult } from '../shared/messages';
import type { SearchResult } from '../core/index';

const SNIPPET_LINES = 8;

/** Opens the file with the range (1-based, inclusive) selected and revealed in the center. */
export async function openRange(file: string, startLine: number, endLine: number, opts: { preview?: boolean; beside?: boolean } = {}): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const last = Math.min(endLine, doc.lineCount) - 1;
  const range = new vscode.Range(Math.max(0, startLine - 1), 0, Math.max(0, last), doc.lineAt(Math.max(0, last)).text.length);
  const editor = await vscode.window.showTextDocument(doc, {
    selection: range,
    preview: opts.preview ?? true,
    viewColumn: opts.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The source lines of a range: from an open document when there is one (unsaved edits), else from disk. */
async function readLines(file: string, startLine: number, endLine: number): Promise<string> {
  const count = Math.min(SNIPPET_LINES, endLine - startLine + 1);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  try {
    const lines = open ? open.getText().split(/\r?\n/) : (await fs.readFile(file, 'utf8')).split(/\r?\n/);
    return dedent(lines.slice(startLine - 1, startLine - 1 + count));
  } catch {
    return '';
  }
}

/** Removes the indentation the lines share, so a method's preview starts at the left edge. */
function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

export async function toPanelResults(results: readonly SearchResult[]): Promise<PanelResult[]> {
  return Promise.all(
    results.map(async (r) => ({
      file: r.file,
      path: r.path,
      folderName: path.basename(r.root),
      startLine: r.startLine,
      endLine: r.endLine,
      score: r.score,
      kind: r.kind,
      symbol: r.symbol,
      language: r.language,
      snippet: (await readLines(r.file, r.startLine, r.endLine)) || r.preview,
      ...(r.display ? { name: r.display.name, matches: r.display.lines } : {}),
    })),
  );
}
