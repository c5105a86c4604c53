// `npm start` / `npm run serve` as a person meets them: the real script in a child process.
import { spawn } from 'child_process';
import net from 'net';
import path from 'path';
import { seedFromContent } from '../../backend/host/local';
import { CONTENT_DIR } from '../backend/fixture';
import { tempDir } from '../support/temp';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function run(script: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, [script], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('starting the host', () => {
  it('explains a port in use in one sentence that says how to change it, without a stack', async () => {
    const storeDir = await tempDir('pompidou-start-');
    await seedFromContent(CONTENT_DIR, storeDir);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const result = await run('scripts/serve.ts', {
        PORT: String(port),
        HOST: '127.0.0.1',
        STORE_DIR: storeDir,
        MEDIA_SIGNING_SECRET: 'start-test-secret-0123456789',
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `Port ${port} on 127.0.0.1 is already in use: stop the program using it, or start on another port with PORT=${port + 1} npm start.`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a DEMO_ARTWORKS that is not a count, in one sentence, before building anything', async () => {
    const result = await run('scripts/start.ts', { DEMO_ARTWORKS: 'lots' });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('miniprogram_npm');
    expect(result.stderr.trim()).toBe(
      'DEMO_ARTWORKS must be a whole number from 0 to 1000000, got "lots".',
    );
  });
});
