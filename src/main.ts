import 'reflect-metadata';
import { runServerOrExit } from './server.js';

runServerOrExit();
