// What the status view and the extension API say about a folder's team store: which store answers (the team
// snapshot, or the local index when the server is away), the snapshot's commit and age, and the overlay size.
import type { TeamStatus } from '../../core/index';
import type { TeamStoreState } from '../../shared/extensionApi';
import type { WorkspaceIndexes } from './workspaceIndexes';

export interface TeamStatusLine {
  label: string;
  description?: string;
  detail: string;
}

/** "3 min ago" style age of a snapshot; `now` is passed in so tests are exact. */
export function snapshotAge(publishedAt: number, now: number): string {
  const s = Math.max(0, Math.round((now - publishedAt) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

export function teamStatusLine(team: TeamStatus, now = Date.now()): TeamStatusLine {
  const answers =
    team.state === 'connected'
      ? 'Team index answers'
      : team.state === 'unreachable'
        ? 'Team store unreachable — the local index answers'
        : team.state === 'no-snapshot'
          ? 'Team store has no snapshot — the local index answers'
          : 'Team store not contacted yet';
  const snapshot = team.commit ? `${team.repo} @ ${team.commit.slice(0, 12)}` : team.repo;
  const age = team.publishedAt !== undefined ? ` (published ${snapshotAge(team.publishedAt, now)})` : '';
  return {
    label: `$(cloud) ${answers}: ${snapshot}${age}`,
    ...(team.message ? { description: team.message } : {}),
    detail: `${team.store} · ${team.snapshotChunks ?? '?'} chunks in the snapshot · ${team.overlayFiles} file(s) of this machine searched locally (overlay)`,
  };
}

/** Every folder searching a team store, as the extension API reports it. */
export async function teamStates(indexes: WorkspaceIndexes): Promise<TeamStoreState[]> {
  const out: TeamStoreState[] = [];
  for (const f of indexes.all) {
    const engine = f.status.state === 'error' ? undefined : await f.usableEngine();
    const team = await engine?.teamStatus?.().catch(() => undefined);
    if (team) out.push({ folder: f.folder, ...team, label: teamStatusLine(team).label });
  }
  return out;
}
