import type { RegisterCommand } from '../io.js';

/** `aurora eval` — not built yet; owned by the issue that specifies it. */
export const registerEval: RegisterCommand = (program, io, setExit) => {
  program
    .command('eval')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      io.stderr('aurora eval is not available in this build\n');
      setExit(2);
    });
};
