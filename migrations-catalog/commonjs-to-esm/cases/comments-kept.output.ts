// Node built-ins
import * as os from 'os';

/** The machine name. */
export const host = () => os.hostname();
