// The code map as a standalone SVG: the same points, colours, shapes and non-overlapping labels as the canvas,
// plus a legend of the clusters. Built from data only (no DOM), so the export is unit-tested in Node.
import { placeLabels } from './labelPlacement';
import { clusterColor, clusterShape, shapePath } from './mapStyle';

export interface SvgPoint {
  x: number;
  y: number;
  cluster: number;
  demoted?: boolean;
  /** Tooltip text (symbol and path:line). */
  title?: string;
}

export interface SvgCluster {
  id: number;
  label: string;
  size: number;
  x: number;
  y: number;
}

export interface SvgOptions {
  width?: number;
  height?: number;
  background?: string;
  foreground?: string;
}

const PAD = 24;
const LEGEND_WIDTH = 300;
const FONT = 12;
/** Average glyph width of the label font, for placing labels without measuring text. */
const CHAR_WIDTH = 0.6 * FONT;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function mapSvg(points: readonly SvgPoint[], clusters: readonly SvgCluster[], opts: SvgOptions = {}): string {
  const width = opts.width ?? 1000;
  const height = opts.height ?? 800;
  const bg = opts.background ?? '#ffffff';
  const fg = opts.foreground ?? '#1f1f1f';
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = xs.length ? [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)] : [0, 1, 0, 1];
  const fit = Math.min((width - 2 * PAD) / (maxX - minX || 1), (height - 2 * PAD) / (maxY - minY || 1));
  const sx = (x: number) => width / 2 + (x - (minX + maxX) / 2) * fit;
  const sy = (y: number) => height / 2 + (y - (minY + maxY) / 2) * fit;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width + LEGEND_WIDTH}" height="${height}" viewBox="0 0 ${width + LEGEND_WIDTH} ${height}" font-family="sans-serif" font-size="${FONT}">`);
  out.push(`<rect width="100%" height="100%" fill="${escapeXml(bg)}"/>`);
  out.push('<g class="points" stroke-width="0.6">');
  // Demoted (generated lists) first, so the code's own points draw over them.
  for (const p of [...points].sort((a, b) => Number(!!b.demoted) - Number(!!a.demoted))) {
    const r = p.demoted ? 2 : 3.5;
    const d = shapePath(clusterShape(p.cluster), sx(p.x), sy(p.y), r);
    const title = p.title ? `<title>${escapeXml(p.title)}</title>` : '';
    out.push(`<path d="${d}" fill="${clusterColor(p.cluster)}" fill-opacity="${p.demoted ? 0.35 : 0.9}" stroke="${escapeXml(fg)}" stroke-opacity="0.35" data-cluster="${p.cluster}">${title}</path>`);
  }
  out.push('</g>');
  const labels = placeLabels(
    clusters.map((c) => ({ id: c.id, x: sx(c.x), y: sy(c.y), width: c.label.length * CHAR_WIDTH + 8, height: FONT + 6, priority: c.size })),
    { width, height },
  );
  const byId = new Map(clusters.map((c) => [c.id, c]));
  out.push(`<g class="labels" text-anchor="middle" dominant-baseline="central" font-weight="600">`);
  for (const l of labels) {
    const text = escapeXml(byId.get(l.id)!.label);
    out.push(`<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" stroke="${escapeXml(bg)}" stroke-width="4" stroke-linejoin="round" paint-order="stroke" fill="${escapeXml(fg)}" data-cluster="${l.id}">${text}</text>`);
  }
  out.push('</g>');
  out.push(`<g class="legend" transform="translate(${width + 8} ${PAD})">`);
  [...clusters].sort((a, b) => b.size - a.size).forEach((c, i) => {
    const y = i * (FONT + 8);
    out.push(`<path d="${shapePath(clusterShape(c.id), 6, y + FONT / 2, 5)}" fill="${clusterColor(c.id)}" stroke="${escapeXml(fg)}" stroke-opacity="0.35"/>`);
    out.push(`<text x="18" y="${y + FONT - 1}" fill="${escapeXml(fg)}">${escapeXml(c.label)} (${c.size})</text>`);
  });
  out.push('</g></svg>');
  return out.join('\n');
}
