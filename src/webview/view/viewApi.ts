// The Semantic Search view's side of the message channel, typed with the shared unions.
import type { FromSearchView } from '../../shared/messages';

interface ViewApi {
  postMessage(message: FromSearchView): void;
}

declare function acquireVsCodeApi(): ViewApi;

export const viewApi: ViewApi = acquireVsCodeApi();
