// A matched line for a narrow list: shown from shortly before its first marked word. Pure (no DOM), unit-tested.

/** The line from shortly before its first highlight (with "…"), highlights moved along; unchanged when it starts early. */
export function leadToMatch(m: { text: string; highlights: [number, number][] }, lead: number): { text: string; highlights: [number, number][] } {
  const first = m.highlights[0]?.[0];
  if (first === undefined || first <= lead) return m;
  // Cut at a word boundary a few characters before the match.
  let cut = Math.max(0, first - Math.floor(lead / 2));
  const space = m.text.lastIndexOf(' ', cut);
  if (space > 0 && first - space <= lead) cut = space + 1;
  const shift = cut - 1; // the "…" takes one character
  return { text: `…${m.text.slice(cut)}`, highlights: m.highlights.filter(([a]) => a >= cut).map(([a, b]) => [a - shift, b - shift]) };
}
