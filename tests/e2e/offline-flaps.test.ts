// No message lost, ever, in a real browser: the network is cut (Playwright's offline mode) and
// restored while the visitor sends, while an answer streams and during a handoff; two tabs of one
// visitor stay in sync; a server restart mid-conversation resumes. Every message shows once, in
// order, and matches what the server stored.
import type { BrowserContext, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { FakeOpenAiServer, type ChatRequestBody } from '../helpers/fake-openai-server.js';
import { buildFrontEnds, findChromium, launchChromium } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { login, startTestServer } from '../helpers/test-server.js';

const browserPath = findChromium();

/** Answers stream in ten pieces, 120 ms apart: long enough to cut the network in the middle. */
function scriptModel(fake: FakeOpenAiServer): void {
  let n = 0;
  fake.reply = (body: ChatRequestBody) => {
    if (body.response_format?.json_schema?.name === 'intent_choice') return { text: '{"intent":"none"}' };
    if (!body.stream) return { text: 'The visitor asked for a person. Greet them.' };
    const text = `Here is how (answer ${++n}): open Settings, then Billing, and edit the billing email [1].`;
    return { text, chunks: text.match(/.{1,9}/g)!, chunkDelayMs: 120 };
  };
}

/** What the visitor sees: final messages in order (a streaming draft is not one yet). */
function transcript(page: Page): Promise<string[]> {
  return page
    .locator('firstline-widget [data-role]:not([data-role="ai-draft"])')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-role')}:${e.querySelector('.fl-text')?.textContent ?? ''}`),
    );
}

/** The stored conversation, as an agent sees it. */
// One admin token per server: `converged` polls every 150 ms, and signing in that often trips the login throttle.
const tokens = new WeakMap<RunningServer, Promise<string>>();
const adminToken = (server: RunningServer): Promise<string> => {
  if (!tokens.has(server)) tokens.set(server, login(server));
  return tokens.get(server)!;
};

/**
 * What the server stored of the page's conversation; null while the page has no session yet (cut
 * before the server's `session` arrived: it comes once the network is back).
 */
