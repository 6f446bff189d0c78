import type { FeedbackState } from '../chat-model.js';
import type { ViewMessage } from '../message-list.js';
import { t } from '../text.js';
import { avatarColour, avatarInitial } from '../../protocol/avatar.js';
import { Citations } from './Citations.js';
import { RichText } from './RichText.js';
import { AttachedFile } from './AttachedFile.js';

export interface MessageItemProps {
  message: ViewMessage;
  base: string;
  onRetry: (clientMessageId: string) => void;
  /** Present on the AI answer that asks "Did this help?" (null: not answered yet). */
  feedback?: FeedbackState | null;
  onFeedback?: (messageId: string, helpful: boolean) => void;
  loadFile?: (id: string) => Promise<Blob>;
}

// Set through the CSSOM (allowed by a strict style-src) and kept out of styles.css, which ships in the 5 kB loader.
const AUTHOR_ROW = { display: 'flex', alignItems: 'center', gap: '6px' };
const AVATAR = {
  width: '22px',
  height: '22px',
  borderRadius: '50%',
  display: 'inline-grid',
  placeItems: 'center',
  color: '#fff',
  fontSize: '12px',
};

/** One message. Text is rendered as text (never HTML); line breaks are kept by CSS. */
export function MessageItem({ message: m, base, onRetry, feedback, onFeedback, loadFile }: MessageItemProps) {
  const author = m.role === 'agent' ? m.authorName || t('agent') : t('ai');
  return (
    <div
      class={`fl-msg fl-msg-${m.role}${m.delivery === 'pending' ? ' fl-pending' : ''}`}
      // A streaming draft is not a message yet: tests and tools selecting [data-role="ai"] get final answers only.
      data-role={m.streaming ? 'ai-draft' : m.role}
      data-message-id={m.id}
      data-client-message-id={m.clientMessageId}
      data-delivery={m.delivery}
      // Streamed fragments would be read out one by one; the final message is announced instead.
      aria-hidden={m.streaming ? 'true' : undefined}
    >
      {m.role === 'system' ? null : m.role === 'visitor' ? (
        <span class="fl-sr">{t('said')}</span>
      ) : m.role === 'agent' ? (
        <span class="fl-author" style={AUTHOR_ROW}>
          <span class="fl-avatar" style={{ ...AVATAR, background: avatarColour(author) }} aria-hidden="true">
            {avatarInitial(author)}
          </span>
          {author}
        </span>
      ) : (
        <span class="fl-author">{author}</span>
      )}
      <div class="fl-bubble">
        {m.rich ? <RichText blocks={m.rich} base={base} /> : m.text && <p class="fl-text">{m.text}</p>}
        {loadFile && m.attachments?.map((a) => <AttachedFile key={a.id} file={a} load={loadFile} />)}
        {m.citations && m.citations.length > 0 && <Citations citations={m.citations} base={base} />}
      </div>
      {feedback !== undefined && onFeedback && m.id && <Feedback id={m.id} state={feedback} onFeedback={onFeedback} />}
      {m.delivery === 'pending' && <span class="fl-meta">{t('sending')}</span>}
      {m.delivery === 'failed' && m.clientMessageId && (
        <span class="fl-meta fl-error">
          {t('notSent')}
          {m.error ? `: ${m.error}` : ''}.{' '}
          <button type="button" class="fl-link-btn" onClick={() => onRetry(m.clientMessageId!)}>
            {t('retry')}
          </button>
        </span>
      )}
    </div>
  );
}

/** "Did this help? Yes / No" under an AI answer, then a thank-you once answered. */
function Feedback({
  id,
  state,
  onFeedback,
}: {
  id: string;
  state: FeedbackState | null;
  onFeedback: (messageId: string, helpful: boolean) => void;
}) {
  if (state === 'yes' || state === 'no') {
    return (
      <span class="fl-meta fl-feedback" data-testid="feedback" data-feedback={state} role="status">
        {t(state === 'yes' ? 'fbYes' : 'fbNo')}
      </span>
    );
  }
  const busy = state === 'sending';
  return (
    <span class="fl-meta fl-feedback" data-testid="feedback" role="group" aria-label={t('helped')}>
      <span id={`fl-fb-${id}`}>
        {state === 'failed' ? 'Could not send that; try again. ' : ''}
        {t('helped')}
      </span>{' '}
      <button
        type="button"
        class="fl-link-btn"
        disabled={busy}
        aria-describedby={`fl-fb-${id}`}
        onClick={() => onFeedback(id, true)}
      >
        {t('yes')}
      </button>{' '}
      <button
        type="button"
        class="fl-link-btn"
        disabled={busy}
        aria-describedby={`fl-fb-${id}`}
        onClick={() => onFeedback(id, false)}
      >
        {t('no')}
      </button>
    </span>
  );
}
