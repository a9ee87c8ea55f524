// Reads the semanticSearch.* settings from VS Code into the plain ExtensionSettings object.
import * as vscode from 'vscode';
import { ENGINE_SETTING_KEYS, type ExtensionSettings, readSettings } from './vscodeFree/settingsModel';

export const SECTION = 'semanticSearch';

export function currentSettings(scope?: vscode.Uri): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return readSettings((key) => config.get(key));
}

/** True when a change means the engines must be recreated (what is indexed, or how). */
export function affectsEngines(e: vscode.ConfigurationChangeEvent): boolean {
  return ENGINE_SETTING_KEYS.some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
