import { z } from 'zod';
import type { Tool } from './types.js';

const schema = z.object({ report: z.string().min(1) }).strict();

export const finishTool: Tool<z.infer<typeof schema>> = {
  name: 'finish',
  description:
    'Call when the migration is complete. `report`: what you changed and why, anything left undone, and anything that was unclear.',
  schema,
  parameters: {
    type: 'object',
    properties: { report: { type: 'string', description: 'Final report for the reviewer (markdown)' } },
    required: ['report'],
    additionalProperties: false,
  },
  writes: false,
  handle(args) {
    return { kind: 'finish', output: 'Noted. godwit will now verify the change.', report: args.report };
  },
};
