const user = { type: 'object', required: ['name'] };
const order = { type: 'object', required: ['id'] };

export { user, order };
