import type { RegisterCommand } from '../io.js';

/** `aurora policy` — not built yet; owned by the issue that specifies it. */
export const registerPolicy: RegisterCommand = (program, io, setExit) => {
  program
    .command('policy')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      io.stderr('aurora policy is not available in this build\n');
      setExit(2);
    });
};
