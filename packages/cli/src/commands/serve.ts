import type { RegisterCommand } from '../io.js';

/** `aurora serve` — not built yet; owned by the issue that specifies it. */
export const registerServe: RegisterCommand = (program, io, setExit) => {
  program
    .command('serve')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      io.stderr('aurora serve is not available in this build\n');
      setExit(2);
    });
};
