/** Process entry of the `firebreak` command (bin/firebreak.js runs the compiled copy). */
import { main } from './main.js';

process.exitCode = await main(process.argv);
