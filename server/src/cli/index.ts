import { main } from './main';

const code = main(process.argv);
if (code >= 0) process.exitCode = code;
