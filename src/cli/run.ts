// Entry point of the command line when run from the sources (`npm run dev`, tests): the compiled
// equivalent is bin/tandem.js.
import { runCli } from './main.js';

await runCli(process.argv);
