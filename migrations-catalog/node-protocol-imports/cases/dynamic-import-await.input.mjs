const { createHash } = await import('crypto');
const os = await import('os');

export const id = createHash('sha1').update(os.hostname()).digest('hex');
