export const fetchUser = async (id: string) => ({ id });
export const VERSION = 1;
