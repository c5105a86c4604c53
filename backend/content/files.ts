// Reading content files: YAML with its problems reported by file and field, and measured images.
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
    const { width, height } = imageSize(await fs.readFile(path.join(mediaDir, relative)));
    if (!width || !height) throw new Error('无法读取尺寸');
    return { path: relative, width, height };
  } catch (error) {
    problems.push(
      `${where} 字段 ${field}：图片 media/${relative} 不存在或无法读取（${(error as Error).message}）`,
    );
    return { path: relative, width: 0, height: 0 };
  }
}

/** The YAML files of a folder, sorted; none when the folder does not exist. */
export async function yamlFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [])).filter((name) => /\.ya?ml$/.test(name)).sort();
}
