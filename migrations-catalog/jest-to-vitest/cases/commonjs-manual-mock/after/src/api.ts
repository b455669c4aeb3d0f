import axios from 'axios';

export const loadUser = (id: number) => axios.get(`/users/${id}`);
