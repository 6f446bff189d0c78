import { t } from '../text.js';

/** "… is typing". Not a live region: the message itself is announced by the log, the dots would only be noise. */
export function TypingIndicator({ typing, agentName }: { typing: 'ai' | 'agent' | null; agentName: string | null }) {
  if (!typing) return null;
  const who = typing === 'agent' ? agentName || t('team') : t('asst');
  return (
    <div class="fl-typing" data-testid="typing">
      <span class="fl-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {t('typing', { name: who })}
    </div>
  );
}
