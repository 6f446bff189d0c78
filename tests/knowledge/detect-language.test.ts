import { describe, expect, it } from 'vitest';
import {
  detectArticleLanguage,
  detectLanguage,
  languageTag,
  nextConversationLanguage,
} from '../../knowledge/detect-language.js';

describe('visitor language detection', () => {
  it.each([
    ['Wie ändere ich meine Rechnungs-E-Mail-Adresse?', 'de'],
    ['Comment changer mon adresse e-mail de facturation ?', 'fr'],
    ['¿Cómo cambio el correo electrónico de facturación?', 'es'],
    ['How do I change my billing email address?', 'en'],
  ])('detects "%s" as %s', (text, language) => {
    expect(detectLanguage(text)).toEqual({ language, source: 'text' });
  });

  it('falls back for short texts: the conversation so far, then the browser, then English', () => {
    expect(detectLanguage('danke', { conversation: 'de', browser: 'fr-FR' })).toEqual({
      language: 'de',
      source: 'conversation',
    });
    expect(detectLanguage('ok', { browser: 'es-MX' })).toEqual({ language: 'es', source: 'browser' });
    expect(detectLanguage('merci')).toEqual({ language: 'en', source: 'default' });
  });

  it('does not force a language Firstline does not write in onto a neighbour', () => {
    // Italian is not Spanish: it falls back like a short text.
    expect(detectLanguage('Come posso cambiare la mia email di fatturazione?', { browser: 'de' }).source).toBe(
      'browser',
    );
  });

  it.each([
    // The n-gram detector is unsure of the first and takes the other two for Italian.
    ["Qui peut modifier l'adresse e-mail de facturation ?", 'fr'],
    ["Je ne reçois pas l'e-mail de confirmation pour la facturation", 'fr'],
    ["Et si l'e-mail n'arrive pas ?", 'fr'],
  ])('reads "%s" as %s from its function words when the detector misreads it', (text, language) => {
    expect(detectLanguage(text, { browser: 'de' })).toEqual({ language, source: 'text' });
  });

  it('still leaves a real Italian question to the fallback', () => {
    expect(
      detectLanguage("Non riesco a trovare l'email di conferma per la fatturazione", { browser: 'de' }).source,
    ).toBe('browser');
  });

  it('keeps the conversation language on short turns and follows a real switch', () => {
    expect(nextConversationLanguage('ok danke', { conversation: 'de' })).toBe('de');
    expect(nextConversationLanguage('Actually, how do I export my data?', { conversation: 'de' })).toBe('en');
  });

  it('reads language tags and detects an article language', () => {
    expect(languageTag('de-AT')).toBe('de');
    expect(languageTag('FR')).toBe('fr');
    expect(languageTag('german')).toBeNull();
    expect(
      detectArticleLanguage(
        'Abonnement kündigen\nSie können ein kostenpflichtiges Abonnement jederzeit selbst kündigen.',
      ),
    ).toBe('de');
  });
});
