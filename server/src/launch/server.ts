import * as path from 'node:path';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'server.bundle.js'));
