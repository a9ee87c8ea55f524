// Cluster colors from the active theme (chart and terminal palettes), so the map reads well
// in light, dark and high-contrast themes alike.
const THEME_COLOR_VARS = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  '--vscode-terminal-ansiCyan',
  '--vscode-terminal-ansiMagenta',
  '--vscode-terminal-ansiBrightBlue',
  '--vscode-terminal-ansiBrightGreen',
  '--vscode-terminal-ansiBrightRed',
  '--vscode-terminal-ansiBrightYellow',
];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700', '#11a8cd', '#bc3fbc', '#3b8eea', '#23d18b', '#f14c4c', '#f5f543'];

export function themePalette(): string[] {
  const style = getComputedStyle(document.body);
  return THEME_COLOR_VARS.map((v, i) => style.getPropertyValue(v).trim() || FALLBACK[i]);
}

/** Theme colors first; beyond them, hues spaced by the golden angle, light or dark to suit the theme. */
export function colorFor(palette: string[], cluster: number): string {
  if (cluster < 0) return 'gray';
  if (cluster < palette.length) return palette[cluster];
  const light = document.body.classList.contains('vscode-light') || document.body.classList.contains('vscode-high-contrast-light');
  const hue = Math.round((cluster * 137.508 + 15) % 360);
  return `hsl(${hue} 70% ${light ? 38 : 66}%)`;
}
