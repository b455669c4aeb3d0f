const actual = jest.requireActual('axios');

module.exports = {
  ...actual,
  get: jest.fn(() => Promise.resolve({ data: {} })),
};