async function stored(server: RunningServer, page: Page): Promise<string[] | null> {
  const id = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('firstline:v1:') && k.endsWith(':session'));
    return key ? (JSON.parse(localStorage.getItem(key)!) as { conversationId: string }).conversationId : null;
  });
  if (!id) return null;
  const res = await fetch(`${server.url}/api/conversations/${id}`, {
    headers: { authorization: `Bearer ${await adminToken(server)}` },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { messages: { role: string; text: string }[] };
  return body.messages.map((m) => `${m.role}:${m.text}`);
}

const widgetOf = (page: Page) => page.locator('firstline-widget');

async function openChat(page: Page): Promise<void> {
  await widgetOf(page).getByRole('button', { name: 'Open chat' }).click();
  await widgetOf(page).getByLabel('Message').waitFor();
}

async function send(page: Page, text: string): Promise<void> {
  await widgetOf(page).getByLabel('Message').fill(text);
  await widgetOf(page).getByRole('button', { name: 'Send' }).click();
}

/**
 * Waits until nothing is pending or streaming and the visitor sees exactly what the server stored
 * (at least `min` messages), in the same order; says what showed if not.
 */
async function converged(server: RunningServer, page: Page, min: number, ms = 30_000): Promise<string[]> {
  const until = Date.now() + ms;
  for (;;) {
    const busy = await widgetOf(page).locator('[data-delivery="pending"], [data-role="ai-draft"]').count();
    const shown = await transcript(page);
    const saved = await stored(server, page);
    if (saved && !busy && shown.length >= min && JSON.stringify(shown) === JSON.stringify(saved)) return shown;
    if (Date.now() > until)
      throw new Error(
        `not converged: ${busy} pending; shown:\n${shown.join('\n')}\nstored:\n${saved?.join('\n') ?? '(no session)'}`,
      );
    await page.waitForTimeout(150);
  }
}

const visitorLines = (list: string[]) => list.filter((m) => m.startsWith('visitor:'));
// Every visitor line is typed once, so a repeat is a doubled message; the AI may rightly say the same
// thing twice (two greetings), and `converged` already holds what is shown to what is stored.
const once = (list: string[]) =>
  expect(new Set(visitorLines(list)).size, list.join('\n')).toBe(visitorLines(list).length);

/** The offline window shows on the widget: it knows it lost the server. */
async function goOffline(ctx: BrowserContext, page: Page): Promise<void> {
  await ctx.setOffline(true);
  await widgetOf(page).getByTestId('connection-status').waitFor({ timeout: 30_000 });
}

describe.skipIf(!browserPath.path)(`no message lost in Chromium with the network cut and restored (${dbKind})`, () => {
  const fake = new FakeOpenAiServer();
  beforeAll(async () => {
    await fake.start();
    scriptModel(fake);
  });
  afterAll(() => fake.stop());
  const suite = useBrowserSuite(browserPath.path!, {
    env: () => ({
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.url,
      OPENAI_CHAT_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '10000',
    }),
  });

  it('cut while sending: what was typed offline is sent once, in order, when the network is back', async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${suite.server.url}/billing`);
    await openChat(page);
    await send(page, 'How do I change my billing email?');
    await converged(suite.server, page, 2);

    await goOffline(ctx, page);
    await send(page, 'Second question: where are invoices?');
    await send(page, 'Third: can I get a PDF?');
    expect(await widgetOf(page).locator('[data-delivery="pending"]').count()).toBe(2);
    await ctx.setOffline(false);

    const shown = await converged(suite.server, page, 4);
    once(shown);
    expect(visitorLines(shown)).toEqual([
      'visitor:How do I change my billing email?',
      'visitor:Second question: where are invoices?',
      'visitor:Third: can I get a PDF?',
    ]);
    console.log(
      `[offline flap: sending] shown ${shown.length} = stored ${shown.length}, visitor ${visitorLines(shown).length}/3`,
    );
    await ctx.close();
  }, 90_000);

  it('cut while an answer streams: the answer shows once, complete, after the network is back', async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${suite.server.url}/billing`);
    await openChat(page);
    await send(page, 'How do I update the billing email?');
    await widgetOf(page).locator('[data-role="ai-draft"]').waitFor({ timeout: 15_000 });
    await goOffline(ctx, page);
    await page.waitForTimeout(1500); // the rest of the answer is written while the visitor is away
    await ctx.setOffline(false);

    const shown = await converged(suite.server, page, 2);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toBe('visitor:How do I update the billing email?');
    expect(shown[1]).toMatch(/^ai:Here is how \(answer \d+\): .* \[1\]\.$/);
    console.log(`[offline flap: streaming] shown ${shown.length} = stored ${shown.length}`);
    await ctx.close();
  }, 90_000);

  it('cut during a handoff: the queue status and an agent reply sent meanwhile arrive; nothing doubles', async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${suite.server.url}/billing`);
    await openChat(page);
    await send(page, 'I want to talk to a person');
    await goOffline(ctx, page);
    await send(page, 'My account id is 4411');
    await ctx.setOffline(false);
    await widgetOf(page).getByTestId('queue-status').waitFor({ timeout: 20_000 });
    const before = await converged(suite.server, page, 3);

    // An agent claims and replies while the visitor is offline again.
    const token = await login(suite.server);
    const id = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.endsWith(':session'))!;
      return (JSON.parse(localStorage.getItem(key)!) as { conversationId: string }).conversationId;
    });
    await goOffline(ctx, page);
    const agent = io(`${suite.server.url}/agent`, { auth: { token }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve, reject) => {
      agent.once('connect', () => resolve());
      agent.once('connect_error', reject);
    });
    const ack = (event: string, payload: unknown) => new Promise((resolve) => agent.emit(event, payload, resolve));
    expect(await ack('claim', { conversationId: id })).toMatchObject({ ok: true });
    expect(
      await ack('message', { conversationId: id, clientMessageId: 'agent-1', text: 'Hi, I am here to help.' }),
    ).toMatchObject({ ok: true });
    await ctx.setOffline(false);

    await expect.poll(() => transcript(page), { timeout: 20_000 }).toContain('agent:Hi, I am here to help.');
    const shown = await converged(suite.server, page, before.length + 1);
    once(shown);
    expect(shown.slice(0, before.length)).toEqual(before);
    expect(visitorLines(shown)).toEqual(['visitor:I want to talk to a person', 'visitor:My account id is 4411']);
    console.log(
      `[offline flap: handoff] shown ${shown.length} = stored ${shown.length}, ` +
        `visitor ${visitorLines(shown).length}/2, agent reply 1/1`,
    );
    agent.close();
    await ctx.close();
  }, 90_000);

  it('two tabs of the same visitor stay in sync, also across a network cut', async () => {
    const ctx = await suite.browser.newContext();
    const a = await ctx.newPage();
    await a.goto(`${suite.server.url}/billing`);
    await openChat(a);
    await send(a, 'Hello from tab A');
    await converged(suite.server, a, 2);
    const b = await ctx.newPage();
    await b.goto(`${suite.server.url}/settings`);
    await openChat(b);
    expect(await converged(suite.server, b, 2)).toEqual(await transcript(a));

    await send(b, 'And this from tab B');
    await expect.poll(() => transcript(a), { timeout: 15_000 }).toContain('visitor:And this from tab B');
    await goOffline(ctx, a);
    await send(a, 'Typed in A while offline');
    await ctx.setOffline(false);
    // Each of the three messages gets its reply (an answer, or the handoff notice) before the tabs are compared:
    // with 5 lines, tab A could be compared before the third reply had reached it.
    const inA = await converged(suite.server, a, 6);
    const inB = await converged(suite.server, b, 6);
    once(inA);
    expect(inB).toEqual(inA);
    expect(visitorLines(inA)).toEqual([
      'visitor:Hello from tab A',
      'visitor:And this from tab B',
      'visitor:Typed in A while offline',
    ]);
    console.log(`[offline flap: two tabs] tab A ${inA.length}, tab B ${inB.length}, stored ${inA.length}`);
    await ctx.close();
  }, 90_000);

  it('typed offline in a tab that is then closed: another tab of the visitor sends it', async () => {
    const ctx = await suite.browser.newContext();
    const a = await ctx.newPage();
    await a.goto(`${suite.server.url}/billing`);
    await openChat(a);
    await send(a, 'Hello, two tabs here');
    await converged(suite.server, a, 2);
    const b = await ctx.newPage();
    await b.goto(`${suite.server.url}/settings`);
    await openChat(b);
    await converged(suite.server, b, 2);

    await goOffline(ctx, a);
    await send(a, 'Written in A, offline');
    await send(b, 'Written in B, offline');
    await a.close();
    await ctx.setOffline(false);
    const shown = await converged(suite.server, b, 4);
    once(shown);
    expect(visitorLines(shown)).toEqual([
      'visitor:Hello, two tabs here',
      'visitor:Written in A, offline',
      'visitor:Written in B, offline',
    ]);
    console.log(
      `[offline flap: closed tab] shown ${shown.length} = stored ${shown.length}, ` +
        `visitor ${visitorLines(shown).length}/3`,
    );
    await ctx.close();
  }, 90_000);

  it('cut the instant a message leaves, and a half-typed message survives the flap', async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${suite.server.url}/billing`);
    await openChat(page);
    await send(page, 'Is my invoice ready?');
    await ctx.setOffline(true); // no wait: the message may or may not have reached the server
    await widgetOf(page).getByLabel('Message').fill('Half-typed, not sent yet');
    await widgetOf(page).getByTestId('connection-status').waitFor({ timeout: 30_000 });
    await ctx.setOffline(false);
    const shown = await converged(suite.server, page, 2);
    once(shown);
    expect(visitorLines(shown)).toEqual(['visitor:Is my invoice ready?']);
    expect(await widgetOf(page).getByLabel('Message').inputValue()).toBe('Half-typed, not sent yet');
    console.log(`[offline flap: in flight] shown ${shown.length} = stored ${shown.length}, draft kept`);
    await ctx.close();
  }, 90_000);
});

