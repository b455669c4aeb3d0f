export const metre = 1;
export const foot = 0.3048;
