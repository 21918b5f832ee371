import { readFileSync } from 'node:fs';

/** Where CLI commands read and write; tests pass an in-memory one. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file path, or standard input for `-`. */
  readInput(pathOrDash: string): Promise<string>;
  cwd: string;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  async readInput(p) {
    if (p === '-') {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return readFileSync(p, 'utf8');
  },
  cwd: process.cwd(),
};

/** Signature every command module exports. */
export type RegisterCommand = (
  program: import('commander').Command,
  io: CliIo,
  setExit: (code: number) => void,
) => void;