describe.skipIf(!browserPath.path)(`a server restart mid-conversation in Chromium (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  const fake = new FakeOpenAiServer();
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const env = () => ({
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: fake.url,
    OPENAI_CHAT_MODEL: 'fake-model',
    OPENAI_TIMEOUT_MS: '10000',
  });
  beforeAll(async () => {
    await fake.start();
    scriptModel(fake);
    await buildFrontEnds();
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, env());
    browser = await launchChromium(browserPath.path!);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await tdb?.dispose();
    await fake.stop();
  });

  it('resumes the same conversation: what was typed while it was down is sent once, nothing doubles', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/billing`);
    await openChat(page);
    await send(page, 'How do I change my billing email?');
    const conversation = await converged(server, page, 2);

    const port = new URL(server.url).port;
    await server.close();
    await widgetOf(page).getByTestId('connection-status').waitFor({ timeout: 20_000 });
    await send(page, 'Are you still there?');
    server = await startTestServer(tdb.db, { ...env(), PORT: port });

    const shown = await converged(server, page, conversation.length + 1, 45_000); // the same conversation, continued
    once(shown);
    expect(shown.slice(0, conversation.length)).toEqual(conversation);
    expect(shown[conversation.length]).toBe('visitor:Are you still there?');
    console.log(`[server restart] shown ${shown.length} = stored ${shown.length}`);
    await ctx.close();
  }, 120_000);
});
