import React from 'react';
import { mount } from 'enzyme';
import { TodoList, type Todo } from './TodoList';
import { loadFixture } from './test-utils/fixtures';

it('renders every todo and marks the overdue ones', () => {
  const todos = loadFixture<Todo[]>('todos.json');
  const wrapper = mount(<TodoList today="2024-05-10" todos={todos} />);
  expect(wrapper.find('li')).toHaveLength(2);
  expect(wrapper.find('li').first().prop('data-overdue')).toBe('yes');
});
