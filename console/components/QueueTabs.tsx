// Status tabs (ARIA tabs pattern: one tab stop, arrow keys move between tabs).
import { QUEUE_TABS, type QueueTab } from '../lib/queue.js';

interface Props {
  active: QueueTab;
  counts: Partial<Record<QueueTab, number>>;
  onChange: (tab: QueueTab) => void;
  panelId: string;
}

export function QueueTabs({ active, counts, onChange, panelId }: Props) {
  const focusTab = (index: number) => {
    const tab = QUEUE_TABS[(index + QUEUE_TABS.length) % QUEUE_TABS.length]!;
    onChange(tab.id);
    document.getElementById(`tab-${tab.id}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="Conversation status">
      {QUEUE_TABS.map((t, i) => {
        const selected = t.id === active;
        const count = counts[t.id];
        return (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            class={`tab ${selected ? 'is-active' : ''}`}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') focusTab(i + 1);
              else if (e.key === 'ArrowLeft') focusTab(i - 1);
              else return;
              e.preventDefault();
            }}
          >
            {t.label}
            {count !== undefined && count > 0 && <span class="badge">{count}</span>}
          </button>
        );
      })}
    </div>
  );
}
