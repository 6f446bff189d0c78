// Scripted visitor conversations through the real server and pipeline: one scenario per handoff
// reason, and the cases where the AI must keep the conversation. Each checks the reason code the
// decision recorded and what the visitor saw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage, Handoff } from '../../protocol/domain.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';
import { identityHash } from '../../server/visitors/identity-verifier.js';

interface Decision {
  action: string;
  trace: { reasonCode: string; loop?: { reason?: string } | null };
}
interface Detail {
  status: string;
  aiResolved: boolean;
  handoff?: Handoff;
  decisions: Decision[];
  messages: ChatMessage[];
}

const page = { url: 'http://localhost/settings', title: 'Settings' };
const IDENTITY_SECRET = 'scenario-identity-secret-0123456789';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe(`conversation scenarios (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let token: string;
  const open: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { IDENTITY_SECRET });
    token = await login(server);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  let users = 0;
  /** A visitor with a fresh conversation; the host app proves the identity (userHash) unless `verified: false`. */
  async function visitor(
    identity: Record<string, unknown> = {},
    opts: { verified?: boolean; hashedWith?: string } = {},
  ) {
    const id = `u_sam_${++users}`;
    const proof = opts.verified === false ? {} : { userHash: identityHash(opts.hashedWith ?? IDENTITY_SECRET, id) };
    const socket = await connect(`${server.url}/visitor`, {
      page,
      visitor: { id, name: 'Sam', ...identity, ...proof },
    });
    open.push(socket);
    const { conversationId } = await nextEvent<{ conversationId: string }>(socket, 'session');
    let n = 0;
    return {
      socket,
      conversationId,
      /** Sends one message and waits until the pipeline has finished with it. */
      async say(text: string): Promise<string> {
        const ack = await emitAck(socket, 'message', { clientMessageId: `m${++n}`, text, page });
        expect(ack.ok).toBe(true);
        await server.idle();
        return ack.id!;
      },
      async detail(): Promise<Detail> {
        const res = await fetch(`${server.url}/api/conversations/${conversationId}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        return (await res.json()) as Detail;
      },
      async lastReason(): Promise<string> {
        return (await this.detail()).decisions.at(-1)!.trace.reasonCode;
      },
    };
  }
  type Visitor = Awaited<ReturnType<typeof visitor>>;

  /** The visitor was told about the handoff and sees a queue position; the conversation is queued. */
  async function expectHandedOff(v: Visitor, reasonCode: string): Promise<Detail> {
    await nextEvent(v.socket, 'handoff');
    const told = await nextEvent<ChatMessage>(v.socket, 'message', (m) => m.role === 'system');
    expect(told.text).toMatch(/support team/);
    const detail = await v.detail();
    expect(detail.decisions.at(-1)).toMatchObject({ action: 'handoff', trace: { reasonCode } });
    expect(detail.status).toBe('queued');
    expect(detail.handoff?.brief).toMatch(/^Why: |\nWhy: /);
    return detail;
  }

  /** The AI answered in the widget and the conversation stayed with it. */
  async function expectAnswered(v: Visitor, reasonCode: string): Promise<ChatMessage> {
    const ai = await nextEvent<ChatMessage>(v.socket, 'message', (m) => m.role === 'ai');
    const detail = await v.detail();
    expect(detail.decisions.at(-1)).toMatchObject({ action: 'answer', trace: { reasonCode } });
    expect(detail.status).toBe('bot');
    expect(detail.handoff ?? null).toBeNull();
    return ai;
  }

  describe('hands off', () => {
    it('when the visitor asks for a person', async () => {
      const v = await visitor();
      await v.say('I want to talk to a person');
      await expectHandedOff(v, 'explicit_request');
    });

    it('for an intent whose policy is a human (a charge dispute)', async () => {
      const v = await visitor();
      await v.say('There is a duplicate charge on my credit card from you');
      const d = await expectHandedOff(v, 'intent_policy');
      expect(d.handoff?.intent).toBe('refund_or_charge_dispute');
    });

    it('on a security report, urgently', async () => {
      const v = await visitor();
      await v.say('I think someone hacked my account, there are logins I do not recognise');
      const d = await expectHandedOff(v, 'security_signal');
      expect(d.handoff?.urgent).toBe(true);
    });

    it('on a legal matter', async () => {
      const v = await visitor();
      await v.say('Our lawyer will be in touch, we are considering legal action against you');
      await expectHandedOff(v, 'legal_signal');
    });

    it('when the customer may leave', async () => {
      const v = await visitor();
      await v.say('We are thinking about cancelling and moving to a competitor');
      await expectHandedOff(v, 'churn_risk');
    });

    it('when the visitor is upset', async () => {
      const v = await visitor();
      await v.say('This is terrible. Awful, horrible service, I hate this product');
      await expectHandedOff(v, 'negative_sentiment');
    });

    it("when the visitor's mood falls fast across turns", async () => {
      const v = await visitor();
      await v.say('Hi, I love this product, great work! How do I change my billing email?');
      await expectAnswered(v, 'kb_answer');
      await v.say('This is terrible. Awful, horrible service, I hate this product');
      await expectHandedOff(v, 'sentiment_falling');
    });

    it('when the visitor repeats the question', async () => {
      const v = await visitor();
      await v.say('How do I change my billing email?');
      await expectAnswered(v, 'kb_answer');
      await v.say('How do I change my billing email address?');
      const d = await expectHandedOff(v, 'loop_detected');
      expect(d.decisions.at(-1)!.trace.loop?.reason).toBe('repeated_question');
    });

    it('on the next message after "Did this help? No", and records the feedback', async () => {
      const v = await visitor();
      await v.say('How do I change my billing email?');
      const answer = await expectAnswered(v, 'kb_answer');
      const ack = await emitAck<{ ok: boolean; resolved?: boolean }>(v.socket, 'feedback', {
        messageId: answer.id,
        helpful: false,
      });
      expect(ack).toEqual({ ok: true, resolved: false });
      expect((await v.detail()).status).toBe('bot');
      await v.say('How do I export my projects to CSV?');
      const d = await expectHandedOff(v, 'negative_feedback');
      expect(d.handoff?.reason).toMatch(/did not help/);
      const events = await server.db.query<{ type: string; data: { messageId: string; helpful: boolean } }>(
        "SELECT type, data FROM conversation_events WHERE conversation_id = $1 AND type = 'answer_feedback'",
        [v.conversationId],
      );
      expect(events.rows).toEqual([{ type: 'answer_feedback', data: { messageId: answer.id, helpful: false } }]);
    });

    it('when the knowledge base has no confident answer', async () => {
      const v = await visitor();
      await v.say('How do I configure the quantum flux capacitor on my spaceship?');
      await expectHandedOff(v, 'no_confident_answer');
    });

    it('for a high-value account with a negative signal', async () => {
      const v = await visitor({ plan: 'pro', accountValue: 50_000 });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      await expectHandedOff(v, 'high_value_negative');
    });

    it('when the renewal is close and the visitor is unhappy, and the brief says when it renews', async () => {
      const renewal = inDays(10);
      const v = await visitor({ plan: 'pro', accountValue: 1_200, renewalDate: renewal });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      const d = await expectHandedOff(v, 'renewal_at_risk');
      expect(d.handoff?.brief).toMatch(new RegExp(`Renewal: ${renewal} \\(in (9|10) days\\)`));
      expect(d.handoff?.signals).toContainEqual(expect.objectContaining({ name: 'renewal_days', threshold: 30 }));
    });

    it('sooner for an enterprise customer (tier thresholds)', async () => {
      const v = await visitor({ plan: 'Enterprise' });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      await expectHandedOff(v, 'negative_sentiment');
    });
  });

  describe('an identity the host app did not prove changes nothing', () => {
    it('a claimed enterprise plan does not lower the thresholds', async () => {
      const v = await visitor({ plan: 'Enterprise' }, { verified: false });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      await expectAnswered(v, 'kb_answer');
    });

    it('a claimed high account value does not hand off', async () => {
      const v = await visitor({ plan: 'pro', accountValue: 5_000_000 }, { verified: false });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      await expectAnswered(v, 'kb_answer');
    });

    it('a claimed close renewal is not a renewal at risk', async () => {
      const v = await visitor({ plan: 'pro', accountValue: 1_200, renewalDate: inDays(10) }, { verified: false });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      await expectAnswered(v, 'kb_answer');
    });

    it('a userHash made with another secret is no proof', async () => {
      const v = await visitor({ plan: 'Enterprise' }, { hashedWith: 'not-the-server-secret-at-all' });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      await expectAnswered(v, 'kb_answer');
    });
  });

  describe('keeps the conversation', () => {
    it('answers a plain how-to from the knowledge base, with a citation', async () => {
      const v = await visitor();
      await v.say('How do I export my projects to CSV?');
      const ai = await expectAnswered(v, 'kb_answer');
      expect(ai.text.toLowerCase()).toContain('export');
      expect(ai.citations?.length).toBeGreaterThan(0);
    });

    it('the same mildly unhappy how-to from a small account is answered', async () => {
      const v = await visitor({ plan: 'pro', accountValue: 1_200, renewalDate: inDays(200) });
      await v.say('Hmm ok, not great. How do I export my projects to CSV?');
      await expectAnswered(v, 'kb_answer');
    });

    it('says you are welcome to a polite thank-you', async () => {
      const v = await visitor();
      await v.say('How do I change my billing email?');
      await expectAnswered(v, 'kb_answer');
      await v.say('thank you!');
      const ai = await expectAnswered(v, 'thanks');
      expect(ai.text).toMatch(/welcome/i);
    });

    it('"I don\'t need a human, just tell me how to export my data" gets the how-to', async () => {
      const v = await visitor();
      await v.say("I don't need a human, just tell me how to export my data");
      const ai = await expectAnswered(v, 'kb_answer');
      expect(ai.text.toLowerCase()).toContain('export');
    });

    it('"Did this help? Yes" resolves the conversation as AI-resolved and tells the visitor', async () => {
      const v = await visitor();
      await v.say('How do I change my billing email?');
      const answer = await expectAnswered(v, 'kb_answer');
      const resolved = nextEvent(v.socket, 'conversation:resolved');
      const ack = await emitAck<{ ok: boolean; resolved?: boolean }>(v.socket, 'feedback', {
        messageId: answer.id,
        helpful: true,
      });
      expect(ack).toEqual({ ok: true, resolved: true });
      await resolved;
      const detail = await v.detail();
      expect(detail).toMatchObject({ status: 'resolved', aiResolved: true });
    });

    it('refuses feedback on a message that is not an AI answer', async () => {
      const v = await visitor();
      const id = await v.say('How do I change my billing email?');
      const bad = await emitAck<{ ok: boolean; error?: { code: string } }>(v.socket, 'feedback', {
        messageId: id,
        helpful: true,
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'not_an_ai_answer' } });
      const invalid = await emitAck<{ ok: boolean; error?: { code: string } }>(v.socket, 'feedback', {
        messageId: id,
        helpful: 'yes',
      });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    });
  });

  // Rules that used to fire on normal chats (issue 10, item 3): each misfire, then the cases the
  // same rule must still catch. Whole conversations, through the visitor socket.
  describe('rules that do not misfire', () => {
    const highValue = { plan: 'pro', accountValue: 50_000 };

    it('five different polite questions in a row are all answered (no "too many AI answers")', async () => {
      const v = await visitor();
      for (const q of [
        'How do I change my billing email?',
        'How do I export my projects to CSV?',
        'How can I reset my password?',
        'Where do I find my invoices?',
        'How do I connect Slack?',
        'How do I invite a teammate to my workspace?',
      ]) {
        await v.say(q);
        await expectAnswered(v, 'kb_answer');
      }
      expect((await v.detail()).decisions.map((d) => d.action)).toEqual(Array(6).fill('answer'));
    });

    it('a calmly described problem from a high-value account gets the article, not a person', async () => {
      for (const [q, article] of [
        ["I lost my phone and now I can't log in. How do I reset two-factor authentication?", /two-factor/i],
        ["I can't log in to my account, how do I reset my password?", /password/i],
        ['My payment failed, how do I update my credit card?', /payment/i],
      ] as const) {
        const v = await visitor(highValue);
        await v.say(q);
        const ai = await expectAnswered(v, 'kb_answer');
        expect(ai.citations?.[0]?.title, q).toMatch(article);
      }
    });

    it('the same problem from an enterprise customer (most sensitive tier) is answered too', async () => {
      const v = await visitor({ plan: 'Enterprise' });
      await v.say("I can't log in, how do I reset my password?");
      await expectAnswered(v, 'kb_answer');
    });

    it('a negated request for a person is honoured: the visitor gets the how-to', async () => {
      for (const q of [
        'dont need a human agent, just want to reset 2fa',
        "I'd rather not talk to a person, just explain how to invite a teammate",
        "Please don't transfer me to an agent, how do I change my billing email?",
      ]) {
        const v = await visitor();
        await v.say(q);
        await expectAnswered(v, 'kb_answer');
      }
    });

    it('still fires: real anger at the product from a high-value account', async () => {
      const v = await visitor(highValue);
      await v.say('My payment failed AGAIN, this is ridiculous, third time!!! How do I update my card?');
      const d = await expectHandedOff(v, 'negative_sentiment');
      expect(d.handoff?.signals).toContainEqual(expect.objectContaining({ name: 'frustration' }));
    });

    it('still fires: a problem plus frustration directed at us, for a high-value account', async () => {
      const v = await visitor(highValue);
      await v.say("I can't log in and honestly this is annoying. How do I reset my password?");
      await expectHandedOff(v, 'high_value_negative');
    });

    it('still fires: the same unresolved topic coming back in other words, after another question', async () => {
      const v = await visitor();
      await v.say('How do I change my billing email?');
      await expectAnswered(v, 'kb_answer');
      await v.say('How do I export my projects to CSV?');
      await expectAnswered(v, 'kb_answer');
      await v.say('where can I update the email for billing');
      const d = await expectHandedOff(v, 'loop_detected');
      expect(d.decisions.at(-1)!.trace.loop?.reason).toBe('repeated_question');
    });

    it('still fires: "that didn\'t help"', async () => {
      const v = await visitor();
      await v.say('How do I connect Slack?');
      await expectAnswered(v, 'kb_answer');
      await v.say("that didn't help, it is not what I asked");
      const d = await expectHandedOff(v, 'loop_detected');
      expect(d.decisions.at(-1)!.trace.loop?.reason).toBe('not_helpful');
    });

    it('still fires: an explicit request for a person, even after declining the bot', async () => {
      for (const q of ["I don't want the bot, I need a person", 'This is useless, get me a human']) {
        const v = await visitor();
        await v.say(q);
        await expectHandedOff(v, 'explicit_request');
      }
    });

    it('still fires: a described problem that is a security incident, legal or churn', async () => {
      const cases: Array<[string, string]> = [
        ['I lost my phone and someone logged into my account', 'security_signal'],
        ["I can't log in for a week now and our lawyer will be in touch", 'legal_signal'],
        ['My payment failed twice, I want to cancel my subscription', 'churn_risk'],
      ];
      for (const [q, code] of cases) {
        const v = await visitor(highValue);
        await v.say(q);
        await expectHandedOff(v, code);
      }
    });
  });
});
