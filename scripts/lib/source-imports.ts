// Finds, in the mini program's TypeScript, imports that Node and Jest resolve but a phone never
// will: a folder (WeChat does not look for its index) or a spelled-out .ts file.
import { existsSync, promises as fs, statSync } from 'fs';
import path from 'path';
import ts from 'typescript';
import { GENERATED_FOLDERS, listFiles } from './files';

export interface ImportProblem {
  file: string;
  spec: string;
  problem: string;
}

async function sourceFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir, GENERATED_FOLDERS)).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
  );
}

export async function findRuntimeImportProblems(root: string): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  for (const file of (await sourceFiles(root)).sort()) {
    const { importedFiles } = ts.preProcessFile(await fs.readFile(file, 'utf8'), true, true);
    for (const { fileName: spec } of importedFiles) {
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
      const target = spec.startsWith('/')
        ? path.join(root, spec)
        : path.resolve(path.dirname(file), spec);
      const relative = path.relative(root, file);
      if (/\.ts$/.test(spec)) {
        problems.push({ file: relative, spec, problem: 'names a .ts file; write it without .ts' });
      } else if (
        !existsSync(`${target}.ts`) &&
        existsSync(target) &&
        statSync(target).isDirectory()
      ) {
        problems.push({
          file: relative,
          spec,
          problem: `imports a folder, which WeChat's require never resolves; write '${spec.replace(/\/$/, '')}/index'`,
        });
      }
    }
  }
  return problems;
}
