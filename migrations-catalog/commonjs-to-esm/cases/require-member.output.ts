import { promisify } from 'util';
import Ajv from 'ajv';

export const tools = { promisify, Ajv };
