export const low = 'low';
export const high = 'high';
