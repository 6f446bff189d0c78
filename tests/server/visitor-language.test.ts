// The visitor's language end to end (issue 11, item 4): detected from what they write (with the
// browser's language as the fallback), the widget's texts and every notice in it, German articles
// preferred for German questions, and, offline, an honest handoff to a German-speaking agent when
// only an English article answers. Plus the "Talk to a person" button (item 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage, Handoff } from '../../protocol/domain.js';
import type { LanguageNotice } from '../../protocol/visitor-socket.js';
import { CATALOGUE } from '../../protocol/messages/catalogue.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

interface Detail {
  status: string;
  language: string | null;
  handoff?: Handoff;
  decisions: Array<{ action: string; trace: { reasonCode: string } }>;
  messages: ChatMessage[];
}

const page = { url: 'http://localhost/billing', title: 'Billing' };

describe(`the visitor's language (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let token: string;
  const open: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
    token = await login(server);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  async function visitor(locale?: string) {
    const socket = await connect(`${server.url}/visitor`, { page, ...(locale ? { locale } : {}) });
    open.push(socket);
    const { conversationId } = await nextEvent<{ conversationId: string }>(socket, 'session');
    let n = 0;
    return {
      socket,
      conversationId,
      async say(text: string, extra: Record<string, unknown> = {}) {
        const ack = await emitAck(socket, 'message', { clientMessageId: `m${++n}`, text, page, ...extra });
        expect(ack.ok).toBe(true);
        await server.idle();
      },
      async detail(): Promise<Detail> {
        const res = await fetch(`${server.url}/api/conversations/${conversationId}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return (await res.json()) as Detail;
      },
    };
  }

  it('sends the widget its texts in the browser language with the session, and none for English', async () => {
    const de = await visitor('de-AT');
    const notice = await nextEvent<LanguageNotice>(de.socket, 'language');
    expect(notice.language).toBe('de');
    expect(notice.text.human).toBe('Mit einer Person sprechen');
    expect(notice.text.queue).toBe(CATALOGUE.de.widget.queue);

    const en = await visitor('en-GB');
    await expect(nextEvent(en.socket, 'language', () => true, 500)).rejects.toThrow(/timed out/);
  });

  it('answers a German question from the German article, in German, and stores the language', async () => {
    const v = await visitor();
    const answer = nextEvent<ChatMessage>(v.socket, 'message', (m) => m.role === 'ai');
    await v.say('Wie ändere ich meine Rechnungs-E-Mail-Adresse?');
    const ai = await answer;
    expect(ai.citations?.[0]?.title).toBe('Rechnungs-E-Mail-Adresse ändern');
    expect(ai.text).toMatch(/Settings > Billing|Rechnung/);
    // The widget switches to German as soon as the visitor writes German.
    expect((await nextEvent<LanguageNotice>(v.socket, 'language')).language).toBe('de');
    expect((await v.detail()).language).toBe('de');
  });

  it(
    'offline, with only an English article, ' + 'tells the visitor so in German and hands off to a German speaker',
    async () => {
      const v = await visitor('de-DE');
      const told = nextEvent<ChatMessage>(v.socket, 'message', (m) => m.role === 'system');
      await v.say('Wie erstelle ich einen API key für Webhooks?');
      expect((await told).text).toBe(CATALOGUE.de.server.handoffOtherLanguage);
      const d = await v.detail();
      expect(d.status).toBe('queued');
      expect(d.decisions.at(-1)!.trace.reasonCode).toBe('no_article_in_language');
      expect(d.handoff!.language).toBe('de');
      expect(d.handoff!.brief).toContain('Language: German (de)');
      expect(d.handoff!.reason).toMatch(/German/);
    },
  );

  it(
    'uses the browser language for a message too short to tell, ' + 'then follows the visitor when they switch',
    async () => {
      const v = await visitor('fr-FR');
      await nextEvent<LanguageNotice>(v.socket, 'language');
      await v.say('hello');
      expect((await v.detail()).language).toBe('fr');
      const switched = nextEvent<LanguageNotice>(v.socket, 'language', (p) => p.language === 'en');
      await v.say('How do I change my billing email address?');
      expect((await switched).text.human).toBe('Talk to a person');
      expect((await v.detail()).language).toBe('en');
    },
  );

  it('"Talk to a person" hands off at once with reason explicit_request, in the visitor\'s language', async () => {
    const v = await visitor('es-ES');
    const told = nextEvent<ChatMessage>(v.socket, 'message', (m) => m.role === 'system');
    const handoff = nextEvent<{ reason: string }>(v.socket, 'handoff');
    await v.say(CATALOGUE.es.widget.humanMsg, { human: true });
    await handoff;
    expect((await told).text).toBe(CATALOGUE.es.server.handoff);
    const d = await v.detail();
    expect(d.decisions.at(-1)!.trace.reasonCode).toBe('explicit_request');
    expect(d.handoff!.reason).toMatch(/Talk to a person/);
  });

  it('suggests articles for the page in the visitor language first, then English, never a third language', async () => {
    const titles = async (lang?: string) => {
      const q = new URLSearchParams({
        pageUrl: 'http://localhost/billing',
        title: 'Billing',
        ...(lang ? { lang } : {}),
      });
      const body = (await (await fetch(`${server.url}/api/knowledge/suggestions?${q}`)).json()) as {
        suggestions: Array<{ title: string }>;
      };
      return body.suggestions.map((s) => s.title);
    };
    const de = await titles('de-DE');
    expect(de.slice(0, 2).sort()).toEqual(['Abonnement kündigen', 'Rechnungs-E-Mail-Adresse ändern']);
    expect(de.some((t) => /Cambiar|Changer|Résilier|Cancelar/.test(t))).toBe(false);
    expect((await titles()).some((t) => /Abonnement|Rechnungs|Cambiar|Changer|Résilier|Cancelar/.test(t))).toBe(false);
  });

  it('says translation needs a language model when none is configured', async () => {
    const v = await visitor('de-DE');
    await v.say('Ich möchte bitte mit einer Person sprechen.', { human: true });
    const id = (await v.detail()).messages.find((m) => m.role === 'visitor')!.id;
    const res = await fetch(`${server.url}/api/conversations/${v.conversationId}/messages/${id}/translation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('translation_unavailable');
  });

  it('refuses a malformed button flag', async () => {
    const v = await visitor();
    const ack = await emitAck(v.socket, 'message', { clientMessageId: 'bad', text: 'hi', human: 'yes' });
    expect(ack.ok).toBe(false);
    expect(ack.error?.code).toBe('invalid_payload');
  });
});
