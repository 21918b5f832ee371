import { Command } from 'commander';
import { registerEval } from './commands/eval.js';
import { registerNormalize } from './commands/normalize.js';
import { registerPolicy } from './commands/policy.js';
import { registerReplay } from './commands/replay.js';
import { registerServe } from './commands/serve.js';
import type { CliIo } from './io.js';
import { processIo } from './io.js';

/** Runs the `aurora` command line and resolves to its exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('aurora').description('Aurora SDK command line').exitOverride();
  program.configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  const state = { exitCode: 0 };
  const setExit = (code: number) => {
    state.exitCode = code;
  };
  registerNormalize(program, io, setExit);
  registerReplay(program, io, setExit);
  registerEval(program, io, setExit);
  registerPolicy(program, io, setExit);
  registerServe(program, io, setExit);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code;
    throw error;
  }
  return state.exitCode;
}
