import { z } from 'zod';
import type { Tool } from './types.js';

const schema = z.object({ report: z.string().min(1).describe('Final report for the reviewer (markdown)') }).strict();

export const finishTool: Tool<z.infer<typeof schema>> = {
  name: 'finish',
  description:
    'Call when the migration is complete. `report`: what you changed and why, anything left undone, and anything that was unclear.',
  schema,
  writes: false,
  handle(args) {
    return { kind: 'finish', output: 'Noted. godwit will now verify the change.', report: args.report };
  },
};
