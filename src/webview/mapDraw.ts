// Drawing the map on a canvas: points as coloured shapes (a second cue besides colour), generated lists smaller
// and fainter, the hovered point ringed, and cluster labels placed by size without overlapping (the rest show
// when zooming in makes room).
import type { MapCluster, MapPoint } from '../shared/messages';
import { placeLabels } from './labelPlacement';
import { clusterColor, clusterShape, shapePath } from './mapStyle';

export interface DrawState {
  points: MapPoint[];
  clusters: MapCluster[];
  toScreen: (x: number, y: number) => [number, number];
  /** Zoom factor (points grow a little when zoomed in). */
  scale: number;
  focusCluster?: number;
  hover?: MapPoint;
}

export interface Theme {
  fg: string;
  bg: string;
  font: string;
}

const LABEL_MAX = 40;

export function drawMap(ctx: CanvasRenderingContext2D, w: number, h: number, s: DrawState, theme: Theme): void {
  const radius = Math.max(2.5, Math.min(6, 3 * Math.sqrt(s.scale)));
  ctx.lineWidth = 0.75;
  ctx.strokeStyle = theme.fg;
  // Generated lists first, so the code's own points draw over them.
  const ordered = [...s.points].sort((a, b) => Number(!!b.demoted) - Number(!!a.demoted));
  for (const p of ordered) {
    const [x, y] = s.toScreen(p.x, p.y);
    if (x < -10 || y < -10 || x > w + 10 || y > h + 10) continue;
    const dim = s.focusCluster !== undefined && p.cluster !== s.focusCluster;
    const path = new Path2D(shapePath(clusterShape(p.cluster), x, y, p.demoted ? radius * 0.6 : radius));
    ctx.globalAlpha = (dim ? 0.15 : p.demoted ? 0.35 : 0.9);
    ctx.fillStyle = clusterColor(p.cluster);
    ctx.fill(path);
    // A faint outline in the text colour keeps light colours visible on light themes and dark ones on dark.
    ctx.globalAlpha *= 0.4;
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;

  if (s.hover) {
    const [x, y] = s.toScreen(s.hover.x, s.hover.y);
    ctx.strokeStyle = theme.fg;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, radius + 3, 0, Math.PI * 2);
    ctx.stroke();
  }
  drawLabels(ctx, w, h, s, theme);
}

function drawLabels(ctx: CanvasRenderingContext2D, w: number, h: number, s: DrawState, theme: Theme): void {
  ctx.font = `600 12px ${theme.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  const shown = s.clusters.filter((c) => s.focusCluster === undefined || c.id === s.focusCluster);
  const text = new Map(shown.map((c) => [c.id, c.label.length > LABEL_MAX ? `${c.label.slice(0, LABEL_MAX - 1)}…` : c.label]));
  const placed = placeLabels(
    shown.map((c) => {
      const [x, y] = s.toScreen(c.x, c.y);
      return { id: c.id, x, y, width: ctx.measureText(text.get(c.id)!).width + 8, height: 18, priority: c.size };
    }),
    { width: w, height: h },
  );
  for (const l of placed) {
    const label = text.get(l.id)!;
    // A halo in the background colour keeps the label legible over points.
    ctx.strokeStyle = theme.bg;
    ctx.lineWidth = 4;
    ctx.strokeText(label, l.x, l.y);
    ctx.fillStyle = theme.fg;
    ctx.fillText(label, l.x, l.y);
  }
}
