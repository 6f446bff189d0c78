import { describe, expect, it } from 'vitest';
import { LAUNCHER_NAMES, launcherName } from '../../protocol/messages/launcher-names.js';
import { WIDGET_TEXT_EN } from '../../protocol/messages/en-widget.js';
import { DE } from '../../protocol/messages/de.js';
import { FR } from '../../protocol/messages/fr.js';
import { ES } from '../../protocol/messages/es.js';

describe("the closed launcher's name", () => {
  it('is the one the chat uses later, in every language (the loader keeps its own copy)', () => {
    expect(LAUNCHER_NAMES).toEqual({
      en: WIDGET_TEXT_EN.open,
      de: DE.widget.open,
      fr: FR.widget.open,
      es: ES.widget.open,
    });
  });

  it("follows the browser's language, with English for any other", () => {
    expect(launcherName('de-AT')).toBe('Chat öffnen');
    expect(launcherName('FR')).toBe('Ouvrir le chat');
    expect(launcherName('it')).toBe('Open chat');
    expect(launcherName('')).toBe('Open chat');
  });
});
