import type { RichBlock, RichInline } from '../../protocol/rich-text.js';
import { safeLinkHref } from '../safe-url.js';

/** An answer's structure as elements (never HTML): paragraphs, lists, bold, code, safe links. */
export function RichText({ blocks, base }: { blocks: RichBlock[]; base: string }) {
  const line = (l: RichInline[]) =>
    l.map((i) => {
      if (typeof i === 'string') return i;
      if ('b' in i) return <b>{i.b}</b>;
      if ('code' in i) return <code>{i.code}</code>;
      const href = safeLinkHref(i.href, base);
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {i.link}
        </a>
      ) : (
        i.link
      );
    });
  return (
    <div class="fl-text fl-rich">
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
