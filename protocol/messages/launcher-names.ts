// The closed launcher's accessible name, per language, for the loader: it names the button in the
// browser's language (the one the chat greets in) before the chat and its catalogue have loaded. The
// loader and the chat share no module, so the catalogues' `open` keep their own copy; a test holds
// the two equal.
export const LAUNCHER_NAMES = { en: 'Open chat', de: 'Chat öffnen', fr: 'Ouvrir le chat', es: 'Abrir el chat' };

/** The name for a browser language such as "de-AT"; English for any other. */
export const launcherName = (lang: string): string =>
  LAUNCHER_NAMES[lang.slice(0, 2).toLowerCase() as 'en'] ?? LAUNCHER_NAMES.en;
