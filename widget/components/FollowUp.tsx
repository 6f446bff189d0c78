import { useState } from 'preact/hooks';
import type { ChatModel } from '../chat-model.js';
import { t } from '../text.js';
import { isEmail, ratingLabel } from '../follow-up.js';

/** Shown when nobody can answer now (the queue notice says so): leave an email to continue by. Text only. */
export function ContactForm({ model }: { model: ChatModel }) {
  // Until the visitor types, the email the host page passed through `identify` fills the field.
  const [typed, setEmail] = useState<string | null>(null);
  const email = typed ?? model.knownEmail.value ?? '';
  const state = model.contact.value;
  if (!model.nobodyOnline.value && state !== 'saved') return null;
  if (state === 'saved') {
    return (
      <p class="fl-follow" role="status" data-testid="contact-saved">
        {t('mailSaved', { email: email || 'your email' })}
      </p>
    );
  }
  const bad = email !== '' && !isEmail(email);
  return (
    <form
      class="fl-follow"
      aria-labelledby="fl-contact-title"
      data-testid="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        model.sendContact(email);
      }}
    >
      <p id="fl-contact-title" class="fl-follow-title">
        {t('mailTitle')}
      </p>
      <div class="fl-follow-row">
        <input
          type="email"
          required
          maxLength={320}
          autocomplete="email"
          aria-label={t('mail')}
          aria-invalid={bad}
          placeholder="you@example.com"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <button type="submit" class="fl-follow-btn" disabled={state === 'sending' || !isEmail(email)}>
          {t('mailSend')}
        </button>
      </div>
      {state === 'failed' && (
        <p class="fl-follow-error" role="alert">
          {t('retryFail')}
        </p>
      )}
    </form>
  );
}

/** The 1-5 rating after an agent resolved the conversation, with an optional comment. */
export function CsatForm({ model }: { model: ChatModel }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const state = model.csat.value;
  if (state === 'hidden') return null;
  if (state === 'done') {
    return (
      <p class="fl-follow" role="status" data-testid="csat-thanks">
        {t('csatThanks')}
      </p>
    );
  }
  return (
    <form
      class="fl-follow"
      aria-labelledby="fl-csat-title"
      data-testid="csat-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (score) model.sendCsat(score, comment);
      }}
    >
      <p id="fl-csat-title" class="fl-follow-title">
        {t('csatTitle')}
      </p>
      <div class="fl-rating" role="group" aria-labelledby="fl-csat-title">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            class={`fl-rate ${score === n ? 'is-on' : ''}`}
            aria-label={ratingLabel(n)}
            aria-pressed={score === n}
            onClick={() => setScore(n)}
          >
            {n}
          </button>
        ))}
      </div>
      {score > 0 && (
        <div class="fl-follow-row">
          <input
            aria-label={t('note')}
            maxLength={2000}
            placeholder={t('notePh')}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <button type="submit" class="fl-follow-btn" disabled={state === 'sending'}>
            {t('csatSend')}
          </button>
        </div>
      )}
      {state === 'failed' && (
        <p class="fl-follow-error" role="alert">
          {t('retryFail')}
        </p>
      )}
    </form>
  );
}
