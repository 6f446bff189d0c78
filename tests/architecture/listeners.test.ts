import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// `bus.on(...)`, `deps.bus.on(...)`, or any `.on(DomainEvents.x, ...)`.
const SUBSCRIBES = /\bbus\.on\s*\(|\.on\s*\(\s*DomainEvents\./;

/** Files of `folder` (repository-relative) that subscribe to a domain event. */
function subscribers(folder: string, except: readonly string[]): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .map((f) => posix.join(folder, f.split('\\').join('/')))
    .filter((f) => f.endsWith('.ts') && !except.includes(f))
    .filter((f) => SUBSCRIBES.test(readFileSync(join(root, f), 'utf8')));
}

describe('domain-event listeners', () => {
  it('are all subscribed in server/listeners.ts, the one list of side effects', () => {
    expect(subscribers('server', ['server/listeners.ts', 'server/events/event-bus.ts'])).toEqual([]);
    expect(subscribers('server', [])).toContain('server/listeners.ts');
  });

  it('recognises a subscription written elsewhere', () => {
    expect(SUBSCRIBES.test('deps.bus.on(DomainEvents.messageCreated, run);')).toBe(true);
    expect(SUBSCRIBES.test('events.on( DomainEvents.slaBreached, alert)')).toBe(true);
    expect(SUBSCRIBES.test("bus.emit(DomainEvents.messageCreated, payload); socket.on('message', f)")).toBe(false);
  });
});
