import fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __rcmTest?: { tmpDir: string; stopPg?: () => Promise<void>; testServers: ChildProcess[] } }).__rcmTest;
  if (!started) return;
  for (const child of started.testServers) child.kill('SIGKILL');
  await started.stopPg?.();
  fs.rmSync(started.tmpDir, { recursive: true, force: true });
}
