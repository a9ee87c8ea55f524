// What the user reads: command palette labels ("Category: Title") and menu item names of the extension,
// as contributed in package.json. One job: keep the user-visible wording in one place.
export const CMD = {
  search: 'Semantic Search: Search Workspace',
  showMap: 'Semantic Search: Show Code Map',
  showStatus: 'Semantic Search: Show Index Status',
  measureQuality: 'Semantic Search: Measure Search Quality',
  colorTheme: 'Preferences: Color Theme',
} as const;

/** Built-in colour themes of VS Code 1.100, as the theme picker lists them. */
export const THEME = { light: 'Light Modern', highContrast: 'Dark High Contrast' } as const;

/** The Quality tab's buttons and the adapter's verdict (src/extension/vscodeFree/panelHtml.ts, src/webview/quality.ts). */
export const QUALITY = {
  adaptButton: 'Adapt Search to This Workspace',
  markdownButton: 'Open as Markdown',
  verdict: /^(In use|Not used)\. \S/,
} as const;

/** The editor context menu item (menus show the title without the category). */
export const MENU_FIND_SIMILAR = /Find Similar Code/;

/** The status bar item's text once every folder is indexed ("$(check) Ready, N chunks"). */
export const STATUS_READY = /Ready/;
