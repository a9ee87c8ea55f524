// Saving the exported map: a save dialog, then the bytes the webview sent (already validated: a PNG signature or
// an SVG document). Cancelling the dialog saves nothing and says nothing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MapExportFormat } from '../../shared/messages';

/** Asks where to save and writes the file; the saved file's path, or undefined when the user cancelled. */
export async function saveMapExport(format: MapExportFormat, data: string, folder: string | undefined): Promise<string | undefined> {
  const name = `code-map-${folder ? path.basename(folder) : 'workspace'}.${format}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.file(path.join(folder, name)) : undefined,
    filters: format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
    saveLabel: `Export ${format.toUpperCase()}`,
    title: 'Export the code map',
  });
  if (!target) return undefined;
  const bytes = format === 'png' ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
  await vscode.workspace.fs.writeFile(target, bytes);
  return target.scheme === 'file' ? target.fsPath : target.toString();
}
