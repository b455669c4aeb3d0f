import React from 'react';
import { mount } from 'enzyme';
import { TodoList } from './TodoList';

it('renders every todo and marks the overdue ones', () => {
  const wrapper = mount(
    <TodoList today="2024-05-10" todos={[{ title: 'taxes', due: '2024-04-30' }, { title: 'trip', due: '2024-06-01' }]} />,
  );
  expect(wrapper.find('li')).toHaveLength(2);
  expect(wrapper.find('li').first().prop('data-overdue')).toBe('yes');
});
