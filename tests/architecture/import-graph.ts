import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** One file's imports: project files (repository-relative, `/`-separated) and package names. */
export interface FileImports {
  files: string[];
  packages: string[];
}

/** Every source file of the project and what it imports. */
export type ImportGraph = Map<string, FileImports>;

/** The top-level folders holding the project's TypeScript sources. */
export const SOURCE_FOLDERS = [
  'base',
  'protocol',
  'text',
  'knowledge',
  'understanding',
  'server',
  'widget',
  'console',
  'tests',
  'bench',
];

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIP = new Set(['node_modules', 'dist', 'data', '.git']);

/** The TypeScript sources under `folder` (repository-relative), without declaration files and build output. */
export function sourceFiles(root: string, folder: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(root, path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

/** `./x.js` is written for `./x.ts` (or `.tsx`); a folder means its index. */
function resolveRelative(root: string, fromFile: string, specifier: string): string | undefined {
  const bare = specifier.replace(/\?.*$/, '');
  const base = posix.normalize(posix.join(posix.dirname(fromFile), bare));
  const stem = base.replace(/\.(js|jsx|mjs|ts|tsx)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.d.ts`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ];
  return candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile());
}

/** `@scope/name/deep` -> `@scope/name`, `name/deep` -> `name`, `node:fs` stays. */
export function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Reads the import graph of the given top-level folders under `root` with the compiler's own
 * pre-processor (static, type-only, dynamic `import()` and re-exports alike). A relative import that
 * resolves to no file is an error: the graph would silently miss an edge.
 */
export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of folders.flatMap((f) => sourceFiles(root, f))) {
    const text = readFileSync(join(root, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const files = new Set<string>();
    const packages = new Set<string>();
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(root, file, specifier);
        if (!target) throw new Error(`${file}: cannot resolve import '${specifier}'`);
        files.add(target);
      } else {
        packages.add(packageName(specifier));
      }
    }
    graph.set(file, { files: [...files].sort(), packages: [...packages].sort() });
  }
  return graph;
}

/** Top-level folder of a repository-relative path (`server/http/app.ts` -> `server`). */
export function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
}
