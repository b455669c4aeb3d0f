import React from 'react';
import { List } from './List';

export const Page = () => <List items={['home', 'about']} />;
