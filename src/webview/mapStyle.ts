// How a cluster looks on the map, shared by the canvas and the SVG export: a colour from a palette of 20
// distinct colours (Sasha Trubetskoy's "20 simple, distinct colors") and a shape as a second cue, so
// colour-blind readers and clusters beyond 20 still tell apart.

export const MAP_COLORS: readonly string[] = [
  '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#ffe119', '#469990',
  '#dcbeff', '#9a6324', '#800000', '#aaffc3', '#808000', '#ffd8b1', '#000075', '#fabed4', '#a9a9a9', '#fffac8',
];

export type MapShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';
export const MAP_SHAPES: readonly MapShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross'];

export function clusterColor(cluster: number): string {
  return cluster < 0 ? '#808080' : MAP_COLORS[cluster % MAP_COLORS.length];
}

/**
 * Neighbouring ids differ in shape (palette neighbours can look alike to a colour-blind reader); past the palette
 * the shape sequence shifts by one per round, so no two of the first 100 clusters share both colour and shape.
 */
export function clusterShape(cluster: number): MapShape {
  if (cluster < 0) return 'circle';
  const round = Math.floor(cluster / MAP_COLORS.length);
  return MAP_SHAPES[(cluster + round) % MAP_SHAPES.length];
}

/** The outline of a shape of radius r at (x, y), as SVG path data (the canvas draws the same path). */
export function shapePath(shape: MapShape, x: number, y: number, r: number): string {
  const f = (v: number) => Number(v.toFixed(2));
  switch (shape) {
    case 'square': {
      const s = r * 0.9;
      return `M${f(x - s)} ${f(y - s)}h${f(2 * s)}v${f(2 * s)}h${f(-2 * s)}Z`;
    }
    case 'triangle':
      return `M${f(x)} ${f(y - 1.2 * r)}L${f(x + 1.1 * r)} ${f(y + 0.8 * r)}L${f(x - 1.1 * r)} ${f(y + 0.8 * r)}Z`;
    case 'diamond':
      return `M${f(x)} ${f(y - 1.25 * r)}L${f(x + 1.25 * r)} ${f(y)}L${f(x)} ${f(y + 1.25 * r)}L${f(x - 1.25 * r)} ${f(y)}Z`;
    case 'cross': {
      const a = r * 1.1;
      const b = r * 0.4;
      return `M${f(x - b)} ${f(y - a)}h${f(2 * b)}v${f(a - b)}h${f(a - b)}v${f(2 * b)}h${f(b - a)}v${f(a - b)}h${f(-2 * b)}v${f(b - a)}h${f(b - a)}v${f(-2 * b)}h${f(a - b)}Z`;
    }
    default:
      return `M${f(x - r)} ${f(y)}a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0Z`;
  }
}
