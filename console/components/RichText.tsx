import type { RichBlock, RichInline } from '../../protocol/rich-text.js';
import { safeHref } from '../lib/format.js';

/** An AI answer's structure as elements (never HTML): paragraphs, lists, bold, code, safe links. */
export function RichText({ blocks }: { blocks: readonly RichBlock[] }) {
  const line = (l: readonly RichInline[]) =>
    l.map((i) => {
      if (typeof i === 'string') return i;
      if ('b' in i) return <strong>{i.b}</strong>;
      if ('code' in i) return <code>{i.code}</code>;
      const href = safeHref(i.href);
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {i.link}
        </a>
      ) : (
        i.link
      );
    });
  return (
    <div class="msg-text msg-rich">
      {blocks.map((b) =>
        'p' in b ? (
          <p>{line(b.p)}</p>
        ) : 'ol' in b ? (
          <ol start={b.start}>
            {b.ol.map((l) => (
              <li>{line(l)}</li>
            ))}
          </ol>
        ) : (
          <ul>
            {b.ul.map((l) => (
              <li>{line(l)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
