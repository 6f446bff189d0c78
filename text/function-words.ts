/**
 * Function words of the languages the detector chooses among: a short support question ("Qui peut
 * modifier l'adresse e-mail de facturation ?") is mostly these, and they tell its language when
 * the character n-gram detector is unsure or misreads it (tinyld takes "Je ne reçois pas l'e-mail
 * de confirmation" for Italian). A word several languages share counts for each of them a little.
 */
const WORDS: Record<string, string> = {
  en:
    'the a an i my me is are am was to of and or how do does did can could what why ' +
    'when where who not it you your in on for with this that there have has get',
  de:
    'der die das den dem des und oder ist sind ich mich mir mein meine meinen nicht kein keine wie was ' +
    'wer wo warum ein eine einen mit für zu auf kann bitte habe hat sie es wird werden wenn bis nach',
  fr:
    'le la les un une des du de et ou est sont je ne pas mon ma mes que qui quoi comment ' +
    "pourquoi pour avec dans sur vous il elle ce au aux peut puis plus j' l' d' n' qu' m' c' s'",
  es:
    'el la los las un una y o es son no mi mis que qué cómo por para ' +
    'con en del al puedo puede se me yo tu mí está cuál quién dónde',
  it: "il lo la gli le di del della che non è sono mio mia come per con un una ho perché l' dell' un'",
  pt: 'o os a as um uma do da dos das não é meu minha como para com em que eu você',
  nl: 'de het een en is ik niet mijn hoe wat van voor met op kan',
};

const LANGUAGES_OF = new Map<string, string[]>();
for (const [lang, words] of Object.entries(WORDS)) {
  for (const w of words.split(' ')) LANGUAGES_OF.set(w, [...(LANGUAGES_OF.get(w) ?? []), lang]);
}

/** Words and elided prefixes ("l'", "qu'"), lowercased. */
const TOKEN = /\p{L}+['’]?/gu;

/**
 * The language whose function words the text uses most, when it clearly leads (at least two
 * words' worth, twice the runner-up); null otherwise.
 */
export function functionWordLanguage(text: string): string | null {
  const score = new Map<string, number>();
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    const token = m[0].replace('’', "'");
    const langs = LANGUAGES_OF.get(token);
    if (!langs) continue;
    for (const l of langs) score.set(l, (score.get(l) ?? 0) + 1 / langs.length);
  }
  const [best, second] = [...score].sort((x, y) => y[1] - x[1]);
  if (!best || best[1] < 2) return null;
  return !second || best[1] >= 2 * second[1] ? best[0] : null;
}
