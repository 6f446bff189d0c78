import { describe, expect, it } from 'vitest';
import { tokenize } from '../../text/tokenize.js';
import { LANGUAGES } from '../../protocol/messages/languages.js';
import { STEMMED_LANGUAGES } from '../../text/language-stems.js';

const stems = (text: string, language?: 'en' | 'de' | 'fr' | 'es') => tokenize(text, { language }).map((t) => t.stem);

describe('tokenize in the visitor language', () => {
  it('stems German inflections onto one key and drops German function words', () => {
    expect(stems('Wie aktiviere ich die Zwei-Faktor-Authentifizierung?', 'de')[0]).toBe(stems('aktivieren', 'de')[0]);
    expect(stems('Rechnungen', 'de')).toEqual(stems('Rechnung', 'de'));
    expect(stems('Wie ändere ich meine Adresse bitte', 'de')).toEqual(stems('ändern Adresse', 'de'));
  });

  it('stems French words and drops elided articles ("l\'adresse" is "adresse")', () => {
    expect(stems("Comment renvoyer d'anciennes factures à l'adresse ?", 'fr')).toEqual(
      stems('renvoyer anciennes facture adresse', 'fr'),
    );
    expect(stems('résiliation', 'fr')).toEqual(stems('résilier', 'fr'));
  });

  it('stems Spanish words and keeps "cuenta" (the account) as a topic word', () => {
    expect(stems('¿Cómo cambio el correo de facturación?', 'es')).toEqual(stems('cambiar correo facturación', 'es'));
    expect(stems('mi cuenta está bloqueada', 'es')).toContain(stems('cuenta', 'es')[0]);
  });

  it('keeps English as it was when no language (or English) is given', () => {
    expect(stems('changing my billing emails')).toEqual(['chang', 'bil', 'email']);
    expect(stems('changing my billing emails', 'en')).toEqual(['chang', 'bil', 'email']);
  });
});

describe('the stemmed languages', () => {
  it('include every language Firstline writes in, so none falls back to the English stemmer', () => {
    expect(STEMMED_LANGUAGES).toEqual(expect.arrayContaining([...LANGUAGES]));
  });
});
