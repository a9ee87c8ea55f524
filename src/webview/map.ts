// The cluster map: every chunk a point on a canvas, coloured and shaped by cluster, labels at the
// cluster centers; hover shows symbol and path, click opens the code; wheel/drag or the
// keyboard zoom and pan; the side list selects a cluster and lists its members.
import type { MapCluster, MapPoint } from '../shared/messages';
import { ClusterPanel } from './clusterPanel';
import { drawMap, type DrawState, type Theme } from './mapDraw';
import { mapSvg } from './mapSvg';
import { vscode } from './vscodeApi';

interface View {
  scale: number;
  dx: number;
  dy: number;
}

const PAD = 24;
const HIT_RADIUS = 7;

export class ClusterMapView {
  private points: MapPoint[] = [];
  private clusters: MapCluster[] = [];
  private bounds = { minX: 0, maxX: 1, minY: 0, maxY: 1 };
  private view: View = { scale: 1, dx: 0, dy: 0 };
  private hover: MapPoint | undefined;
  private readonly panel: ClusterPanel;
  private drag: { x: number; y: number; moved: boolean } | undefined;
  private frame = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly tooltip: HTMLElement,
    list: HTMLElement,
    members: HTMLElement,
    searchIn: (cluster: MapCluster) => void,
  ) {
    this.panel = new ClusterPanel(list, members, {
      select: (c) => {
        if (c) this.centerOn(c);
        this.requestDraw();
      },
      open: (p) => this.open(p),
      searchIn,
    });
    new ResizeObserver(() => this.requestDraw()).observe(canvas.parentElement ?? canvas);
    // Theme switches change the body class: redraw with the new text and background colours.
    new MutationObserver(() => this.requestDraw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.bindPointer();
    this.bindKeyboard();
  }

  get pointCount(): number {
    return this.points.length;
  }

  setData(points: MapPoint[], clusters: MapCluster[]): void {
    this.points = points;
    this.clusters = clusters;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    this.bounds = points.length
      ? { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) }
      : { minX: 0, maxX: 1, minY: 0, maxY: 1 };
    this.resetView();
    this.panel.setData(clusters, points);
  }

  resetView(): void {
    this.view = { scale: 1, dx: 0, dy: 0 };
    this.requestDraw();
  }

  // ---- coordinates ----
  private size(): { w: number; h: number } {
    return { w: this.canvas.clientWidth, h: this.canvas.clientHeight };
  }

  /** World (layout) coordinates to CSS pixels on the canvas. */
  private toScreen(x: number, y: number): [number, number] {
    const { w, h } = this.size();
    const b = this.bounds;
    const spanX = b.maxX - b.minX || 1;
    const spanY = b.maxY - b.minY || 1;
    const fit = Math.min((w - 2 * PAD) / spanX, (h - 2 * PAD) / spanY);
    const cx = (x - (b.minX + b.maxX) / 2) * fit;
    const cy = (y - (b.minY + b.maxY) / 2) * fit;
    return [w / 2 + cx * this.view.scale + this.view.dx, h / 2 + cy * this.view.scale + this.view.dy];
  }

  private pointAt(sx: number, sy: number): MapPoint | undefined {
    let best: MapPoint | undefined;
    let bestD = HIT_RADIUS * HIT_RADIUS;
    for (const p of this.points) {
      const [px, py] = this.toScreen(p.x, p.y);
      const d = (px - sx) ** 2 + (py - sy) ** 2;
      if (d <= bestD) {
        bestD = d;
        best = p;
      }
    }
    return best;
  }

  private zoomAt(sx: number, sy: number, factor: number): void {
    const { w, h } = this.size();
    const scale = Math.min(50, Math.max(0.5, this.view.scale * factor));
    const f = scale / this.view.scale;
    // Keep the point under (sx, sy) fixed while zooming.
    this.view.dx = (this.view.dx + w / 2 - sx) * f + sx - w / 2;
    this.view.dy = (this.view.dy + h / 2 - sy) * f + sy - h / 2;
    this.view.scale = scale;
    this.requestDraw();
  }

  // ---- input ----
  private bindPointer(): void {
    const c = this.canvas;
    c.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      this.zoomAt(ev.offsetX, ev.offsetY, ev.deltaY < 0 ? 1.15 : 1 / 1.15);
    }, { passive: false });
    c.addEventListener('pointerdown', (ev) => {
      this.drag = { x: ev.offsetX, y: ev.offsetY, moved: false };
      c.setPointerCapture(ev.pointerId);
    });
    c.addEventListener('pointermove', (ev) => {
      if (this.drag && (ev.buttons & 1)) {
        const mx = ev.offsetX - this.drag.x;
        const my = ev.offsetY - this.drag.y;
        if (Math.abs(mx) + Math.abs(my) > 2) this.drag.moved = true;
        this.view.dx += mx;
        this.view.dy += my;
        this.drag.x = ev.offsetX;
        this.drag.y = ev.offsetY;
        this.requestDraw();
        return;
      }
      this.setHover(this.pointAt(ev.offsetX, ev.offsetY), ev.offsetX, ev.offsetY);
    });
    c.addEventListener('pointerup', (ev) => {
      const wasDrag = this.drag?.moved;
      this.drag = undefined;
      if (!wasDrag) {
        const p = this.pointAt(ev.offsetX, ev.offsetY);
        if (p) this.open(p);
      }
    });
    c.addEventListener('pointerleave', () => this.setHover(undefined, 0, 0));
  }

  private bindKeyboard(): void {
    this.canvas.addEventListener('keydown', (ev) => {
      const step = 40;
      const { w, h } = this.size();
      switch (ev.key) {
        case 'ArrowLeft': this.view.dx += step; break;
        case 'ArrowRight': this.view.dx -= step; break;
        case 'ArrowUp': this.view.dy += step; break;
        case 'ArrowDown': this.view.dy -= step; break;
        case '+': case '=': this.zoomAt(w / 2, h / 2, 1.25); break;
        case '-': this.zoomAt(w / 2, h / 2, 0.8); break;
        case '0': this.resetView(); break;
        case 'Enter': {
          // The point nearest the center acts as the keyboard cursor.
          const p = this.nearestToCenter();
          if (p) this.open(p);
          break;
        }
        default: return;
      }
      ev.preventDefault();
      const p = this.nearestToCenter();
      if (p) {
        const [x, y] = this.toScreen(p.x, p.y);
        this.setHover(p, x, y);
      }
      this.requestDraw();
    });
  }

  private nearestToCenter(): MapPoint | undefined {
    const { w, h } = this.size();
    let best: MapPoint | undefined;
    let bestD = Infinity;
    for (const p of this.points) {
      const [x, y] = this.toScreen(p.x, p.y);
      const d = (x - w / 2) ** 2 + (y - h / 2) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    return best;
  }

  private open(p: MapPoint): void {
    vscode.postMessage({ type: 'open', file: p.file, startLine: p.startLine, endLine: p.endLine });
  }

  private setHover(p: MapPoint | undefined, sx: number, sy: number): void {
    this.hover = p;
    if (!p) {
      this.tooltip.hidden = true;
    } else {
      const cluster = this.clusters.find((c) => c.id === p.cluster);
      this.tooltip.replaceChildren();
      const sym = document.createElement('strong');
      sym.textContent = p.symbol || `(${p.kind})`;
      const loc = document.createElement('div');
      loc.textContent = `${p.path}:${p.startLine}`;
      const cl = document.createElement('div');
      cl.className = 'muted';
      cl.textContent = cluster ? cluster.label : '';
      this.tooltip.append(sym, loc, cl);
      this.tooltip.hidden = false;
      const { w } = this.size();
      this.tooltip.style.left = `${Math.min(sx + 12, w - 260)}px`;
      this.tooltip.style.top = `${sy + 12}px`;
    }
    this.canvas.style.cursor = p ? 'pointer' : 'grab';
    this.requestDraw();
  }

  private centerOn(c: MapCluster): void {
    const { w, h } = this.size();
    const [x, y] = this.toScreen(c.x, c.y);
    this.view.dx += w / 2 - x;
    this.view.dy += h / 2 - y;
  }

  // ---- drawing ----
  private requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const dpr = window.devicePixelRatio || 1;
    const { w, h } = this.size();
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    drawMap(ctx, w, h, this.drawState(), this.theme());
  }

  private drawState(): DrawState {
    return {
      points: this.points,
      clusters: this.clusters,
      toScreen: (x, y) => this.toScreen(x, y),
      scale: this.view.scale,
      focusCluster: this.panel.selectedCluster,
      hover: this.hover,
    };
  }

  theme(): Theme {
    const style = getComputedStyle(document.body);
    return {
      fg: style.getPropertyValue('--vscode-editor-foreground').trim() || '#ccc',
      bg: style.getPropertyValue('--vscode-editor-background').trim() || '#1e1e1e',
      font: style.getPropertyValue('--vscode-font-family') || 'sans-serif',
    };
  }

  // ---- export ----
  /** The map as an SVG document: every point and the labels as placed on a full view, with a legend. */
  exportSvg(): string {
    const theme = this.theme();
    const points = this.points.map((p) => ({ x: p.x, y: p.y, cluster: p.cluster, demoted: p.demoted, title: `${p.symbol || p.kind} ${p.path}:${p.startLine}` }));
    return mapSvg(points, this.clusters, { background: theme.bg, foreground: theme.fg });
  }

  /** What the canvas shows, on the theme's background, as base64 PNG bytes. */
  async exportPng(): Promise<string> {
    this.draw();
    const out = document.createElement('canvas');
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas');
    ctx.fillStyle = this.theme().bg;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(this.canvas, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas could not be encoded as PNG');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }
}
