// The panel's HTML: a strict CSP (default-src 'none', scripts only by nonce, no remote
// resources) and the initial data as escaped data-* attributes, never inside a script.
import { randomBytes } from 'node:crypto';
import type { PanelInitialData } from '../../shared/messages';

export interface PanelHtmlInput {
  /** webview.cspSource */
  cspSource: string;
  /** webview URIs (as strings) of the bundled script and the stylesheet in media/. */
  scriptUri: string;
  styleUri: string;
  initial: PanelInitialData;
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** Escapes text for an HTML attribute value in double quotes (also safe in element content). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function panelHtml(input: PanelHtmlInput): string {
  const nonce = input.nonce ?? makeNonce();
  const csp = contentSecurityPolicy(input.cspSource, nonce);
  const data = escapeHtml(JSON.stringify(input.initial));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>Semantic Search</title>
</head>
<body data-initial="${data}">
<div id="app" class="app">
  <div class="tabs" role="tablist" aria-label="Semantic Search views">
    <button role="tab" id="tab-search" aria-controls="view-search" data-tab="search">Search</button>
    <button role="tab" id="tab-similar" aria-controls="view-similar" data-tab="similar">Similar Code</button>
    <button role="tab" id="tab-map" aria-controls="view-map" data-tab="map">Code Map</button>
    <button role="tab" id="tab-quality" aria-controls="view-quality" data-tab="quality">Quality</button>
  </div>
  <section id="view-search" class="view" role="tabpanel" aria-labelledby="tab-search">
    <form id="search-form" class="search-bar" role="search">
      <input id="search-input" type="search" placeholder="Search by meaning, e.g. &quot;parse the config file&quot;" aria-label="Search query" autocomplete="off">
      <div class="modes" role="radiogroup" aria-label="Search mode">
        <button type="button" role="radio" data-mode="hybrid">Hybrid</button>
        <button type="button" role="radio" data-mode="semantic">Semantic</button>
        <button type="button" role="radio" data-mode="lexical">Lexical</button>
      </div>
    </form>
    <div id="search-restriction" class="restriction" hidden>
      <span id="search-restriction-text"></span>
      <button type="button" id="search-restriction-clear" title="Search the whole workspace again">Clear</button>
    </div>
    <div id="search-status" class="status" aria-live="polite"></div>
    <ol id="search-results" class="results" aria-label="Search results"></ol>
  </section>
  <section id="view-similar" class="view" role="tabpanel" aria-labelledby="tab-similar" hidden>
    <div id="similar-status" class="status" aria-live="polite">Select code and run "Find Similar Code", or use the button on a search result.</div>
    <ol id="similar-results" class="results" aria-label="Similar code"></ol>
  </section>
  <section id="view-map" class="view map-view" role="tabpanel" aria-labelledby="tab-map" hidden>
    <div class="map-toolbar">
      <label for="folder-select">Folder</label>
      <select id="folder-select"></select>
      <label for="cluster-count">Clusters</label>
      <select id="cluster-count"></select>
      <button type="button" id="map-refresh" title="Compute the map again">Refresh</button>
      <button type="button" id="map-reset" title="Reset zoom and pan (0)">Reset View</button>
      <button type="button" id="map-export-png" title="Save the map as a PNG image">Export PNG</button>
      <button type="button" id="map-export-svg" title="Save the map as an SVG drawing">Export SVG</button>
    </div>
    <div id="map-status" class="status map-status" aria-live="polite"></div>
    <div class="map-body">
      <div class="map-canvas-wrap">
        <canvas id="map-canvas" tabindex="0" aria-label="Code map: every chunk as a point colored by cluster. Arrow keys pan, plus and minus zoom, Enter opens the point under the cursor."></canvas>
        <div id="map-tooltip" class="map-tooltip" role="tooltip" hidden></div>
      </div>
      <div class="map-side">
        <ul id="cluster-list" class="cluster-list" role="group" aria-label="Clusters"></ul>
        <section id="cluster-members" class="cluster-members" aria-labelledby="members-title" hidden>
          <div class="members-head">
            <strong id="members-title"></strong>
            <button type="button" id="members-search">Search in this cluster</button>
          </div>
          <ul id="members-list" class="members-list"></ul>
        </section>
      </div>
    </div>
  </section>
  <section id="view-quality" class="view" role="tabpanel" aria-labelledby="tab-quality" hidden>
    <div class="quality-toolbar">
      <button type="button" id="quality-measure" title="Ask this workspace's own documented code as questions and measure the answers">Measure Search Quality</button>
      <button type="button" id="quality-adapt" title="Train the query adapter on this workspace and measure it on held-out questions">Adapt Search to This Workspace</button>
      <button type="button" id="quality-markdown" title="The report as Markdown, to copy" hidden>Open as Markdown</button>
    </div>
    <div id="quality-status" class="status" aria-live="polite">Measure Search Quality asks this workspace's documented code and sections as questions and shows how well each search mode finds their answers.</div>
    <div id="quality-report" class="quality-report"></div>
  </section>
</div>
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
