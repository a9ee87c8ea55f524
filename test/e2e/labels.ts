// What the user reads: command palette labels ("Category: Title") and menu item names of the extension,
// as contributed in package.json. One job: keep the user-visible wording in one place.
export const CMD = {
  search: 'Semantic Search: Search Workspace',
  showMap: 'Semantic Search: Show Code Map',
  showStatus: 'Semantic Search: Show Index Status',
  measureQuality: 'Semantic Search: Measure Search Quality',
  colorTheme: 'Preferences: Color Theme',
  setTeamPassword: 'Semantic Search: Set Team Store Password',
} as const;

/** Built-in colour themes of VS Code 1.100, as the theme picker lists them. */
export const THEME = { light: 'Light Modern', highContrast: 'Dark High Contrast' } as const;

/** The Quality tab's buttons and the adapter's verdict (src/extension/vscodeFree/panelHtml.ts, src/webview/quality.ts). */
export const QUALITY = {
  adaptButton: 'Adapt Search to This Workspace',
  markdownButton: 'Open as Markdown',
  verdict: /^(In use|Not used)\. \S/,
} as const;

/** Show Index Status's team line (extension/vscodeFree/teamStatusLine.ts) and the fallback warning (core/team). */
export const TEAM = {
  answers: (repo: string, commit: string) => new RegExp(`Team index answers: ${repo} @ ${commit.slice(0, 12)} \\(published`),
  unreachable: /Team store unreachable — the local index answers/,
  fallbackWarning: /Team store postgres:\/\/semsearch_reader:\*\*\*@127\.0\.0\.1:\d+\/postgres (stopped answering|unreachable).* — searching the local index \(\d+ chunks\) instead/,
} as const;

/** The editor context menu item (menus show the title without the category). */
export const MENU_FIND_SIMILAR = /Find Similar Code/;

/** The status bar item's text once every folder is indexed ("$(check) Ready, N chunks"). */
export const STATUS_READY = /Ready/;
