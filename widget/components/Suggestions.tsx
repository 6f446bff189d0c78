import { useEffect, useState } from 'preact/hooks';
import { t } from '../text.js';
import type { Suggestion, SuggestionSource } from '../suggestions.js';

export interface SuggestionsProps {
  source: SuggestionSource;
  page: () => { url: string; title: string };
  /** Loads when the panel opens. */
  open: boolean;
  onPick: (title: string) => void;
}

/** Help articles for this page as chips; picking one asks it as a question. */
export function Suggestions({ source, page, open, onPick }: SuggestionsProps) {
  const [items, setItems] = useState<Suggestion[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void source.load(page()).then((list) => live && setItems(list));
    return () => {
      live = false;
    };
  }, [open, source]);
  if (items.length === 0) return null;
  return (
    <div class="fl-suggestions" role="group" aria-label={t('sugg')}>
      {items.map((s) => (
        <button key={s.articleId} type="button" class="fl-chip" onClick={() => onPick(s.title)}>
          {s.title}
        </button>
      ))}
    </div>
  );
}
