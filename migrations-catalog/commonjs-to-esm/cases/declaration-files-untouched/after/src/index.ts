import * as legacy from 'legacy';

export const stats = legacy.open();
