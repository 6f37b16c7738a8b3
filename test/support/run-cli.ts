// Tests spawn the command line from the sources with `node --import tsx`.
import '../../src/cli/run.js';
