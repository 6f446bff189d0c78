// The shipped firstline.d.ts types a host app's calls: right ones compile, wrong ones do not.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const DTS = path.resolve(import.meta.dirname, '../../widget/firstline.d.ts');
/** lib.dom.d.ts is large: parse it once for both checks. */
const parsed = new Map<string, ts.SourceFile | undefined>();

function typeErrors(source: string): string[] {
  const file = path.join(path.dirname(DTS), '__host_app__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipDefaultLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => {
    if (name === file) return ts.createSourceFile(name, source, lang);
    if (!parsed.has(name)) parsed.set(name, read(name, lang));
    return parsed.get(name);
  };
  const program = ts.createProgram([file, DTS], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('firstline.d.ts', () => {
  it('accepts every documented command and event', () => {
    const errors = typeErrors(`
      import type { FirstlineMessage } from './firstline.js';
      Firstline.identify({ id: 42, name: 'Dana', email: 'dana@example.com', plan: 'business', accountValue: 12000, \
renewalDate: new Date(), userHash: 'h' });
      Firstline.setContext({ feature: 'billing' });
      Firstline.setContext(null);
      Firstline.open(); Firstline.close(); Firstline.page(); Firstline.hide(); Firstline.show(); Firstline.shutdown();
      const onMessage = (m: FirstlineMessage) => console.log(m.role, m.text);
      Firstline.on('message', onMessage);
      Firstline.off('message', onMessage);
      Firstline.on('handoff', (h) => console.log(h.queuePosition));
      Firstline.on('ready', () => {});
      window.Firstline = window.Firstline || { q: [] };
      (window.Firstline.q as unknown[]).push(['identify', { id: 'u_1' }]);
    `);
    expect(errors).toEqual([]);
  });

  it('refuses unknown commands, events and wrong arguments', () => {
    const errors = typeErrors(`
      Firstline.identify({ id: 'u', plan: 3 });
      Firstline.on('opened', () => {});
      Firstline.on('handoff', (h: { nope: string }) => {});
      Firstline.logout();
    `);
    expect(errors).toHaveLength(4);
  });
});
