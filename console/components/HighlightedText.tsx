// Text with the words matching a search marked: split into runs and rendered as text, never as HTML.
import { highlightParts, searchTerms } from '../../protocol/search-terms.js';

export function HighlightedText({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightParts(text, searchTerms(query)).map((p, i) =>
        p.match ? (
          <mark key={i} class="hl">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
