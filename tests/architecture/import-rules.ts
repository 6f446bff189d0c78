import { folderOf, type ImportGraph } from './import-graph.js';

/** What one top-level folder may import. A folder may always import itself. */
export interface ImportRule {
  folder: string;
  /** The only other project folders it may import; absent: any but `forbidden`. */
  mayImport?: readonly string[];
  forbidden?: readonly string[];
  /** The only packages it may import; absent: any. */
  packages?: readonly string[];
  /** Said in the failure message, so whoever breaks the rule knows what it protects. */
  why: string;
}

/** One message per import that breaks a rule: `file imports target: why`. */
export function checkImportRules(graph: ImportGraph, rules: readonly ImportRule[]): string[] {
  const broken: string[] = [];
  for (const [file, imports] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    const rule = rules.find((r) => r.folder === folderOf(file));
    if (!rule) continue;
    for (const target of imports.files) {
      const folder = folderOf(target);
      if (folder === rule.folder) continue;
      const allowed = rule.mayImport ? rule.mayImport.includes(folder) : !rule.forbidden?.includes(folder);
      if (!allowed) broken.push(`${file} imports ${target}: ${rule.why}`);
    }
    if (rule.packages) {
      for (const name of imports.packages) {
        if (!rule.packages.includes(name)) broken.push(`${file} imports package '${name}': ${rule.why}`);
      }
    }
  }
  return broken;
}
