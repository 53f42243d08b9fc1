/** Runs the command-line tool as a user would, for the CLI's tests (Node only). */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface EqRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** `npm run --silent eq -- ...args` without npm: the same entry point, run from the repository root. */
export function runEq(...args: string[]): Promise<EqRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/eq.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Non-empty stderr lines. */
export const errLines = (r: EqRun): string[] => r.stderr.split('\n').filter((l) => l.trim() !== '');

export const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
