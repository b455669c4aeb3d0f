import { vi } from 'vitest';
import * as actual from '../clock';

export const now = vi.fn(() => new Date('2024-05-17T09:30:00Z'));

export const formatDay = actual.formatDay;
