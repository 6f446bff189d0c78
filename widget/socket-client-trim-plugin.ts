import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * What of socket.io-client the widget never uses, dropped from the chat chunk (about 0.6 kB gzip):
 * methods of its `Socket` (catch-all listeners, per-emit flags, promise acks, the `retries` queue
 * the widget does not turn on: its own outbox retries) and two methods of the event emitter. Each
 * piece listed here must be found, so a library upgrade that renames one fails the build instead
 * of silently keeping it (or breaking the rest).
 */
export interface Trim {
  /** The module, by its resolved path. */
  file: RegExp;
  /** Methods (or getters) of a class, and `if` statements in its methods whose condition contains `text`. */
  methods?: { className: string; names: string[]; statements?: { method: string; text: string }[] };
  /** Top-level `X.prototype.name = ...` assignments, by their left side. */
  prototype?: string[];
  /** String literals shortened: [starts with, replacement]. */
  strings?: [string, string][];
}

export const TRIMS: Trim[] = [
  {
    file: /socket\.io-client\/build\/esm\/socket\.js$/,
    methods: {
      className: 'Socket',
      names: [
        'disconnected',
        'send',
        'emitWithAck',
        '_addToQueue',
        'compress',
        'volatile',
        'onAny',
        'prependAny',
        'offAny',
        'listenersAny',
        'onAnyOutgoing',
        'prependAnyOutgoing',
        'offAnyOutgoing',
        'listenersAnyOutgoing',
      ],
      // The only caller of _addToQueue: the `retries` option, which the widget never sets.
      statements: [{ method: 'emit', text: 'this._opts.retries' }],
    },
    // A 200-character explanation for a socket.io v2 server, which the widget's own server never is.
    strings: [['It seems you are trying to reach a Socket.IO server in v2.x', 'not a Socket.IO v3+ server']],
  },
  // The Manager's connect/disconnect aliases (of open and _close): the widget calls the Socket's.
  {
    file: /socket\.io-client\/build\/esm\/manager\.js$/,
    methods: { className: 'Manager', names: ['connect', 'disconnect'] },
  },
  // engine.io's `send` is an alias of `write`, which socket.io's Manager calls.
  { file: /engine\.io-client\/build\/esm\/socket\.js$/, methods: { className: 'Socket', names: ['send'] } },
  {
    file: /@socket\.io\/component-emitter\/lib\/esm\/index\.js$/,
    prototype: ['Emitter.prototype.listeners', 'Emitter.prototype.hasListeners'],
  },
];

type Range = readonly [start: number, end: number, what: string, replacement?: string];

function cut(code: string, ranges: Range[]): string {
  let out = code;
  for (const [start, end, , replacement = ''] of [...ranges].sort((a, b) => b[0] - a[0]))
    out = out.slice(0, start) + replacement + out.slice(end);
  return out;
}

const nameOf = (m: ts.ClassElement): string | undefined =>
  m.name && ts.isIdentifier(m.name) ? m.name.text : undefined;

/** Removes the listed pieces from `code`; throws naming any it cannot find. */
export function trimModule(code: string, trim: Trim): string {
  const file = ts.createSourceFile('module.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: Range[] = [];
  const wanted: string[] = [];
  if (trim.methods) {
    const { className, names, statements = [] } = trim.methods;
    const cls = file.statements.find(
      (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className,
    );
    const members = cls?.members.filter((m) => ts.isMethodDeclaration(m) || ts.isGetAccessor(m)) ?? [];
    for (const name of names) {
      wanted.push(name);
      const m = members.find((x) => nameOf(x) === name);
      if (m) found.push([m.getStart(file), m.end, name]);
    }
    for (const { method, text } of statements) {
      wanted.push(`${method}: ${text}`);
      const body = (members.find((x) => nameOf(x) === method) as ts.MethodDeclaration | undefined)?.body;
      const s = body?.statements.find((x) => ts.isIfStatement(x) && x.expression.getText(file).includes(text));
      if (s) found.push([s.getStart(file), s.end, `${method}: ${text}`]);
    }
  }
  for (const target of trim.prototype ?? []) {
    wanted.push(target);
    const s = file.statements.find(
      (x) =>
        ts.isExpressionStatement(x) &&
        ts.isBinaryExpression(x.expression) &&
        x.expression.left.getText(file) === target,
    );
    if (s) found.push([s.getStart(file), s.end, target]);
  }
  for (const [prefix, replacement] of trim.strings ?? []) {
    wanted.push(prefix);
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteral(n) && n.text.startsWith(prefix))
        found.push([n.getStart(file), n.end, prefix, JSON.stringify(replacement)]);
      else ts.forEachChild(n, visit);
    };
    visit(file);
  }
  const missing = wanted.filter((w) => !found.some((r) => r[2] === w));
  if (missing.length) throw new Error(`not found: ${missing.join(', ')}`);
  return cut(code, found);
}

export function socketClientTrim(): Plugin {
  return {
    name: 'firstline-socket-client-trim',
    apply: 'build',
    transform(code, id) {
      const trim = TRIMS.find((t) => t.file.test(id.replaceAll('\\', '/')));
      if (!trim) return null;
      try {
        return { code: trimModule(code, trim), map: null };
      } catch (err) {
        this.error(`${id} changed (${(err as Error).message}); update widget/socket-client-trim-plugin.ts`);
      }
    },
  };
}
