// Finding a clickable point on the code map's canvas without a test hook: read the canvas pixels
// for drawn dots, then hover candidates until the map's own tooltip confirms a point is under the mouse.
import type { FrameLocator, Page } from 'playwright-core';
import * as A from './actions';
import { CMD, STATUS_READY } from './labels';
import { PANEL } from './selectors';

/** Runs Show Code Map and waits for the map; returns its frame and the counts its status line gives. */
export async function openMap(page: Page): Promise<{ frame: FrameLocator; chunks: number; clusters: number }> {
  // The whole fixture indexed first (when a spec runs alone, the first pass may still be going).
  await A.statusItem(page).filter({ hasText: STATUS_READY }).waitFor({ timeout: 120_000 });
  await A.runCommand(page, CMD.showMap);
  const frame = A.webview(page);
  await frame.locator(PANEL.mapView).waitFor({ state: 'visible', timeout: 20_000 });
  const status = frame.locator(PANEL.mapStatus).filter({ hasText: /\d+ chunks in \d+ clusters/ });
  await status.waitFor({ timeout: 60_000 });
  const [, chunks, clusters] = /(\d+) chunks in (\d+) clusters/.exec(await status.innerText())!.map(Number);
  return { frame, chunks, clusters };
}

/** The tooltip shown when hovering (x, y), or '' when no point is there. */
export async function pointAt(frame: FrameLocator, x: number, y: number): Promise<string> {
  await frame.locator(PANEL.mapCanvas).hover({ position: { x, y } });
  const tip = frame.locator(PANEL.mapTooltip);
  return (await tip.isVisible()) ? tip.innerText() : '';
}

export interface MapHit {
  x: number;
  y: number;
  /** The tooltip: symbol, "path:line", cluster label. */
  tooltip: string;
  path: string;
  line: number;
}

/** The bits of a canvas element used in the page (the repo compiles without the DOM lib). */
interface CanvasLike {
  width: number;
  height: number;
  clientWidth: number;
  clientHeight: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** CSS-pixel centers of drawn blobs on the canvas, coarse-grid deduplicated. */
async function candidates(frame: FrameLocator): Promise<Array<{ x: number; y: number }>> {
  return frame.locator(PANEL.mapCanvas).evaluate((el) => {
    const c = el as unknown as CanvasLike;
    const ctx = c.getContext('2d');
    if (!ctx || !c.width || !c.height) return [];
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const sx = c.clientWidth / c.width;
    const sy = c.clientHeight / c.height;
    const cells = new Map<string, { x: number; y: number }>();
    for (let y = 0; y < c.height; y += 2) {
      for (let x = 0; x < c.width; x += 2) {
        if (data[(y * c.width + x) * 4 + 3] < 150) continue;
        const key = `${Math.floor(x / 8)},${Math.floor(y / 8)}`;
        if (!cells.has(key)) cells.set(key, { x: x * sx, y: y * sy });
      }
    }
    return [...cells.values()];
  });
}

/** Hovers drawn pixels until the tooltip shows a point; returns where it is and what it names. */
export async function findPoint(frame: FrameLocator, maxTries = 80): Promise<MapHit> {
  return (await findPoints(frame, 1, maxTries))[0];
}

/** Up to `count` points with different tooltips (spread over the canvas). */
export async function findPoints(frame: FrameLocator, count: number, maxTries = 80): Promise<MapHit[]> {
  const found: MapHit[] = [];
  const canvas = frame.locator(PANEL.mapCanvas);
  const tip = frame.locator(PANEL.mapTooltip);
  const list = await candidates(frame);
  if (list.length === 0) throw new Error('the map canvas has nothing drawn on it');
  // Spread the tries over the canvas instead of scanning one corner.
  const step = Math.max(1, Math.floor(list.length / maxTries));
  for (let i = 0; i < list.length; i += step) {
    const { x, y } = list[i];
    for (const [dx, dy] of [[0, 0], [2, 2], [-2, 2]]) {
      await canvas.hover({ position: { x: x + dx, y: y + dy } });
      if (await tip.isVisible()) {
        const tooltip = await tip.innerText();
        const m = /([^\s:]+\.[\w]+):(\d+)/.exec(tooltip);
        if (m && !found.some((f) => f.tooltip === tooltip)) {
          found.push({ x: x + dx, y: y + dy, tooltip, path: m[1], line: Number(m[2]) });
          if (found.length >= count) return found;
          break;
        }
      }
    }
  }
  if (found.length) return found;
  throw new Error(`no map point found under ${list.length} drawn spots`);
}
