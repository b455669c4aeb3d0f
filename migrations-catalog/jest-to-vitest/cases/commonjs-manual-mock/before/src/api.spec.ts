import axios from 'axios';
import { loadUser } from './api';

jest.mock('axios');

test('loads through the manual mock', async () => {
  await loadUser(1);
  expect(axios.get).toHaveBeenCalledWith('/users/1');
});
