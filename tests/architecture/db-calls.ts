import { readdirSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** The methods of the SQL seam (base/db.ts) that run statements. */
const SQL_METHODS = new Set(['query', 'transaction']);
const SEAM = 'base/db.ts';

/**
 * Every call of `query` or `transaction` on the SQL seam in the `.ts` files of `folder`, as
 * `file:line: text`. The type checker decides what the receiver is, so `c.req.query()` is not a
 * database call and `tx.query()`, a destructured `{ query }` or a `Pick<Db, 'query'>` are.
 */
export function findDbCalls(root: string, folder: string): string[] {
  const files = readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(root, folder, f));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    lib: ['lib.es2022.d.ts'],
    types: [],
  };
  // Packages' typings (hono, zod, langchain, ...) are read as empty files: they cost most of the
  // time and never decide whether a receiver is the project's own SQL seam.
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    /[\\/]node_modules[\\/]/.test(fileName) && !/[\\/]node_modules[\\/]typescript[\\/]lib[\\/]/.test(fileName)
      ? ts.createSourceFile(fileName, '', languageVersion)
      : readSource(fileName, languageVersion, ...rest);
  const program = ts.createProgram(files, options, host);
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const name = relative(root, file).split(sep).join(posix.sep);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression)
          ? node.expression.name
          : ts.isIdentifier(node.expression)
            ? node.expression
            : undefined;
        if (callee && ts.isIdentifier(callee) && SQL_METHODS.has(callee.text) && declaredOnSeam(checker, callee)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${name}:${line + 1}: ${node.expression.getText(source)}(...)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function declaredOnSeam(checker: ts.TypeChecker, callee: ts.Identifier): boolean {
  let symbol = checker.getSymbolAtLocation(callee);
  // A destructured `{ query } = db` or an import alias: follow it to the declaration.
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations ?? [];
  if (declarations.some((d) => d.getSourceFile().fileName.split(sep).join(posix.sep).endsWith(SEAM))) return true;
  // A local `const { query } = db`: the binding's type is the seam's method.
  return declarations.some((d) => {
    if (!ts.isBindingElement(d)) return false;
    const type = checker.getTypeAtLocation(d.parent);
    const prop = type.getProperty(callee.text);
    return (prop?.declarations ?? []).some((p) => p.getSourceFile().fileName.split(sep).join(posix.sep).endsWith(SEAM));
  });
}
