// Queries span every workspace folder: each folder's engine answers, and the lists are
// merged by score (the engines score on the same scale) into one top-k list.

export interface Scored {
  score: number;
}

export function mergeByScore<T extends Scored>(lists: readonly (readonly T[])[], k: number): T[] {
  return lists
    .flat()
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}
