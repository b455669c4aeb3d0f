import 'dotenv/config';
import './polyfills';

export const ready = true;
