// Cluster labels that never overlap: placed greedily by priority (larger clusters first) at their cluster's
// center or just above or below it; a label that fits nowhere is hidden until zooming in makes room.

export interface LabelCandidate {
  id: number;
  /** Anchor (the cluster's center on screen) and the label's box size, in pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher is placed first. */
  priority: number;
}

export interface PlacedLabel {
  id: number;
  /** Center of the label's box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Labels that fit, none overlapping another or leaving the area (w × h, minus `margin`). */
export function placeLabels(candidates: readonly LabelCandidate[], area: { width: number; height: number }, margin = 2): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const order = [...candidates].sort((a, b) => b.priority - a.priority || a.id - b.id);
  for (const c of order) {
    const offsets = [0, -(c.height + margin), c.height + margin];
    for (const dy of offsets) {
      const box = { id: c.id, x: clamp(c.x, c.width / 2 + margin, area.width - c.width / 2 - margin), y: c.y + dy, width: c.width, height: c.height };
      if (box.y - box.height / 2 < margin || box.y + box.height / 2 > area.height - margin) continue;
      if (placed.some((p) => overlaps(p, box, margin))) continue;
      placed.push(box);
      break;
    }
  }
  return placed;
}

function overlaps(a: PlacedLabel, b: PlacedLabel, margin: number): boolean {
  return Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * margin && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * margin;
}

function clamp(v: number, lo: number, hi: number): number {
  return hi < lo ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v));
}
