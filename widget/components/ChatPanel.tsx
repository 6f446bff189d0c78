import type { RefObject } from 'preact';
import type { TargetedKeyboardEvent } from 'preact';
import type { ChatModel } from '../chat-model.js';
import { Composer } from './Composer.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { QueueStatus } from './QueueStatus.js';
import { Transcript } from './Transcript.js';
import { TypingIndicator } from './TypingIndicator.js';
import { Suggestions } from './Suggestions.js';
import { ContactForm, CsatForm } from './FollowUp.js';
import type { SuggestionSource } from '../suggestions.js';
import { keepFocusIn } from '../keep-focus-in.js';
import { t } from '../text.js';
import { useMediaQuery } from '../use-media-query.js';

export interface ChatPanelProps {
  model: ChatModel;
  title: string;
  open: boolean;
  panelRef: RefObject<HTMLElement | null>;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  baseUrl: () => string;
  onClose: () => void;
  /** Help articles for the page, offered while the conversation is empty. */
  suggestions?: SuggestionSource;
  page?: () => { url: string; title: string };
  greeting?: string;
  avatar?: { url: string; initial: string } | null;
}

/**
 * A non-modal dialog: the visitor can keep using the host page while it is open. On a small screen
 * it covers the page, so there it is modal and Tab stays inside it. Escape closes it either way. It
 * stays mounted while closed (hidden) so a half-typed message survives closing and reopening.
 */
export function ChatPanel({
  model,
  title,
  open,
  panelRef,
  inputRef,
  baseUrl,
  onClose,
  suggestions,
  page,
  greeting,
  avatar,
}: ChatPanelProps) {
  const agent = model.agentName.value;
  const queued = model.queue.value;
  const subtitle = agent ? t('subAgent', { name: agent }) : queued ? t('subQueue') : t('subAi');

  // The same breakpoint as the full-screen layout in styles.css.
  const modal = useMediaQuery('(max-width: 480px)');

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape' && !e.isComposing) {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab' && modal) keepFocusIn(e, e.currentTarget);
  };

  return (
    <section
      id="fl-panel"
      ref={panelRef}
      class="fl-panel"
      role="dialog"
      aria-modal={modal}
      aria-labelledby="fl-title"
      aria-describedby="fl-subtitle"
      hidden={!open}
      onKeyDown={onKeyDown}
    >
      <header class="fl-header">
        {avatar && (
          <span class="fl-head-avatar" aria-hidden="true">
            {avatar.url ? <img src={avatar.url} alt="" /> : avatar.initial}
          </span>
        )}
        <div class="fl-heading">
          <h2 id="fl-title" class="fl-title">
            {title}
          </h2>
          <p id="fl-subtitle" class="fl-subtitle">
            {subtitle}
          </p>
        </div>
        <button type="button" class="fl-icon-btn" aria-label={t('close')} onClick={onClose}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
            <path
              fill="currentColor"
              d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4Z"
            />
          </svg>
        </button>
      </header>
      {!agent && !queued && (
        // EU AI Act Art. 50: the visitor knows it is an AI, and a person is always one click away.
        <div class="fl-queue" data-testid="ai-note">
          <button
            type="button"
            class="fl-link-btn"
            data-testid="talk-to-person"
            onClick={() => model.send(t('humanMsg'), undefined, true)}
          >
            {t('human')}
          </button>
        </div>
      )}
      <ConnectionBanner state={model.connection.value} />
      <QueueStatus queue={model.queue.value} />
      <Transcript
        greeting={greeting}
        messages={model.messages.value}
        open={open}
        baseUrl={baseUrl}
        onRetry={(id) => model.retry(id)}
        feedback={model.feedback.value}
        onFeedback={(id, helpful) => model.sendFeedback(id, helpful)}
        loadFile={model.file}
      />
      <TypingIndicator typing={model.typing.value} agentName={agent} />
      <ContactForm model={model} />
      <CsatForm model={model} />
      {suggestions && page && model.messages.value.length === 0 && (
        <Suggestions source={suggestions} page={page} open={open} onPick={(text) => model.send(text)} />
      )}
      <Composer inputRef={inputRef} onSend={(text, files) => model.send(text, files)} onUpload={model.upload} />
    </section>
  );
}
