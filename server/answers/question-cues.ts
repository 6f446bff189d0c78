import type { Language } from '../../protocol/messages/languages.js';

/**
 * The words that tell the composer what kind of question it has, per language: a question asking
 * for steps ("how do I", "wie", "comment", "cómo"), one describing something going wrong, one
 * joining two questions, and the headings and bold lead-ins that answer a problem.
 */
export interface QuestionCues {
  /** The visitor asks how to do something: numbered steps answer it. */
  procedural: RegExp;
  /** The visitor describes something going wrong: troubleshooting sections and "**No email?** ..." items answer it. */
  problem: RegExp;
  /** The visitor asks who may do something: the section naming the roles answers it. */
  who: RegExp;
  /** Two questions in one ("and", "und", "et", "y"): two articles may each answer a part. */
  conjoined: RegExp;
  /** A heading of a troubleshooting section. */
  problemHeading: RegExp;
  /** A bold lead-in of a list item that names a problem ("**No confirmation email?**"). */
  problemLead: RegExp;
}

// \b is ASCII-only in JavaScript: words with accents need their own boundaries.
const W = (alternatives: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');

const CUES: Record<Language, QuestionCues> = {
  en: {
    // "How much does it cost?" asks for a figure, not steps.
    procedural: /^(how(?! (much|many|long|often|old)\b)|where)\b|\b(how (do|can|to)|steps?|set ?up|walk me)\b/i,
    problem:
      /\b(never|not|no|didn't|doesn't|don't|can't|cannot|won't|isn't|stopped|greyed|grayed|error|invalid|fail(s|ed)?|broken|lost|locked|missing|wrong)\b|n't\b/i,
    who: /\bwho\b/i,
    conjoined: /\b(and|also|plus|as well as)\b|\?.+\?/i,
    problemHeading: /troubleshoot|problem|can't|\bnot\b|issue|error|fail|stopped|too many|\?/i,
    problemLead: /\?|^(no|not)\b|n't\b/i,
  },
  de: {
    procedural: W('wie|wo|schritte?|einrichten|anleitung'),
    problem: W(
      'nicht|kein(e|en|er)?|nie|niemals|fehler|fehlgeschlagen|kaputt|gesperrt|verloren|vergessen|falsch|ausgegraut' +
        '|funktioniert nicht|klappt nicht|geht nicht',
    ),
    who: W('wer'),
    conjoined: /(?<![\p{L}])(und|auch|sowie)(?![\p{L}])|\?.+\?/iu,
    problemHeading: /fehlerbehebung|problem|nicht|fehler|klappt|\?/i,
    problemLead: /\?|^(kein|nicht)/i,
  },
  fr: {
    procedural: W('comment|où|étapes?|configurer|marche à suivre'),
    // "n'arrive pas": the elided "n'" sits against its verb.
    problem: new RegExp(
      W('ne|pas|jamais|aucune?|erreur|échoué(e)?|bloqué(e)?|verrouillé(e)?' + '|perdu|oublié|impossible|grisé|invalide')
        .source + `|(?<!\\p{L})n['’]\\p{L}`,
      'iu',
    ),
    who: W('qui'),
    conjoined: /(?<![\p{L}])(et|aussi|ainsi que)(?![\p{L}])|\?.+\?/iu,
    problemHeading: /dépannage|problème|impossible|pas|erreur|\?/i,
    problemLead: /\?|^(pas|aucun|impossible)/i,
  },
  es: {
    procedural: W('cómo|como|dónde|pasos?|configurar'),
    problem: W('no|nunca|ningún|ninguna|error|falla|fallido|bloquead[oa]|perdí|olvidé|desactivad[oa]|inválid[oa]'),
    who: W('quién|quiénes'),
    conjoined: /(?<![\p{L}])(y|también|además)(?![\p{L}])|\?.+\?/iu,
    problemHeading: /solución de problemas|problema|no puedo|error|\?/i,
    problemLead: /\?|^(no|ningún|ninguna)(?!\p{L})/iu,
  },
};

/** The question cues of the visitor's language (English when it is unknown). */
export function questionCues(language: Language | null | undefined): QuestionCues {
  return CUES[language ?? 'en'];
}
