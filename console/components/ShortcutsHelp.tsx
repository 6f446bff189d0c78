// The "?" overlay, generated from the same table the key handling uses.
import { SHORTCUTS, type ShortcutContext } from '../lib/shortcuts.js';
import { Modal } from './Modal.js';

const GROUPS: Array<{ context: ShortcutContext; title: string }> = [
  { context: 'global', title: 'Anywhere' },
  { context: 'queue', title: 'Queue' },
  { context: 'conversation', title: 'Conversation' },
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} class="modal-wide">
      <div class="shortcut-groups">
        {GROUPS.map((g) => (
          <section key={g.context} aria-label={g.title}>
            <h3 class="section-title">{g.title}</h3>
            <dl class="shortcut-list">
              {SHORTCUTS.filter((s) => s.context === g.context).map((s) => (
                <div class="shortcut" key={s.label}>
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' + '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div class="modal-actions">
        <button type="button" class="btn" onClick={onClose} autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
