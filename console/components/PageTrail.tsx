// Where the visitor is now and how they got there.
import type { PageRef } from '../api/types.js';
import { formatTime, safeHref } from '../lib/format.js';

interface Props {
  page: PageRef | null;
  trail: ReadonlyArray<{ url: string; title: string; at: string }>;
}

function PageLink({ url, title }: { url: string; title: string }) {
  const href = safeHref(url);
  const label = title || url;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" title={url}>
      {label}
    </a>
  ) : (
    <span title={url}>{label}</span>
  );
}

export function PageTrail({ page, trail }: Props) {
  return (
    <section class="panel" aria-labelledby="page-title">
      <h2 id="page-title" class="panel-title">
        Page
      </h2>
      {page ? (
        <div class="current-page">
          <PageLink url={page.url} title={page.title} />
          <div class="muted mono small">{page.url}</div>
        </div>
      ) : (
        <p class="muted">Unknown page.</p>
      )}
      {trail.length > 0 && (
        <>
          <h3 class="section-title">Page trail</h3>
          <ol class="trail">
            {trail.map((p, i) => (
              <li key={`${p.at}-${i}`}>
                <time class="muted small" dateTime={p.at}>
                  {formatTime(p.at)}
                </time>{' '}
                <PageLink url={p.url} title={p.title} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
