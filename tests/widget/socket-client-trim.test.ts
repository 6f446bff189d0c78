// The chat chunk leaves out the parts of socket.io-client the widget never uses; what is cut is
// named, and a library that no longer has one of them fails the build instead of shipping it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRIMS, trimModule } from '../../widget/socket-client-trim-plugin.js';

const sample = `export class Socket extends Emitter {
  emit(ev, ...args) {
    if (this._opts.retries && !this.flags.fromQueue) {
      this._addToQueue(args);
      return this;
    }
    return this.packet(args);
  }
  onAny(listener) { return this; }
  get volatile() { return this; }
  packet(p) { return p; }
}
Emitter.prototype.listeners = function (event) { return []; };
Emitter.prototype.on = function (event, fn) { return this; };
const e = new Error("It seems you are trying to reach an old server");
`;
const trim = {
  file: /x/,
  methods: {
    className: 'Socket',
    names: ['onAny', 'volatile'],
    statements: [{ method: 'emit', text: 'this._opts.retries' }],
  },
  prototype: ['Emitter.prototype.listeners'],
  strings: [['It seems', 'old server'] as [string, string]],
};

describe('socket.io-client trim', () => {
  it('removes the named methods, getters, statements and prototype assignments and keeps the rest', () => {
    const out = trimModule(sample, trim);
    expect(out).not.toMatch(/onAny|volatile|_addToQueue|listeners/);
    expect(out).toContain('return this.packet(args);');
    expect(out).toContain('packet(p) { return p; }');
    expect(out).toContain('Emitter.prototype.on =');
    expect(out).toContain('new Error("old server")');
    // Still a valid module with the same class.
    expect(() => new Function(out.replace('export ', '').replace('extends Emitter', ''))).not.toThrow();
  });

  it('names every piece it cannot find', () => {
    expect(() =>
      trimModule(sample, {
        file: /x/,
        methods: { className: 'Socket', names: ['onAny', 'gone'] },
        prototype: ['Emitter.prototype.nope'],
      }),
    ).toThrow('not found: gone, Emitter.prototype.nope');
  });

  it('finds every listed piece in the installed socket.io-client, engine.io-client and emitter', () => {
    const require = createRequire(import.meta.url);
    const files = [
      path.join(path.dirname(require.resolve('socket.io-client/package.json')), 'build/esm/socket.js'),
      path.join(path.dirname(require.resolve('socket.io-client/package.json')), 'build/esm/manager.js'),
      path.join(path.dirname(require.resolve('engine.io-client/package.json')), 'build/esm/socket.js'),
      path.join(path.dirname(require.resolve('@socket.io/component-emitter/package.json')), 'lib/esm/index.js'),
    ];
    for (const t of TRIMS) {
      const file = files.find((f) => t.file.test(f.replaceAll('\\', '/')));
      expect(file, String(t.file)).toBeDefined();
      const code = readFileSync(file!, 'utf8');
      const out = trimModule(code, t);
      expect(out.length).toBeLessThan(code.length);
    }
  });
});
