// Identifier splitting for the anchors (same idea as the engine's, written independently):
// readFileSync → read file sync, XMLHttpRequest → xml http request, snake_case → snake case.
export function splitIdentifiers(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/_+/g, ' ');
}

/** Lower-case word terms (letters and digits) of identifier-split text. */
export function terms(text: string): string[] {
  return splitIdentifiers(text).toLowerCase().match(/[a-z0-9]+/g) ?? [];
}
