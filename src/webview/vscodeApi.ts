// The webview side of the message channel, typed with the shared unions.
import type { FromWebview, PanelPersistedState } from '../shared/messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PanelPersistedState | undefined;
  setState(state: PanelPersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();
