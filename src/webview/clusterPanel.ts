// Beside the map: the list of clusters (scrolls on its own) and, for the selected cluster, its members grouped by
// file, each opening its code, with "Search in this cluster".
import type { MapCluster, MapPoint } from '../shared/messages';
import { clusterColor, clusterShape, shapePath } from './mapStyle';

export interface ClusterPanelActions {
  select(cluster: MapCluster | undefined): void;
  open(point: MapPoint): void;
  searchIn(cluster: MapCluster): void;
}

/** Members listed per cluster; the rest are counted (a DOM of thousands of rows helps no one). */
const MAX_MEMBERS = 400;

export class ClusterPanel {
  private selected: number | undefined;
  private clusters: MapCluster[] = [];
  private points: MapPoint[] = [];

  constructor(
    private readonly list: HTMLElement,
    private readonly members: HTMLElement,
    private readonly actions: ClusterPanelActions,
  ) {
    this.$('members-search').addEventListener('click', () => {
      const c = this.clusters.find((x) => x.id === this.selected);
      if (c) this.actions.searchIn(c);
    });
  }

  get selectedCluster(): number | undefined {
    return this.selected;
  }

  setData(clusters: MapCluster[], points: MapPoint[]): void {
    this.clusters = clusters;
    this.points = points;
    this.selected = undefined;
    this.render();
  }

  render(): void {
    this.list.replaceChildren();
    for (const c of [...this.clusters].sort((a, b) => b.size - a.size)) {
      const li = document.createElement('li');
      li.tabIndex = 0;
      li.className = 'cluster-item';
      li.dataset.id = String(c.id);
      li.setAttribute('role', 'button');
      li.setAttribute('aria-pressed', String(this.selected === c.id));
      const label = document.createElement('span');
      label.className = 'cluster-label';
      label.textContent = c.label;
      label.title = c.label;
      const size = document.createElement('span');
      size.className = 'cluster-size';
      size.textContent = String(c.size);
      li.append(swatch(c.id), label, size);
      const toggle = () => {
        this.selected = this.selected === c.id ? undefined : c.id;
        this.actions.select(this.selected === undefined ? undefined : c);
        this.render();
        (this.list.querySelector(`[data-id="${c.id}"]`) as HTMLElement | null)?.focus();
      };
      li.addEventListener('click', toggle);
      li.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          toggle();
        }
      });
      this.list.append(li);
    }
    this.renderMembers();
  }

  private renderMembers(): void {
    const c = this.clusters.find((x) => x.id === this.selected);
    this.members.hidden = !c;
    if (!c) return;
    this.$('members-title').textContent = `${c.label} · ${c.size} ${c.size === 1 ? 'chunk' : 'chunks'}`;
    const byFile = new Map<string, MapPoint[]>();
    for (const p of this.points) if (p.cluster === c.id) byFile.set(p.path, [...(byFile.get(p.path) ?? []), p]);
    const files = [...byFile.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    const out = this.$('members-list');
    out.replaceChildren();
    let shown = 0;
    for (const [file, pts] of files) {
      if (shown >= MAX_MEMBERS) break;
      const li = document.createElement('li');
      li.className = 'member-file';
      const head = document.createElement('div');
      head.className = 'member-path';
      head.textContent = `${file} (${pts.length})`;
      const ul = document.createElement('ul');
      for (const p of pts.sort((a, b) => a.startLine - b.startLine).slice(0, MAX_MEMBERS - shown)) ul.append(this.member(p));
      shown += ul.childElementCount;
      li.append(head, ul);
      out.append(li);
    }
    if (shown < c.size) {
      const more = document.createElement('li');
      more.className = 'muted';
      more.textContent = `… and ${c.size - shown} more`;
      out.append(more);
    }
  }

  private member(p: MapPoint): HTMLElement {
    const m = document.createElement('li');
    m.className = p.demoted ? 'member demoted' : 'member';
    m.tabIndex = 0;
    m.setAttribute('role', 'button');
    m.textContent = `${p.symbol || `(${p.kind})`} :${p.startLine}`;
    m.title = `${p.path}:${p.startLine}–${p.endLine}`;
    m.addEventListener('click', () => this.actions.open(p));
    m.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') this.actions.open(p);
    });
    return m;
  }

  private $(id: string): HTMLElement {
    return document.getElementById(id)!;
  }
}

/** The cluster's colour and shape, as on the map. */
function swatch(id: number): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('viewBox', '0 0 12 12');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', shapePath(clusterShape(id), 6, 6, 4.5));
  path.setAttribute('fill', clusterColor(id));
  svg.append(path);
  return svg;
}
