const actual = jest.requireActual<typeof import('../clock')>('../clock');

export const now = jest.fn(() => new Date('2024-05-17T09:30:00Z'));

export const formatDay = actual.formatDay;
