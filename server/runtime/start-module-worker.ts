import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running a module of this codebase, which is TypeScript run by tsx (`npm start`)
 * or vitest. On Node 20 a worker does not inherit tsx's loader, and `--import tsx` in the worker's
 * execArgv does not reach its entry module; tsx's `tsImport` API, called from a small plain-JS
 * entry, loads the .ts file and everything it imports. A .js entry (compiled code) starts directly.
 */
export function startModuleWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  // The ESM build (the package's `import` condition), resolved from here: the worker's cwd may be anywhere.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot =
    `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) ` +
    `=> tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(boot, { ...options, eval: true });
}
