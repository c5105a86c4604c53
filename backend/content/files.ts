// Reading content files: YAML with its problems reported by file and field, and measured images.
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import { imageSize } from 'image-size';
import YAML from 'yaml';
import type { z } from 'zod';
import type { StoredImage } from '../domain/catalogue';

export function describeIssues(where: string, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '（整个文件）';
    return `${where} 字段 ${field}：${issue.message}`;
  });
}

export async function readYaml(file: string, label: string, problems: string[]): Promise<unknown> {
  try {
    return YAML.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    problems.push(
      `${label}：无法读取或不是合法的 YAML（${(error as Error).message.split('\n')[0]}）`,
    );
    return undefined;
  }
}

export async function measureImage(
  mediaDir: string,
  relative: string,
  where: string,
  field: string,
  problems: string[],
): Promise<StoredImage> {
  try {
    const file = await fs.readFile(path.join(mediaDir, relative));
    const { width, height } = imageSize(file);
    if (!width || !height) throw new Error('无法读取尺寸');
    return { path: relative, width, height, ...digestOf(file) };
  } catch (error) {
    problems.push(
      `${where} 字段 ${field}：图片 media/${relative} 不存在或无法读取（${(error as Error).message}）`,
    );
    return { path: relative, width: 0, height: 0, bytes: 0, sha256: '' };
  }
}

/** What an offline pack lists for a media file: its size and SHA-256, hex. */
export function digestOf(file: Buffer): { bytes: number; sha256: string } {
  return { bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') };
}

/** The YAML files of a folder, sorted; none when the folder does not exist. */
export async function yamlFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [])).filter((name) => /\.ya?ml$/.test(name)).sort();
}

/**
 * One `<folder>/<id>.yaml` record: read, checked against its schema and against its file name.
 * Answers the record and how problems name it (`content/replays/x.yaml（回放 x）`), or null when it
 * cannot be used; every problem found goes to `problems`.
 */
export async function readRecord<S extends z.ZodType<{ id: string }>>(
  dir: string,
  name: string,
  options: { label: string; kind: string; schema: S },
  problems: string[],
): Promise<{ record: z.output<S>; where: string } | null> {
  const label = `${options.label}/${name}`;
  const raw = await readYaml(path.join(dir, name), label, problems);
  const rawId = (raw as { id?: unknown } | undefined)?.id;
  const where = typeof rawId === 'string' ? `${label}（${options.kind} ${rawId}）` : label;
  const parsed = options.schema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...describeIssues(where, parsed.error.issues));
    return null;
  }
  if (name.replace(/\.ya?ml$/, '') !== parsed.data.id) {
    problems.push(`${where} 字段 id：必须与文件名一致`);
  }
  return { record: parsed.data, where };
}
