import type { JsonSchema } from './json-schema.js';

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const pre = (v: unknown) => `<details><summary>schema</summary><pre>${esc(JSON.stringify(v, null, 2))}</pre></details>`;

/** A plain, script-free rendering of the document. */
export function renderDocsHtml(doc: JsonSchema): string {
  const out: string[] = [];
  const info = doc.info as { title: string; description: string };
  out.push(
    `<h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Machine-readable: ` +
      `<a href="/api/openapi.json">/api/openapi.json</a></p><h2>HTTP</h2>`,
  );
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [method, op] of Object.entries(methods)) {
      out.push(
        `<section><h3><code>${esc(method.toUpperCase())} ${esc(path)}</code></h3><p>` +
          `${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}`,
      );
      const params = (op.parameters as Array<{ name: string; in: string; required: boolean }> | undefined) ?? [];
      if (params.length)
        out.push(
          '<p>Parameters: ' +
            params
              .map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`)
              .join(', ') +
            '</p>',
        );
      const body = op.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
      if (body)
        for (const [type, c] of Object.entries(body.content))
          out.push(`<p>Body: <code>${esc(type)}</code></p>${pre(c.schema)}`);
      const responses = op.responses as Record<
        string,
        { description?: string; $ref?: string; content?: Record<string, { schema: unknown }> }
      >;
      const items = Object.entries(responses).map(([code, r]) => {
        const content = r.content
          ? Object.entries(r.content)
              .map(([type, c]) => ` <code>${esc(type)}</code>${pre(c.schema)}`)
              .join('')
          : '';
        return (
          `<li><b>${esc(code)}</b> ` +
          `${esc(r.description ?? (r.$ref ? 'error body {error:{code,message}}' : ''))}${content}</li>`
        );
      });
      out.push(`<ul>${items.join('')}</ul></section>`);
    }
  }
  const sio = doc['x-socketio'] as {
    path: string;
    description: string;
    namespaces: Record<string, Record<string, unknown>>;
  };
  out.push(`<h2>Socket.io (path <code>${esc(sio.path)}</code>)</h2><p>${esc(sio.description)}</p>`);
  for (const [ns, def] of Object.entries(sio.namespaces)) {
    out.push(
      `<h3>Namespace <code>${esc(ns)}</code></h3><p>${esc(def.description)}</p><p>Handshake ` +
        `auth</p>${pre((def.handshake as { auth: unknown }).auth)}`,
    );
    for (const dir of ['clientToServer', 'serverToClient'] as const) {
      out.push(`<h4>${dir === 'clientToServer' ? 'client → server' : 'server → client'}</h4><ul>`);
      for (const [name, e] of Object.entries(
        def[dir] as Record<string, { description: string; payload: unknown; ack?: unknown }>,
      )) {
        out.push(
          `<li><code>${esc(name)}</code>: ` +
            `${esc(e.description)}${pre(e.payload)}${e.ack ? `ack${pre(e.ack)}` : ''}</li>`,
        );
      }
      out.push('</ul>');
    }
  }
  return (
    `<!doctype html><html lang="en"><head><meta ` +
    `charset="utf-8"><title>${esc(info.title)}</title><style>body{font:14px/1.5 ` +
    `system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 ` +
    `1em}pre{background:#f4f4f4;padding:.5em;overflow:auto}section{border-top:1px ` +
    `solid #ddd}</style></head><body>${out.join('\n')}</body></html>`
  );
}
