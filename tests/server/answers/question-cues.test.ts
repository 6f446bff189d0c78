import { describe, expect, it } from 'vitest';
import { questionCues } from '../../../server/answers/question-cues.js';
import { composeFocusedAnswer } from '../../../server/answers/focused-answer.js';
import { markdownSections } from '../../../server/answers/markdown-blocks.js';

describe('question cues per language', () => {
  it.each([
    ['en', 'How do I turn on 2FA?'],
    ['de', 'Wie aktiviere ich die Zwei-Faktor-Authentifizierung?'],
    ['fr', 'Comment résilier mon abonnement payant ?'],
    ['es', '¿Cómo activo la verificación en dos pasos?'],
  ] as const)('%s: "%s" asks for steps', (lang, text) => {
    expect(questionCues(lang).procedural.test(text)).toBe(true);
    expect(questionCues(lang).problem.test(text)).toBe(false);
  });

  it.each([
    ['de', 'Und wenn keine Bestätigungs-E-Mail ankommt?'],
    ['fr', "Et si l'e-mail n'arrive pas ?"],
    ['es', '¿No te llega el correo de confirmación?'],
  ] as const)('%s: "%s" describes a problem', (lang, text) => {
    expect(questionCues(lang).problem.test(text)).toBe(true);
  });

  it('reads "who" questions and does not take "how much" for steps', () => {
    expect(questionCues('es').who.test('¿Quién puede dar de baja la suscripción?')).toBe(true);
    expect(questionCues('de').who.test('Wer darf die Rechnungs-E-Mail ändern?')).toBe(true);
    expect(questionCues('en').procedural.test('How much does the Team plan cost?')).toBe(false);
  });
});

const ARTICLE = `Vous pouvez résilier vous-même un abonnement payant à tout moment. La résiliation arrête les \
prochains prélèvements.

## Résilier une offre payante

1. Connectez-vous en tant qu'**Owner**.
2. Allez dans **Settings > Billing > Plan**.
3. Cliquez sur **Cancel subscription**.

## Dépannage

- **Pas d'e-mail de confirmation ?** Vérifiez vos spams et cliquez sur **Resend confirmation**.
`;

describe('the composer reads a French question in French', () => {
  const answer = (question: string) =>
    composeFocusedAnswer({
      question,
      language: 'fr',
      articles: [
        {
          articleId: 'a',
          title: 'Résilier votre abonnement',
          url: null,
          sections: markdownSections(ARTICLE),
          retrievedHeading: null,
          score: 1,
        },
      ],
    }).text;

  it('answers "comment ...?" with the steps, not the overview', () => {
    expect(answer('Comment résilier mon abonnement payant ?')).toContain('Cancel subscription');
  });

  it('answers a problem with the troubleshooting item', () => {
    expect(answer("Je ne reçois pas l'e-mail de confirmation")).toContain('Resend confirmation');
  });
});
