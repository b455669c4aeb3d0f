const { createHash } = await import('node:crypto');
const os = await import('node:os');

export const id = createHash('sha1').update(os.hostname()).digest('hex');
