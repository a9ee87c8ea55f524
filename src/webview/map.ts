// The cluster map: every chunk a point on a canvas, colored by cluster, labels at the
// cluster centers; hover shows symbol and path, click opens the code; wheel/drag or the
// keyboard zoom and pan; the side list selects a cluster.
import type { MapCluster, MapPoint } from '../shared/messages';
import { colorFor, themePalette } from './clusterColors';
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
  private focusCluster: number | undefined;
  private palette = themePalette();
  private drag: { x: number; y: number; moved: boolean } | undefined;
  private frame = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly tooltip: HTMLElement,
    private readonly list: HTMLElement,
  ) {
    new ResizeObserver(() => this.requestDraw()).observe(canvas.parentElement ?? canvas);
    // Theme switches change the body class; re-read the colors.
    new MutationObserver(() => {
      this.palette = themePalette();
      this.renderList();
      this.requestDraw();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.bindPointer();
    this.bindKeyboard();
  }

  get pointCount(): number {
    return this.points.length;
  }

  setData(points: MapPoint[], clusters: MapCluster[]): void {
    this.points = points;
    this.clusters = clusters;
    this.focusCluster = undefined;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    this.bounds = points.length
      ? { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) }
      : { minX: 0, maxX: 1, minY: 0, maxY: 1 };
    this.resetView();
    this.renderList();
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

  // ---- cluster list ----
  private renderList(): void {
    this.list.replaceChildren();
    const sorted = [...this.clusters].sort((a, b) => b.size - a.size);
    for (const c of sorted) {
      const li = document.createElement('li');
      li.tabIndex = 0;
      li.className = 'cluster-item';
      li.setAttribute('role', 'button');
      li.setAttribute('aria-pressed', String(this.focusCluster === c.id));
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colorFor(this.palette, c.id);
      const label = document.createElement('span');
      label.className = 'cluster-label';
      label.textContent = c.label;
      const size = document.createElement('span');
      size.className = 'cluster-size';
      size.textContent = String(c.size);
      li.append(swatch, label, size);
      const toggle = () => {
        this.focusCluster = this.focusCluster === c.id ? undefined : c.id;
        if (this.focusCluster !== undefined) this.centerOn(c);
        this.renderList();
        this.requestDraw();
      };
      li.addEventListener('click', toggle);
      li.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          toggle();
          (this.list.querySelector(`[data-id="${c.id}"]`) as HTMLElement | null)?.focus();
        }
      });
      li.dataset.id = String(c.id);
      this.list.append(li);
    }
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
    const style = getComputedStyle(document.body);
    const fg = style.getPropertyValue('--vscode-editor-foreground').trim() || '#ccc';
    const bg = style.getPropertyValue('--vscode-editor-background').trim() || '#1e1e1e';
    const radius = Math.max(2, Math.min(5, 2.5 * Math.sqrt(this.view.scale)));

    for (const p of this.points) {
      const [x, y] = this.toScreen(p.x, p.y);
      if (x < -10 || y < -10 || x > w + 10 || y > h + 10) continue;
      const dim = this.focusCluster !== undefined && p.cluster !== this.focusCluster;
      ctx.globalAlpha = dim ? 0.15 : 0.85;
      ctx.fillStyle = colorFor(this.palette, p.cluster);
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = 1;

    if (this.hover) {
      const [x, y] = this.toScreen(this.hover.x, this.hover.y);
      ctx.strokeStyle = fg;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x, y, radius + 3, 0, Math.PI * 2);
      ctx.stroke();
    }

    // Labels last, with a halo in the background color so they stay legible over points.
    ctx.font = `600 12px ${style.getPropertyValue('--vscode-font-family') || 'sans-serif'}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    for (const c of this.clusters) {
      if (this.focusCluster !== undefined && c.id !== this.focusCluster) continue;
      const [cx, cy] = this.toScreen(c.x, c.y);
      const label = c.label.length > 32 ? `${c.label.slice(0, 31)}…` : c.label;
      // Keep labels of clusters near the edge inside the canvas.
      const half = ctx.measureText(label).width / 2 + 4;
      const x = Math.min(w - half, Math.max(half, cx));
      const y = Math.min(h - 10, Math.max(10, cy));
      ctx.strokeStyle = bg;
      ctx.lineWidth = 4;
      ctx.strokeText(label, x, y);
      ctx.fillStyle = fg;
      ctx.fillText(label, x, y);
    }
  }
}
