import './polyfills';
import { start } from './app';

start();
