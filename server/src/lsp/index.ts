import { startServer } from './main';

startServer();
