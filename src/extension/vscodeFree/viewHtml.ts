// The Semantic Search view's HTML: the panel's CSP (scripts only by nonce, nothing remote) and its initial data as
// an escaped data-* attribute. The result styles are the panel's (panel.css); view.css adds the sidebar layout.
import type { ViewInitialData } from '../../shared/messages';
import { CONTENT_TYPE_NAMES } from '../../shared/messages';
import { contentSecurityPolicy, escapeHtml, makeNonce } from './panelHtml';

export interface ViewHtmlInput {
  cspSource: string;
  scriptUri: string;
  /** panel.css (shared result styles), then view.css. */
  styleUris: string[];
  initial: ViewInitialData;
  nonce?: string;
}

const TYPE_LABELS: Record<string, string> = { code: 'Code', docs: 'Docs', tests: 'Tests' };

export function viewHtml(input: ViewHtmlInput): string {
  const nonce = input.nonce ?? makeNonce();
  const csp = contentSecurityPolicy(input.cspSource, nonce);
  const styles = input.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n');
  const types = CONTENT_TYPE_NAMES.map(
    (t) => `<label class="type-choice"><input type="checkbox" id="view-type-${t}" value="${t}" checked> ${TYPE_LABELS[t]}</label>`,
  ).join('\n        ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>Semantic Search</title>
</head>
<body class="search-view" data-initial="${escapeHtml(JSON.stringify(input.initial))}">
<main class="view-app">
  <form id="view-form" class="view-form" role="search" aria-label="Semantic search">
    <div class="view-query-row">
      <input id="view-query" type="search" placeholder="Search by meaning" aria-label="Search query" autocomplete="off">
      <button type="button" id="view-toggle-filters" class="view-toggle" aria-expanded="false" aria-controls="view-filters" title="Show or hide the filters">Filters</button>
    </div>
    <div class="modes" role="radiogroup" aria-label="Search mode">
      <button type="button" role="radio" data-mode="hybrid">Hybrid</button>
      <button type="button" role="radio" data-mode="semantic">Semantic</button>
      <button type="button" role="radio" data-mode="lexical">Lexical</button>
    </div>
    <div id="view-filters" class="view-filters" hidden>
      <fieldset class="view-types">
        <legend>Show</legend>
        ${types}
      </fieldset>
      <label for="view-language">Language</label>
      <select id="view-language"><option value="">Any language</option></select>
      <label for="view-include">Files to include</label>
      <input id="view-include" type="text" placeholder="e.g. src/**, *.ts" autocomplete="off">
      <label for="view-exclude">Files to exclude</label>
      <input id="view-exclude" type="text" placeholder="e.g. **/*.test.ts, docs" autocomplete="off">
    </div>
  </form>
  <div id="view-similar-bar" class="view-similar-bar" hidden>
    <span id="view-similar-label"></span>
    <button type="button" id="view-similar-back" class="view-toggle">Back to search</button>
  </div>
  <div id="view-status" class="status" role="status" aria-live="polite"></div>
  <div id="view-notices" class="view-notices" aria-live="polite"></div>
  <ol id="view-results" class="view-groups" data-results aria-label="Results grouped by file"></ol>
</main>
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
