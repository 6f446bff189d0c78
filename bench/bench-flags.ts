/**
 * `--name=value` and `--flag` arguments of `npm run bench -- <name> ...`, over defaults; unknown flags are an error.
 */
export function parseBenchFlags<T extends Record<string, string | number | boolean>>(
  args: readonly string[],
  defaults: T,
): { [K in keyof T]: string | number | boolean } {
  const out: Record<string, string | number | boolean> = { ...defaults };
  for (const arg of args) {
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument "${arg}": use --name=value`);
    const [, name, value] = m;
    if (!(name! in defaults))
      throw new Error(
        `unknown flag --${name}; known: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(', ')}`,
      );
    const d = defaults[name!];
    if (typeof d === 'boolean') out[name!] = value === undefined ? true : value !== 'false' && value !== '0';
    else if (typeof d === 'number') {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n <= 0)
        throw new Error(`--${name} needs a positive number, e.g. --${name}=${d}`);
      out[name!] = n;
    } else {
      if (value === undefined) throw new Error(`--${name} needs a value, e.g. --${name}=${d}`);
      out[name!] = value;
    }
  }
  return out as { [K in keyof T]: string | number | boolean };
}
