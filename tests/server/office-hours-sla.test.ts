import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { HandoffNotice } from '../../protocol/visitor-socket.js';
import type { RunningServer } from '../../server/start-server.js';
import { apiClient, signIn, type Call } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, fakeClock, nextEvent, startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

// Friday 5 June 2026, 16:30 in Berlin (CEST, UTC+2): half an hour before the team closes for the weekend.
const FRIDAY_1630 = new Date('2026-06-05T14:30:00Z');
const SKILLS = ['general', 'billing', 'technical', 'security', 'account', 'cancellation', 'bug'];
const BERLIN_WEEKDAYS = {
  timezone: 'Europe/Berlin',
  week: [[], ...Array.from({ length: 5 }, () => [{ start: '09:00', end: '17:00' }]), []],
  holidays: [],
};

describe(`office hours per team: business-hours SLA and "we're back" (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let call: Call;
  let admin: string;
  const clock = fakeClock(FRIDAY_1630);
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { clock, startWorkers: false });
    call = apiClient(server);
    admin = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it("an admin sets a team's office hours; the team list says whether it is open and when it is back", async () => {
    const created = await call('POST', '/api/teams', {
      token: admin,
      json: { name: 'Support Berlin', skills: SKILLS },
    });
    const { id } = (await created.json()) as { id: string };
    const bad = await call('PUT', `/api/teams/${id}/office-hours`, {
      token: admin,
      json: { officeHours: { ...BERLIN_WEEKDAYS, timezone: 'Berlin' } },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/time zone/);
    const res = await call('PUT', `/api/teams/${id}/office-hours`, {
      token: admin,
      json: { officeHours: BERLIN_WEEKDAYS },
    });
    expect(res.status).toBe(200);
    const teams = (await (await call('GET', '/api/teams', { token: admin })).json()) as {
      teams: Array<{ id: string; openNow: boolean; backAt: string | null; officeHours: unknown }>;
    };
    expect(teams.teams.find((t) => t.id === id)).toMatchObject({
      openNow: true,
      backAt: null,
      officeHours: BERLIN_WEEKDAYS,
    });
  });

  it(
    'a handoff just before the weekend is due on Monday, ' +
      'is not breached over the weekend, and the visitor hears when the team is back',
    async () => {
      const visitor = await connect(`${server.url}/visitor`, {
        page: { url: 'http://localhost/billing', title: 'Billing' },
      });
      sockets.push(visitor);
      const { conversationId, token } = await nextEvent<{ conversationId: string; token: string }>(visitor, 'session');
      // 16:50: still open when the visitor asks for a person.
      clock.advance(20 * 60);
      expect(
        (
          await emitAck(visitor, 'message', {
            clientMessageId: randomUUID(),
            text: 'I want to talk to a person about my invoice',
          })
        ).ok,
      ).toBe(true);
      await server.idle();
      const { rows } = await tdb.db.query<{
        priority: number;
        handed_off_at: Date;
        first_response_due_at: Date;
        first_response_warn_at: Date;
      }>(
        `SELECT priority, handed_off_at, first_response_due_at, ` +
          `first_response_warn_at FROM conversations WHERE id = $1`,
        [conversationId],
      );
      const c = rows[0]!;
      const wallMinutes = (c.first_response_due_at.getTime() - c.handed_off_at.getTime()) / 60_000;
      // Ten open minutes on Friday, the rest from Monday 09:00 Berlin time (07:00Z): never during the weekend.
      expect(c.first_response_due_at.getUTCDay()).toBe(1);
      expect(c.first_response_due_at.getTime()).toBeGreaterThan(Date.parse('2026-06-08T07:00:00Z'));
      expect(wallMinutes).toBeGreaterThan(60 * 60);
      expect(c.first_response_warn_at.getTime()).toBeLessThan(c.first_response_due_at.getTime());
      expect(c.first_response_warn_at.getTime()).toBeGreaterThan(Date.parse('2026-06-08T07:00:00Z'));

      // Saturday noon: the clock is paused, nothing is warned or breached.
      clock.advance((Date.parse('2026-06-06T10:00:00Z') - clock().getTime()) / 1000);
      expect(await server.jobs.sla()).toEqual({ warned: 0, breached: 0 });

      // While closed the visitor is told when the team is back (a reconnect gets the notice again).
      const again = await connect(`${server.url}/visitor`, { token });
      sockets.push(again);
      const notice = await nextEvent<HandoffNotice>(again, 'handoff', (h) => h.conversationId === conversationId);
      expect(notice.backAt).toBe('2026-06-08T07:00:00.000Z');

      // Monday, past the deadline: breached once.
      clock.advance((c.first_response_due_at.getTime() + 60_000 - clock().getTime()) / 1000);
      expect((await server.jobs.sla()).breached).toBe(1);
    },
  );
});
