require('./polyfills');
import { start } from './app';

start();
