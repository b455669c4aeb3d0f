import React from 'react';
import moment from 'moment';

export interface Todo {
  title: string;
  due: string;
}

export function TodoList({ todos, today }: { todos: Todo[]; today: string }) {
  const overdue = (t: Todo) => moment(t.due).isBefore(moment(today), 'day');
  return (
    <ul>
      {todos.map((t) => (
        <li key={t.title} data-overdue={overdue(t) ? 'yes' : 'no'}>
          {t.title}
        </li>
      ))}
    </ul>
  );
}
