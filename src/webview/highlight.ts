// A small, dependency-free highlighter for result previews, colored with the theme's CSS
// variables. Builds DOM nodes (never innerHTML), so workspace text can never become markup.
import { tokenize } from './tokenize';

export function highlighted(code: string, language: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const tok of tokenize(code, language)) {
    if (tok.cls === 'plain') {
      frag.append(tok.text);
    } else {
      const span = document.createElement('span');
      span.className = `tok-${tok.cls}`;
      span.textContent = tok.text;
      frag.append(span);
    }
  }
  return frag;
}
