import type { Citation } from '../../protocol/domain.js';
import { t } from '../text.js';
import { safeLinkHref } from '../safe-url.js';

/** Sources behind an AI answer; only http(s) targets become links, anything else is plain text. */
export function Citations({ citations, base }: { citations: Citation[]; base: string }) {
  return (
    <div class="fl-cites">
      <span class="fl-cites-label">{t(citations.length > 1 ? 'readAll' : 'readOne')}</span>
      <ul>
        {citations.map((c, i) => {
          const href = safeLinkHref(c.url, base);
          const title = c.title || t('article');
          return (
            <li key={`${c.articleId}-${i}`}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {title}
                  <span class="fl-sr">{t('newTab')}</span>
                </a>
              ) : (
                title
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
